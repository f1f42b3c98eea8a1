// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framing/frame.h"
#include "models/modeltext.h"

#include <QAbstractTableModel>

#include <vector>

namespace TcpInspector {

class StreamChannel;

/// What the framing decoder made of one direction of a connection: one row
/// per message, the framing errors among them in stream order, and a last
/// row for the unfinished tail ("partial: 37 of 120 bytes").
///
/// Virtual over the channel like ChunkTableModel: it keeps counts and the
/// (few) errors, and data() reads frames and bytes on demand. refresh()
/// announces new rows in one batch and resets when the framing changed.
class MessageTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IndexColumn = ModelText::NumberColumn,
        TimeColumn = ModelText::TimeColumn,
        DirectionColumn = ModelText::DirectionColumn,
        OffsetColumn = ModelText::OffsetColumn,
        SizeColumn = ModelText::SizeColumn,
        HeaderColumn,
        PreviewColumn,
        ColumnCount
    };
    enum class RowKind { Message, Error, Partial };
    /// Raw values behind the texts.
    enum Role {
        RowKindRole = Qt::UserRole + 1, ///< int(RowKind)
        ItemIndexRole,   ///< qint64: frame index, error index, or -1 for the partial row
        OffsetRole,      ///< qint64, stream offset of the row's first byte
        SizeRole,        ///< qint64: frame length, bytes discarded, or bytes held
        TimestampNsRole, ///< qint64: when the chunk that completed it was read
        PayloadOffsetRole,
        PayloadSizeRole,
        HeaderSizeRole,
        NeededRole, ///< qint64, partial row: bytes still missing, -1 when unknown
        FatalRole,  ///< bool, error rows
    };
    /// The stream bytes a row stands for.
    struct ByteRange
    {
        qint64 offset = 0;
        qint64 length = 0;
    };

    explicit MessageTableModel(QObject *parent = nullptr);
    ~MessageTableModel() override;

    /// The channel must outlive the model or be replaced (nullptr) first.
    void setChannel(const StreamChannel *channel);
    const StreamChannel *channel() const { return m_channel; }
    void setStartTimeNs(qint64 startNs);
    qint64 startTimeNs() const { return m_startNs; }
    static constexpr int headerPreviewBytes = 32;
    static constexpr int payloadPreviewBytes = 64;
    /// A column's width in digits, from the longest value it usually holds;
    /// 0 for the last, which takes the rest.
    static int widthHint(int column);
    /// What a column holds, for its header's tooltip.
    static QString headerToolTip(int section);

    /// Announces what the decoder published since the last call: new rows in
    /// one batch, a reset when the framing changed.
    void refresh();

    // The rows as announced (what the view knows).
    qint64 frameCount() const { return m_frames; }
    int errorCount() const { return int(m_errors.size()); }
    RowKind rowKind(int row) const;
    /// The frame a row shows, or -1 when it is an error or the partial row.
    qint64 frameOfRow(int row) const;
    /// The error a row shows, or -1.
    int errorOfRow(int row) const;
    int rowOfFrame(qint64 frame) const;
    int rowOfError(int error) const;
    /// The partial row, or -1 when nothing is pending.
    int partialRow() const;
    FrameError error(int error) const;
    PartialFrame partial() const { return m_partial; }
    /// Frame: all its bytes; error: the bytes it discarded; partial: the bytes held.
    ByteRange rowBytes(int row) const;

    /// "partial: 37 of 120 bytes", or "partial: 37 bytes, needs more".
    static QString partialText(const PartialFrame &partial);

    // QAbstractItemModel API
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Snapshot
    {
        QString framing;
        qint64 frames = 0;
        std::vector<FrameError> errors;
        std::vector<qint64> framesBefore;
        PartialFrame partial;
    };
    bool takeSnapshot(Snapshot *snapshot) const;
    void adopt(Snapshot &snapshot);
    qint64 countFramesBefore(qint64 offset, qint64 from, qint64 to) const;
    int baseRows() const { return int(m_frames) + int(m_errors.size()); }
    qint64 timestampAt(qint64 offset) const;
    /// What one row holds, whatever its kind; data() maps it to roles and columns.
    struct RowValues
    {
        RowKind kind = RowKind::Message;
        qint64 item = -1; ///< frame index, error index, or -1 for the partial row
        qint64 offset = 0;
        qint64 size = 0;
        qint64 timestampNs = -1; ///< when the chunk that completed it was read; -1 unknown
        bool evicted = false;    ///< ring mode let the message go
        quint16 frameKind = 0;   ///< the decoder's tag (Frame::kind)
        // Only some kinds have these; the others leave them invalid.
        QVariant payloadOffset;
        QVariant payloadSize;
        QVariant headerSize;
        QVariant needed;
        QVariant fatal;
        QVariant toolTip;
    };
    RowValues rowValues(int row) const;
    QVariant displayText(const RowValues &values, int column) const;
    static QString evictedToolTip();
    /// The Header and Preview columns, read from the stream only when shown.
    QString headerText(const RowValues &values) const;
    QString previewText(const RowValues &values) const;

    const StreamChannel *m_channel = nullptr;
    qint64 m_startNs = 0;
    QString m_framing;
    qint64 m_frames = 0;
    std::vector<FrameError> m_errors;
    std::vector<qint64> m_framesBefore; ///< per error: frames ahead of it in the stream
    std::vector<qint64> m_errorRows;    ///< per error: its row
    PartialFrame m_partial;
    bool m_hasPartial = false;
    // The last row data() read: a view asks for each column and role of a
    // row in turn, and each read takes the channel's and the store's locks,
    // which the connection's thread holds while it publishes or spills.
    mutable int m_cachedRow = -1;
    mutable RowValues m_cachedValues;
};

} // namespace TcpInspector
