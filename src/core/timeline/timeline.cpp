// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/timeline.h"

#include <QElapsedTimer>

namespace TcpInspector {

qint64 monotonicNs()
{
    // Started on first use; every caller measures from the same moment.
    static const QElapsedTimer clock = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return clock.nsecsElapsed();
}

QString directionKey(Direction direction)
{
    return direction == Direction::Rx ? QStringLiteral("rx") : QStringLiteral("tx");
}

QString eventDetail(const TimelineEvent &event)
{
    if (event.type != TimelineEvent::Error || !event.text.isEmpty())
        return event.text;
    if (event.message.isEmpty())
        return event.explanation;
    return event.message + QStringLiteral(": ") + event.explanation;
}

void Timeline::append(TimelineEvent event)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_events.push_back(std::move(event));
}

qint64 Timeline::count() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return qint64(m_events.size());
}

TimelineEvent Timeline::at(qint64 index) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (index < 0 || index >= qint64(m_events.size()))
        return {};
    return m_events[size_t(index)];
}

std::vector<TimelineEvent> Timeline::since(qint64 from) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (from < 0)
        from = 0;
    if (from >= qint64(m_events.size()))
        return {};
    return {m_events.begin() + from, m_events.end()};
}

} // namespace TcpInspector
