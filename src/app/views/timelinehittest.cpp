// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/timelinehittest.h"

#include <algorithm>
#include <utility>

namespace TcpInspector {

TimelineHitTest::TimelineHitTest(const TimelineLayout &layout, const TimeScale &scale,
                                 LaneAt laneAt)
    : m_layout(layout), m_scale(scale), m_laneAt(std::move(laneAt))
{ }

TimelineHitTest::Hit TimelineHitTest::at(const QPointF &pos) const
{
    const TimelineLayout::Metrics &m = m_layout.metrics();
    Hit hit;
    hit.timeNs = m_scale.timeAt(pos.x() - m.label);
    if (pos.y() < m.axis) {
        hit.zone = Zone::Axis;
        return hit;
    }
    if (pos.y() >= m_layout.lanesBottom()) {
        hit.zone = Zone::Legend;
        return hit;
    }
    const int row = m_layout.rowAt(pos.y());
    if (row < 0)
        return hit;
    hit.row = row;
    if (pos.x() < m.label) {
        hit.zone = Zone::Label;
        return hit;
    }
    if (markGroupAt(row, pos, &hit.group)) {
        hit.zone = Zone::Mark;
        return hit;
    }
    hit.zone = bandAt(row, pos.y());
    return hit;
}

TimelineHitTest::Zone TimelineHitTest::bandAt(int row, qreal y) const
{
    const QRectF rx = m_layout.rxTickRect(row);
    const QRectF tx = m_layout.txTickRect(row);
    if (y < rx.top())
        return Zone::None; // the tag row, away from any tag
    if (y < rx.bottom())
        return Zone::RxTicks;
    if (y < m_layout.barRect(row).bottom())
        return Zone::Bar;
    if (y < tx.bottom())
        return Zone::TxTicks;
    if (y < m_layout.kernelRect(row).bottom())
        return Zone::Kernel;
    return Zone::Throughput;
}

bool TimelineHitTest::markGroupAt(int row, const QPointF &pos, TimelineMarks::Group *found) const
{
    const TimelineLane *lane = m_laneAt(row);
    if (!lane || pos.y() < m_layout.tagRect(row).top()
        || pos.y() >= m_layout.txTickRect(row).bottom())
        return false;
    // A tag under the cursor wins; otherwise the group whose marks are
    // nearest, within a few pixels (groups can sit closer than that).
    const bool belowTags = pos.y() >= m_layout.rxTickRect(row).top();
    double best = m_layout.metrics().markReach;
    bool any = false;
    for (const TimelineMarks::Group &group : TimelineMarks(m_layout, m_scale).groups(row, *lane)) {
        if (group.tag.contains(pos)) {
            *found = group;
            return true;
        }
        if (!belowTags)
            continue;
        const double low = std::min(group.anchor, group.x);
        const double high = std::max(group.end, group.x);
        const double distance = pos.x() < low ? low - pos.x() : std::max(0.0, pos.x() - high);
        if (distance <= best) {
            best = distance;
            *found = group;
            any = true;
        }
    }
    return any;
}

} // namespace TcpInspector
