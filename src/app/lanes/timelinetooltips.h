// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanes/lanesource.h"
#include "lanes/timelinelane.h"
#include "lanes/timescale.h"

#include <QCoreApplication>
#include <QString>

#include <cstddef>

namespace TcpInspector {

/// The timeline's tooltips as rich text: what a lane is, what its marks,
/// states, reads and writes, kernel samples and throughput mean at the
/// pointer. Pure text from a lane and the time scale, so it is tested
/// without painting; the view picks which one by hit testing.
class TimelineToolTips
{
    Q_DECLARE_TR_FUNCTIONS(TcpInspector::TimelineToolTips)

public:
    /// Where the view draws what the texts describe, in viewport pixels.
    struct Geometry
    {
        double plotLeft = 0;   ///< the x of the scale's 0
        double finalBlock = 8; ///< the width of a final state's block
        int rateStep = 2;      ///< pixel columns per step of the throughput graph
        /// How far from the pointer a lone read or write tick is still found.
        double tickReach = 8;
    };

    TimelineToolTips(const TimeScale &scale, const Geometry &geometry, qint64 zeroNs, qint64 nowNs);

    /// The lane's title, engine, addresses, state, times and totals.
    QString laneText(const LaneSource &source, const TimelineLane &lane) const;
    /// The marks [first, last) of a group: the six that matter most, in time order.
    QString marksText(const TimelineLane &lane, size_t first, size_t last) const;
    /// The state at timeNs, or the final state's block under x.
    QString stateText(const TimelineLane &lane, double timeNs, double x) const;
    /// The reads or writes at pixel column x and the chunk nearest to it.
    QString dataText(const LaneSource &source, Direction direction, double x) const;
    /// The kernel state at timeNs and the sample's figures.
    QString kernelText(const TimelineLane &lane, double timeNs) const;
    /// The throughput step under x, both ways.
    QString throughputText(const LaneSource &source, double x) const;
    /// A time relative to the timeline's zero: "+12.345 ms".
    QString timeText(double timeNs) const;

    /// Which mark of a group matters most: the one drawn, and listed first.
    static int markPriority(MarkKind kind);
    /// Where a state's bar ends: its end, or now while it lasts.
    static qint64 segmentEndNs(const TimelineLane &lane, const StateSegment &segment, qint64 nowNs);
    /// Where a kernel state's strip ends: its end, or now while it lasts, at
    /// most a minute after the socket is gone.
    static qint64 kernelEndNs(const TimelineLane &lane, const KernelSegment &segment, qint64 nowNs);

private:
    double xForTime(double timeNs) const { return m_geometry.plotLeft + m_scale.xOf(timeNs); }
    double timeForX(double x) const { return m_scale.timeAt(x - m_geometry.plotLeft); }
    QString samples(const KernelPoint &point) const;
    QString timeWaitText(const KernelSegment &segment) const;

    TimeScale m_scale;
    Geometry m_geometry;
    qint64 m_zeroNs = 0;
    qint64 m_nowNs = 0;
};

} // namespace TcpInspector
