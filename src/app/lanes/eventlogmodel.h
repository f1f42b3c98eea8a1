// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/timeline.h"

#include <QAbstractTableModel>
#include <QString>

#include <deque>
#include <vector>

namespace TcpInspector {

/// Every event of many timelines (each connection's, the listener's) as one
/// row each: when, whose, what happened and what it means. It pulls: each
/// refresh() reads only what each timeline recorded since the last one, so
/// the I/O thread never signals the window per event. Rows are copies, so
/// the log keeps a connection's events after the connection is deleted.
/// It keeps the newest rowLimit() rows: past that, the oldest go (removed
/// rows, as any model removes them) and droppedCount() counts them.
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, ConnectionColumn, WhatColumn, ExplanationColumn, ColumnCount };
    enum Role {
        SourceRole = Qt::UserRole + 1, ///< int: the number addSource() returned
        KindRole,                      ///< int: TimelineEvent::Type
        SeverityRole,                  ///< int: Severity
        TimeNsRole,                    ///< qint64: monotonicNs() of the event
    };
    /// How a row should stand out: errors in red, timeouts less so.
    enum Severity { Normal, Warning, Error };

    /// Kinds as a set of bits (1 << TimelineEvent::Type), for filters.
    static constexpr int kindCount = TimelineEvent::Discarded + 1;
    static constexpr quint32 allKinds = (1u << kindCount) - 1;
    /// "State changes", "Errors": a kind as a filter names it.
    static QString kindName(TimelineEvent::Type kind);

    /// Rows kept by default: a burst of 10,000 connections (about 6 events
    /// each) fits; hours of kernel-state samples do not grow memory for ever.
    static constexpr int defaultRowLimit = 100000;

    explicit EventLogModel(QObject *parent = nullptr);

    /// At least 1; a lower limit than the rows held lets the oldest go at once.
    void setRowLimit(int limit);
    int rowLimit() const { return m_rowLimit; }
    /// Rows let go to stay within the limit, since the model was made.
    qint64 droppedCount() const { return m_dropped; }

    /// Starts reading a timeline, which must stay alive until detachSource().
    /// label names it in the Connection column ("client #3", "listener").
    /// Returns the source's number: a free one, counted from 0. A detached
    /// source whose last row has gone is free again (unless pinned), so a
    /// server that churns through a million connections holds as many
    /// sources as it has rows and live connections, not one per connection.
    int addSource(const Timeline *timeline, const QString &label);
    /// Takes in what is left of a source and lets go of its timeline (its
    /// connection is about to be deleted); its rows stay.
    void detachSource(int source);
    /// A source a view still names (a filter's choice) is not reused while
    /// pinned; -1 pins none. One at a time.
    void pinSource(int source);
    /// Attached, or with rows still in the log: its number means it.
    bool isInUse(int source) const;
    int sourceCount() const { return int(m_sources.size()); }
    QString sourceLabel(int source) const;
    /// A new name for a source, after a change of language.
    void setSourceLabel(int source, const QString &label);
    bool isAttached(int source) const;

    /// Takes in the events recorded since the last call, from every attached
    /// source, in time order, as one insertion. Returns how many rows came.
    int refresh();

    const TimelineEvent &event(int row) const { return m_rows[size_t(row)].event; }
    int source(int row) const { return m_rows[size_t(row)].source; }
    Severity severity(int row) const { return m_rows[size_t(row)].severity; }
    /// A row as one line of text, its columns separated by tabs, for copying.
    QString rowText(int row) const;
    QString cellText(int row, int column) const;

    // QAbstractItemModel API
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Source
    {
        const Timeline *timeline = nullptr; // nullptr once detached
        QString label;
        qint64 read = 0;   // events taken so far
        qint64 rows = 0;   // rows of it in the log
        bool free = false; // in m_freeSources
    };
    struct Row
    {
        TimelineEvent event;
        int source = 0;
        Severity severity = Normal;
    };

    void take(int source, std::vector<Row> *batch);
    void insert(std::vector<Row> batch);
    void dropOldest(qint64 count);
    void freeIfUnused(int source);
    QString timeText(qint64 timeNs) const;

    std::vector<Source> m_sources;
    std::vector<int> m_freeSources;
    int m_pinned = -1;
    // A deque: a long log grows without moving the rows it has.
    std::deque<Row> m_rows;
    int m_rowLimit = defaultRowLimit;
    qint64 m_dropped = 0;
    // Monotonic times become wall-clock times through one pair read at start.
    qint64 m_wallStartMs = 0;
    qint64 m_monotonicStartNs = 0;
};

} // namespace TcpInspector
