// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes/eventlogmodel.h"

#include "lanes/timelinetext.h"
#include "models/modeltext.h"

#include <QDateTime>
#include <QTime>

#include <algorithm>
#include <utility>

namespace TcpInspector {

namespace {

EventLogModel::Severity severityOf(const TimelineEvent &event)
{
    switch (event.type) {
    case TimelineEvent::Error:
    case TimelineEvent::Discarded: // bytes the user wrote never reached the peer
        return EventLogModel::Error;
    case TimelineEvent::Timeout:
        return EventLogModel::Warning;
    case TimelineEvent::StateChanged:
        // A reset we asked for is no error; one that came to us is.
        if (event.state == ConnectionState::Failed
            || (event.state == ConnectionState::Reset && event.cause != StateCause::User))
            return EventLogModel::Error;
        return EventLogModel::Normal;
    case TimelineEvent::HalfClosed:
    case TimelineEvent::Kernel:
    case TimelineEvent::Note:
        break;
    }
    return EventLogModel::Normal;
}

QString stateWhat(const TimelineEvent &event)
{
    if (event.state == ConnectionState::Closed && event.cause == StateCause::Engine)
        return TimelineText::markName(MarkKind::QtClosedAfterEof);
    QString state = ModelText::state(event.state);
    // The half-closed states already say who.
    if (event.state == ConnectionState::LocalHalfClosed
        || event.state == ConnectionState::RemoteHalfClosed)
        return state;
    return EventLogModel::tr("%1, %2", "state, cause: Reset, by the peer")
        .arg(state, TimelineText::causeName(event.cause));
}

// The listener's notes carry codes (ServerEndpoint): name them.
QString noteWhat(const TimelineEvent &event)
{
    if (event.code == QLatin1String("listening"))
        return EventLogModel::tr("Listening");
    if (event.code == QLatin1String("stopped"))
        return EventLogModel::tr("Stopped listening");
    if (event.code == QLatin1String("paused"))
        return EventLogModel::tr("Accepting paused");
    if (event.code == QLatin1String("resumed"))
        return EventLogModel::tr("Accepting resumed");
    if (event.code == QLatin1String("tls_handshake_start"))
        return TimelineText::markName(MarkKind::TlsHandshakeStart);
    if (event.code == QLatin1String("tls_handshake"))
        return TimelineText::markName(MarkKind::TlsHandshake);
    if (event.code == QLatin1String("tls_alert"))
        return TimelineText::markName(
            event.tls && event.tls->alertKey == QLatin1String("close_notify")
                ? MarkKind::TlsCloseNotify
                : MarkKind::TlsAlert);
    return TimelineText::markName(MarkKind::Note);
}

QString whatHappened(const TimelineEvent &event)
{
    switch (event.type) {
    case TimelineEvent::StateChanged:
        return stateWhat(event);
    case TimelineEvent::HalfClosed:
        return TimelineText::markName(event.direction == Direction::Tx ? MarkKind::FinSent
                                                                       : MarkKind::EofReceived);
    case TimelineEvent::Error:
        if (event.code == QLatin1String("reset"))
            return TimelineText::markName(MarkKind::ResetReceived);
        if (event.code == QLatin1String("broken_pipe"))
            return TimelineText::markName(MarkKind::BrokenPipe);
        // The code is the stable key scripts see: shown as is, like errno names.
        return EventLogModel::tr("Error: %1").arg(event.code);
    case TimelineEvent::Timeout:
        return TimelineText::timeoutName(event.timeout);
    case TimelineEvent::Kernel:
        return EventLogModel::tr("Kernel: %1")
            .arg(TimelineText::kernelStateName(event.kernel.state));
    case TimelineEvent::Note:
        return noteWhat(event);
    case TimelineEvent::Discarded:
        return TimelineText::markName(MarkKind::Discarded);
    }
    return QString();
}

QString explanation(const TimelineEvent &event)
{
    if (event.type == TimelineEvent::StateChanged && event.text.isEmpty())
        return TimelineText::stateExplanation(event.state);
    if (event.type == TimelineEvent::Kernel)
        return TimelineText::kernelStateExplanation(event.kernel.state);
    return eventDetail(event);
}

} // namespace

QString EventLogModel::kindName(TimelineEvent::Type kind)
{
    switch (kind) {
    case TimelineEvent::StateChanged:
        return tr("State changes");
    case TimelineEvent::HalfClosed:
        return tr("Half-closes (FIN sent, EOF)");
    case TimelineEvent::Error:
        return tr("Errors");
    case TimelineEvent::Timeout:
        return tr("Timeouts");
    case TimelineEvent::Kernel:
        return tr("Kernel states");
    case TimelineEvent::Note:
        return tr("Notes");
    case TimelineEvent::Discarded:
        return tr("Bytes never sent");
    }
    return QString();
}

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent),
      m_wallStartMs(QDateTime::currentMSecsSinceEpoch()),
      m_monotonicStartNs(monotonicNs())
{ }

