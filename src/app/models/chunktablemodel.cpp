// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/chunktablemodel.h"

#include "models/modeltext.h"
#include "stream/bytepreview.h"
#include "stream/streamchannel.h"

#include <algorithm>
#include <limits>

namespace TcpInspector {

ChunkTableModel::ChunkTableModel(QObject *parent) : QAbstractTableModel(parent) { }

ChunkTableModel::~ChunkTableModel() = default;

void ChunkTableModel::setChannel(const StreamChannel *channel)
{
    beginResetModel();
    m_channel = channel;
    m_rows = 0;
    m_cachedRow = -1;
    endResetModel();
    refresh();
}

void ChunkTableModel::setStartTimeNs(qint64 startNs)
{
    if (startNs == m_startNs)
        return;
    m_startNs = startNs;
    if (m_rows > 0)
        emit dataChanged(index(0, TimeColumn), index(m_rows - 1, TimeColumn));
}

void ChunkTableModel::refresh()
{
    if (!m_channel)
        return;
    // The store only grows; a view cannot scroll past INT_MAX rows anyway.
    const int rows
        = int(std::min<qint64>(m_channel->store().chunkCount(), std::numeric_limits<int>::max()));
    if (rows <= m_rows)
        return;
    beginInsertRows(QModelIndex(), m_rows, rows - 1);
    m_rows = rows;
    endInsertRows();
}

int ChunkTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int ChunkTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChunkTableModel::data(const QModelIndex &index, int role) const
{
    if (!m_channel || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role == Qt::TextAlignmentRole)
        return ModelText::streamAlignment(index.column());
    if (role != Qt::DisplayRole && role < Qt::UserRole)
        return {};

    const qint64 row = index.row();
    const StreamStore &store = m_channel->store();
    if (row != m_cachedRow) {
        m_cachedChunk = store.chunk(row); // published chunks never change
        m_cachedRow = row;
    }
    const StreamStore::Chunk chunk = m_cachedChunk;
    switch (role) {
    case ChunkIndexRole:
        return row;
    case OffsetRole:
        return chunk.offset;
    case SizeRole:
        return chunk.size;
    case TimestampNsRole:
        return chunk.timestampNs;
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    if (chunk.size == 0 && row < store.firstChunk()) {
        // Ring mode let it go; its number stays, so the rows after it keep theirs.
        if (index.column() == IndexColumn)
            return row + 1;
        return index.column() == TextColumn ? tr("(let go: ring mode)") : QString();
    }
    switch (Column(index.column())) {
    case HexColumn:
        return ModelText::hexPreview(
            store.read(chunk.offset, std::min<qint64>(chunk.size, hexPreviewBytes + 1)),
            hexPreviewBytes);
    case TextColumn:
        return bytePreview(
            store.read(chunk.offset, std::min<qint64>(chunk.size, textPreviewBytes + 1)),
            textPreviewBytes);
    case ColumnCount:
        return {};
    default:
        break;
    }
    ModelText::StreamCells cells;
    // Counted from 1 as people count reads; ChunkIndexRole is 0-based.
    cells.number = row + 1;
    cells.timestampNs = chunk.timestampNs;
    cells.startNs = m_startNs;
    cells.direction = m_channel->direction();
    cells.offset = chunk.offset;
    cells.size = chunk.size;
    return ModelText::streamCell(cells, index.column());
}

QVariant ChunkTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        return headerToolTip(section);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == HexColumn)
        return tr("Hex");
    if (section == TextColumn)
        return tr("Text");
    return ModelText::streamColumnTitle(section);
}

QString ChunkTableModel::headerToolTip(int section)
{
    if (section == HexColumn)
        return tr("The first %1 bytes of the chunk in hex").arg(hexPreviewBytes);
    if (section == TextColumn)
        return tr("The first %1 bytes as text, with C escapes for bytes that are not printable")
            .arg(textPreviewBytes);
    return ModelText::streamColumnToolTip(section, true);
}

int ChunkTableModel::widthHint(int column)
{
    if (column == HexColumn)
        return 22;
    return ModelText::streamColumnWidth(column);
}

} // namespace TcpInspector
