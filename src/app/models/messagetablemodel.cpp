// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/messagetablemodel.h"

#include "framing/decoderregistry.h"
#include "stream/bytepreview.h"
#include "stream/streamchannel.h"

#include <algorithm>
#include <cstddef>
#include <limits>

namespace TcpInspector {

MessageTableModel::MessageTableModel(QObject *parent) : QAbstractTableModel(parent) { }

MessageTableModel::~MessageTableModel() = default;

void MessageTableModel::setChannel(const StreamChannel *channel)
{
    beginResetModel();
    m_channel = channel;
    Snapshot empty;
    adopt(empty);
    endResetModel();
    refresh();
}

void MessageTableModel::setStartTimeNs(qint64 startNs)
{
    if (startNs == m_startNs)
        return;
    m_startNs = startNs;
    if (rowCount() > 0)
        emit dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn));
}

qint64 MessageTableModel::countFramesBefore(qint64 offset, qint64 from, qint64 to) const
{
    // Frames are sorted and do not overlap: a search over the index's block
    // headers, under one lock.
    return std::clamp(m_channel->firstFrameStartingAt(offset), from, std::max(from, to));
}

bool MessageTableModel::takeSnapshot(Snapshot *snapshot) const
{
    snapshot->framing = m_channel->framing();
    // The frames published before the errors are read: an error read later
    // comes from a later publish and lies after all of them, so rows shown
    // now never need one inserted above them.
    snapshot->frames = m_channel->frameCount();
    std::vector<FrameError> errors = m_channel->errors();
    const qint64 published = m_channel->frameCount();
    const PartialFrame partial = m_channel->partial();
    if (m_channel->framing() != snapshot->framing)
        return false; // re-decoded meanwhile: the next refresh sees the new framing

    const bool sameDecoding = snapshot->framing == m_framing && snapshot->frames >= m_frames
                              && errors.size() >= m_errors.size();
    size_t known = sameDecoding ? m_errors.size() : 0;
    snapshot->framesBefore.assign(m_framesBefore.begin(),
                                  m_framesBefore.begin() + std::ptrdiff_t(known));
    qint64 from = known > 0 ? snapshot->framesBefore.back() : 0;
    size_t shown = known;
    for (; shown < errors.size(); ++shown) {
        const qint64 before = countFramesBefore(errors[shown].offset, from, published);
        // After frames not announced yet: it waits for them.
        if (before > snapshot->frames)
            break;
        snapshot->framesBefore.push_back(before);
        from = before;
    }
    errors.resize(shown);
    snapshot->errors = std::move(errors);
    snapshot->partial = partial;

    // A view has int rows; the frames give way, the errors and the tail stay.
    const qint64 maxFrames = std::numeric_limits<int>::max() - 1 - qint64(snapshot->errors.size());
    snapshot->frames = std::min(snapshot->frames, maxFrames);
    return true;
}

void MessageTableModel::adopt(Snapshot &snapshot)
{
    m_cachedRow = -1;
    m_framing = snapshot.framing;
    m_frames = snapshot.frames;
    m_errors = std::move(snapshot.errors);
    m_framesBefore = std::move(snapshot.framesBefore);
    m_errorRows.resize(m_framesBefore.size());
    for (size_t e = 0; e < m_framesBefore.size(); ++e)
        m_errorRows[e] = m_framesBefore[e] + qint64(e);
    m_partial = snapshot.partial;
    m_hasPartial = m_partial.held > 0;
}

void MessageTableModel::refresh()
{
    if (!m_channel)
        return;
    Snapshot next;
    if (!takeSnapshot(&next))
        return;
    const bool sameDecoding = next.framing == m_framing && next.frames >= m_frames
                              && next.errors.size() >= m_errors.size();
    if (!sameDecoding) {
        beginResetModel();
        adopt(next);
        endResetModel();
        return;
    }

    const PartialFrame partial = next.partial;
    const int oldBase = baseRows();
    const int newBase = int(next.frames) + int(next.errors.size());
    if (newBase > oldBase) {
        // New messages and errors go above the partial row, which stays last.
        beginInsertRows(QModelIndex(), oldBase, newBase - 1);
        next.partial = m_partial;
        adopt(next);
        endInsertRows();
    }

    const bool hasPartial = partial.held > 0;
    if (m_hasPartial && !hasPartial) {
        beginRemoveRows(QModelIndex(), newBase, newBase);
        m_partial = partial;
        m_hasPartial = false;
        endRemoveRows();
    } else if (!m_hasPartial && hasPartial) {
        beginInsertRows(QModelIndex(), newBase, newBase);
        m_partial = partial;
        m_hasPartial = true;
        endInsertRows();
    } else if (hasPartial
               && (partial.offset != m_partial.offset || partial.held != m_partial.held
                   || partial.needed != m_partial.needed)) {
        m_partial = partial;
        emit dataChanged(index(newBase, 0), index(newBase, ColumnCount - 1));
    }
}