int EventLogModel::addSource(const Timeline *timeline, const QString &label)
{
    if (!m_freeSources.empty()) {
        const int source = m_freeSources.back();
        m_freeSources.pop_back();
        m_sources[size_t(source)] = {timeline, label, 0, 0, false};
        return source;
    }
    m_sources.push_back({timeline, label, 0, 0, false});
    return int(m_sources.size()) - 1;
}

bool EventLogModel::isInUse(int source) const
{
    if (source < 0 || source >= sourceCount())
        return false;
    const Source &s = m_sources[size_t(source)];
    return s.timeline || s.rows > 0;
}

void EventLogModel::pinSource(int source)
{
    const int previous = std::exchange(m_pinned, source);
    if (previous != source)
        freeIfUnused(previous);
}

void EventLogModel::freeIfUnused(int source)
{
    if (source < 0 || source >= sourceCount() || source == m_pinned || isInUse(source))
        return;
    Source &s = m_sources[size_t(source)];
    if (s.free)
        return;
    s = Source();
    s.free = true;
    m_freeSources.push_back(source);
}

void EventLogModel::detachSource(int source)
{
    if (!isAttached(source))
        return;
    std::vector<Row> batch;
    take(source, &batch);
    m_sources[size_t(source)].timeline = nullptr;
    insert(std::move(batch));
    freeIfUnused(source);
}

QString EventLogModel::sourceLabel(int source) const
{
    if (source < 0 || source >= sourceCount())
        return QString();
    return m_sources[size_t(source)].label;
}

void EventLogModel::setSourceLabel(int source, const QString &label)
{
    if (source < 0 || source >= sourceCount() || m_sources[size_t(source)].label == label)
        return;
    m_sources[size_t(source)].label = label;
    if (!m_rows.empty())
        emit dataChanged(index(0, ConnectionColumn), index(rowCount() - 1, ConnectionColumn));
}

void EventLogModel::setRowLimit(int limit)
{
    m_rowLimit = std::max(1, limit);
    dropOldest(qint64(m_rows.size()) - m_rowLimit);
}

bool EventLogModel::isAttached(int source) const
{
    return source >= 0 && source < sourceCount() && m_sources[size_t(source)].timeline;
}

int EventLogModel::refresh()
{
    std::vector<Row> batch;
    for (int source = 0; source < sourceCount(); ++source) {
        const Source &s = m_sources[size_t(source)];
        // One short lock per source when nothing is new.
        if (s.timeline && s.timeline->count() > s.read)
            take(source, &batch);
    }
    const int added = int(batch.size());
    insert(std::move(batch));
    return added;
}

void EventLogModel::take(int source, std::vector<Row> *batch)
{
    Source &s = m_sources[size_t(source)];
    std::vector<TimelineEvent> events = s.timeline->since(s.read);
    s.read += qint64(events.size());
    for (TimelineEvent &event : events) {
        const Severity severity = severityOf(event);
        batch->push_back({std::move(event), source, severity});
    }
}

