// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes/eventlogfiltermodel.h"

#include "lanes/eventlogmodel.h"

namespace TcpInspector {

EventLogFilterModel::EventLogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent), m_kinds(EventLogModel::allKinds)
{
    // Filter only: the log stays in time order.
    setDynamicSortFilter(true);
}

void EventLogFilterModel::setLog(EventLogModel *log)
{
    m_log = log;
    setSourceModel(log);
}

void EventLogFilterModel::setSourceFilter(int source)
{
    if (source == m_source)
        return;
    m_source = source;
    invalidateFilter();
}

void EventLogFilterModel::setKinds(quint32 kinds)
{
    kinds &= EventLogModel::allKinds;
    if (kinds == m_kinds)
        return;
    m_kinds = kinds;
    invalidateFilter();
}

void EventLogFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

void EventLogFilterModel::clearFilter()
{
    if (!isFiltering())
        return;
    m_source = -1;
    m_kinds = EventLogModel::allKinds;
    m_text.clear();
    invalidateFilter();
}

bool EventLogFilterModel::isFiltering() const
{
    return m_source >= 0 || m_kinds != EventLogModel::allKinds || !m_text.isEmpty();
}

bool EventLogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_log || sourceParent.isValid())
        return true;
    if (m_source >= 0 && m_log->source(sourceRow) != m_source)
        return false;
    if (!(m_kinds & (1u << m_log->event(sourceRow).type)))
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column : {EventLogModel::ConnectionColumn, EventLogModel::WhatColumn,
                       EventLogModel::ExplanationColumn}) {
        if (m_log->cellText(sourceRow, column).contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace TcpInspector
