// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanes/timelinelane.h"
#include "lanes/timescale.h"
#include "views/timelinelayout.h"
#include "views/timelinemarks.h"

#include <QPointF>

#include <functional>

namespace TcpInspector {

/// What part of the timeline is under a point: the axis, the legend, a
/// lane's label, a mark group, its ticks, bar, kernel strip or graph. The
/// view asks it for clicks and tooltips.
class TimelineHitTest
{
public:
    /// The parts of a lane.
    enum class Zone { None, Axis, Legend, Label, Mark, RxTicks, Bar, TxTicks, Kernel, Throughput };
    struct Hit
    {
        int row = -1; ///< display row, -1 outside the lanes
        Zone zone = Zone::None;
        double timeNs = 0;
        TimelineMarks::Group group; ///< the mark group, for Zone::Mark
    };
    /// The lane of a display row, or nullptr.
    using LaneAt = std::function<const TimelineLane *(int row)>;

    TimelineHitTest(const TimelineLayout &layout, const TimeScale &scale, LaneAt laneAt);

    Hit at(const QPointF &pos) const;
    /// The mark group under pos on a row, from the tag row down to the
    /// write ticks: a tag under pos, or the group whose marks are nearest.
    bool markGroupAt(int row, const QPointF &pos, TimelineMarks::Group *found) const;

private:
    /// Which band of a lane y falls in, below the tag row.
    Zone bandAt(int row, qreal y) const;

    const TimelineLayout &m_layout;
    const TimeScale &m_scale;
    LaneAt m_laneAt;
};

} // namespace TcpInspector
