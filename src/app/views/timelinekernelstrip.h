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

/// A lane's kernel strip as drawn: one piece per kernel state, at least a
/// few pixels wide so that a 30 ms FIN_WAIT2 on a timeline of minutes still
/// shows (the next piece starts after it), labelled where the name fits,
/// TIME_WAIT with the seconds it has left. The painter draws these pieces
/// and the view's tooltip finds them, so both agree on what is where.
class TimelineKernelStrip
{
    Q_DECLARE_TR_FUNCTIONS(TcpInspector::TimelineKernelStrip)

public:
    struct Piece
    {
        QRectF rect;
        size_t segment = 0; ///< index into the lane's kernelSegments()
        KernelState state = KernelState::Unknown;
        QString label; ///< empty when there is no room for it
        QRectF labelRect;
    };

    /// The narrowest a piece is drawn, in pixels.
    static constexpr double minWidth = 4;

    TimelineKernelStrip(const TimelineLayout &layout, const TimeScale &scale, qint64 nowNs);

    /// The pieces on a row's strip, left to right; those off the strip left out.
    std::vector<Piece> pieces(int row, const TimelineLane &lane) const;
    /// The piece under x on a row, or nullptr.
    static const Piece *pieceAt(const std::vector<Piece> &pieces, double x);

    /// A piece's text: the state's name, and for TIME_WAIT the whole seconds
    /// left at nowNs ("TIME_WAIT 59 s"); the name alone once it is over.
    static QString label(const KernelSegment &segment, qint64 nowNs);
    /// Whole seconds of TIME_WAIT left at nowNs, rounded up; -1 when segment
    /// is not a TIME_WAIT with a known end, 0 once it is over.
    static qint64 secondsLeft(const KernelSegment &segment, qint64 nowNs);

private:
    double xForTime(double timeNs) const { return m_layout.metrics().label + m_scale.xOf(timeNs); }
    void placeLabel(const TimelineLane &lane, const QRectF &strip, Piece *piece) const;

    const TimelineLayout &m_layout;
    const TimeScale &m_scale;
    qint64 m_nowNs;
};

} // namespace TcpInspector