MessageTableModel::RowKind MessageTableModel::rowKind(int row) const
{
    if (m_hasPartial && row == baseRows())
        return RowKind::Partial;
    return errorOfRow(row) >= 0 ? RowKind::Error : RowKind::Message;
}

int MessageTableModel::errorOfRow(int row) const
{
    const auto it = std::lower_bound(m_errorRows.begin(), m_errorRows.end(), qint64(row));
    return it != m_errorRows.end() && *it == row ? int(it - m_errorRows.begin()) : -1;
}

qint64 MessageTableModel::frameOfRow(int row) const
{
    if (row < 0 || row >= baseRows())
        return -1;
    const auto it = std::lower_bound(m_errorRows.begin(), m_errorRows.end(), qint64(row));
    if (it != m_errorRows.end() && *it == row)
        return -1;
    return row - qint64(it - m_errorRows.begin());
}

int MessageTableModel::rowOfFrame(qint64 frame) const
{
    if (frame < 0 || frame >= m_frames)
        return -1;
    // The errors placed ahead of this frame.
    const auto ahead = std::upper_bound(m_framesBefore.begin(), m_framesBefore.end(), frame)
                       - m_framesBefore.begin();
    return int(frame + ahead);
}

int MessageTableModel::rowOfError(int error) const
{
    if (error < 0 || error >= errorCount())
        return -1;
    return int(m_errorRows[size_t(error)]);
}

int MessageTableModel::partialRow() const
{
    return m_hasPartial ? baseRows() : -1;
}

FrameError MessageTableModel::error(int error) const
{
    if (error < 0 || error >= errorCount())
        return {};
    return m_errors[size_t(error)];
}

MessageTableModel::ByteRange MessageTableModel::rowBytes(int row) const
{
    if (!m_channel || row < 0 || row >= rowCount())
        return {};
    switch (rowKind(row)) {
    case RowKind::Partial:
        return {m_partial.offset, m_partial.held};
    case RowKind::Error: {
        const FrameError &e = m_errors[size_t(errorOfRow(row))];
        return {e.offset, e.discarded};
    }
    case RowKind::Message: {
        const Frame frame = m_channel->frame(frameOfRow(row));
        return {frame.offset, frame.length};
    }
    }
    return {};
}

QString MessageTableModel::partialText(const PartialFrame &partial)
{
    if (partial.needed >= 0)
        return tr("partial: %1 of %2 bytes").arg(partial.held).arg(partial.held + partial.needed);
    return tr("partial: %1 bytes, needs more").arg(partial.held);
}

int MessageTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : baseRows() + (m_hasPartial ? 1 : 0);
}

int MessageTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 MessageTableModel::timestampAt(qint64 offset) const
{
    const StreamStore &store = m_channel->store();
    const qint64 chunk = store.chunkIndexAt(offset);
    return chunk >= 0 ? store.chunk(chunk).timestampNs : -1;
}

QVariant MessageTableModel::data(const QModelIndex &index, int role) const
{
    if (!m_channel || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role == Qt::TextAlignmentRole)
        return ModelText::streamAlignment(index.column());
    // Cheap refusals first: views ask for many roles per cell.
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role < Qt::UserRole)
        return {};
    if (index.row() != m_cachedRow) {
        m_cachedValues = rowValues(index.row());
        // The partial row changes as bytes arrive; the others never do.
        m_cachedRow = m_cachedValues.kind == RowKind::Partial ? -1 : index.row();
    }
    const RowValues &values = m_cachedValues;
    switch (role) {
    case RowKindRole:
        return int(values.kind);
    case ItemIndexRole:
        return values.item;
    case OffsetRole:
        return values.offset;
    case SizeRole:
        return values.size;
    case TimestampNsRole:
        return values.timestampNs;
    case PayloadOffsetRole:
        return values.payloadOffset;
    case PayloadSizeRole:
        return values.payloadSize;
    case HeaderSizeRole:
        return values.headerSize;
    case NeededRole:
        return values.needed;
    case FatalRole:
        return values.fatal;
    case Qt::ToolTipRole:
        return values.toolTip;
    case Qt::DisplayRole:
        return displayText(values, index.column());
    default:
        return {};
    }
}

