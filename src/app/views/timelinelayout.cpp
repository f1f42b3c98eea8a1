// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/timelinelayout.h"

#include "lanes/timelinetext.h"
#include "models/modeltext.h"
#include "net/connection.h"
#include "views/timelinecolors.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace TcpInspector {

namespace {

QFont scaledFont(const QFont &base, qreal factor, bool bold)
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * factor);
    else if (base.pixelSize() > 0)
        font.setPixelSize(std::max(1, qRound(base.pixelSize() * factor)));
    font.setBold(bold);
    return font;
}

// The small type of the kernel strip, the graph's scale and the mark tags.
constexpr qreal smallFactor = 0.85;

} // namespace

TimelineLayout::TimelineLayout() : TimelineLayout(QFont(), QSizeF(), {}) { }

TimelineLayout::TimelineLayout(const QFont &font, const QSizeF &viewport,
                               std::vector<LegendItem> legend)
    : m_font(font),
      m_boldFont(scaledFont(font, 1.0, true)),
      m_smallFont(scaledFont(font, smallFactor, false)),
      m_tagFont(scaledFont(font, smallFactor, true)),
      m_size(viewport),
      m_legend(std::move(legend))
{
    measure();
    placeLegend();
}

void TimelineLayout::measure()
{
    const QFontMetricsF metrics(m_font);
    const QFontMetricsF bold(m_boldFont);
    const qreal line = std::ceil(metrics.height());
    Metrics &m = m_metrics;
    m.line = line;
    m.pad = std::round(0.25 * line);
    m.tag = std::ceil(QFontMetricsF(m_tagFont).height() + 2);
    m.tick = std::round(0.95 * line);
    m.bar = std::round(1.3 * line);
    m.kernelGap = std::round(0.25 * line);
    m.kernel = std::round(1.05 * line);
    m.rateGap = std::round(0.2 * line);
    m.rate = std::round(1.4 * line);
    m.lane = m.pad + m.tag + m.tick + m.bar + m.tick + m.kernelGap + m.kernel + m.rateGap + m.rate
             + m.pad;
    m.axis = std::round(2.0 * line);
    m.right = std::round(0.8 * line);
    m.finalBlock = std::round(0.6 * line);
    m.markReach = std::max(3.0, 0.35 * line);
    m.rateStep = std::max(2, int(std::round(line / 4)));
    // The label column fits the widest title, port and engine, and state name.
    qreal widest = bold.horizontalAdvance(TimelineText::laneTitle(Connection::Side::Server, 9999));
    widest = std::max(widest, metrics.horizontalAdvance(QStringLiteral(":65535  native")));
    for (ConnectionState state : TimelineColors::legendStates)
        widest = std::max(widest, metrics.horizontalAdvance(ModelText::state(state)) + line);
    m.label = std::ceil(widest + 1.2 * line);
}

// Swatches and texts left to right, wrapped to the width; the lanes get
// what the legend leaves.
void TimelineLayout::placeLegend()
{
    const QFontMetricsF metrics(m_font);
    const qreal line = m_metrics.line;
    const qreal width = m_size.width();
    const qreal swatch = line;
    const qreal rowHeight = std::round(1.4 * line);
    qreal x = 0.5 * line;
    qreal y = std::round(0.3 * line);
    for (LegendItem &item : m_legend) {
        const qreal w = swatch + 0.35 * line + metrics.horizontalAdvance(item.text);
        if (x + w > width - 0.5 * line && x > 0.5 * line) {
            x = 0.5 * line;
            y += rowHeight;
        }
        item.rect = QRectF(x, y, w, rowHeight);
        x += w + line;
    }
    const qreal height
        = m_legend.empty() ? 0 : m_legend.back().rect.bottom() + std::round(0.2 * line);
    m_lanesBottom = m_size.height() - height;
    for (LegendItem &item : m_legend)
        item.rect.translate(0, m_lanesBottom);
}

double TimelineLayout::scaleWidth() const
{
    return std::max(1.0, m_size.width() - m_metrics.label - m_metrics.right);
}

QRectF TimelineLayout::plotRect() const
{
    return QRectF(m_metrics.label, m_metrics.axis, scaleWidth(),
                  std::max<qreal>(0, m_lanesBottom - m_metrics.axis));
}

TimelineToolTips::Geometry TimelineLayout::toolTipGeometry() const
{
    TimelineToolTips::Geometry geometry;
    geometry.plotLeft = m_metrics.label;
    geometry.finalBlock = m_metrics.finalBlock;
    geometry.rateStep = m_metrics.rateStep;
    geometry.tickReach = 0.5 * m_metrics.line;
    return geometry;
}

std::pair<int, int> TimelineLayout::visibleRows() const
{
    const qreal height = m_lanesBottom - m_metrics.axis;
    const int rows = m_laneCount;
    const int first = std::clamp(int(std::floor(m_scroll / m_metrics.lane)), 0, rows);
    const int last = std::clamp(int(std::ceil((m_scroll + height) / m_metrics.lane)), first, rows);
    return {first, last};
}

int TimelineLayout::rowAt(qreal y) const
{
    if (y < m_metrics.axis || y >= m_lanesBottom)
        return -1;
    const int row = int(std::floor((y - m_metrics.axis + m_scroll) / m_metrics.lane));
    return row >= 0 && row < m_laneCount ? row : -1;
}

qreal TimelineLayout::rowTop(int row) const
{
    return m_metrics.axis + row * m_metrics.lane - m_scroll;
}

QRectF TimelineLayout::laneRect(int row) const
{
    return QRectF(0, rowTop(row), m_size.width(), m_metrics.lane);
}

QRectF TimelineLayout::part(int row, qreal offset, qreal height) const
{
    return QRectF(m_metrics.label, rowTop(row) + offset, scaleWidth(), height);
}

QRectF TimelineLayout::tagRect(int row) const
{
    return part(row, m_metrics.pad, m_metrics.tag);
}

QRectF TimelineLayout::rxTickRect(int row) const
{
    return part(row, m_metrics.pad + m_metrics.tag, m_metrics.tick);
}

QRectF TimelineLayout::barRect(int row) const
{
    const Metrics &m = m_metrics;
    return part(row, m.pad + m.tag + m.tick, m.bar);
}

QRectF TimelineLayout::txTickRect(int row) const
{
    const Metrics &m = m_metrics;
    return part(row, m.pad + m.tag + m.tick + m.bar, m.tick);
}

QRectF TimelineLayout::kernelRect(int row) const
{
    const Metrics &m = m_metrics;
    return part(row, m.pad + m.tag + 2 * m.tick + m.bar + m.kernelGap, m.kernel);
}

QRectF TimelineLayout::throughputRect(int row) const
{
    const Metrics &m = m_metrics;
    return part(row, m.pad + m.tag + 2 * m.tick + m.bar + m.kernelGap + m.kernel + m.rateGap,
                m.rate);
}

} // namespace TcpInspector
