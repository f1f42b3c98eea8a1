// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/messagetablemodel.h"
#include "models/streamlinks.h"

#include <QObject>
#include <QPointer>

#include <vector>

class QAbstractProxyModel;
class QItemSelectionModel;

namespace TcpInspector {

class ChunkTableModel;

/// Links what is selected in a stream's chunk and message tables to the
/// rest of the view: selected chunks light up the messages they touch and
/// their bytes, selected messages the chunks they were built from and their
/// bytes, and a byte picked in the hex view (or found) selects its message,
/// else its chunk. Highlights, not selections, so the links cannot loop.
///
/// It works on the tables' selection models alone; the view paints what
/// highlightsChanged() says and scrolls where it is asked to.
class SelectionLinker : public QObject
{
    Q_OBJECT

public:
    using ByteRange = MessageTableModel::ByteRange;

    SelectionLinker(const ChunkTableModel &chunks, const MessageTableModel &messages,
                    QObject *parent = nullptr);
    ~SelectionLinker() override;

    /// The chunk table's selection, over the chunk model.
    void setChunkSelection(QItemSelectionModel *selection);
    /// The message table's selection, over the message model or a proxy of
    /// it (the filter): rows are mapped to the message model's.
    void setMessageSelection(QItemSelectionModel *selection);

    /// Selects the message row holding the byte, else its chunk row.
    void selectByte(qint64 offset);
    /// Lets go of every highlight (another channel, a new framing).
    void clear();

    /// The chunk rows lit by the selected messages.
    IndexRange highlightedChunkRows() const { return m_chunkRows; }
    /// The message rows (of the message model) lit by the selected chunks.
    IndexRange highlightedMessageRows() const { return m_messageRows; }
    /// The bytes of what is selected, for the hex view.
    const std::vector<ByteRange> &highlightedBytes() const { return m_bytes; }

    /// The selected message rows, as rows of the message model.
    IndexRange selectedMessageRows() const;
    /// A row of the message table's model as a row of the message model, or -1.
    int toSourceRow(int viewRow) const;
    /// A row of the message model as a row of the message table's model, or -1.
    int toViewRow(int sourceRow) const;

Q_SIGNALS:
    /// The highlighted rows or bytes changed: repaint them.
    void highlightsChanged();
    /// What was selected happened at this time (for the timeline's cursor).
    void timeSelected(qint64 timeNs);
    /// Bring the first linked byte, chunk row or message row (of the
    /// message table's model) into view.
    void byteShown(qint64 offset);
    void chunkRowShown(int row);
    void messageRowShown(int viewRow);

private:
    void follow(QPointer<QItemSelectionModel> &member, QItemSelectionModel *selection,
                void (SelectionLinker::*handler)());
    /// The filter between the message table and the message model, if any.
    const QAbstractProxyModel *messageProxy() const;
    void handleChunkSelection();
    void handleMessageSelection();
    static void selectRow(QItemSelectionModel *selection, int row);

    const ChunkTableModel &m_chunks;
    const MessageTableModel &m_messages;
    StreamLinks m_links;
    QPointer<QItemSelectionModel> m_chunkSelection;
    QPointer<QItemSelectionModel> m_messageSelection;
    IndexRange m_chunkRows;
    IndexRange m_messageRows;
    std::vector<ByteRange> m_bytes;
};

} // namespace TcpInspector
