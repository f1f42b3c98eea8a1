// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanes/timelinetooltips.h"

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <utility>
#include <vector>

namespace TcpInspector {

/// Where everything of the timeline goes for one font, viewport size and
/// legend: the time axis on top, the lanes under it (a label column, then
/// the plot), the legend at the bottom, and the parts of each lane from the
/// tag row down to the throughput graph. Worked out when one of those
/// changes, so that painting, hit tests and scrolling read it instead of
/// measuring text again. The lane count and the scroll offset are plain
/// values set beside it: they move the rows, nothing else.
class TimelineLayout
{
public:
    /// Sizes, all from the font.
    struct Metrics
    {
        qreal line = 16;
        qreal pad = 4;
        qreal tag = 16;
        qreal tick = 16;
        qreal bar = 18;
        qreal kernelGap = 4;
        qreal kernel = 16;
        qreal rateGap = 3;
        qreal rate = 24;
        qreal lane = 100;
        qreal axis = 34;
        qreal label = 120;
        qreal right = 8;
        qreal finalBlock = 8;
        /// Marks closer than this (pixels) are one group, and the pointer
        /// finds a group this far away.
        double markReach = 5.6;
        /// Pixel columns per step of the throughput graph: single reads
        /// must not make it a comb.
        int rateStep = 4;
    };

    /// A colour swatch and its text, and where it goes.
    struct LegendItem
    {
        QColor color;
        QString text;
        QRectF rect; ///< in viewport coordinates
    };

    TimelineLayout();
    TimelineLayout(const QFont &font, const QSizeF &viewport, std::vector<LegendItem> legend);

    void setLaneCount(int count) { m_laneCount = count; }
    int laneCount() const { return m_laneCount; }
    /// How far the lanes are scrolled up, in pixels.
    void setScroll(qreal pixels) { m_scroll = pixels; }
    qreal scroll() const { return m_scroll; }

    const Metrics &metrics() const { return m_metrics; }
    QSizeF size() const { return m_size; }
    const QFont &font() const { return m_font; }
    /// Lane titles.
    const QFont &boldFont() const { return m_boldFont; }
    /// The kernel strip's states, the graph's scale.
    const QFont &smallFont() const { return m_smallFont; }
    /// Mark tags ("FIN", "RST").
    const QFont &tagFont() const { return m_tagFont; }

    /// The width of the time scale: the plot's.
    double scaleWidth() const;
    /// Where the lanes end and the legend begins.
    qreal lanesBottom() const { return m_lanesBottom; }
    /// Where time is drawn: right of the labels, between axis and legend.
    QRectF plotRect() const;
    /// All lanes stacked, in pixels.
    qreal contentHeight() const { return m_metrics.lane * qreal(m_laneCount); }
    const std::vector<LegendItem> &legend() const { return m_legend; }
    /// The geometry the tooltips need to describe what is drawn.
    TimelineToolTips::Geometry toolTipGeometry() const;

    /// The display rows [first, last) on screen.
    std::pair<int, int> visibleRows() const;
    /// The row at viewport y, or -1 outside the lanes.
    int rowAt(qreal y) const;
    qreal rowTop(int row) const;
    QRectF laneRect(int row) const;
    /// The row of mark tags ("FIN", "RST") above the read ticks.
    QRectF tagRect(int row) const;
    QRectF rxTickRect(int row) const;
    QRectF barRect(int row) const;
    QRectF txTickRect(int row) const;
    QRectF kernelRect(int row) const;
    QRectF throughputRect(int row) const;

private:
    void measure();
    void placeLegend();
    /// A part of a lane: from offset below the lane's top, height high.
    QRectF part(int row, qreal offset, qreal height) const;

    QFont m_font;
    QFont m_boldFont;
    QFont m_smallFont;
    QFont m_tagFont;
    QSizeF m_size;
    Metrics m_metrics;
    std::vector<LegendItem> m_legend;
    qreal m_lanesBottom = 0;
    int m_laneCount = 0;
    qreal m_scroll = 0;
};

} // namespace TcpInspector
