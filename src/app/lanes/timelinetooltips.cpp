// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes/timelinetooltips.h"

#include "lanes/chunkbuckets.h"
#include "lanes/timelinetext.h"
#include "lanes/tlsmarktext.h"
#include "models/modeltext.h"

#include <QStringList>

#include <algorithm>
#include <climits>
#include <cmath>
#include <vector>

namespace TcpInspector {

TimelineToolTips::TimelineToolTips(const TimeScale &scale, const Geometry &geometry, qint64 zeroNs,
                                   qint64 nowNs)
    : m_scale(scale), m_geometry(geometry), m_zeroNs(zeroNs), m_nowNs(nowNs)
{ }

// Which mark of a group is drawn: errors and resets over timeouts over
// what Qt did over FIN and EOF over the connection's plain milestones.
int TimelineToolTips::markPriority(MarkKind kind)
{
    switch (kind) {
    case MarkKind::ResetSent:
    case MarkKind::ResetReceived:
    case MarkKind::BrokenPipe:
    case MarkKind::Error:
    case MarkKind::Discarded:
    case MarkKind::TlsError:
        return 10;
    case MarkKind::TlsAlert:
    case MarkKind::ConnectTimeout:
    case MarkKind::IdleTimeout:
    case MarkKind::WriteStall:
    case MarkKind::CloseTimeout:
        return 9;
    case MarkKind::Retransmission:
    case MarkKind::KeepaliveProbe:
    case MarkKind::WindowProbe:
        return 6;
    case MarkKind::QtClosedAfterEof:
        return 8;
    case MarkKind::FinSent:
    case MarkKind::EofReceived:
    case MarkKind::TlsCloseNotify:
        return 7;
    case MarkKind::ConnectStart:
    case MarkKind::TlsHandshake:
        return 5;
    case MarkKind::TlsHandshakeStart:
    case MarkKind::Accepted:
    case MarkKind::Connected:
        return 4;
    case MarkKind::Closed:
        return 3;
    case MarkKind::Note:
        return 1;
    }
    return 0;
}

qint64 TimelineToolTips::segmentEndNs(const TimelineLane &lane, const StateSegment &segment,
                                      qint64 nowNs)
{
    if (segment.endNs >= 0)
        return segment.endNs;
    return std::max(nowNs, lane.lastEventNs());
}

qint64 TimelineToolTips::kernelEndNs(const TimelineLane &lane, const KernelSegment &segment,
                                     qint64 nowNs)
{
    if (segment.endNs >= 0)
        return segment.endNs;
    // Not sampled to its end: the kernel keeps nothing longer than a minute
    // (FIN_WAIT2, TIME_WAIT) after the socket is gone.
    qint64 end = std::max(nowNs, lane.lastEventNs());
    if (lane.isFinal())
        end = std::min(end, lane.endNs() + TimelineLane::defaultTimeWaitNs);
    return std::max(end, segment.startNs);
}

QString TimelineToolTips::timeText(double timeNs) const
{
    return TimelineText::exactTime(qint64(std::llround(timeNs)) - m_zeroNs);
}

QString TimelineToolTips::laneText(const LaneSource &source, const TimelineLane &lane) const
{
    QString text = QStringLiteral("<b>%1</b>")
                       .arg(TimelineText::laneTitle(source.side(), source.id(), source.relayPair())
                                .toHtmlEscaped());
    text += QStringLiteral("<br/>")
            + tr("%1 engine, local %2, peer %3")
                  .arg(source.engineName(),
                       source.localAddress().isEmpty() ? tr("unknown") : source.localAddress(),
                       source.peerAddress().isEmpty() ? tr("unknown") : source.peerAddress())
                  .toHtmlEscaped();
    text += QStringLiteral("<br/>") + tr("State: %1").arg(ModelText::state(lane.state()));
    if (lane.startNs() >= 0) {
        const qint64 end = lane.isFinal() ? lane.endNs() : m_nowNs;
        text += QStringLiteral("<br/>")
                + tr("From %1 for %2")
                      .arg(timeText(double(lane.startNs())),
                           TimelineText::duration(end - lane.startNs()));
    }
    const StreamStore &rx = source.store(Direction::Rx);
    const StreamStore &tx = source.store(Direction::Tx);
    text += QStringLiteral("<br/>")
            + tr("Received %1 in %n read(s)", nullptr,
                 int(std::min<qint64>(rx.chunkCount(), INT_MAX)))
                  .arg(ModelText::byteCount(rx.size()));
    text += QStringLiteral("<br/>")
            + tr("Sent %1 in %n write(s)", nullptr, int(std::min<qint64>(tx.chunkCount(), INT_MAX)))
                  .arg(ModelText::byteCount(tx.size()));
    if (lane.discardedBytes() > 0)
        text += QStringLiteral("<br/><b>%1</b>")
                    .arg(tr("%1 written never reached the peer")
                             .arg(ModelText::byteCount(lane.discardedBytes()))
                             .toHtmlEscaped());
    return text;
}

QString TimelineToolTips::marksText(const TimelineLane &lane, size_t first, size_t last) const
{
    // The six that matter most, in time order: errors before notes.
    std::vector<size_t> picked;
    for (size_t i = first; i < last; ++i)
        picked.push_back(i);
    std::stable_sort(picked.begin(), picked.end(), [&](size_t a, size_t b) {
        return markPriority(lane.marks()[a].kind) > markPriority(lane.marks()[b].kind);
    });
    const size_t shown = std::min<size_t>(picked.size(), 6);
    picked.resize(shown);
    std::sort(picked.begin(), picked.end());
    QStringList parts;
    for (size_t i : picked) {
        const LaneMark &mark = lane.marks()[i];
        QString part = tr("<b>%1</b> at %2")
                           .arg(TimelineText::markName(mark.kind).toHtmlEscaped(),
                                timeText(double(mark.timeNs)));
        if (lane.startNs() >= 0 && mark.timeNs > lane.startNs())
            part += QStringLiteral(" ")
                    + tr("(%1 after the connection began)")
                          .arg(TimelineText::duration(mark.timeNs - lane.startNs()));
        part += QStringLiteral("<br/>") + TimelineText::markExplanation(mark.kind).toHtmlEscaped();
        if (mark.sysErrno != 0)
            part += QStringLiteral("<br/>")
                    + tr("errno %1 (%2)").arg(mark.sysErrno).arg(mark.code).toHtmlEscaped();
        // The handshake's details say in parts what its note says in a sentence.
        if (!mark.detail.isEmpty() && mark.kind != MarkKind::TlsHandshake)
            part += QStringLiteral("<br/><i>%1</i>").arg(mark.detail.toHtmlEscaped());
        // Certificates expire by the calendar, not by the connection's clock.
        if (const QString tls = TlsMarkText::html(mark, QDateTime::currentDateTimeUtc());
            !tls.isEmpty())
            part += QStringLiteral("<br/>") + tls;
        parts.append(part);
    }
    if (last - first > shown)
        parts.append(tr("and %1 more").arg(last - first - shown));
    return parts.join(QStringLiteral("<hr/>"));
}

QString TimelineToolTips::stateText(const TimelineLane &lane, double timeNs, double x) const
{
    // A final state is drawn as a short block after its instant.
    const StateSegment *segment = nullptr;
    if (!lane.segments().empty()) {
        const StateSegment &last = lane.segments().back();
        const double x0 = std::floor(xForTime(double(last.startNs)));
        if (isFinalState(last.state) && x >= x0 && x <= x0 + m_geometry.finalBlock)
            segment = &last;
    }
    if (!segment)
        segment = lane.segmentAt(qint64(std::floor(timeNs)));
    if (!segment)
        return QString();
    QString text
        = QStringLiteral("<b>%1</b>").arg(ModelText::state(segment->state).toHtmlEscaped());
    if (isFinalState(segment->state)) {
        text += QStringLiteral(" ")
                + tr("at %1, %2")
                      .arg(timeText(double(segment->startNs)),
                           TimelineText::causeName(segment->cause));
    } else {
        const qint64 end = segmentEndNs(lane, *segment, m_nowNs);
        text += QStringLiteral(" ")
                + tr("from %1 to %2 (%3), %4")
                      .arg(timeText(double(segment->startNs)), timeText(double(end)),
                           TimelineText::duration(end - segment->startNs),
                           TimelineText::causeName(segment->cause));
    }
    text
        += QStringLiteral("<br/>") + TimelineText::stateExplanation(segment->state).toHtmlEscaped();
    if (!segment->why.isEmpty())
        text += QStringLiteral("<br/><i>%1</i>").arg(segment->why.toHtmlEscaped());
    return text;
}

QString TimelineToolTips::dataText(const LaneSource &source, Direction direction, double x) const
{
    const StreamStore &store = source.store(direction);
    const double column = std::floor(x - m_geometry.plotLeft);
    // The pixel under the cursor and one either side: a tick is thin.
    const double from = m_scale.startNs() + (column - 1) * m_scale.nsPerPixel();
    const std::vector<ChunkBuckets::Column> columns
        = ChunkBuckets::build(store, from, m_scale.nsPerPixel(), 3);
    qint64 bytes = 0;
    qint64 chunks = 0;
    for (const auto &c : columns) {
        bytes += c.bytes;
        chunks += c.chunks;
    }
    const qint64 nearest = ChunkBuckets::nearestChunk(store, qint64(std::llround(timeForX(x))));
    if (nearest < 0)
        return QString();
    const StreamStore::Chunk chunk = store.chunk(nearest);
    const double chunkX = xForTime(double(chunk.timestampNs));
    if (chunks == 0 && std::abs(chunkX - x) > m_geometry.tickReach)
        return QString();
    QString text;
    if (chunks > 0) {
        const int n = int(std::min<qint64>(chunks, INT_MAX));
        text = (direction == Direction::Rx ? tr("<b>Received</b> %1 in %n read(s)", nullptr, n)
                                           : tr("<b>Sent</b> %1 in %n write(s)", nullptr, n))
                   .arg(ModelText::byteCount(bytes));
        text
            += QStringLiteral(" ")
               + tr("from %1 to %2").arg(timeText(from), timeText(from + 3 * m_scale.nsPerPixel()));
        text += QStringLiteral("<br/>");
    }
    text += (direction == Direction::Rx ? tr("Nearest read: chunk %1 at %2, %3 at offset %4")
                                        : tr("Nearest write: chunk %1 at %2, %3 at offset %4"))
                .arg(nearest + 1)
                .arg(timeText(double(chunk.timestampNs)), ModelText::byteCount(chunk.size))
                .arg(chunk.offset);
    text += QStringLiteral("<br/>") + tr("Click to select it.");
    return text;
}

QString TimelineToolTips::kernelText(const TimelineLane &lane, double timeNs) const
{
    const auto t = qint64(std::floor(timeNs));
    const KernelSegment *segment = nullptr;
    for (const KernelSegment &candidate : lane.kernelSegments()) {
        if (candidate.startNs <= t && t < kernelEndNs(lane, candidate, m_nowNs))
            segment = &candidate;
    }
    if (!segment) {
        return lane.kernelSegments().empty()
                   ? tr("No kernel samples: the kernel's TCP state is sampled on Linux while "
                        "a connection is open.")
                   : QString();
    }
    const qint64 end = kernelEndNs(lane, *segment, m_nowNs);
    QString text = tr("<b>Kernel: %1</b> from %2 to %3 (%4)")
                       .arg(TimelineText::kernelStateName(segment->state).toHtmlEscaped(),
                            timeText(double(segment->startNs)), timeText(double(end)),
                            TimelineText::duration(end - segment->startNs));
    const QString explanation = TimelineText::kernelStateExplanation(segment->state);
    if (!explanation.isEmpty())
        text += QStringLiteral("<br/>") + explanation.toHtmlEscaped();
    if (segment->state == KernelState::TimeWait && segment->endNs >= 0)
        text += QStringLiteral("<br/>") + timeWaitText(*segment);
    const KernelPoint *point = lane.kernelPointAt(t);
    if (!point || point->timeNs < segment->startNs)
        return text;
    return text + samples(*point);
}

// When the kernel forgets a TIME_WAIT connection, and what that means for its port.
QString TimelineToolTips::timeWaitText(const KernelSegment &segment) const
{
    const qint64 left = segment.endNs - m_nowNs;
    const QString when
        = left > 0 ? tr("The kernel forgets it at %1, %2 from now.")
                         .arg(timeText(double(segment.endNs)), TimelineText::duration(left))
                   : tr("The kernel forgot it at %1.").arg(timeText(double(segment.endNs)));
    return when.toHtmlEscaped() + QStringLiteral(" ")
           + tr("Until then the port pair stays busy: a server restarted on the same port "
                "meanwhile fails with EADDRINUSE unless it sets SO_REUSEADDR.")
                 .toHtmlEscaped();
}

// The figures of one kernel sample, those it has.
QString TimelineToolTips::samples(const KernelPoint &point) const
{
    const KernelSample &s = point.sample;
    QStringList figures;
    if (s.rttUs >= 0)
        figures.append(s.rttVarUs >= 0 ? tr("RTT %1 µs (± %2)").arg(s.rttUs).arg(s.rttVarUs)
                                       : tr("RTT %1 µs").arg(s.rttUs));
    if (s.sendQueue >= 0)
        figures.append(tr("send queue %1").arg(ModelText::byteCount(s.sendQueue)));
    if (s.recvQueue >= 0)
        figures.append(tr("receive queue %1").arg(ModelText::byteCount(s.recvQueue)));
    if (s.cwnd >= 0)
        figures.append(tr("cwnd %1 segments").arg(s.cwnd));
    if (s.unacked >= 0)
        figures.append(tr("%1 unacknowledged").arg(s.unacked));
    if (s.retransmits >= 0)
        figures.append(tr("%1 retransmits").arg(s.retransmits));
    if (s.consecutiveRetransmits > 0)
        figures.append(tr("%1 timeouts in a row").arg(s.consecutiveRetransmits));
    if (s.probes > 0)
        figures.append(tr("%1 probes unanswered").arg(s.probes));
    if (s.backoff > 0)
        figures.append(tr("backoff %1").arg(s.backoff));
    if (s.timeWaitMs >= 0)
        figures.append(tr("forgotten %1 ms after this sample").arg(s.timeWaitMs));
    QString text;
    if (!figures.isEmpty())
        text = QStringLiteral("<br/>")
               + tr("Sample at %1: %2")
                     .arg(timeText(double(point.timeNs)), figures.join(QStringLiteral(", ")));
    if (s.timer == KernelTimer::Unknown || s.timer == KernelTimer::TimeWait)
        return text; // TIME_WAIT's own countdown says it
    if (s.timer == KernelTimer::None)
        return text + QStringLiteral("<br/>") + tr("No kernel timer pending.");
    text += QStringLiteral("<br/>")
            + tr("<b>%1</b>: fires %2 ms after this sample.")
                  .arg(TimelineText::kernelTimerName(s.timer).toHtmlEscaped())
                  .arg(s.timerMs);
    return text + QStringLiteral(" ")
           + TimelineText::kernelTimerExplanation(s.timer).toHtmlEscaped();
}

QString TimelineToolTips::throughputText(const LaneSource &source, double x) const
{
    const int group = m_geometry.rateStep;
    const double index = std::floor((x - m_geometry.plotLeft) / group);
    const double from = m_scale.startNs() + index * group * m_scale.nsPerPixel();
    const double perColumn = m_scale.nsPerPixel();
    auto rateOf = [&](Direction direction) {
        const auto columns = ChunkBuckets::build(source.store(direction), from, perColumn, group);
        const std::vector<double> rates = ChunkBuckets::rates(columns, perColumn, group);
        return rates.empty() ? 0.0 : rates.front();
    };
    return tr("From %1 to %2: received %3, sent %4")
        .arg(timeText(from), timeText(from + group * perColumn),
             ModelText::byteRate(rateOf(Direction::Rx)),
             ModelText::byteRate(rateOf(Direction::Tx)));
}

} // namespace TcpInspector
