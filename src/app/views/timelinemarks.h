// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanes/timelinelane.h"
#include "lanes/timescale.h"
#include "views/timelinelayout.h"

#include <QCoreApplication>
#include <QRectF>
#include <QString>

#include <cstddef>
#include <vector>

namespace TcpInspector {

/// A lane's marks as drawn: those that share a few pixels grouped and shown
/// as the most important of them, with a tag naming them where there is
/// room. The painter draws these groups and the hit test finds them, so
/// both agree on what is where.
class TimelineMarks
{
    Q_DECLARE_TR_FUNCTIONS(TcpInspector::TimelineMarks)

public:
    struct Group
    {
        double anchor = 0; ///< the first mark's x: a group spans a few pixels from it
        double end = 0;    ///< the last mark's x
        double x = 0;      ///< the shown mark's x
        size_t first = 0;
        size_t last = 0; // exclusive
        MarkKind shown = MarkKind::Note;
        QString text;
        QRectF tag; ///< null when there was no room, or for notes
    };

    TimelineMarks(const TimelineLayout &layout, const TimeScale &scale);

    /// The groups on a row's visible width, with their tags laid out.
    std::vector<Group> groups(int row, const TimelineLane &lane) const;

private:
    /// The groups between two x, tags not laid out yet.
    std::vector<Group> collect(const TimelineLane &lane, double fromX, double toX) const;
    /// The tag text of a group: up to two names and how many more.
    static QString tagText(const TimelineLane &lane, const Group &group);
    double xForTime(double timeNs) const { return m_layout.metrics().label + m_scale.xOf(timeNs); }
    double timeForX(double x) const { return m_scale.timeAt(x - m_layout.metrics().label); }

    const TimelineLayout &m_layout;
    const TimeScale &m_scale;
};

} // namespace TcpInspector
