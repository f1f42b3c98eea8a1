// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanes/timescale.h"

#include <QString>

#include <functional>
#include <vector>

namespace TcpInspector {

/// The ticks and labels of the time axis: steps of 1, 2 or 5 times a power
/// of ten nanoseconds, labelled relative to a zero time in the unit that
/// suits the visible range ("+250 ms", "+1.5 s", "+40 µs"), with as many
/// decimals as the step needs and no more.
class TimeAxis
{
public:
    enum class Unit { Nanoseconds, Microseconds, Milliseconds, Seconds };

    struct Tick
    {
        qint64 timeNs = 0; ///< absolute, on monotonicNs()'s clock
        double x = 0;      ///< in the scale's pixels
        bool major = false;
        QString label; ///< majors only
    };

    /// The smallest 1-2-5 step in ns whose ticks are at least minSpacing
    /// pixels apart at this zoom.
    static qint64 stepFor(double nsPerPixel, double minSpacing);
    /// The unit for labels of values up to magnitudeNs (absolute value).
    static Unit unitFor(qint64 magnitudeNs);
    static qint64 unitNs(Unit unit);
    static QString unitSymbol(Unit unit); ///< "ns", "µs", "ms", "s", translatable
    /// How many decimals a label in unit needs to tell values stepNs apart.
    static int decimalsFor(Unit unit, qint64 stepNs);
    /// "0", "+250 ms", "-1.5 s": relativeNs in unit with decimals.
    static QString label(qint64 relativeNs, Unit unit, int decimals);

    /// Major and minor ticks over the scale's whole width, labelled relative
    /// to zeroNs. Majors are at least minSpacing pixels apart and, when
    /// labelWidth is given, far enough apart for their widest label plus
    /// minSpacing / 4.
    static std::vector<Tick> ticks(const TimeScale &scale, qint64 zeroNs, double minSpacing,
                                   const std::function<double(const QString &)> &labelWidth = {});
};

} // namespace TcpInspector