MessageTableModel::RowValues MessageTableModel::rowValues(int row) const
{
    RowValues values;
    values.kind = rowKind(row);
    switch (values.kind) {
    case RowKind::Message: {
        values.item = frameOfRow(row);
        const Frame frame = m_channel->frame(values.item);
        if (values.item < m_channel->firstFrame()) {
            values.evicted = true;
            values.toolTip = evictedToolTip();
            break;
        }
        values.offset = frame.offset;
        values.size = frame.length;
        // The chunk holding the last byte completed the frame.
        values.timestampNs = timestampAt(std::max<qint64>(frame.offset, frame.end() - 1));
        values.payloadOffset = frame.payloadOffset;
        values.payloadSize = frame.payloadLength;
        values.headerSize = frame.headerLength;
        values.frameKind = frame.kind;
        break;
    }
    case RowKind::Error: {
        values.item = errorOfRow(row);
        const FrameError &e = m_errors[size_t(values.item)];
        values.offset = e.offset;
        values.size = e.discarded;
        values.timestampNs = timestampAt(e.offset);
        values.fatal = e.fatal;
        // The message may quote the peer's bytes ("Header line '<h1>...'"): a
        // tooltip would read those as HTML, so it gets escaped HTML.
        values.toolTip = QStringLiteral("<p>%1</p>").arg(e.message.toHtmlEscaped());
        break;
    }
    case RowKind::Partial:
        values.offset = m_partial.offset;
        values.size = m_partial.held;
        values.timestampNs
            = m_partial.held > 0 ? timestampAt(m_partial.offset + m_partial.held - 1) : -1;
        values.needed = m_partial.needed;
        break;
    }
    return values;
}

QString MessageTableModel::evictedToolTip()
{
    return tr("Ring mode let this message go with the oldest bytes (Connection > Keep).");
}

QVariant MessageTableModel::displayText(const RowValues &values, int column) const
{
    if (values.evicted) {
        if (column == IndexColumn)
            return values.item + 1;
        return column == PreviewColumn ? tr("(let go: ring mode)") : QVariant(QString());
    }
    switch (Column(column)) {
    case HeaderColumn:
        return headerText(values);
    case PreviewColumn:
        return previewText(values);
    case ColumnCount:
        return {};
    default:
        break;
    }
    ModelText::StreamCells cells;
    // Messages are counted from 1; errors and the tail are no message.
    cells.number
        = values.kind == RowKind::Message ? QVariant(values.item + 1) : QVariant(QString());
    cells.timestampNs = values.timestampNs;
    cells.timeKnown = values.timestampNs >= 0;
    cells.startNs = m_startNs;
    cells.direction = m_channel->direction();
    cells.offset = values.offset;
    cells.size = values.size;
    return ModelText::streamCell(cells, column);
}

QString MessageTableModel::headerText(const RowValues &values) const
{
    switch (values.kind) {
    case RowKind::Message: {
        const qint64 length = values.headerSize.toLongLong();
        QString header = length <= 0
                             ? QString()
                             : bytePreview(m_channel->store().read(
                                               values.offset,
                                               std::min<qint64>(length, headerPreviewBytes + 1)),
                                           headerPreviewBytes);
        // A decoder that names its messages (a TLS record's type) says it first.
        const KindNamer namer = DecoderRegistry::instance().kindNamer(m_channel->framing());
        const QString name = namer ? namer(values.frameKind) : QString();
        if (name.isEmpty())
            return header;
        //: A message's kind and its header bytes: "handshake: \x16\x03\x01\x00\xc0"
        return header.isEmpty() ? name : tr("%1: %2").arg(name, header);
    }
    case RowKind::Error: {
        const FrameError &e = m_errors[size_t(values.item)];
        const QString kind = e.kind == FrameError::Oversize ? tr("oversize") : tr("malformed");
        return e.fatal ? tr("%1, decoding stopped").arg(kind) : kind;
    }
    case RowKind::Partial:
        break;
    }
    return QString();
}

QString MessageTableModel::previewText(const RowValues &values) const
{
    switch (values.kind) {
    case RowKind::Message:
        return bytePreview(m_channel->store().read(values.payloadOffset.toLongLong(),
                                                   std::min<qint64>(values.payloadSize.toLongLong(),
                                                                    payloadPreviewBytes + 1)),
                           payloadPreviewBytes);
    case RowKind::Error:
        return m_errors[size_t(values.item)].message;
    case RowKind::Partial:
        return partialText(m_partial);
    }
    return QString();
}

QVariant MessageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        return headerToolTip(section);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == HeaderColumn)
        return tr("Header");
    if (section == PreviewColumn)
        return tr("Preview");
    return ModelText::streamColumnTitle(section);
}

QString MessageTableModel::headerToolTip(int section)
{
    if (section == HeaderColumn)
        return tr("The framing's header (a length prefix, say) as text with C escapes, empty "
                  "for framings without one such as lines; for an error, its kind");
    if (section == PreviewColumn)
        return tr("The first %1 bytes of the payload as text; for an error, what went wrong; "
                  "for the unfinished tail, how many bytes it holds and still needs")
            .arg(payloadPreviewBytes);
    return ModelText::streamColumnToolTip(section, false);
}

int MessageTableModel::widthHint(int column)
{
    if (column == HeaderColumn)
        return 14;
    return ModelText::streamColumnWidth(column);
}

} // namespace TcpInspector
