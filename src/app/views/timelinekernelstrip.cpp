// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/timelinekernelstrip.h"

#include "lanes/timelinetext.h"
#include "lanes/timelinetooltips.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace TcpInspector {

TimelineKernelStrip::TimelineKernelStrip(const TimelineLayout &layout, const TimeScale &scale,
                                         qint64 nowNs)
    : m_layout(layout), m_scale(scale), m_nowNs(nowNs)
{ }

std::vector<TimelineKernelStrip::Piece> TimelineKernelStrip::pieces(int row,
                                                                    const TimelineLane &lane) const
{
    const QRectF strip = m_layout.kernelRect(row);
    const std::vector<KernelSegment> &segments = lane.kernelSegments();
    std::vector<Piece> result;
    // Where the previous piece ended: a short state widened to minWidth
    // pushes the next one right rather than hide under it. The push is at
    // most minWidth per short state in a row, and a long state absorbs it.
    double previousRight = -1e300;
    for (size_t i = 0; i < segments.size(); ++i) {
        const KernelSegment &segment = segments[i];
        const double x0 = std::floor(xForTime(double(segment.startNs)));
        const double x1
            = std::floor(xForTime(double(TimelineToolTips::kernelEndNs(lane, segment, m_nowNs))));
        const double left = std::max(x0, previousRight);
        const double right = std::max(x1, left + minWidth);
        previousRight = right;
        if (right < strip.left() || left > strip.right())
            continue;
        // Clipped a pixel past the strip, so that its edges do not show.
        const double shownLeft = std::max(left, strip.left() - 1);
        const double shownRight = std::max(shownLeft + 1, std::min(right, strip.right() + 1));
        Piece piece;
        piece.rect = QRectF(shownLeft, strip.top(), shownRight - shownLeft, strip.height());
        piece.segment = i;
        piece.state = segment.state;
        placeLabel(lane, strip, &piece);
        result.push_back(piece);
    }
    return result;
}

void TimelineKernelStrip::placeLabel(const TimelineLane &lane, const QRectF &strip,
                                     Piece *piece) const
{
    const KernelSegment &segment = lane.kernelSegments()[piece->segment];
    const QFontMetricsF metrics(m_layout.smallFont());
    const qreal pad = 0.3 * m_layout.metrics().line;
    // Kept at the visible start of a long piece, so it stays readable; the
    // countdown first, the bare name when the countdown does not fit.
    const double left = std::max(piece->rect.left(), strip.left()) + pad;
    for (const QString &text :
         {label(segment, m_nowNs), TimelineText::kernelStateName(segment.state)}) {
        const qreal width = metrics.horizontalAdvance(text) + 1;
        if (left + width + pad <= piece->rect.right() + 0.5) {
            piece->label = text;
            piece->labelRect = QRectF(left, piece->rect.top(), width, piece->rect.height());
            return;
        }
    }
}

const TimelineKernelStrip::Piece *TimelineKernelStrip::pieceAt(const std::vector<Piece> &pieces,
                                                               double x)
{
    for (const Piece &piece : pieces) {
        if (x >= piece.rect.left() && x < piece.rect.right())
            return &piece;
    }
    return nullptr;
}

qint64 TimelineKernelStrip::secondsLeft(const KernelSegment &segment, qint64 nowNs)
{
    if (segment.state != KernelState::TimeWait || segment.endNs < 0)
        return -1;
    const qint64 left = segment.endNs - nowNs;
    return left <= 0 ? 0 : (left + 999999999) / 1000000000;
}

QString TimelineKernelStrip::label(const KernelSegment &segment, qint64 nowNs)
{
    QString name = TimelineText::kernelStateName(segment.state);
    const qint64 seconds = secondsLeft(segment, nowNs);
    if (seconds <= 0)
        return name;
    //: TIME_WAIT on the kernel strip and the seconds until the kernel forgets it: "TIME_WAIT 59 s"
    return tr("%1 %2 s").arg(name).arg(seconds);
}

} // namespace TcpInspector
