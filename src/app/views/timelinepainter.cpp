// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/timelinepainter.h"

#include "lanes/timelinetext.h"
#include "lanes/timelinetooltips.h"
#include "models/modeltext.h"
#include "net/connection.h"
#include "views/colormix.h"
#include "views/timelinekernelstrip.h"
#include "views/timelinemarks.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <optional>

namespace TcpInspector {

namespace {

// Black or white, whichever reads on color.
QColor textOn(const QColor &color)
{
    return qGray(color.rgb()) > 150 ? QColor(Qt::black) : QColor(Qt::white);
}

// What shows in strip of a segment from x0 to x1: at least a pixel wide, and
// reaching a pixel past the strip at most; nothing when it is off the strip.
std::optional<QRectF> segmentRect(double x0, double x1, const QRectF &strip)
{
    if (x1 < strip.left() || x0 > strip.right())
        return std::nullopt;
    const double left = std::max(x0, strip.left() - 1);
    const double right = std::max(left + 1, std::min(x1, strip.right() + 1));
    return QRectF(left, strip.top(), right - left, strip.height());
}

} // namespace

TimelinePainter::TimelinePainter(const TimelineLayout &layout, const TimeScale &scale,
                                 const TimelineColors &colors, qint64 zeroNs, qint64 nowNs)
    : m_layout(layout), m_scale(scale), m_colors(colors), m_zeroNs(zeroNs), m_nowNs(nowNs)
{ }

QRectF TimelinePainter::lanesArea() const
{
    const qreal axis = m_layout.metrics().axis;
    return QRectF(0, axis, m_layout.size().width(), m_layout.lanesBottom() - axis);
}

void TimelinePainter::paint(QPainter &painter, const std::vector<Row> &rows,
                            const Overlay &overlay) const
{
    painter.fillRect(QRectF(QPointF(0, 0), m_layout.size()), m_colors.background);
    const QFontMetricsF metrics(m_layout.font());
    const std::vector<TimeAxis::Tick> ticks = TimeAxis::ticks(
        m_scale, m_zeroNs, 1.5 * m_layout.metrics().line,
        [&metrics](const QString &label) { return metrics.horizontalAdvance(label); });

    painter.save();
    painter.setClipRect(lanesArea());
    paintStripes(painter, rows);
    paintGrid(painter, ticks);
    for (const Row &row : rows)
        paintLane(painter, row);
    paintCursorLine(painter, overlay);
    paintRubberBand(painter, overlay);
    if (m_layout.laneCount() == 0)
        paintEmptyNote(painter);
    painter.restore();

    // The axis, on top of the lanes that scroll under it.
    paintAxis(painter, ticks, overlay);
    paintLegend(painter);
}

void TimelinePainter::paintStripes(QPainter &painter, const std::vector<Row> &rows) const
{
    for (const Row &row : rows) {
        const QRectF lane = m_layout.laneRect(row.row);
        if (row.highlighted) {
            QColor highlight = m_colors.cursor;
            highlight.setAlpha(40);
            painter.fillRect(lane, highlight);
        } else if (row.row % 2 == 1) {
            painter.fillRect(lane, m_colors.laneShade);
        }
    }
}

void TimelinePainter::paintGrid(QPainter &painter, const std::vector<TimeAxis::Tick> &ticks) const
{
    const QRectF plot = m_layout.plotRect();
    const qreal axis = m_layout.metrics().axis;
    painter.setPen(QPen(m_colors.grid, 1));
    for (const TimeAxis::Tick &tick : ticks) {
        const double x = plot.left() + tick.x;
        if (tick.major && x >= plot.left() && x <= plot.right())
            painter.drawLine(QPointF(x, axis), QPointF(x, m_layout.lanesBottom()));
    }
}

void TimelinePainter::paintCursorLine(QPainter &painter, const Overlay &overlay) const
{
    if (overlay.cursorNs < 0)
        return;
    const QRectF plot = m_layout.plotRect();
    const double x = xForTime(double(overlay.cursorNs));
    if (x >= plot.left() && x <= plot.right()) {
        painter.setPen(QPen(m_colors.cursor, std::max(2.0, m_layout.metrics().line / 8)));
        painter.drawLine(QPointF(x, m_layout.metrics().axis), QPointF(x, m_layout.lanesBottom()));
    }
}

void TimelinePainter::paintRubberBand(QPainter &painter, const Overlay &overlay) const
{
    if (!overlay.rubberBand)
        return;
    const QRectF plot = m_layout.plotRect();
    const QRectF area = lanesArea();
    const double left = std::max(plot.left(), std::min(overlay.rubberFromX, overlay.rubberToX));
    const double right = std::min(plot.right(), std::max(overlay.rubberFromX, overlay.rubberToX));
    painter.fillRect(QRectF(left, area.top(), right - left, area.height()), m_colors.rubberBand);
}

void TimelinePainter::paintEmptyNote(QPainter &painter) const
{
    const QRectF plot = m_layout.plotRect();
    const QRectF area = lanesArea();
    painter.setPen(m_colors.dimText);
    painter.drawText(QRectF(plot.left(), area.top(), plot.width(), area.height()),
                     Qt::AlignCenter | Qt::TextWordWrap,
                     tr("No connections yet. Each connection gets a lane here as soon as it "
                        "starts."));
}

void TimelinePainter::paintAxis(QPainter &painter, const std::vector<TimeAxis::Tick> &ticks,
                                const Overlay &overlay) const
{
    const TimelineLayout::Metrics &m = m_layout.metrics();
    const QRectF plot = m_layout.plotRect();
    const qreal width = m_layout.size().width();
    const QFontMetricsF metrics(m_layout.font());
    painter.fillRect(QRectF(0, 0, width, m.axis), m_colors.axisBackground);
    painter.setFont(m_layout.font());
    painter.setPen(QPen(m_colors.dimText, 1));
    const qreal labelTop = std::round(0.15 * m.line);
    painter.drawText(QRectF(0.5 * m.line, labelTop, m.label - m.line, m.line),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(tr("0 = first event"), Qt::ElideRight, m.label - m.line));
    painter.save();
    painter.setClipRect(QRectF(plot.left(), 0, plot.width() + m.right, m.axis));
    for (const TimeAxis::Tick &tick : ticks) {
        const double x = plot.left() + tick.x;
        const qreal length = tick.major ? 0.45 * m.line : 0.2 * m.line;
        painter.setPen(QPen(tick.major ? m_colors.text : m_colors.dimText, 1));
        painter.drawLine(QPointF(x, m.axis - length), QPointF(x, m.axis));
        const qreal w = metrics.horizontalAdvance(tick.label);
        // Half a label is no label: only those that fit whole.
        if (tick.major && x - w / 2 >= plot.left() && x + w / 2 <= plot.right() + m.right) {
            painter.drawText(QRectF(x - w / 2 - 2, labelTop, w + 4, m.line), Qt::AlignCenter,
                             tick.label);
        }
    }
    paintCursorTriangle(painter, overlay);
    painter.restore();
    painter.setPen(QPen(m_colors.grid, 1));
    painter.drawLine(QPointF(0, m.axis - 0.5), QPointF(width, m.axis - 0.5));
}

void TimelinePainter::paintCursorTriangle(QPainter &painter, const Overlay &overlay) const
{
    if (overlay.cursorNs < 0)
        return;
    const qreal axis = m_layout.metrics().axis;
    const double x = xForTime(double(overlay.cursorNs));
    const qreal s = 0.4 * m_layout.metrics().line;
    QPainterPath triangle;
    triangle.moveTo(x - s, axis - s);
    triangle.lineTo(x + s, axis - s);
    triangle.lineTo(x, axis);
    triangle.closeSubpath();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.fillPath(triangle, m_colors.cursor);
    painter.setRenderHint(QPainter::Antialiasing, false);
}

void TimelinePainter::paintLegend(QPainter &painter) const
{
    const qreal top = m_layout.lanesBottom();
    const QSizeF size = m_layout.size();
    painter.fillRect(QRectF(0, top, size.width(), size.height() - top), m_colors.axisBackground);
    painter.setPen(QPen(m_colors.grid, 1));
    painter.drawLine(QPointF(0, top + 0.5), QPointF(size.width(), top + 0.5));
    painter.setFont(m_layout.font());
    const qreal line = m_layout.metrics().line;
    for (const TimelineLayout::LegendItem &item : m_layout.legend()) {
        const QRectF &r = item.rect;
        const QRectF swatch(r.left(), r.center().y() - 0.35 * line, line, 0.7 * line);
        painter.fillRect(swatch, item.color);
        painter.setPen(m_colors.text);
        const qreal textLeft = swatch.right() + 0.35 * line;
        painter.drawText(QRectF(textLeft, r.top(), r.right() - textLeft + 1, r.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, item.text);
    }
}

// ---- One lane

void TimelinePainter::paintLane(QPainter &painter, const Row &row) const
{
    paintLabel(painter, row);
    painter.save();
    const QRectF lane = m_layout.laneRect(row.row);
    const QRectF plot = m_layout.plotRect();
    painter.setClipRect(
        QRectF(plot.left(), std::max(lane.top(), plot.top()), plot.width(),
               std::min(lane.bottom(), plot.bottom()) - std::max(lane.top(), plot.top())));
    paintStates(painter, row.row, *row.lane);
    const double peak = paintData(painter, row.row, *row.source);
    paintKernel(painter, row.row, *row.lane);
    paintTlsHandshake(painter, row.row, *row.lane);
    paintMarks(painter, row.row, *row.lane);
    painter.restore();
    // The graph's scale goes in the label column, where it hides no data.
    const qreal line = m_layout.metrics().line;
    painter.setFont(m_layout.smallFont());
    painter.setPen(m_colors.dimText);
    painter.drawText(QRectF(0.8 * line, m_layout.throughputRect(row.row).top(),
                            plot.left() - 1.2 * line, m_layout.metrics().rate),
                     Qt::AlignRight | Qt::AlignVCenter,
                     peak > 0 ?
                              //: The top of a lane's throughput graph: "max 12.3 MiB/s"
                         tr("max %1").arg(ModelText::byteRate(peak))
                              : tr("bytes/s"));
    painter.setPen(QPen(m_colors.grid, 1));
    painter.drawLine(QPointF(0, lane.bottom() - 0.5), QPointF(lane.right(), lane.bottom() - 0.5));
}

void TimelinePainter::paintLabel(QPainter &painter, const Row &row) const
{
    const LaneSource &source = *row.source;
    const TimelineLayout::Metrics &m = m_layout.metrics();
    const qreal line = m.line;
    const qreal left = 0.8 * line;
    const qreal width = m.label - left - 0.4 * line;
    const QFontMetricsF metrics(m_layout.font());

    painter.setFont(m_layout.boldFont());
    painter.setPen(m_colors.text);
    const QRectF title = m_layout.rxTickRect(row.row).united(m_layout.tagRect(row.row));
    painter.drawText(
        QRectF(left, title.top(), width, title.height()), Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetricsF(m_layout.boldFont())
            .elidedText(TimelineText::laneTitle(source.side(), source.id(), source.relayPair()),
                        Qt::ElideRight, width));

    painter.setFont(m_layout.font());
    painter.setPen(m_colors.dimText);
    const QString port = TimelineText::portOf(
        source.side() == Connection::Side::Server ? source.peerAddress() : source.localAddress());
    const QRectF bar = m_layout.barRect(row.row);
    //: A lane's label: the port that tells the connection apart, then the engine
    QString second
        = port.isEmpty() ? source.engineName() : tr("%1  %2").arg(port, source.engineName());
    if (source.relayPair() != 0)
        //: A relay leg's label: its pair, then the port and engine
        second = tr("relay %1  %2").arg(source.relayPair()).arg(second);
    painter.drawText(QRectF(left, bar.top(), width, bar.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(second, Qt::ElideRight, width));

    // The current state, with its color.
    const QRectF tx = m_layout.txTickRect(row.row);
    const ConnectionState state = row.lane->state();
    const QRectF swatch(left, tx.center().y() - 0.3 * line, 0.6 * line, 0.6 * line);
    painter.fillRect(swatch, m_colors.state(state));
    painter.setPen(m_colors.text);
    painter.drawText(
        QRectF(swatch.right() + 0.3 * line, tx.top(), width - 0.9 * line, tx.height()),
        Qt::AlignLeft | Qt::AlignVCenter,
        metrics.elidedText(ModelText::state(state), Qt::ElideRight, width - 0.9 * line));

    painter.setFont(m_layout.smallFont());
    painter.setPen(m_colors.dimText);
    const qreal right = m.label - 0.4 * line;
    // TIME_WAIT's countdown also where every zoom shows it: a fitted view
    // ends with the connection, where TIME_WAIT has only just begun.
    const auto &kernel = row.lane->kernelSegments();
    QString strip = tr("kernel");
    if (!kernel.empty() && TimelineKernelStrip::secondsLeft(kernel.back(), m_nowNs) > 0) {
        strip = TimelineKernelStrip::label(kernel.back(), m_nowNs);
        painter.setPen(m_colors.text);
    }
    painter.drawText(
        QRectF(left, m_layout.kernelRect(row.row).top(), right - left, m.kernel),
        Qt::AlignRight | Qt::AlignVCenter,
        QFontMetricsF(m_layout.smallFont()).elidedText(strip, Qt::ElideRight, right - left));
    if (row.bracketsNext || row.relaysNext)
        paintBracket(painter, row.row, row.relaysNext);
}

// The two ends of one connection, bracketed together; a relay's two legs,
// two connections the relay joins, with a dashed bracket.
void TimelinePainter::paintBracket(QPainter &painter, int row, bool relay) const
{
    const qreal line = m_layout.metrics().line;
    const qreal x = std::round(0.35 * line);
    const qreal y0 = m_layout.rxTickRect(row).united(m_layout.tagRect(row)).center().y();
    const qreal y1 = m_layout.rxTickRect(row + 1).united(m_layout.tagRect(row + 1)).center().y();
    QPen pen(m_colors.dimText, std::max(1.0, line / 10));
    if (relay)
        pen.setStyle(Qt::DashLine);
    painter.setPen(pen);
    painter.drawLine(QPointF(x, y0), QPointF(x, y1));
    painter.drawLine(QPointF(x, y0), QPointF(x + 0.3 * line, y0));
    painter.drawLine(QPointF(x, y1), QPointF(x + 0.3 * line, y1));
}

void TimelinePainter::paintStates(QPainter &painter, int row, const TimelineLane &lane) const
{
    const QRectF bar = m_layout.barRect(row);
    const QFontMetricsF metrics(m_layout.font());
    painter.setFont(m_layout.font());
    for (const StateSegment &segment : lane.segments()) {
        const bool instant = isFinalState(segment.state);
        const double x0 = std::floor(xForTime(double(segment.startNs)));
        const double x1
            = instant ? x0 + m_layout.metrics().finalBlock
                      : std::floor(
                          xForTime(double(TimelineToolTips::segmentEndNs(lane, segment, m_nowNs))));
        const std::optional<QRectF> rect = segmentRect(x0, x1, bar);
        if (!rect)
            continue;
        const QColor color = m_colors.state(segment.state);
        painter.fillRect(*rect, color);
        if (instant)
            continue;
        const QString name = ModelText::state(segment.state);
        if (metrics.horizontalAdvance(name) + m_layout.metrics().line <= rect->width()) {
            painter.setPen(textOn(color));
            painter.drawText(*rect, Qt::AlignCenter, name);
        }
    }
}

double TimelinePainter::paintData(QPainter &painter, int row, const LaneSource &source) const
{
    const QRectF rate = m_layout.throughputRect(row);
    const int columns = int(std::ceil(m_scale.width()));
    const std::vector<ChunkBuckets::Column> in = ChunkBuckets::build(
        source.store(Direction::Rx), m_scale.startNs(), m_scale.nsPerPixel(), columns);
    const std::vector<ChunkBuckets::Column> out = ChunkBuckets::build(
        source.store(Direction::Tx), m_scale.startNs(), m_scale.nsPerPixel(), columns);
    qint64 most = 0;
    for (int k = 0; k < columns; ++k)
        most = std::max({most, in[size_t(k)].bytes, out[size_t(k)].bytes});

    painter.setPen(QPen(m_colors.grid, 1));
    const qreal middle = std::round(rate.center().y()) + 0.5;
    painter.drawLine(QPointF(rate.left(), middle), QPointF(rate.right(), middle));
    if (most == 0)
        return 0;
    paintTicks(painter, in, most, m_layout.rxTickRect(row).bottom(), -1, m_colors.rx);
    paintTicks(painter, out, most, m_layout.txTickRect(row).top(), 1, m_colors.tx);

    // Throughput: received above the middle line, sent below, as steps of a
    // few pixels so that single reads do not make it a comb.
    const int step = m_layout.metrics().rateStep;
    const double perColumn = m_scale.nsPerPixel();
    const std::vector<double> inRate = ChunkBuckets::rates(in, perColumn, step);
    const std::vector<double> outRate = ChunkBuckets::rates(out, perColumn, step);
    double peak = 0;
    for (size_t i = 0; i < inRate.size(); ++i)
        peak = std::max({peak, inRate[i], outRate[i]});
    if (peak <= 0)
        return 0;
    paintRate(painter, row, inRate, peak, -1, m_colors.rx);
    paintRate(painter, row, outRate, peak, 1, m_colors.tx);
    return peak;
}

// Tick height by bytes, on a log scale so that a 1-byte read still shows
// next to a 64 KiB one.
void TimelinePainter::paintTicks(QPainter &painter,
                                 const std::vector<ChunkBuckets::Column> &columns, qint64 most,
                                 qreal base, qreal sign, const QColor &color) const
{
    const double logMost = std::log1p(double(most));
    const qreal reach = m_layout.metrics().tick - 2;
    const qreal left = m_layout.plotRect().left();
    std::vector<QLineF> lines;
    for (size_t k = 0; k < columns.size(); ++k) {
        const qint64 bytes = columns[k].bytes;
        if (bytes == 0)
            continue;
        const qreal h = reach * (0.25 + 0.75 * std::log1p(double(bytes)) / logMost);
        const qreal x = left + qreal(k) + 0.5;
        lines.emplace_back(x, base, x, base + sign * h);
    }
    painter.setPen(QPen(color, 1));
    painter.drawLines(lines.data(), int(lines.size()));
}

void TimelinePainter::paintRate(QPainter &painter, int row, const std::vector<double> &rates,
                                double peak, qreal sign, const QColor &color) const
{
    const QRectF rate = m_layout.throughputRect(row);
    const qreal middle = std::round(rate.center().y()) + 0.5;
    const qreal half = rate.height() / 2 - 1;
    const int step = m_layout.metrics().rateStep;
    QPolygonF polygon;
    polygon.reserve(int(rates.size()) * 2 + 2);
    polygon << QPointF(rate.left(), middle);
    for (size_t i = 0; i < rates.size(); ++i) {
        const qreal y = middle + sign * half * rates[i] / peak;
        const qreal x = rate.left() + qreal(i) * step;
        polygon << QPointF(x, y) << QPointF(x + step, y);
    }
    polygon << QPointF(rate.left() + qreal(rates.size()) * step, middle);
    QColor fill = color;
    fill.setAlpha(170);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    painter.drawPolygon(polygon);
    painter.setBrush(Qt::NoBrush);
}

void TimelinePainter::paintKernel(QPainter &painter, int row, const TimelineLane &lane) const
{
    const QRectF strip = m_layout.kernelRect(row);
    painter.setFont(m_layout.smallFont());
    if (lane.kernelSegments().empty()) {
        painter.setPen(QPen(m_colors.grid, 1));
        const qreal y = std::round(strip.center().y()) + 0.5;
        painter.drawLine(QPointF(strip.left(), y), QPointF(strip.right(), y));
        return;
    }
    const auto pieces = TimelineKernelStrip(m_layout, m_scale, m_nowNs).pieces(row, lane);
    for (const TimelineKernelStrip::Piece &piece : pieces) {
        const KernelSegment &segment = lane.kernelSegments()[piece.segment];
        const QRectF &rect = piece.rect;
        const QColor color = m_colors.kernel(piece.state);
        painter.fillRect(rect, color);
        if (lane.isFinal() && segment.startNs < lane.endNs()) {
            // Sampled before the socket closed: what the kernel did after
            // that is unknown until the next lookup, so it fades.
            const double closedX = std::floor(xForTime(double(lane.endNs())));
            if (closedX < rect.right()) {
                const double from = std::max(closedX, rect.left());
                painter.fillRect(QRectF(from, rect.top(), rect.right() - from, rect.height()),
                                 mixed(color, m_colors.background, 0.6));
            }
        }
        if (piece.state == KernelState::TimeWait) {
            // Hatched: the socket is gone, only the kernel still holds it.
            QColor hatch = m_colors.text;
            hatch.setAlpha(60);
            painter.fillRect(rect, QBrush(hatch, Qt::BDiagPattern));
        }
        // A thin edge tells a short state from its neighbour of a close hue.
        painter.setPen(QPen(mixed(color, m_colors.text, 0.35), 1));
        painter.drawLine(QPointF(rect.left() + 0.5, rect.top()),
                         QPointF(rect.left() + 0.5, rect.bottom() - 1));
        if (!piece.label.isEmpty()) {
            painter.setPen(m_colors.text);
            painter.drawText(piece.labelRect, Qt::AlignLeft | Qt::AlignVCenter, piece.label);
        }
    }
}

void TimelinePainter::paintTlsHandshake(QPainter &painter, int row, const TimelineLane &lane) const
{
    // The handshake is among a connection's first marks: no need to look further.
    constexpr size_t firstMarks = 64;
    const std::vector<LaneMark> &marks = lane.marks();
    qint64 start = -1;
    qint64 end = -1;
    for (size_t i = 0; i < std::min(marks.size(), firstMarks) && end < 0; ++i) {
        if (marks[i].kind == MarkKind::TlsHandshakeStart && start < 0)
            start = marks[i].timeNs;
        else if (marks[i].kind == MarkKind::TlsHandshake && start >= 0)
            end = marks[i].timeNs;
    }
    if (start < 0)
        return;
    if (end < 0) // under way, or it failed: up to now or the end
        end = lane.isFinal() ? lane.endNs() : std::max(m_nowNs, lane.lastEventNs());
    const QRectF bar = m_layout.barRect(row);
    const qreal height = std::max(2.0, bar.height() / 6);
    const qreal x0 = std::floor(xForTime(double(start)));
    const qreal x1 = std::max(x0 + 2, std::ceil(xForTime(double(end))));
    painter.fillRect(QRectF(x0, bar.bottom() - height, x1 - x0, height),
                     m_colors.mark(MarkKind::TlsHandshake));
}

void TimelinePainter::paintMarks(QPainter &painter, int row, const TimelineLane &lane) const
{
    const QRectF tags = m_layout.tagRect(row);
    const QRectF rx = m_layout.rxTickRect(row);
    const QRectF tx = m_layout.txTickRect(row);
    painter.setFont(m_layout.tagFont());
    const qreal width = std::max(1.5, m_layout.metrics().line / 9);
    for (const TimelineMarks::Group &group : TimelineMarks(m_layout, m_scale).groups(row, lane)) {
        const QColor color = m_colors.mark(group.shown);
        const bool note = group.shown == MarkKind::Note;
        QPen pen(color, note ? 1.0 : width);
        if (note)
            pen.setStyle(Qt::DotLine);
        painter.setPen(pen);
        const qreal x = std::round(group.x) + 0.5;
        painter.drawLine(QPointF(x, note ? rx.center().y() : tags.top()),
                         QPointF(x, note ? tx.center().y() : tx.bottom()));
        if (group.tag.isNull())
            continue;
        painter.fillRect(group.tag, color);
        painter.setPen(textOn(color));
        painter.drawText(group.tag, Qt::AlignCenter, group.text);
    }
}

} // namespace TcpInspector
