// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/timelinemarks.h"

#include "lanes/timelinetext.h"
#include "lanes/timelinetooltips.h"

#include <QFontMetricsF>
#include <QStringList>

#include <cmath>

namespace TcpInspector {

TimelineMarks::TimelineMarks(const TimelineLayout &layout, const TimeScale &scale)
    : m_layout(layout), m_scale(scale)
{ }

std::vector<TimelineMarks::Group> TimelineMarks::collect(const TimelineLane &lane, double fromX,
                                                         double toX) const
{
    std::vector<Group> groups;
    const double tolerance = m_layout.metrics().markReach;
    const auto [first, last] = lane.marksBetween(qint64(std::floor(timeForX(fromX - tolerance))),
                                                 qint64(std::ceil(timeForX(toX + tolerance))) + 1);
    const std::vector<LaneMark> &marks = lane.marks();
    for (size_t i = first; i < last; ++i) {
        const double x = xForTime(double(marks[i].timeNs));
        if (!groups.empty() && x - groups.back().anchor <= tolerance) {
            Group &current = groups.back();
            current.last = i + 1;
            current.end = x;
            if (TimelineToolTips::markPriority(marks[i].kind)
                > TimelineToolTips::markPriority(current.shown)) {
                current.shown = marks[i].kind;
                current.x = x; // drawn where the mark that matters most is
            }
            continue;
        }
        Group next;
        next.anchor = x;
        next.end = x;
        next.x = x;
        next.first = i;
        next.last = i + 1;
        next.shown = marks[i].kind;
        groups.push_back(next);
    }
    return groups;
}

QString TimelineMarks::tagText(const TimelineLane &lane, const Group &group)
{
    // Notes stay untagged, and so does a plain close: its block says it.
    QStringList names;
    int more = 0;
    // A handshake that ended here says it began: its protocol is the tag.
    bool handshakeDone = false;
    for (size_t i = group.first; i < group.last; ++i)
        handshakeDone |= lane.marks()[i].kind == MarkKind::TlsHandshake;
    for (size_t i = group.first; i < group.last; ++i) {
        const LaneMark &mark = lane.marks()[i];
        if (mark.kind == MarkKind::Note || mark.kind == MarkKind::Closed
            || (handshakeDone && mark.kind == MarkKind::TlsHandshakeStart))
            continue;
        // A mark's own tag names what happened: "TLSv1.3", "unknown_ca".
        const QString name = mark.tag.isEmpty() ? TimelineText::markTag(mark.kind) : mark.tag;
        if (names.contains(name))
            continue;
        if (names.size() < 2)
            names.append(name);
        else
            ++more;
    }
    if (names.isEmpty())
        return QString();
    //: Two marks at the same place on a lane: "SYN, connected"
    QString text = names.size() == 1 ? names.first() : tr("%1, %2").arg(names[0], names[1]);
    if (more > 0)
        //: A mark's tag and how many more share its place: "RST, EPIPE +2"
        text = tr("%1 +%2").arg(text).arg(more);
    return text;
}

std::vector<TimelineMarks::Group> TimelineMarks::groups(int row, const TimelineLane &lane) const
{
    const QRectF tags = m_layout.tagRect(row);
    std::vector<Group> groups = collect(lane, tags.left(), tags.right());
    const QFontMetricsF metrics(m_layout.tagFont());
    std::vector<QRectF> placed;
    for (Group &group : groups) {
        group.text = tagText(lane, group);
        if (group.text.isEmpty())
            continue;
        const qreal x = std::round(group.x) + 0.5;
        QRectF rect(x, tags.top(),
                    metrics.horizontalAdvance(group.text) + 0.5 * m_layout.metrics().line,
                    tags.height() - 1);
        if (rect.right() > tags.right())
            rect.moveRight(x + 1);
        bool overlaps = false;
        for (const QRectF &other : placed)
            overlaps |= other.adjusted(-2, 0, 2, 0).intersects(rect);
        if (overlaps)
            continue;
        placed.push_back(rect);
        group.tag = rect;
    }
    return groups;
}

} // namespace TcpInspector
