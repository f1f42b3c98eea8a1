// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace TcpInspector {

/// The mapping between time (monotonicNs() nanoseconds) and x (pixels from the
/// left of the plot area), with the zoom, pan and fit that change it.
///
/// The time at the left edge is kept as a double, not whole nanoseconds:
/// zooming around a point must keep that point's time where it was, to a
/// small fraction of a pixel even at a nanosecond per pixel (a double holds
/// a day of nanoseconds to 1/64 ns).
class TimeScale
{
public:
    /// Zoom limits: 1 ns per pixel, and a day across a thousand pixels.
    static constexpr double minNsPerPixel = 1.0;
    static constexpr double maxNsPerPixel = 86400e9 / 1000;

    /// Pixels of plot area; time maps onto [0, width()).
    void setWidth(double pixels);
    double width() const { return m_width; }

    double startNs() const { return m_startNs; }
    double endNs() const { return m_startNs + m_width * m_nsPerPixel; }
    double nsPerPixel() const { return m_nsPerPixel; }
    /// Sets the time at x = 0 and the zoom (clamped to the limits).
    void setView(double startNs, double nsPerPixel);

    double xOf(double timeNs) const { return (timeNs - m_startNs) / m_nsPerPixel; }
    double timeAt(double x) const { return m_startNs + x * m_nsPerPixel; }

    /// Zooms in by factor (> 1) or out (< 1); the time under anchorX stays
    /// under it. Returns false when a zoom limit left nothing to change.
    bool zoom(double factor, double anchorX);
    /// Moves the content dx pixels to the right (earlier times come into view).
    void pan(double dx);
    /// Shows [fromNs, toNs] with marginPixels free on both sides. An empty
    /// or reversed span is centred at a zoom of 10 microseconds per pixel.
    void fit(double fromNs, double toNs, double marginPixels = 0);
    /// Keeps the zoom and puts timeNs at the right edge (follow live).
    void alignEnd(double timeNs);
    /// Keeps the zoom and puts timeNs in the middle.
    void center(double timeNs);

private:
    double m_startNs = 0;
    double m_nsPerPixel = 1e6; // 1 ms per pixel until something is shown
    double m_width = 1;
};

} // namespace TcpInspector
