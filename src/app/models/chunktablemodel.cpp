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
    if (role == Qt::TextAlignmentRole) {
        const bool number = index.column() == IndexColumn || index.column() == TimeColumn
                            || index.column() == OffsetColumn || index.column() == SizeColumn;
        return int((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role < Qt::UserRole)
        return {};

    const qint64 row = index.row();
    const StreamStore &store = m_channel->store();
    const StreamStore::Chunk chunk = store.chunk(row);
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

    switch (Column(index.column())) {
    case IndexColumn:
        // Counted from 1 as people count reads; ChunkIndexRole is 0-based.
        return row + 1;
    case TimeColumn:
        return ModelText::relativeTime(chunk.timestampNs - m_startNs);
    case DirectionColumn:
        return ModelText::direction(m_channel->direction());
    case OffsetColumn:
        return chunk.offset;
    case SizeColumn:
        return chunk.size;
    case HexColumn:
        return ModelText::hexPreview(
            store.read(chunk.offset, std::min<qint64>(chunk.size, hexPreviewBytes + 1)),
            hexPreviewBytes);
    case TextColumn:
        return bytePreview(
            store.read(chunk.offset, std::min<qint64>(chunk.size, textPreviewBytes + 1)),
            textPreviewBytes);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ChunkTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case IndexColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    case DirectionColumn:
        return tr("Dir");
    case OffsetColumn:
        return tr("Offset");
    case SizeColumn:
        return tr("Size");
    case HexColumn:
        return tr("Hex");
    case TextColumn:
        return tr("Text");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace TcpInspector