void EventLogModel::insert(std::vector<Row> batch)
{
    if (batch.empty())
        return;
    // Each timeline is in order already; interleave them by time. Sorting
    // (time, index) pairs moves each row once, and ties keep their order.
    std::vector<std::pair<qint64, size_t>> order;
    order.reserve(batch.size());
    for (size_t i = 0; i < batch.size(); ++i)
        order.emplace_back(batch[i].event.timeNs, i);
    std::sort(order.begin(), order.end());
    // Room is made before the rows come, so the log never holds more than
    // its limit; of a batch larger than the limit only its newest get in.
    const qint64 excess = qint64(m_rows.size()) + qint64(batch.size()) - m_rowLimit;
    dropOldest(std::min(excess, qint64(m_rows.size())));
    const size_t skipped = size_t(std::max<qint64>(0, qint64(batch.size()) - m_rowLimit));
    m_dropped += qint64(skipped);
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(batch.size() - skipped) - 1);
    for (size_t k = skipped; k < order.size(); ++k) {
        ++m_sources[size_t(batch[order[k].second].source)].rows;
        m_rows.push_back(std::move(batch[order[k].second]));
    }
    endInsertRows();
}

void EventLogModel::dropOldest(qint64 count)
{
    if (count <= 0)
        return;
    beginRemoveRows(QModelIndex(), 0, int(count) - 1);
    std::vector<int> emptied;
    for (auto row = m_rows.begin(); row != m_rows.begin() + count; ++row) {
        if (--m_sources[size_t(row->source)].rows == 0)
            emptied.push_back(row->source);
    }
    m_rows.erase(m_rows.begin(), m_rows.begin() + count);
    endRemoveRows();
    m_dropped += count;
    // Only once the rows are gone: nothing may name a source being reused.
    for (int source : emptied)
        freeIfUnused(source);
}

QString EventLogModel::timeText(qint64 timeNs) const
{
    const qint64 us = m_wallStartMs * 1000 + (timeNs - m_monotonicStartNs) / 1000;
    // Rounded down, also for events older than the model.
    const qint64 ms = us >= 0 ? us / 1000 : -((-us + 999) / 1000);
    const QDateTime wall = QDateTime::fromMSecsSinceEpoch(ms);
    // Microseconds: events of one connection are often less than 1 ms apart.
    return wall.time().toString(QStringLiteral("HH:mm:ss.zzz"))
           + QStringLiteral("%1").arg(us - ms * 1000, 3, 10, QLatin1Char('0'));
}

QString EventLogModel::cellText(int row, int column) const
{
    const Row &r = m_rows[size_t(row)];
    switch (column) {
    case TimeColumn:
        return timeText(r.event.timeNs);
    case ConnectionColumn:
        return m_sources[size_t(r.source)].label;
    case WhatColumn:
        return whatHappened(r.event);
    case ExplanationColumn:
        return explanation(r.event);
    default:
        return QString();
    }
}

QString EventLogModel::rowText(int row) const
{
    QStringList cells;
    for (int column = 0; column < ColumnCount; ++column)
        cells.append(cellText(row, column));
    return cells.join(QLatin1Char('\t'));
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &r = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return cellText(index.row(), index.column());
    case Qt::ToolTipRole:
        // The explanation is often longer than its column.
        return index.column() == ExplanationColumn || index.column() == WhatColumn
                   ? explanation(r.event)
                   : QVariant();
    case SourceRole:
        return r.source;
    case KindRole:
        return int(r.event.type);
    case SeverityRole:
        return int(r.severity);
    case TimeNsRole:
        return r.event.timeNs;
    default:
        return QVariant();
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ConnectionColumn:
        return tr("Connection");
    case WhatColumn:
        return tr("What happened");
    case ExplanationColumn:
        return tr("Explanation");
    default:
        return QVariant();
    }
}

} // namespace TcpInspector
