// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/modeltext.h"
#include "stream/streamstore.h"

#include <QAbstractTableModel>

namespace TcpInspector {

class StreamChannel;

/// The reads (or writes) of one direction of a connection, one row each.
///
/// Virtual over the channel: it keeps only the row count it announced, and
/// data() reads the chunk and its bytes on demand, so a million chunks cost
/// nothing until they are on screen. refresh() (a display-rate timer in the
/// app) announces the chunks published since the last call in one batch.
class ChunkTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IndexColumn = ModelText::NumberColumn,
        TimeColumn = ModelText::TimeColumn,
        DirectionColumn = ModelText::DirectionColumn,
        OffsetColumn = ModelText::OffsetColumn,
        SizeColumn = ModelText::SizeColumn,
        HexColumn,
        TextColumn,
        ColumnCount
    };
    /// Raw values behind the texts, for sorting, linking and copying.
    enum Role {
        ChunkIndexRole = Qt::UserRole + 1, ///< qint64
        OffsetRole,                        ///< qint64, stream offset of the first byte
        SizeRole,                          ///< qint64
        TimestampNsRole,                   ///< qint64, the clock of the timeline
    };

    explicit ChunkTableModel(QObject *parent = nullptr);
    ~ChunkTableModel() override;

    /// The channel must outlive the model or be replaced (nullptr) first.
    void setChannel(const StreamChannel *channel);
    const StreamChannel *channel() const { return m_channel; }
    /// Times are shown relative to this (the connection's start), in ns.
    void setStartTimeNs(qint64 startNs);
    qint64 startTimeNs() const { return m_startNs; }
    /// Bytes shown in the hex and text previews.
    static constexpr int hexPreviewBytes = 16;
    static constexpr int textPreviewBytes = 64;

    /// A column's width in digits, from the longest value it usually holds;
    /// 0 for the last, which takes the rest.
    static int widthHint(int column);
    /// What a column holds, for its header's tooltip.
    static QString headerToolTip(int section);

    /// Announces the chunks published since the last call, in one batch.
    void refresh();

    // QAbstractItemModel API
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    const StreamChannel *m_channel = nullptr;
    qint64 m_startNs = 0;
    int m_rows = 0;
    // The last row data() read: a view asks for each column of a row in turn,
    // and each read takes the store's lock, which a spill holds for long.
    mutable qint64 m_cachedRow = -1;
    mutable StreamStore::Chunk m_cachedChunk;
};

} // namespace TcpInspector
