// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes/timescale.h"

#include <algorithm>

namespace TcpInspector {

void TimeScale::setWidth(double pixels)
{
    m_width = std::max(1.0, pixels);
}

void TimeScale::setView(double startNs, double nsPerPixel)
{
    m_startNs = startNs;
    m_nsPerPixel = std::clamp(nsPerPixel, minNsPerPixel, maxNsPerPixel);
}

bool TimeScale::zoom(double factor, double anchorX)
{
    if (!(factor > 0))
        return false;
    const double anchorNs = timeAt(anchorX);
    const double next = std::clamp(m_nsPerPixel / factor, minNsPerPixel, maxNsPerPixel);
    if (next == m_nsPerPixel)
        return false;
    m_nsPerPixel = next;
    m_startNs = anchorNs - anchorX * m_nsPerPixel;
    return true;
}

void TimeScale::pan(double dx)
{
    m_startNs -= dx * m_nsPerPixel;
}

void TimeScale::fit(double fromNs, double toNs, double marginPixels)
{
    const double usable = std::max(1.0, m_width - 2 * marginPixels);
    if (!(toNs > fromNs)) {
        m_nsPerPixel = 10e3;
        center(fromNs);
        return;
    }
    m_nsPerPixel = std::clamp((toNs - fromNs) / usable, minNsPerPixel, maxNsPerPixel);
    // When the span is shorter than the finest zoom, centre it rather than
    // pinning it to the left margin.
    const double spanPixels = (toNs - fromNs) / m_nsPerPixel;
    m_startNs = fromNs - (m_width - spanPixels) / 2 * m_nsPerPixel;
}

void TimeScale::alignEnd(double timeNs)
{
    m_startNs = timeNs - m_width * m_nsPerPixel;
}

void TimeScale::center(double timeNs)
{
    m_startNs = timeNs - m_width / 2 * m_nsPerPixel;
}

} // namespace TcpInspector
