// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes/timeaxis.h"
#include "text/tr.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace TcpInspector {

namespace {

// Floor division for negative times before the zero.
qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

// The next step of the 1-2-5 sequence.
qint64 nextStep(qint64 step)
{
    qint64 decade = 1;
    while (decade * 10 <= step)
        decade *= 10;
    const qint64 mantissa = step / decade;
    if (mantissa < 2)
        return 2 * decade;
    if (mantissa < 5)
        return 5 * decade;
    return 10 * decade;
}

} // namespace

qint64 TimeAxis::stepFor(double nsPerPixel, double minSpacing)
{
    const double wanted = std::max(1.0, nsPerPixel * std::max(1.0, minSpacing));
    qint64 step = 1;
    // 1-2-5 steps up to a day; past that the zoom limit is reached anyway.
    while (double(step) < wanted && step < qint64(864e11))
        step = nextStep(step);
    return step;
}

TimeAxis::Unit TimeAxis::unitFor(qint64 magnitudeNs)
{
    magnitudeNs = std::llabs(magnitudeNs);
    if (magnitudeNs >= 1000000000)
        return Unit::Seconds;
    if (magnitudeNs >= 1000000)
        return Unit::Milliseconds;
    if (magnitudeNs >= 1000)
        return Unit::Microseconds;
    return Unit::Nanoseconds;
}

qint64 TimeAxis::unitNs(Unit unit)
{
    switch (unit) {
    case Unit::Nanoseconds:
        return 1;
    case Unit::Microseconds:
        return 1000;
    case Unit::Milliseconds:
        return 1000000;
    case Unit::Seconds:
        return 1000000000;
    }
    return 1;
}

QString TimeAxis::unitSymbol(Unit unit)
{
    switch (unit) {
    case Unit::Nanoseconds:
        return Tr::tr("ns");
    case Unit::Microseconds:
        return Tr::tr("µs");
    case Unit::Milliseconds:
        return Tr::tr("ms");
    case Unit::Seconds:
        return Tr::tr("s");
    }
    return QString();
}

int TimeAxis::decimalsFor(Unit unit, qint64 stepNs)
{
    int decimals = 0;
    qint64 resolution = unitNs(unit);
    while (resolution > 1 && stepNs % resolution != 0) {
        resolution /= 10;
        ++decimals;
    }
    return decimals;
}

QString TimeAxis::label(qint64 relativeNs, Unit unit, int decimals)
{
    if (relativeNs == 0)
        return QStringLiteral("0");
    const double value = double(std::llabs(relativeNs)) / double(unitNs(unit));
    const QString number = QString::number(value, 'f', decimals);
    //: A time on the axis after the start: "+250 ms"
    return relativeNs > 0 ? Tr::tr("+%1 %2").arg(number, unitSymbol(unit))
                          //: A time on the axis before the start: "-250 ms"
                          : Tr::tr("-%1 %2").arg(number, unitSymbol(unit));
}

std::vector<TimeAxis::Tick>
TimeAxis::ticks(const TimeScale &scale, qint64 zeroNs, double minSpacing,
                const std::function<double(const QString &)> &labelWidth)
{
    const double startNs = scale.startNs();
    const double endNs = scale.endNs();
    const qint64 firstRelative = qint64(std::floor(startNs)) - zeroNs;
    const qint64 lastRelative = qint64(std::ceil(endNs)) - zeroNs;
    const Unit unit = unitFor(std::max(std::llabs(firstRelative), std::llabs(lastRelative)));

    qint64 step = stepFor(scale.nsPerPixel(), minSpacing);
    std::vector<Tick> result;
    // A wider step when the labels would not fit: labels of a large time at
    // a fine zoom have many decimals. Three tries are enough for 1-2-5 steps.
    for (int attempt = 0; attempt < 4; ++attempt) {
        result.clear();
        const int decimals = decimalsFor(unit, step);
        const qint64 first = floorDiv(firstRelative, step);
        const qint64 last = floorDiv(lastRelative, step) + 1;
        double widest = 0;
        for (qint64 i = first; i <= last; ++i) {
            Tick tick;
            const qint64 relative = i * step;
            tick.timeNs = zeroNs + relative;
            tick.x = scale.xOf(double(tick.timeNs));
            tick.major = true;
            tick.label = label(relative, unit, decimals);
            if (labelWidth)
                widest = std::max(widest, labelWidth(tick.label));
            result.push_back(std::move(tick));
        }
        if (!labelWidth || widest + minSpacing / 4 <= double(step) / scale.nsPerPixel())
            break;
        step = nextStep(step);
    }

    // Minor ticks: fifths of a 1 or 5 step, quarters of a 2 step.
    qint64 decade = 1;
    while (decade * 10 <= step)
        decade *= 10;
    const int parts = step / decade == 2 ? 4 : 5;
    const qint64 minor = step / parts;
    if (minor > 0 && double(minor) / scale.nsPerPixel() >= 4) {
        std::vector<Tick> withMinors;
        withMinors.reserve(result.size() * size_t(parts));
        for (const Tick &major : result) {
            withMinors.push_back(major);
            for (int k = 1; k < parts; ++k) {
                Tick tick;
                tick.timeNs = major.timeNs + k * minor;
                tick.x = scale.xOf(double(tick.timeNs));
                withMinors.push_back(tick);
            }
        }
        result = std::move(withMinors);
    }
    return result;
}

} // namespace TcpInspector
