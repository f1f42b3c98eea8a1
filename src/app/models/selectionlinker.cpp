// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/selectionlinker.h"

#include "models/chunktablemodel.h"
#include "stream/streamchannel.h"

#include <QAbstractProxyModel>
#include <QItemSelectionModel>

namespace TcpInspector {

SelectionLinker::SelectionLinker(const ChunkTableModel &chunks, const MessageTableModel &messages,
                                 QObject *parent)
    : QObject(parent), m_chunks(chunks), m_messages(messages), m_links(chunks, messages)
{
    // A new framing makes new messages: what the old selection lit is stale.
    connect(&messages, &QAbstractItemModel::modelReset, this, &SelectionLinker::clear);
}

SelectionLinker::~SelectionLinker() = default;

void SelectionLinker::setChunkSelection(QItemSelectionModel *selection)
{
    follow(m_chunkSelection, selection, &SelectionLinker::handleChunkSelection);
}

void SelectionLinker::setMessageSelection(QItemSelectionModel *selection)
{
    follow(m_messageSelection, selection, &SelectionLinker::handleMessageSelection);
}

void SelectionLinker::follow(QPointer<QItemSelectionModel> &member, QItemSelectionModel *selection,
                             void (SelectionLinker::*handler)())
{
    if (member)
        disconnect(member, nullptr, this, nullptr);
    member = selection;
    if (selection)
        connect(selection, &QItemSelectionModel::selectionChanged, this, handler);
}

void SelectionLinker::clear()
{
    m_chunkRows = {};
    m_messageRows = {};
    m_bytes.clear();
    emit highlightsChanged();
}

const QAbstractProxyModel *SelectionLinker::messageProxy() const
{
    return m_messageSelection
               ? qobject_cast<const QAbstractProxyModel *>(m_messageSelection->model())
               : nullptr;
}

int SelectionLinker::toSourceRow(int viewRow) const
{
    const QAbstractProxyModel *proxy = messageProxy();
    return proxy ? proxy->mapToSource(proxy->index(viewRow, 0)).row() : viewRow;
}

int SelectionLinker::toViewRow(int sourceRow) const
{
    const QAbstractProxyModel *proxy = messageProxy();
    return proxy ? proxy->mapFromSource(m_messages.index(sourceRow, 0)).row() : sourceRow;
}

IndexRange SelectionLinker::selectedMessageRows() const
{
    IndexRange rows;
    if (!m_messageSelection)
        return rows;
    for (const QModelIndex &index : m_messageSelection->selectedRows()) {
        const int row = toSourceRow(index.row());
        if (row >= 0)
            rows.unite({row, row});
    }
    return rows;
}

void SelectionLinker::handleChunkSelection()
{
    IndexRange chunks;
    for (const QModelIndex &index : m_chunkSelection->selectedRows())
        chunks.unite({index.row(), index.row()});
    IndexRange messages;
    for (qint64 row = chunks.first; row <= chunks.last; ++row)
        messages.unite(m_links.messageRowsOfChunk(int(row)));
    m_chunkRows = {};
    m_messageRows = messages;
    m_bytes.clear();
    if (!chunks.isEmpty()) {
        const QModelIndex first = m_chunks.index(int(chunks.first), 0);
        const QModelIndex last = m_chunks.index(int(chunks.last), 0);
        const qint64 from = first.data(ChunkTableModel::OffsetRole).toLongLong();
        const qint64 to = last.data(ChunkTableModel::OffsetRole).toLongLong()
                          + last.data(ChunkTableModel::SizeRole).toLongLong();
        m_bytes.push_back({from, to - from});
        emit byteShown(from);
        emit timeSelected(first.data(ChunkTableModel::TimestampNsRole).toLongLong());
    }
    emit highlightsChanged();
    if (!messages.isEmpty()) {
        const int row = toViewRow(int(messages.first));
        if (row >= 0)
            emit messageRowShown(row);
    }
}

void SelectionLinker::handleMessageSelection()
{
    const IndexRange messages = selectedMessageRows();
    IndexRange chunks;
    m_bytes.clear();
    for (qint64 row = messages.first; row <= messages.last; ++row) {
        chunks.unite(m_links.chunkRowsOfMessage(int(row)));
        const ByteRange range = m_messages.rowBytes(int(row));
        if (range.length > 0)
            m_bytes.push_back(range);
    }
    m_messageRows = {};
    m_chunkRows = chunks;
    if (!messages.isEmpty()) {
        const QModelIndex first = m_messages.index(int(messages.first), 0);
        emit timeSelected(first.data(MessageTableModel::TimestampNsRole).toLongLong());
    }
    emit highlightsChanged();
    if (!m_bytes.empty())
        emit byteShown(m_bytes.front().offset);
    if (!chunks.isEmpty())
        emit chunkRowShown(int(chunks.first));
}

void SelectionLinker::selectByte(qint64 offset)
{
    const StreamChannel *channel = m_chunks.channel();
    if (!channel)
        return;
    // The message holding the byte, else the chunk: selecting it links the rest.
    const int holder = m_links.messageRowAt(offset);
    const int message = holder >= 0 ? toViewRow(holder) : -1;
    if (message >= 0 && m_messageSelection) {
        selectRow(m_messageSelection, message);
        return;
    }
    const IndexRange chunks = chunksOfRange(channel->store(), offset, 1);
    if (!chunks.isEmpty() && chunks.first < m_chunks.rowCount() && m_chunkSelection)
        selectRow(m_chunkSelection, int(chunks.first));
}

void SelectionLinker::selectRow(QItemSelectionModel *selection, int row)
{
    // As QTableView::selectRow() does: the row becomes current and the only one selected.
    const QModelIndex index = selection->model()->index(row, 0);
    selection->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    selection->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

} // namespace TcpInspector
