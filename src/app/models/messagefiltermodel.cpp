// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/messagefiltermodel.h"

#include "models/messagetablemodel.h"
#include "stream/streamchannel.h"

namespace TcpInspector {

MessageFilterModel::MessageFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    // Filter only: rows keep the stream order the links depend on.
    setDynamicSortFilter(true);
}

void MessageFilterModel::setMessages(MessageTableModel *messages)
{
    m_messages = messages;
    setSourceModel(messages);
}

void MessageFilterModel::setPattern(const QByteArray &pattern)
{
    if (pattern == m_pattern)
        return;
    m_pattern = pattern;
    invalidateFilter();
}

bool MessageFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_pattern.isEmpty() || sourceParent.isValid() || !m_messages || !m_messages->channel())
        return true;
    if (m_messages->rowKind(sourceRow) != MessageTableModel::RowKind::Message)
        return true;
    const MessageTableModel::ByteRange range = m_messages->rowBytes(sourceRow);
    const QByteArray bytes
        = m_messages->channel()->store().read(range.offset, qMin(range.length, scanLimit));
    return bytes.contains(m_pattern);
}

} // namespace TcpInspector
