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

QString kernelTimerKey(KernelTimer timer)
{
    switch (timer) {
    case KernelTimer::Unknown:
        break;
    case KernelTimer::None:
        return QStringLiteral("none");
    case KernelTimer::Retransmit:
        return QStringLiteral("retransmit");
    case KernelTimer::Keepalive:
        return QStringLiteral("keepalive");
    case KernelTimer::TimeWait:
        return QStringLiteral("time_wait");
    case KernelTimer::ZeroWindowProbe:
        return QStringLiteral("zero_window_probe");
    }
    return QString();
}

KernelTimer kernelTimerFromDiag(int number)
{
    // The numbering of inet_diag's inet_sk_diag_fill() and inet_twsk_diag_fill().
    switch (number) {
    case 0:
        return KernelTimer::None;
    case 1:
        return KernelTimer::Retransmit;
    case 2:
        return KernelTimer::Keepalive;
    case 3:
        return KernelTimer::TimeWait;
    case 4:
        return KernelTimer::ZeroWindowProbe;
    default:
        return KernelTimer::Unknown;
    }
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
