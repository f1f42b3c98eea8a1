// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace TcpInspector {

class EventLogModel;

/// The rows of an event log that the user asked for: one source (a
/// connection) or all, some kinds of event, and a text that the connection,
/// what happened or the explanation contains. New rows are checked as they
/// arrive, so a live log costs only its new rows.
class EventLogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit EventLogFilterModel(QObject *parent = nullptr);

    void setLog(EventLogModel *log);
    EventLogModel *log() const { return m_log; }

    /// -1: every source.
    void setSourceFilter(int source);
    int sourceFilter() const { return m_source; }
    /// Bits 1 << TimelineEvent::Type; EventLogModel::allKinds shows all.
    void setKinds(quint32 kinds);
    quint32 kinds() const { return m_kinds; }
    /// Case-insensitive; empty: every row.
    void setText(const QString &text);
    QString text() const { return m_text; }
    /// Every row again.
    void clearFilter();
    bool isFiltering() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    EventLogModel *m_log = nullptr;
    int m_source = -1;
    quint32 m_kinds;
    QString m_text;
};

} // namespace TcpInspector
