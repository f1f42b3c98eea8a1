// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes/timelinelane.h"

#include "lanes/timelinetext.h"

#include <algorithm>

namespace TcpInspector {

namespace {

MarkKind errorKind(const QString &code)
{
    if (code.startsWith(QLatin1String("tls_")))
        return MarkKind::TlsError;
    if (code == QLatin1String("reset"))
        return MarkKind::ResetReceived;
    if (code == QLatin1String("broken_pipe"))
        return MarkKind::BrokenPipe;
    return MarkKind::Error;
}

MarkKind timeoutMark(TimeoutKind kind)
{
    switch (kind) {
    case TimeoutKind::Connect:
        return MarkKind::ConnectTimeout;
    case TimeoutKind::Idle:
        return MarkKind::IdleTimeout;
    case TimeoutKind::WriteStall:
        return MarkKind::WriteStall;
    case TimeoutKind::Close:
        return MarkKind::CloseTimeout;
    }
    return MarkKind::Error;
}

} // namespace

TimelineLane::TimelineLane(const LaneSource *source) : m_source(source) { }

bool TimelineLane::update()
{
    const Timeline &timeline = m_source->timeline();
    if (timeline.count() == m_taken)
        return false;
    const std::vector<TimelineEvent> events = timeline.since(m_taken);
    for (const TimelineEvent &event : events)
        take(event, m_taken++);
    return !events.empty();
}

ConnectionState TimelineLane::state() const
{
    return m_segments.empty() ? ConnectionState::Connecting : m_segments.back().state;
}

void TimelineLane::take(const TimelineEvent &event, qint64 index)
{
    if (m_startNs < 0)
        m_startNs = event.timeNs;
    m_lastEventNs = std::max(m_lastEventNs, event.timeNs);
    if (m_segments.empty() && event.type != TimelineEvent::StateChanged
        && m_source->side() == Connection::Side::Client) {
        // A client is born Connecting and the engine does not record a state
        // it already has: the native engine starts with a note that says
        // where it connects to. That note is the start of the attempt.
        StateSegment segment;
        segment.startNs = event.timeNs;
        segment.state = ConnectionState::Connecting;
        segment.why = event.type == TimelineEvent::Note ? event.text : QString();
        m_segments.push_back(segment);
        m_connectMarked = true;
        addMark(event, index, MarkKind::ConnectStart);
        if (event.type == TimelineEvent::Note)
            return; // the note's words are the start's own
        // Any other event still gets its own mark below; its words are not the start's.
        m_marks.back().detail.clear();
    }
    switch (event.type) {
    case TimelineEvent::StateChanged:
        takeState(event, index);
        break;
    case TimelineEvent::HalfClosed:
        addMark(event, index,
                event.direction == Direction::Tx ? MarkKind::FinSent : MarkKind::EofReceived);
        break;
    case TimelineEvent::Error:
        addMark(event, index, errorKind(event.code));
        break;
    case TimelineEvent::Timeout:
        addMark(event, index, timeoutMark(event.timeout));
        break;
    case TimelineEvent::Kernel:
        takeKernel(event, index);
        break;
    case TimelineEvent::Note:
        takeNote(event, index);
        break;
    case TimelineEvent::Discarded:
        m_discardedBytes += event.bytes;
        addMark(event, index, MarkKind::Discarded);
        break;
    }
}

void TimelineLane::addMark(const TimelineEvent &event, qint64 index, MarkKind kind)
{
    LaneMark mark;
    mark.timeNs = event.timeNs;
    mark.kind = kind;
    mark.code = event.code;
    mark.sysErrno = event.sysErrno;
    mark.detail = eventDetail(event);
    mark.event = index;
    m_marks.push_back(std::move(mark));
}

void TimelineLane::takeNote(const TimelineEvent &event, qint64 index)
{
    // The TLS notes are milestones of their own, with their details.
    MarkKind kind = MarkKind::Note;
    if (event.tls && event.code == QLatin1String("tls_handshake_start"))
        kind = MarkKind::TlsHandshakeStart;
    else if (event.tls && event.code == QLatin1String("tls_handshake"))
        kind = MarkKind::TlsHandshake;
    else if (event.tls && event.code == QLatin1String("tls_alert"))
        kind = event.tls->alertKey == QLatin1String("close_notify") ? MarkKind::TlsCloseNotify
                                                                    : MarkKind::TlsAlert;
    addMark(event, index, kind);
    LaneMark &mark = m_marks.back();
    mark.tls = event.tls;
    if (kind == MarkKind::TlsHandshake)
        mark.tag = event.tls->protocol;
    else if (kind == MarkKind::TlsAlert)
        mark.tag = event.tls->alertKey;
}

void TimelineLane::takeState(const TimelineEvent &event, qint64 index)
{
    if (isFinal())
        return; // nothing follows an end; a connection emits none, recorded data might
    if (!m_segments.empty() && m_segments.back().endNs < 0)
        m_segments.back().endNs = event.timeNs;
    StateSegment segment;
    segment.startNs = event.timeNs;
    segment.state = event.state;
    segment.cause = event.cause;
    segment.why = event.text;
    if (isFinalState(event.state)) {
        segment.endNs = event.timeNs;
        m_endNs = event.timeNs;
    }
    m_segments.push_back(segment);

    // The latest mark that is not a note: a note, or the count of what was
    // left unsent, may come between an error and the state it causes.
    MarkKind last = MarkKind::Note;
    for (auto it = m_marks.rbegin(); it != m_marks.rend(); ++it) {
        // A TLS alert comes between the failure it reports and the state.
        if (it->kind != MarkKind::Note && it->kind != MarkKind::Discarded
            && it->kind != MarkKind::TlsAlert) {
            last = it->kind;
            break;
        }
    }
    switch (event.state) {
    case ConnectionState::Resolving:
    case ConnectionState::Connecting:
        // Resolving, then Connecting: one start, when the user asked.
        if (!m_connectMarked)
            addMark(event, index, MarkKind::ConnectStart);
        m_connectMarked = true;
        break;
    case ConnectionState::Established:
        addMark(event, index,
                m_source->side() == Connection::Side::Server && !m_connectMarked
                    ? MarkKind::Accepted
                    : MarkKind::Connected);
        m_connectMarked = true;
        break;
    case ConnectionState::Closed:
        // The qt engine closes on its own after EOF; that is the lesson, so
        // it gets a mark of its own rather than a plain end.
        addMark(event, index,
                event.cause == StateCause::Engine ? MarkKind::QtClosedAfterEof : MarkKind::Closed);
        break;
    case ConnectionState::Reset:
        if (event.cause == StateCause::User)
            addMark(event, index, MarkKind::ResetSent);
        else if (last != MarkKind::ResetReceived && last != MarkKind::BrokenPipe)
            addMark(event, index, MarkKind::ResetReceived); // the error said it already otherwise
        break;
    case ConnectionState::Failed:
        // A failure follows the error or timeout that caused it, which is
        // the mark worth reading; one of its own only when there was none.
        if (last != MarkKind::Error && last != MarkKind::ConnectTimeout
            && last != MarkKind::ResetReceived && last != MarkKind::TlsError)
            addMark(event, index, MarkKind::Error);
        break;
    case ConnectionState::LocalHalfClosed:
    case ConnectionState::RemoteHalfClosed:
    case ConnectionState::Closing:
        break; // the FIN and EOF events mark these
    }
}

void TimelineLane::markKernel(const TimelineEvent &event, qint64 index,
                              const KernelSample &previous)
{
    const KernelSample &now = event.kernel;
    // A counter rose since the last sample; unknown (-1) on either side says nothing.
    auto rose = [](int before, int after) {
        return before >= 0 && after > before;
    };
    if (rose(previous.retransmits, now.retransmits)) {
        addMark(event, index, MarkKind::Retransmission);
        m_marks.back().detail = TimelineText::retransmissionDetail(now);
    }
    // A window probe on loopback is answered at once and tcpi_probes drops
    // back to 0 before the next look; the backoff of the persist timer is
    // what stays raised while the window is zero.
    const bool windowTimer = now.timer == KernelTimer::ZeroWindowProbe
                             || previous.timer == KernelTimer::ZeroWindowProbe;
    if (windowTimer
        && (rose(previous.probes, now.probes)
            || (now.timer == KernelTimer::ZeroWindowProbe
                && rose(std::max<int>(previous.backoff, 0), now.backoff)))) {
        addMark(event, index, MarkKind::WindowProbe);
        m_marks.back().detail = TimelineText::probeDetail(MarkKind::WindowProbe, now);
    }
    // The sampler counts keepalive probes, answered or not (keepaliveProbesBetween).
    if (!windowTimer && rose(std::max<int>(previous.keepaliveProbes, 0), now.keepaliveProbes)) {
        addMark(event, index, MarkKind::KeepaliveProbe);
        m_marks.back().detail = TimelineText::probeDetail(MarkKind::KeepaliveProbe, now);
    }
}

void TimelineLane::takeKernel(const TimelineEvent &event, qint64 index)
{
    if (m_kernelClosed)
        return;
    if (!m_kernelPoints.empty())
        markKernel(event, index, m_kernelPoints.back().sample);
    m_kernelPoints.push_back({event.timeNs, event.kernel});
    const int point = int(m_kernelPoints.size()) - 1;
    const KernelState state = event.kernel.state;
    if (!m_kernelSegments.empty()) {
        KernelSegment &current = m_kernelSegments.back();
        if (current.state == state && current.endNs < 0) {
            current.lastPoint = point;
            return;
        }
        if (current.endNs < 0 || current.endNs > event.timeNs)
            current.endNs = event.timeNs;
    }
    // A sample that names no state says as little as "gone".
    if (state == KernelState::Closed || state == KernelState::Unknown) {
        m_kernelClosed = true;
        return;
    }
    KernelSegment segment;
    segment.startNs = event.timeNs;
    segment.state = state;
    segment.firstPoint = segment.lastPoint = point;
    if (state == KernelState::TimeWait) {
        // Nothing will be sampled after it: the kernel says how long it
        // keeps the connection, or Linux's fixed 60 s applies.
        const qint64 rest = event.kernel.timeWaitMs >= 0 ? qint64(event.kernel.timeWaitMs) * 1000000
                                                         : defaultTimeWaitNs;
        segment.endNs = event.timeNs + rest;
        m_kernelClosed = true;
    }
    m_kernelSegments.push_back(segment);
}

qint64 TimelineLane::kernelEndNs() const
{
    if (m_kernelSegments.empty() || !m_kernelClosed)
        return -1;
    return m_kernelSegments.back().endNs;
}

std::pair<size_t, size_t> TimelineLane::marksBetween(qint64 fromNs, qint64 toNs) const
{
    auto before = [](const LaneMark &mark, qint64 t) {
        return mark.timeNs < t;
    };
    const auto first = std::lower_bound(m_marks.begin(), m_marks.end(), fromNs, before);
    const auto last = std::lower_bound(first, m_marks.end(), toNs, before);
    return {size_t(first - m_marks.begin()), size_t(last - m_marks.begin())};
}

const StateSegment *TimelineLane::segmentAt(qint64 timeNs) const
{
    auto after = [](qint64 t, const StateSegment &segment) {
        return t < segment.startNs;
    };
    auto it = std::upper_bound(m_segments.begin(), m_segments.end(), timeNs, after);
    if (it == m_segments.begin())
        return nullptr;
    --it;
    // Several changes in the same nanosecond: the last one holds.
    if (it->endNs >= 0 && timeNs >= it->endNs
        && !(it->endNs == it->startNs && timeNs == it->startNs))
        return nullptr;
    return &*it;
}

const KernelPoint *TimelineLane::kernelPointAt(qint64 timeNs) const
{
    auto after = [](qint64 t, const KernelPoint &point) {
        return t < point.timeNs;
    };
    auto it = std::upper_bound(m_kernelPoints.begin(), m_kernelPoints.end(), timeNs, after);
    if (it == m_kernelPoints.begin())
        return nullptr;
    return &*(it - 1);
}

const KernelSegment *TimelineLane::kernelSegmentAt(qint64 timeNs, qint64 nowNs) const
{
    auto after = [](qint64 t, const KernelSegment &segment) {
        return t < segment.startNs;
    };
    auto it = std::upper_bound(m_kernelSegments.begin(), m_kernelSegments.end(), timeNs, after);
    if (it == m_kernelSegments.begin())
        return nullptr;
    --it;
    const qint64 end = it->endNs >= 0 ? it->endNs : nowNs;
    return timeNs < end ? &*it : nullptr;
}

} // namespace TcpInspector
