// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/timelineview.h"

#include "lanes/chunkbuckets.h"
#include "lanes/connectionlanesource.h"
#include "lanes/laneorder.h"
#include "lanes/timeaxis.h"
#include "lanes/timelinetext.h"
#include "models/modeltext.h"
#include "net/connection.h"
#include "views/colormix.h"

#include <QApplication>
#include <QBuffer>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPainterPath>
#include <QSaveFile>
#include <QScrollBar>
#include <QSvgGenerator>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>

namespace TcpInspector {

namespace {

// Black or white, whichever reads on color.
QColor textOn(const QColor &color)
{
    return qGray(color.rgb()) > 150 ? QColor(Qt::black) : QColor(Qt::white);
}

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

// Which mark of a group is drawn: errors and resets over timeouts over
// what Qt did over FIN and EOF over the connection's plain milestones.
int priority(MarkKind kind)
{
    switch (kind) {
    case MarkKind::ResetSent:
    case MarkKind::ResetReceived:
    case MarkKind::BrokenPipe:
    case MarkKind::Error:
        return 10;
    case MarkKind::ConnectTimeout:
    case MarkKind::IdleTimeout:
    case MarkKind::WriteStall:
    case MarkKind::CloseTimeout:
        return 9;
    case MarkKind::QtClosedAfterEof:
        return 8;
    case MarkKind::FinSent:
    case MarkKind::EofReceived:
        return 7;
    case MarkKind::ConnectStart:
        return 5;
    case MarkKind::Accepted:
    case MarkKind::Connected:
        return 4;
    case MarkKind::Closed:
        return 3;
    case MarkKind::Note:
        return 1;
    }
    return 0;
}

// Kernel states take the hue of the application state they go with.
ConnectionState kernelHue(KernelState state)
{
    switch (state) {
    case KernelState::SynSent:
    case KernelState::SynRecv:
        return ConnectionState::Connecting;
    case KernelState::Established:
        return ConnectionState::Established;
    case KernelState::FinWait1:
    case KernelState::FinWait2:
        return ConnectionState::LocalHalfClosed;
    case KernelState::CloseWait:
        return ConnectionState::RemoteHalfClosed;
    case KernelState::LastAck:
    case KernelState::Closing:
        return ConnectionState::Closing;
    default:
        return ConnectionState::Closed;
    }
}

constexpr ConnectionState allStates[] = {
    ConnectionState::Resolving,        ConnectionState::Connecting,
    ConnectionState::Established,      ConnectionState::LocalHalfClosed,
    ConnectionState::RemoteHalfClosed, ConnectionState::Closing,
    ConnectionState::Closed,           ConnectionState::Reset,
    ConnectionState::Failed,
};

} // namespace

TimelineView::TimelineView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    m_nowNs = monotonicNs();
    updateMetrics();
    updateColors();
    updateScrollBar();
}

TimelineView::~TimelineView() = default;

// ---- Lanes

void TimelineView::addConnection(Connection *connection)
{
    if (!connection || rowOf(connection) >= 0)
        return;
    addEntry(std::make_unique<ConnectionLaneSource>(connection));
}

void TimelineView::addSource(std::unique_ptr<LaneSource> source)
{
    if (source)
        addEntry(std::move(source));
}

void TimelineView::addEntry(std::unique_ptr<LaneSource> source)
{
    auto entry = std::make_unique<Entry>(std::move(source));
    entry->lane.update();
    entry->rxChunks = entry->source->store(Direction::Rx).chunkCount();
    entry->txChunks = entry->source->store(Direction::Tx).chunkCount();
    entry->addressesKnown
        = !entry->source->localAddress().isEmpty() && !entry->source->peerAddress().isEmpty();
    m_lanes.push_back(std::move(entry));
    lanesChanged();
}

void TimelineView::removeConnections(const QList<Connection *> &connections)
{
    removeWhere([&](const Entry &entry) {
        Connection *connection = entry.source->connection();
        return connection && connections.contains(connection);
    });
}

void TimelineView::setConnections(const QList<Connection *> &connections)
{
    removeWhere([&](const Entry &entry) {
        Connection *connection = entry.source->connection();
        return connection && !connections.contains(connection);
    });
    for (Connection *connection : connections)
        addConnection(connection);
}

void TimelineView::clear()
{
    removeWhere([](const Entry &) { return true; });
}

void TimelineView::removeWhere(const std::function<bool(const Entry &)> &gone)
{
    const size_t before = m_lanes.size();
    auto it = std::remove_if(m_lanes.begin(), m_lanes.end(), [&](const auto &entry) {
        if (!gone(*entry))
            return false;
        if (m_cursorEntry == entry.get()) {
            m_cursorEntry = nullptr;
            m_cursorNs = -1;
        }
        return true;
    });
    m_lanes.erase(it, m_lanes.end());
    if (m_lanes.size() != before)
        lanesChanged();
}

void TimelineView::lanesChanged()
{
    m_nowNs = monotonicNs();
    updateOrder();
    updateZero();
    updateScrollBar();
    applyMode();
    viewport()->update();
}

void TimelineView::updateOrder()
{
    std::vector<LaneOrder::Entry> entries;
    entries.reserve(m_lanes.size());
    for (const auto &entry : m_lanes) {
        entries.push_back(
            {entry->source->side(), entry->source->localAddress(), entry->source->peerAddress()});
    }
    m_order = LaneOrder::order(entries);
    m_partner = LaneOrder::partners(entries);
}

void TimelineView::updateZero()
{
    qint64 zero = std::numeric_limits<qint64>::max();
    for (const auto &entry : m_lanes) {
        if (entry->lane.startNs() >= 0)
            zero = std::min(zero, entry->lane.startNs());
    }
    if (zero != std::numeric_limits<qint64>::max())
        m_zeroNs = zero;
}

int TimelineView::rowOf(const Connection *connection) const
{
    if (!connection)
        return -1;
    for (size_t row = 0; row < m_order.size(); ++row) {
        if (m_lanes[size_t(m_order[row])]->source->connection() == connection)
            return int(row);
    }
    return -1;
}

const TimelineView::Entry *TimelineView::entryAtRow(int row) const
{
    if (row < 0 || row >= int(m_order.size()))
        return nullptr;
    return m_lanes[size_t(m_order[size_t(row)])].get();
}

const TimelineLane *TimelineView::laneAtRow(int row) const
{
    const Entry *entry = entryAtRow(row);
    return entry ? &entry->lane : nullptr;
}

const LaneSource *TimelineView::sourceAtRow(int row) const
{
    const Entry *entry = entryAtRow(row);
    return entry ? entry->source.get() : nullptr;
}

// ---- Refreshing and the time range

void TimelineView::refresh()
{
    m_nowNs = monotonicNs();
    bool changed = false;
    bool live = false;
    bool reorder = false;
    for (const auto &entry : m_lanes) {
        changed |= entry->lane.update();
        const qint64 rx = entry->source->store(Direction::Rx).chunkCount();
        const qint64 tx = entry->source->store(Direction::Tx).chunkCount();
        if (rx != entry->rxChunks || tx != entry->txChunks) {
            entry->rxChunks = rx;
            entry->txChunks = tx;
            changed = true;
        }
        if (!entry->addressesKnown) {
            // A client learns its addresses when connected; then it can be
            // paired with its server end. One that failed never will.
            if (!entry->source->localAddress().isEmpty()
                && !entry->source->peerAddress().isEmpty()) {
                entry->addressesKnown = true;
                reorder = true;
            } else if (entry->lane.isFinal()) {
                entry->addressesKnown = true;
            }
        }
        live |= entry->lane.startNs() >= 0 && !entry->lane.isFinal();
    }
    if (reorder)
        updateOrder();
    if (changed || reorder)
        updateZero();
    if (m_mode != Mode::Manual && (changed || reorder || live)) {
        applyMode();
        viewport()->update();
        return;
    }
    // An open bar grows with time: worth a paint only when now is on screen.
    const bool nowVisible = m_nowNs >= m_scale.startNs() && m_nowNs <= m_scale.endNs() + 1e9;
    if (changed || reorder || (live && nowVisible))
        viewport()->update();
}

void TimelineView::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    const bool wasFollowing = m_mode == Mode::Follow;
    m_mode = mode;
    if (wasFollowing != (mode == Mode::Follow))
        emit followLiveChanged(mode == Mode::Follow);
}

void TimelineView::applyMode()
{
    if (m_mode == Mode::Fit)
        fitNow();
    else if (m_mode == Mode::Follow)
        m_scale.alignEnd(double(m_nowNs));
}

double TimelineView::dataEndNs() const
{
    double end = -1;
    for (const auto &entry : m_lanes) {
        const TimelineLane &lane = entry->lane;
        if (lane.startNs() < 0)
            continue;
        // Kernel lookups after close may go on for a minute: they do not
        // stretch the fit, the connection's own end and its data do.
        double laneEnd = lane.isFinal() ? double(lane.endNs()) : double(m_nowNs);
        for (Direction direction : {Direction::Rx, Direction::Tx}) {
            const qint64 count = direction == Direction::Rx ? entry->rxChunks : entry->txChunks;
            if (count > 0) {
                laneEnd = std::max(
                    laneEnd, double(entry->source->store(direction).chunk(count - 1).timestampNs));
            }
        }
        end = std::max(end, laneEnd);
    }
    return end;
}

void TimelineView::fitNow()
{
    double start = std::numeric_limits<double>::max();
    for (const auto &entry : m_lanes) {
        if (entry->lane.startNs() >= 0)
            start = std::min(start, double(entry->lane.startNs()));
    }
    if (start == std::numeric_limits<double>::max()) {
        // Nothing yet: the last ten seconds, so that a first lane appears
        // at the right edge.
        m_scale.fit(double(m_nowNs) - 10e9, double(m_nowNs), 0);
        return;
    }
    // Room on the left for the first mark's tag, on the right for the
    // final state's block and its tag.
    m_scale.fit(start, std::max(start, dataEndNs()), 2.5 * m_metrics.line);
}

void TimelineView::zoomToFit()
{
    if (m_mode == Mode::Follow)
        setMode(Mode::Fit);
    m_mode = Mode::Fit;
    m_nowNs = monotonicNs();
    fitNow();
    viewport()->update();
}

void TimelineView::zoomBy(double factor)
{
    zoomAround(factor, plotRect().center().x());
}

void TimelineView::zoomAround(double factor, double viewportX)
{
    const QRectF plot = plotRect();
    if (m_mode == Mode::Follow) {
        // Live: the right edge stays now, whatever the cursor points at.
        m_scale.zoom(factor, plot.width());
    } else {
        setMode(Mode::Manual);
        m_scale.zoom(factor, viewportX - plot.left());
    }
    viewport()->update();
}

void TimelineView::setFollowLive(bool follow)
{
    if (follow) {
        setMode(Mode::Follow);
        m_nowNs = monotonicNs();
        applyMode();
    } else if (m_mode == Mode::Follow) {
        setMode(Mode::Manual);
    }
    viewport()->update();
}

void TimelineView::showTime(Connection *connection, qint64 timeNs)
{
    const int row = rowOf(connection);
    m_cursorEntry = entryAtRow(row);
    m_cursorNs = m_cursorEntry ? timeNs : -1;
    if (!m_cursorEntry) {
        viewport()->update();
        return;
    }
    ensureRowVisible(row);
    const double x = m_scale.xOf(double(timeNs));
    const double margin = std::min(m_metrics.line * 2, m_scale.width() / 4);
    if (x < margin || x > m_scale.width() - margin) {
        setMode(Mode::Manual);
        m_scale.center(double(timeNs));
    }
    viewport()->update();
}

void TimelineView::clearTimeCursor()
{
    m_cursorEntry = nullptr;
    m_cursorNs = -1;
    viewport()->update();
}

void TimelineView::ensureRowVisible(int row)
{
    const qreal top = m_metrics.axis + row * m_metrics.lane;
    const qreal visible = lanesBottom() - m_metrics.axis;
    QScrollBar *bar = verticalScrollBar();
    const qreal scroll = top - m_metrics.axis;
    if (scroll < bar->value())
        bar->setValue(int(scroll));
    else if (scroll + m_metrics.lane > bar->value() + visible)
        bar->setValue(int(std::ceil(scroll + m_metrics.lane - visible)));
}

// ---- Geometry

void TimelineView::updateMetrics()
{
    const QFontMetricsF metrics(font());
    const QFontMetricsF bold(scaledFont(font(), 1.0, true));
    const qreal line = std::ceil(metrics.height());
    Metrics &m = m_metrics;
    m.line = line;
    m.pad = std::round(0.25 * line);
    m.tag = std::ceil(QFontMetricsF(scaledFont(font(), 0.85, true)).height() + 2);
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
    qreal widest = bold.horizontalAdvance(TimelineText::laneTitle(Connection::Side::Server, 9999));
    widest = std::max(widest, metrics.horizontalAdvance(QStringLiteral(":65535  native")));
    for (ConnectionState state : allStates)
        widest = std::max(widest, metrics.horizontalAdvance(ModelText::state(state)) + line);
    m.label = std::ceil(widest + 1.2 * line);
    m_scale.setWidth(std::max(1.0, viewport()->width() - m.label - m.right));
}

void TimelineView::updateColors()
{
    const QPalette &p = palette();
    Colors &c = m_colors;
    c.background = p.color(QPalette::Base);
    c.text = p.color(QPalette::Text);
    const bool dark = c.background.lightnessF() < 0.5;
    c.dimText = mixed(c.text, c.background, 0.45);
    c.grid = mixed(c.background, c.text, dark ? 0.14 : 0.09);
    c.laneShade = mixed(c.background, c.text, dark ? 0.05 : 0.03);
    c.axisBackground = mixed(c.background, c.text, dark ? 0.09 : 0.06);
    c.rx = dark ? QColor(0x4d, 0xd0, 0xb8) : QColor(0x0b, 0x85, 0x70);
    c.tx = dark ? QColor(0xff, 0xa0, 0x5a) : QColor(0xc0, 0x56, 0x10);
    c.cursor = p.color(QPalette::Highlight);
    c.rubberBand = p.color(QPalette::Highlight);
    c.rubberBand.setAlpha(60);
    // Hues that stay apart on a projector: green for open, blue for our
    // FIN, violet for the peer's, orange for closing, red for resets.
    static const QRgb light[] = {0xa0a4a8, 0xe8a317, 0x3a9d4a, 0x2f74c8, 0x8a4fd0,
                                 0xe0702a, 0x6f7c88, 0xd32f2f, 0x8e1b45};
    static const QRgb darker[] = {0x8d9297, 0xe0a93a, 0x4fb85e, 0x4a90e2, 0xa374ea,
                                  0xf08a48, 0x8794a0, 0xef5350, 0xc2456f};
    for (size_t i = 0; i < c.states.size(); ++i)
        c.states[i] = QColor(dark ? darker[i] : light[i]);
}

QColor TimelineView::kernelColor(KernelState state) const
{
    const bool dark = m_colors.background.lightnessF() < 0.5;
    return mixed(m_colors.background, stateColor(kernelHue(state)), dark ? 0.5 : 0.38);
}

QColor TimelineView::markColor(MarkKind kind) const
{
    const bool dark = m_colors.background.lightnessF() < 0.5;
    switch (kind) {
    case MarkKind::FinSent:
    case MarkKind::EofReceived:
        return dark ? QColor(0x6f, 0xb0, 0xff) : QColor(0x1a, 0x56, 0xa8);
    case MarkKind::QtClosedAfterEof:
        return dark ? QColor(0xc5, 0x97, 0xff) : QColor(0x6a, 0x1f, 0xb0);
    case MarkKind::ResetSent:
    case MarkKind::ResetReceived:
    case MarkKind::BrokenPipe:
    case MarkKind::Error:
        return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc0, 0x18, 0x18);
    case MarkKind::ConnectTimeout:
    case MarkKind::IdleTimeout:
    case MarkKind::WriteStall:
    case MarkKind::CloseTimeout:
        return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xb8, 0x52, 0x00);
    case MarkKind::ConnectStart:
    case MarkKind::Accepted:
    case MarkKind::Connected:
    case MarkKind::Closed:
        return mixed(m_colors.text, m_colors.background, 0.2);
    case MarkKind::Note:
        return m_colors.dimText;
    }
    return m_colors.text;
}

void TimelineView::updateScrollBar()
{
    const qreal visible = lanesBottom() - m_metrics.axis;
    const qreal total = m_metrics.lane * qreal(m_order.size());
    QScrollBar *bar = verticalScrollBar();
    bar->setRange(0, int(std::max<qreal>(0, std::ceil(total - visible))));
    bar->setPageStep(int(std::max<qreal>(1, visible)));
    bar->setSingleStep(int(std::max<qreal>(1, m_metrics.lane / 4)));
}

std::vector<TimelineView::LegendItem> TimelineView::legendItems(qreal width) const
{
    std::vector<LegendItem> items;
    for (ConnectionState state : allStates)
        items.push_back({stateColor(state), ModelText::state(state), {}});
    items.push_back({m_colors.rx, tr("received (ticks above)"), {}});
    items.push_back({m_colors.tx, tr("sent (ticks below)"), {}});
    items.push_back({kernelColor(KernelState::Established), tr("kernel TCP state"), {}});
    const QFontMetricsF metrics(font());
    const qreal line = m_metrics.line;
    const qreal swatch = line;
    const qreal rowHeight = std::round(1.4 * line);
    qreal x = 0.5 * line;
    qreal y = std::round(0.3 * line);
    for (LegendItem &item : items) {
        const qreal w = swatch + 0.35 * line + metrics.horizontalAdvance(item.text);
        if (x + w > width - 0.5 * line && x > 0.5 * line) {
            x = 0.5 * line;
            y += rowHeight;
        }
        item.rect = QRectF(x, y, w, rowHeight);
        x += w + line;
    }
    return items;
}

qreal TimelineView::legendHeight(qreal width) const
{
    const std::vector<LegendItem> items = legendItems(width);
    return items.empty() ? 0 : items.back().rect.bottom() + std::round(0.2 * m_metrics.line);
}

qreal TimelineView::lanesBottom() const
{
    return viewport()->height() - legendHeight(viewport()->width());
}

QRectF TimelineView::plotRect() const
{
    return QRectF(m_metrics.label, m_metrics.axis, m_scale.width(),
                  std::max<qreal>(0, lanesBottom() - m_metrics.axis));
}

double TimelineView::xForTime(double timeNs) const
{
    return m_metrics.label + m_scale.xOf(timeNs);
}

double TimelineView::timeForX(double x) const
{
    return m_scale.timeAt(x - m_metrics.label);
}

qreal TimelineView::rowTop(int row) const
{
    return m_metrics.axis + row * m_metrics.lane - verticalScrollBar()->value();
}

QRectF TimelineView::laneRect(int row) const
{
    return QRectF(0, rowTop(row), viewport()->width(), m_metrics.lane);
}

QRectF TimelineView::tagRect(int row) const
{
    return QRectF(m_metrics.label, rowTop(row) + m_metrics.pad, m_scale.width(), m_metrics.tag);
}

QRectF TimelineView::rxTickRect(int row) const
{
    const QRectF tags = tagRect(row);
    return QRectF(tags.left(), tags.bottom(), tags.width(), m_metrics.tick);
}

QRectF TimelineView::barRect(int row) const
{
    const QRectF rx = rxTickRect(row);
    return QRectF(rx.left(), rx.bottom(), rx.width(), m_metrics.bar);
}

QRectF TimelineView::txTickRect(int row) const
{
    const QRectF bar = barRect(row);
    return QRectF(bar.left(), bar.bottom(), bar.width(), m_metrics.tick);
}

QRectF TimelineView::kernelRect(int row) const
{
    const QRectF tx = txTickRect(row);
    return QRectF(tx.left(), tx.bottom() + m_metrics.kernelGap, tx.width(), m_metrics.kernel);
}

QRectF TimelineView::throughputRect(int row) const
{
    const QRectF kernel = kernelRect(row);
    return QRectF(kernel.left(), kernel.bottom() + m_metrics.rateGap, kernel.width(),
                  m_metrics.rate);
}

std::pair<int, int> TimelineView::visibleRows() const
{
    const qreal scroll = verticalScrollBar()->value();
    const qreal height = lanesBottom() - m_metrics.axis;
    const int rows = int(m_order.size());
    const int first = std::clamp(int(std::floor(scroll / m_metrics.lane)), 0, rows);
    const int last = std::clamp(int(std::ceil((scroll + height) / m_metrics.lane)), first, rows);
    return {first, last};
}

qint64 TimelineView::segmentEndNs(const TimelineLane &lane, const StateSegment &segment) const
{
    if (segment.endNs >= 0)
        return segment.endNs;
    return std::max(m_nowNs, lane.lastEventNs());
}

qint64 TimelineView::kernelEndNs(const TimelineLane &lane, const KernelSegment &segment) const
{
    if (segment.endNs >= 0)
        return segment.endNs;
    // Not sampled to its end: the kernel keeps nothing longer than a minute
    // (FIN_WAIT2, TIME_WAIT) after the socket is gone.
    qint64 end = std::max(m_nowNs, lane.lastEventNs());
    if (lane.isFinal())
        end = std::min(end, lane.endNs() + TimelineLane::defaultTimeWaitNs);
    return std::max(end, segment.startNs);
}

std::vector<TimelineView::MarkGroup> TimelineView::markGroups(const TimelineLane &lane,
                                                              double fromX, double toX) const
{
    std::vector<MarkGroup> groups;
    const double tolerance = std::max(3.0, 0.35 * m_metrics.line);
    const auto [first, last] = lane.marksBetween(qint64(std::floor(timeForX(fromX - tolerance))),
                                                 qint64(std::ceil(timeForX(toX + tolerance))) + 1);
    const std::vector<LaneMark> &marks = lane.marks();
    for (size_t i = first; i < last; ++i) {
        const double x = xForTime(double(marks[i].timeNs));
        if (!groups.empty() && x - groups.back().anchor <= tolerance) {
            MarkGroup &group = groups.back();
            group.last = i + 1;
            group.end = x;
            if (priority(marks[i].kind) > priority(group.shown)) {
                group.shown = marks[i].kind;
                group.x = x; // drawn where the mark that matters most is
            }
            continue;
        }
        MarkGroup group;
        group.anchor = x;
        group.end = x;
        group.x = x;
        group.first = i;
        group.last = i + 1;
        group.shown = marks[i].kind;
        groups.push_back(group);
    }
    return groups;
}

// ---- Painting

void TimelineView::paintEvent(QPaintEvent *)
{
    ++m_paintCount;
    QPainter painter(viewport());
    paintAll(painter, viewport()->size());
}

QImage TimelineView::toImage(qreal scale) const
{
    const QSize size = viewport()->size();
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    QPainter painter(&image);
    paintAll(painter, size);
    return image;
}

bool TimelineView::exportPng(const QString &path) const
{
    return toImage(2.0).save(path, "PNG");
}

bool TimelineView::exportSvg(const QString &path) const
{
    // QSvgGenerator reports no errors: write to memory, then to the file.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const QSize size = viewport()->size();
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(tr("TCP Inspector timeline"));
    generator.setDescription(tr("Connections over time: states, FIN, EOF, resets, timeouts, "
                                "reads, writes and the kernel's TCP state."));
    {
        QPainter painter;
        if (!painter.begin(&generator))
            return false;
        paintAll(painter, size);
        painter.end();
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(buffer.data());
    return file.commit();
}

void TimelineView::paintAll(QPainter &painter, const QSizeF &size) const
{
    painter.fillRect(QRectF(QPointF(0, 0), size), m_colors.background);
    const QRectF plot = plotRect();
    const qreal bottom = lanesBottom();
    const auto [first, last] = visibleRows();
    m_lastPaintedLanes = last - first;

    const QFontMetricsF metrics(font());
    const std::vector<TimeAxis::Tick> ticks = TimeAxis::ticks(
        m_scale, m_zeroNs, 1.5 * m_metrics.line,
        [&metrics](const QString &label) { return metrics.horizontalAdvance(label); });

    painter.save();
    painter.setClipRect(QRectF(0, m_metrics.axis, size.width(), bottom - m_metrics.axis));
    for (int row = first; row < last; ++row) {
        const QRectF lane = laneRect(row);
        if (entryAtRow(row) == m_cursorEntry && m_cursorEntry) {
            QColor highlight = m_colors.cursor;
            highlight.setAlpha(40);
            painter.fillRect(lane, highlight);
        } else if (row % 2 == 1) {
            painter.fillRect(lane, m_colors.laneShade);
        }
    }
    painter.setPen(QPen(m_colors.grid, 1));
    for (const TimeAxis::Tick &tick : ticks) {
        const double x = plot.left() + tick.x;
        if (tick.major && x >= plot.left() && x <= plot.right())
            painter.drawLine(QPointF(x, m_metrics.axis), QPointF(x, bottom));
    }
    for (int row = first; row < last; ++row)
        paintLane(painter, row);

    if (m_cursorEntry && m_cursorNs >= 0) {
        const double x = xForTime(double(m_cursorNs));
        if (x >= plot.left() && x <= plot.right()) {
            painter.setPen(QPen(m_colors.cursor, std::max(2.0, m_metrics.line / 8)));
            painter.drawLine(QPointF(x, m_metrics.axis), QPointF(x, bottom));
        }
    }
    if (m_rubberBand) {
        const double left = std::max(plot.left(), std::min(m_rubberFromX, m_rubberToX));
        const double right = std::min(plot.right(), std::max(m_rubberFromX, m_rubberToX));
        painter.fillRect(QRectF(left, m_metrics.axis, right - left, bottom - m_metrics.axis),
                         m_colors.rubberBand);
    }
    if (m_lanes.empty()) {
        painter.setPen(m_colors.dimText);
        painter.drawText(QRectF(plot.left(), m_metrics.axis, plot.width(), bottom - m_metrics.axis),
                         Qt::AlignCenter | Qt::TextWordWrap,
                         tr("No connections yet. Each connection gets a lane here as soon as it "
                            "starts."));
    }
    painter.restore();

    // The axis, on top of the lanes that scroll under it.
    painter.fillRect(QRectF(0, 0, size.width(), m_metrics.axis), m_colors.axisBackground);
    painter.setFont(font());
    painter.setPen(QPen(m_colors.dimText, 1));
    const qreal labelTop = std::round(0.15 * m_metrics.line);
    painter.drawText(
        QRectF(0.5 * m_metrics.line, labelTop, m_metrics.label - m_metrics.line, m_metrics.line),
        Qt::AlignLeft | Qt::AlignVCenter,
        metrics.elidedText(tr("0 = first event"), Qt::ElideRight,
                           m_metrics.label - m_metrics.line));
    painter.save();
    painter.setClipRect(QRectF(plot.left(), 0, plot.width() + m_metrics.right, m_metrics.axis));
    for (const TimeAxis::Tick &tick : ticks) {
        const double x = plot.left() + tick.x;
        const qreal length = tick.major ? 0.45 * m_metrics.line : 0.2 * m_metrics.line;
        painter.setPen(QPen(tick.major ? m_colors.text : m_colors.dimText, 1));
        painter.drawLine(QPointF(x, m_metrics.axis - length), QPointF(x, m_metrics.axis));
        const qreal w = metrics.horizontalAdvance(tick.label);
        // Half a label is no label: only those that fit whole.
        if (tick.major && x - w / 2 >= plot.left() && x + w / 2 <= plot.right() + m_metrics.right) {
            painter.drawText(QRectF(x - w / 2 - 2, labelTop, w + 4, m_metrics.line),
                             Qt::AlignCenter, tick.label);
        }
    }
    if (m_cursorEntry && m_cursorNs >= 0) {
        const double x = xForTime(double(m_cursorNs));
        const qreal s = 0.4 * m_metrics.line;
        QPainterPath triangle;
        triangle.moveTo(x - s, m_metrics.axis - s);
        triangle.lineTo(x + s, m_metrics.axis - s);
        triangle.lineTo(x, m_metrics.axis);
        triangle.closeSubpath();
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.fillPath(triangle, m_colors.cursor);
        painter.setRenderHint(QPainter::Antialiasing, false);
    }
    painter.restore();
    painter.setPen(QPen(m_colors.grid, 1));
    painter.drawLine(QPointF(0, m_metrics.axis - 0.5), QPointF(size.width(), m_metrics.axis - 0.5));

    paintLegend(painter, size);
}

void TimelineView::paintLegend(QPainter &painter, const QSizeF &size) const
{
    const qreal top = lanesBottom();
    painter.fillRect(QRectF(0, top, size.width(), size.height() - top), m_colors.axisBackground);
    painter.setPen(QPen(m_colors.grid, 1));
    painter.drawLine(QPointF(0, top + 0.5), QPointF(size.width(), top + 0.5));
    painter.setFont(font());
    const qreal line = m_metrics.line;
    for (const LegendItem &item : legendItems(size.width())) {
        const QRectF r = item.rect.translated(0, top);
        const QRectF swatch(r.left(), r.center().y() - 0.35 * line, line, 0.7 * line);
        painter.fillRect(swatch, item.color);
        painter.setPen(m_colors.text);
        const qreal textLeft = swatch.right() + 0.35 * line;
        painter.drawText(QRectF(textLeft, r.top(), r.right() - textLeft + 1, r.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, item.text);
    }
}

void TimelineView::paintLane(QPainter &painter, int row) const
{
    const Entry *entry = entryAtRow(row);
    if (!entry)
        return;
    paintLabel(painter, row, *entry);
    painter.save();
    const QRectF lane = laneRect(row);
    const QRectF plot = plotRect();
    painter.setClipRect(
        QRectF(plot.left(), std::max(lane.top(), plot.top()), plot.width(),
               std::min(lane.bottom(), plot.bottom()) - std::max(lane.top(), plot.top())));
    paintStates(painter, row, entry->lane);
    const double peak = paintData(painter, row, *entry->source);
    paintKernel(painter, row, entry->lane);
    paintMarks(painter, row, entry->lane);
    painter.restore();
    // The graph's scale goes in the label column, where it hides no data.
    const qreal line = m_metrics.line;
    painter.setFont(scaledFont(font(), 0.85, false));
    painter.setPen(m_colors.dimText);
    painter.drawText(
        QRectF(0.8 * line, throughputRect(row).top(), plot.left() - 1.2 * line, m_metrics.rate),
        Qt::AlignRight | Qt::AlignVCenter,
        peak > 0 ?
                 //: The top of a lane's throughput graph: "max 12.3 MiB/s"
            tr("max %1").arg(ModelText::byteRate(peak))
                 : tr("bytes/s"));
    painter.setPen(QPen(m_colors.grid, 1));
    painter.drawLine(QPointF(0, lane.bottom() - 0.5), QPointF(lane.right(), lane.bottom() - 0.5));
}

void TimelineView::paintLabel(QPainter &painter, int row, const Entry &entry) const
{
    const LaneSource &source = *entry.source;
    const qreal line = m_metrics.line;
    const qreal left = 0.8 * line;
    const qreal width = m_metrics.label - left - 0.4 * line;
    const QFontMetricsF metrics(font());

    painter.setFont(scaledFont(font(), 1.0, true));
    painter.setPen(m_colors.text);
    const QRectF rx = rxTickRect(row);
    const QRectF title = rx.united(tagRect(row));
    painter.drawText(QRectF(left, title.top(), width, title.height()),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     TimelineText::laneTitle(source.side(), source.id()));

    painter.setFont(font());
    painter.setPen(m_colors.dimText);
    const QString port = TimelineText::portOf(
        source.side() == Connection::Side::Server ? source.peerAddress() : source.localAddress());
    const QRectF bar = barRect(row);
    //: A lane's label: the port that tells the connection apart, then the engine
    const QString second
        = port.isEmpty() ? source.engineName() : tr("%1  %2").arg(port, source.engineName());
    painter.drawText(QRectF(left, bar.top(), width, bar.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(second, Qt::ElideRight, width));

    // The current state, with its color.
    const QRectF tx = txTickRect(row);
    const ConnectionState state = entry.lane.state();
    const QRectF swatch(left, tx.center().y() - 0.3 * line, 0.6 * line, 0.6 * line);
    painter.fillRect(swatch, stateColor(state));
    painter.setPen(m_colors.text);
    painter.drawText(
        QRectF(swatch.right() + 0.3 * line, tx.top(), width - 0.9 * line, tx.height()),
        Qt::AlignLeft | Qt::AlignVCenter,
        metrics.elidedText(ModelText::state(state), Qt::ElideRight, width - 0.9 * line));

    painter.setFont(scaledFont(font(), 0.85, false));
    painter.setPen(m_colors.dimText);
    const qreal right = m_metrics.label - 0.4 * line;
    painter.drawText(QRectF(left, kernelRect(row).top(), right - left, m_metrics.kernel),
                     Qt::AlignRight | Qt::AlignVCenter, tr("kernel"));

    // The two ends of one connection, bracketed together.
    const size_t index = size_t(m_order[size_t(row)]);
    const int partner = m_partner.empty() ? -1 : m_partner[index];
    if (partner >= 0 && row + 1 < int(m_order.size()) && m_order[size_t(row) + 1] == partner) {
        const qreal x = std::round(0.35 * line);
        const qreal y0 = title.center().y();
        const qreal y1 = rxTickRect(row + 1).united(tagRect(row + 1)).center().y();
        painter.setPen(QPen(m_colors.dimText, std::max(1.0, line / 10)));
        painter.drawLine(QPointF(x, y0), QPointF(x, y1));
        painter.drawLine(QPointF(x, y0), QPointF(x + 0.3 * line, y0));
        painter.drawLine(QPointF(x, y1), QPointF(x + 0.3 * line, y1));
    }
}

void TimelineView::paintStates(QPainter &painter, int row, const TimelineLane &lane) const
{
    const QRectF bar = barRect(row);
    const QFontMetricsF metrics(font());
    painter.setFont(font());
    for (const StateSegment &segment : lane.segments()) {
        const bool instant = isFinalState(segment.state);
        const double x0 = std::floor(xForTime(double(segment.startNs)));
        const double x1 = instant ? x0 + m_metrics.finalBlock
                                  : std::floor(xForTime(double(segmentEndNs(lane, segment))));
        if (x1 < bar.left() || x0 > bar.right())
            continue;
        const double left = std::max(x0, bar.left() - 1);
        const double right = std::max(left + 1, std::min(x1, bar.right() + 1));
        const QRectF rect(left, bar.top(), right - left, bar.height());
        const QColor color = stateColor(segment.state);
        painter.fillRect(rect, color);
        if (instant)
            continue;
        const QString name = ModelText::state(segment.state);
        if (metrics.horizontalAdvance(name) + m_metrics.line <= rect.width()) {
            painter.setPen(textOn(color));
            painter.drawText(rect, Qt::AlignCenter, name);
        }
    }
}

double TimelineView::paintData(QPainter &painter, int row, const LaneSource &source) const
{
    const QRectF rx = rxTickRect(row);
    const QRectF tx = txTickRect(row);
    const QRectF rate = throughputRect(row);
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

    // Tick height by bytes, on a log scale so that a 1-byte read still shows
    // next to a 64 KiB one.
    const double logMost = std::log1p(double(most));
    const qreal reach = m_metrics.tick - 2;
    std::vector<QLineF> lines;
    auto drawTicks = [&](const std::vector<ChunkBuckets::Column> &cols, qreal base, qreal sign,
                         const QColor &color) {
        lines.clear();
        for (int k = 0; k < columns; ++k) {
            const qint64 bytes = cols[size_t(k)].bytes;
            if (bytes == 0)
                continue;
            const qreal h = reach * (0.25 + 0.75 * std::log1p(double(bytes)) / logMost);
            const qreal x = rx.left() + k + 0.5;
            lines.emplace_back(x, base, x, base + sign * h);
        }
        painter.setPen(QPen(color, 1));
        painter.drawLines(lines.data(), int(lines.size()));
    };
    drawTicks(in, rx.bottom(), -1, m_colors.rx);
    drawTicks(out, tx.top(), 1, m_colors.tx);

    // Throughput: received above the middle line, sent below, as steps of a
    // few pixels so that single reads do not make it a comb.
    const int group = std::max(2, int(std::round(m_metrics.line / 4)));
    const double perColumn = m_scale.nsPerPixel();
    const std::vector<double> inRate = ChunkBuckets::rates(in, perColumn, group);
    const std::vector<double> outRate = ChunkBuckets::rates(out, perColumn, group);
    double peak = 0;
    for (size_t i = 0; i < inRate.size(); ++i)
        peak = std::max({peak, inRate[i], outRate[i]});
    if (peak <= 0)
        return 0;
    const qreal half = rate.height() / 2 - 1;
    auto area = [&](const std::vector<double> &rates, qreal sign, const QColor &color) {
        QPolygonF polygon;
        polygon.reserve(int(rates.size()) * 2 + 2);
        polygon << QPointF(rate.left(), middle);
        for (size_t i = 0; i < rates.size(); ++i) {
            const qreal y = middle + sign * half * rates[i] / peak;
            const qreal x = rate.left() + qreal(i) * group;
            polygon << QPointF(x, y) << QPointF(x + group, y);
        }
        polygon << QPointF(rate.left() + qreal(rates.size()) * group, middle);
        QColor fill = color;
        fill.setAlpha(170);
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        painter.drawPolygon(polygon);
        painter.setBrush(Qt::NoBrush);
    };
    area(inRate, -1, m_colors.rx);
    area(outRate, 1, m_colors.tx);
    return peak;
}

void TimelineView::paintKernel(QPainter &painter, int row, const TimelineLane &lane) const
{
    const QRectF strip = kernelRect(row);
    const QFontMetricsF metrics(scaledFont(font(), 0.85, false));
    painter.setFont(scaledFont(font(), 0.85, false));
    if (lane.kernelSegments().empty()) {
        painter.setPen(QPen(m_colors.grid, 1));
        const qreal y = std::round(strip.center().y()) + 0.5;
        painter.drawLine(QPointF(strip.left(), y), QPointF(strip.right(), y));
        return;
    }
    for (const KernelSegment &segment : lane.kernelSegments()) {
        const double x0 = std::floor(xForTime(double(segment.startNs)));
        const double x1 = std::floor(xForTime(double(kernelEndNs(lane, segment))));
        if (x1 < strip.left() || x0 > strip.right())
            continue;
        const double left = std::max(x0, strip.left() - 1);
        const double right = std::max(left + 1, std::min(x1, strip.right() + 1));
        const QRectF rect(left, strip.top(), right - left, strip.height());
        const QColor color = kernelColor(segment.state);
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
        if (segment.state == KernelState::TimeWait) {
            // Hatched: the socket is gone, only the kernel still holds it.
            QColor hatch = m_colors.text;
            hatch.setAlpha(60);
            painter.fillRect(rect, QBrush(hatch, Qt::BDiagPattern));
        }
        const QString name = TimelineText::kernelStateName(segment.state);
        const qreal textWidth = metrics.horizontalAdvance(name);
        if (textWidth + 0.6 * m_metrics.line <= rect.width()) {
            painter.setPen(m_colors.text);
            // Kept at the visible start of a long segment, so it stays readable.
            const QRectF textRect(std::max(rect.left(), strip.left()) + 0.3 * m_metrics.line,
                                  rect.top(), textWidth + 1, rect.height());
            if (textRect.right() <= rect.right())
                painter.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, name);
        }
    }
}

std::vector<TimelineView::MarkGroup> TimelineView::layoutMarks(int row,
                                                               const TimelineLane &lane) const
{
    const QRectF tags = tagRect(row);
    std::vector<MarkGroup> groups = markGroups(lane, tags.left(), tags.right());
    const QFontMetricsF metrics(scaledFont(font(), 0.85, true));
    std::vector<QRectF> placed;
    for (MarkGroup &group : groups) {
        // Notes stay untagged, and so does a plain close: its block says it.
        QStringList names;
        int more = 0;
        for (size_t i = group.first; i < group.last; ++i) {
            const MarkKind kind = lane.marks()[i].kind;
            if (kind == MarkKind::Note || kind == MarkKind::Closed)
                continue;
            const QString name = TimelineText::markTag(kind);
            if (names.contains(name))
                continue;
            if (names.size() < 2)
                names.append(name);
            else
                ++more;
        }
        if (names.isEmpty())
            continue;
        //: Two marks at the same place on a lane: "SYN, connected"
        group.text = names.size() == 1 ? names.first() : tr("%1, %2").arg(names[0], names[1]);
        if (more > 0)
            //: A mark's tag and how many more share its place: "RST, EPIPE +2"
            group.text = tr("%1 +%2").arg(group.text).arg(more);
        const qreal x = std::round(group.x) + 0.5;
        QRectF rect(x, tags.top(), metrics.horizontalAdvance(group.text) + 0.5 * m_metrics.line,
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

bool TimelineView::markGroupAt(int row, const QPointF &pos, MarkGroup *found) const
{
    const Entry *entry = entryAtRow(row);
    if (!entry || pos.y() < tagRect(row).top() || pos.y() >= txTickRect(row).bottom())
        return false;
    // A tag under the cursor wins; otherwise the group whose marks are
    // nearest, within a few pixels (groups can sit closer than that).
    const double tolerance = std::max(3.0, 0.35 * m_metrics.line);
    const bool belowTags = pos.y() >= rxTickRect(row).top();
    double best = tolerance;
    bool any = false;
    for (const MarkGroup &group : layoutMarks(row, entry->lane)) {
        if (group.tag.contains(pos)) {
            *found = group;
            return true;
        }
        if (!belowTags)
            continue;
        const double low = std::min(group.anchor, group.x);
        const double high = std::max(group.end, group.x);
        const double distance = pos.x() < low ? low - pos.x() : std::max(0.0, pos.x() - high);
        if (distance <= best) {
            best = distance;
            *found = group;
            any = true;
        }
    }
    return any;
}

void TimelineView::paintMarks(QPainter &painter, int row, const TimelineLane &lane) const
{
    const QRectF tags = tagRect(row);
    const QRectF rx = rxTickRect(row);
    const QRectF tx = txTickRect(row);
    const std::vector<MarkGroup> groups = layoutMarks(row, lane);
    painter.setFont(scaledFont(font(), 0.85, true));
    const qreal width = std::max(1.5, m_metrics.line / 9);
    for (const MarkGroup &group : groups) {
        const QColor color = markColor(group.shown);
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

// ---- Tooltips

QString TimelineView::timeText(double timeNs) const
{
    return TimelineText::exactTime(qint64(std::llround(timeNs)) - m_zeroNs);
}

QString TimelineView::toolTipAt(const QPointF &pos) const
{
    const Hit hit = hitTest(pos);
    const Entry *entry = entryAtRow(hit.row);
    switch (hit.zone) {
    case Zone::None:
    case Zone::Legend:
        return QString();
    case Zone::Axis:
        return pos.x() >= plotRect().left() ? timeText(hit.timeNs) : QString();
    case Zone::Label:
        return entry ? laneToolTip(*entry) : QString();
    case Zone::Mark: {
        MarkGroup group;
        return markGroupAt(hit.row, pos, &group) ? markToolTip(entry->lane, group) : QString();
    }
    case Zone::RxTicks:
        return dataToolTip(*entry->source, Direction::Rx, pos.x());
    case Zone::TxTicks:
        return dataToolTip(*entry->source, Direction::Tx, pos.x());
    case Zone::Bar:
        return stateToolTip(entry->lane, hit.timeNs, pos.x());
    case Zone::Kernel:
        return kernelToolTip(entry->lane, hit.timeNs);
    case Zone::Throughput:
        return throughputToolTip(*entry->source, pos.x());
    }
    return QString();
}

QString TimelineView::laneToolTip(const Entry &entry) const
{
    const LaneSource &source = *entry.source;
    const TimelineLane &lane = entry.lane;
    QString text = QStringLiteral("<b>%1</b>")
                       .arg(TimelineText::laneTitle(source.side(), source.id()).toHtmlEscaped());
    text += QStringLiteral("<br/>")
            + tr("%1 engine, local %2, peer %3")
                  .arg(source.engineName(),
                       source.localAddress().isEmpty() ? tr("unknown") : source.localAddress(),
                       source.peerAddress().isEmpty() ? tr("unknown") : source.peerAddress())
                  .toHtmlEscaped();
    text += QStringLiteral("<br/>") + tr("State: %1").arg(ModelText::state(lane.state()));
    if (lane.startNs() >= 0) {
        const qint64 end = lane.isFinal() ? lane.endNs() : m_nowNs;
        text += QStringLiteral("<br/>")
                + tr("From %1 for %2")
                      .arg(timeText(double(lane.startNs())),
                           TimelineText::duration(end - lane.startNs()));
    }
    const StreamStore &rx = source.store(Direction::Rx);
    const StreamStore &tx = source.store(Direction::Tx);
    text += QStringLiteral("<br/>")
            + tr("Received %1 in %n read(s)", nullptr,
                 int(std::min<qint64>(rx.chunkCount(), INT_MAX)))
                  .arg(ModelText::byteCount(rx.size()));
    text += QStringLiteral("<br/>")
            + tr("Sent %1 in %n write(s)", nullptr, int(std::min<qint64>(tx.chunkCount(), INT_MAX)))
                  .arg(ModelText::byteCount(tx.size()));
    return text;
}

QString TimelineView::markToolTip(const TimelineLane &lane, const MarkGroup &group) const
{
    // The six that matter most, in time order: errors before notes.
    std::vector<size_t> picked;
    for (size_t i = group.first; i < group.last; ++i)
        picked.push_back(i);
    std::stable_sort(picked.begin(), picked.end(), [&](size_t a, size_t b) {
        return priority(lane.marks()[a].kind) > priority(lane.marks()[b].kind);
    });
    const size_t shown = std::min<size_t>(picked.size(), 6);
    picked.resize(shown);
    std::sort(picked.begin(), picked.end());
    QStringList parts;
    for (size_t i : picked) {
        const LaneMark &mark = lane.marks()[i];
        QString part = tr("<b>%1</b> at %2")
                           .arg(TimelineText::markName(mark.kind).toHtmlEscaped(),
                                timeText(double(mark.timeNs)));
        if (lane.startNs() >= 0 && mark.timeNs > lane.startNs())
            part += QStringLiteral(" ")
                    + tr("(%1 after the connection began)")
                          .arg(TimelineText::duration(mark.timeNs - lane.startNs()));
        part += QStringLiteral("<br/>") + TimelineText::markExplanation(mark.kind).toHtmlEscaped();
        if (mark.sysErrno != 0)
            part += QStringLiteral("<br/>")
                    + tr("errno %1 (%2)").arg(mark.sysErrno).arg(mark.code).toHtmlEscaped();
        if (!mark.detail.isEmpty())
            part += QStringLiteral("<br/><i>%1</i>").arg(mark.detail.toHtmlEscaped());
        parts.append(part);
    }
    if (group.last - group.first > shown)
        parts.append(tr("and %1 more").arg(group.last - group.first - shown));
    return parts.join(QStringLiteral("<hr/>"));
}

QString TimelineView::stateToolTip(const TimelineLane &lane, double timeNs, double x) const
{
    // A final state is drawn as a short block after its instant.
    const StateSegment *segment = nullptr;
    if (!lane.segments().empty()) {
        const StateSegment &last = lane.segments().back();
        const double x0 = std::floor(xForTime(double(last.startNs)));
        if (isFinalState(last.state) && x >= x0 && x <= x0 + m_metrics.finalBlock)
            segment = &last;
    }
    if (!segment)
        segment = lane.segmentAt(qint64(std::floor(timeNs)));
    if (!segment)
        return QString();
    QString text
        = QStringLiteral("<b>%1</b>").arg(ModelText::state(segment->state).toHtmlEscaped());
    if (isFinalState(segment->state)) {
        text += QStringLiteral(" ")
                + tr("at %1, %2")
                      .arg(timeText(double(segment->startNs)),
                           TimelineText::causeName(segment->cause));
    } else {
        const qint64 end = segmentEndNs(lane, *segment);
        text += QStringLiteral(" ")
                + tr("from %1 to %2 (%3), %4")
                      .arg(timeText(double(segment->startNs)), timeText(double(end)),
                           TimelineText::duration(end - segment->startNs),
                           TimelineText::causeName(segment->cause));
    }
    text
        += QStringLiteral("<br/>") + TimelineText::stateExplanation(segment->state).toHtmlEscaped();
    if (!segment->why.isEmpty())
        text += QStringLiteral("<br/><i>%1</i>").arg(segment->why.toHtmlEscaped());
    return text;
}

QString TimelineView::dataToolTip(const LaneSource &source, Direction direction, double x) const
{
    const StreamStore &store = source.store(direction);
    const double column = std::floor(x - plotRect().left());
    // The pixel under the cursor and one either side: a tick is thin.
    const double from = m_scale.startNs() + (column - 1) * m_scale.nsPerPixel();
    const std::vector<ChunkBuckets::Column> columns
        = ChunkBuckets::build(store, from, m_scale.nsPerPixel(), 3);
    qint64 bytes = 0;
    qint64 chunks = 0;
    for (const auto &c : columns) {
        bytes += c.bytes;
        chunks += c.chunks;
    }
    const qint64 nearest = ChunkBuckets::nearestChunk(store, qint64(std::llround(timeForX(x))));
    if (nearest < 0)
        return QString();
    const StreamStore::Chunk chunk = store.chunk(nearest);
    const double chunkX = xForTime(double(chunk.timestampNs));
    if (chunks == 0 && std::abs(chunkX - x) > 0.5 * m_metrics.line)
        return QString();
    QString text;
    if (chunks > 0) {
        const int n = int(std::min<qint64>(chunks, INT_MAX));
        text = (direction == Direction::Rx ? tr("<b>Received</b> %1 in %n read(s)", nullptr, n)
                                           : tr("<b>Sent</b> %1 in %n write(s)", nullptr, n))
                   .arg(ModelText::byteCount(bytes));
        text
            += QStringLiteral(" ")
               + tr("from %1 to %2").arg(timeText(from), timeText(from + 3 * m_scale.nsPerPixel()));
        text += QStringLiteral("<br/>");
    }
    text += (direction == Direction::Rx ? tr("Nearest read: chunk %1 at %2, %3 at offset %4")
                                        : tr("Nearest write: chunk %1 at %2, %3 at offset %4"))
                .arg(nearest + 1)
                .arg(timeText(double(chunk.timestampNs)), ModelText::byteCount(chunk.size))
                .arg(chunk.offset);
    text += QStringLiteral("<br/>") + tr("Click to select it.");
    return text;
}

QString TimelineView::kernelToolTip(const TimelineLane &lane, double timeNs) const
{
    const qint64 t = qint64(std::floor(timeNs));
    const KernelSegment *segment = nullptr;
    for (const KernelSegment &candidate : lane.kernelSegments()) {
        if (candidate.startNs <= t && t < kernelEndNs(lane, candidate))
            segment = &candidate;
    }
    if (!segment) {
        return lane.kernelSegments().empty()
                   ? tr("No kernel samples: the kernel's TCP state is sampled on Linux while "
                        "a connection is open.")
                   : QString();
    }
    const qint64 end = kernelEndNs(lane, *segment);
    QString text = tr("<b>Kernel: %1</b> from %2 to %3 (%4)")
                       .arg(TimelineText::kernelStateName(segment->state).toHtmlEscaped(),
                            timeText(double(segment->startNs)), timeText(double(end)),
                            TimelineText::duration(end - segment->startNs));
    const QString explanation = TimelineText::kernelStateExplanation(segment->state);
    if (!explanation.isEmpty())
        text += QStringLiteral("<br/>") + explanation.toHtmlEscaped();
    const KernelPoint *point = lane.kernelPointAt(t);
    if (!point || point->timeNs < segment->startNs)
        return text;
    const KernelSample &s = point->sample;
    QStringList figures;
    if (s.rttUs >= 0)
        figures.append(s.rttVarUs >= 0 ? tr("RTT %1 µs (± %2)").arg(s.rttUs).arg(s.rttVarUs)
                                       : tr("RTT %1 µs").arg(s.rttUs));
    if (s.sendQueue >= 0)
        figures.append(tr("send queue %1").arg(ModelText::byteCount(s.sendQueue)));
    if (s.recvQueue >= 0)
        figures.append(tr("receive queue %1").arg(ModelText::byteCount(s.recvQueue)));
    if (s.cwnd >= 0)
        figures.append(tr("cwnd %1 segments").arg(s.cwnd));
    if (s.unacked >= 0)
        figures.append(tr("%1 unacknowledged").arg(s.unacked));
    if (s.retransmits >= 0)
        figures.append(tr("%1 retransmits").arg(s.retransmits));
    if (s.timeWaitMs >= 0)
        figures.append(tr("forgotten %1 ms after this sample").arg(s.timeWaitMs));
    if (!figures.isEmpty()) {
        text += QStringLiteral("<br/>")
                + tr("Sample at %1: %2")
                      .arg(timeText(double(point->timeNs)), figures.join(QStringLiteral(", ")));
    }
    return text;
}

QString TimelineView::throughputToolTip(const LaneSource &source, double x) const
{
    const int group = std::max(2, int(std::round(m_metrics.line / 4)));
    const double index = std::floor((x - plotRect().left()) / group);
    const double from = m_scale.startNs() + index * group * m_scale.nsPerPixel();
    const double perColumn = m_scale.nsPerPixel();
    auto rateOf = [&](Direction direction) {
        const auto columns = ChunkBuckets::build(source.store(direction), from, perColumn, group);
        const std::vector<double> rates = ChunkBuckets::rates(columns, perColumn, group);
        return rates.empty() ? 0.0 : rates.front();
    };
    return tr("From %1 to %2: received %3, sent %4")
        .arg(timeText(from), timeText(from + group * perColumn),
             ModelText::byteRate(rateOf(Direction::Rx)),
             ModelText::byteRate(rateOf(Direction::Tx)));
}

// ---- Hit tests and input

TimelineView::Hit TimelineView::hitTest(const QPointF &pos) const
{
    Hit hit;
    hit.timeNs = timeForX(pos.x());
    if (pos.y() < m_metrics.axis) {
        hit.zone = Zone::Axis;
        return hit;
    }
    if (pos.y() >= lanesBottom()) {
        hit.zone = Zone::Legend;
        return hit;
    }
    const qreal y = pos.y() - m_metrics.axis + verticalScrollBar()->value();
    const int row = int(std::floor(y / m_metrics.lane));
    if (row < 0 || row >= int(m_order.size()))
        return hit;
    hit.row = row;
    if (pos.x() < m_metrics.label) {
        hit.zone = Zone::Label;
        return hit;
    }
    MarkGroup group;
    if (markGroupAt(row, pos, &group)) {
        hit.zone = Zone::Mark;
        return hit;
    }
    const QRectF rx = rxTickRect(row);
    const QRectF tx = txTickRect(row);
    if (pos.y() < rx.top())
        hit.zone = Zone::None; // the tag row, away from any tag
    else if (pos.y() < rx.bottom())
        hit.zone = Zone::RxTicks;
    else if (pos.y() < barRect(row).bottom())
        hit.zone = Zone::Bar;
    else if (pos.y() < tx.bottom())
        hit.zone = Zone::TxTicks;
    else if (pos.y() < kernelRect(row).bottom())
        hit.zone = Zone::Kernel;
    else
        hit.zone = Zone::Throughput;
    return hit;
}

bool TimelineView::viewportEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ToolTip: {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, viewport(),
                               QRect(help->pos() - QPoint(2, 2), QSize(5, 5)));
        }
        return true;
    }
    case QEvent::NativeGesture: {
        auto *gesture = static_cast<QNativeGestureEvent *>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            zoomAround(1.0 + gesture->value(), gesture->position().x());
            return true;
        }
        if (gesture->gestureType() == Qt::SmartZoomNativeGesture) {
            zoomToFit();
            return true;
        }
        break;
    }
    default:
        break;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragging = false;
    m_pressPos = m_lastDragPos = event->position();
    m_rubberBand
        = (event->modifiers() & Qt::ShiftModifier) && event->position().x() >= plotRect().left();
    m_rubberFromX = m_rubberToX = event->position().x();
    event->accept();
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed) {
        QAbstractScrollArea::mouseMoveEvent(event);
        return;
    }
    const QPointF pos = event->position();
    if (!m_dragging && (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance())
        m_dragging = true;
    if (!m_dragging)
        return;
    if (m_rubberBand) {
        m_rubberToX = pos.x();
    } else {
        // Grab and move: time follows the mouse, and so do the lanes.
        setMode(Mode::Manual);
        m_scale.pan(pos.x() - m_lastDragPos.x());
        QScrollBar *bar = verticalScrollBar();
        bar->setValue(bar->value() - int(std::round(pos.y() - m_lastDragPos.y())));
    }
    m_lastDragPos = pos;
    viewport()->update();
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_pressed) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    m_pressed = false;
    if (m_rubberBand) {
        m_rubberBand = false;
        const QRectF plot = plotRect();
        const double left = std::max(plot.left(), std::min(m_rubberFromX, m_rubberToX));
        const double right = std::min(plot.right(), std::max(m_rubberFromX, m_rubberToX));
        if (m_dragging && right - left >= 3) {
            setMode(Mode::Manual);
            m_scale.fit(timeForX(left), timeForX(right), 0);
        }
        viewport()->update();
    } else if (!m_dragging) {
        handleClick(event->position());
    }
    m_dragging = false;
}

void TimelineView::handleClick(const QPointF &pos)
{
    const Hit hit = hitTest(pos);
    const Entry *entry = entryAtRow(hit.row);
    if (!entry)
        return;
    Connection *connection = entry->source->connection();
    emit connectionActivated(connection);
    if (hit.zone != Zone::RxTicks && hit.zone != Zone::TxTicks)
        return;
    const Direction direction = hit.zone == Zone::RxTicks ? Direction::Rx : Direction::Tx;
    const StreamStore &store = entry->source->store(direction);
    const qint64 nearest = ChunkBuckets::nearestChunk(store, qint64(std::llround(hit.timeNs)));
    if (nearest < 0)
        return;
    // Only a tick near the click: a click on empty space selects the lane.
    const double x = xForTime(double(store.chunk(nearest).timestampNs));
    if (std::abs(x - pos.x()) <= std::max(4.0, 0.5 * m_metrics.line))
        emit chunkActivated(connection, direction, nearest);
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint angle = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        // 120 units, one notch: 20 % closer.
        zoomAround(std::pow(1.2, angle.y() / 120.0), event->position().x());
        event->accept();
        return;
    }
    int dx = angle.x();
    if ((event->modifiers() & Qt::ShiftModifier) && dx == 0)
        dx = angle.y();
    if (dx != 0) {
        setMode(Mode::Manual);
        m_scale.pan(dx / 120.0 * m_scale.width() / 10);
        viewport()->update();
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        return;
    case Qt::Key_Minus:
        zoomBy(0.8);
        return;
    case Qt::Key_0:
    case Qt::Key_Home:
        zoomToFit();
        return;
    case Qt::Key_Left:
    case Qt::Key_Right:
        setMode(Mode::Manual);
        m_scale.pan((event->key() == Qt::Key_Left ? 1 : -1) * m_scale.width() / 10);
        viewport()->update();
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
    }
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    const double start = m_scale.startNs();
    m_scale.setWidth(std::max(1.0, viewport()->width() - m_metrics.label - m_metrics.right));
    m_scale.setView(start, m_scale.nsPerPixel());
    applyMode();
    updateScrollBar();
}

void TimelineView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void TimelineView::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::LanguageChange: // the label column fits the state names, which are translated
        updateMetrics();
        applyMode();
        updateScrollBar();
        viewport()->update();
        break;
    case QEvent::PaletteChange:
    case QEvent::StyleChange:
        updateColors();
        viewport()->update();
        break;
    default:
        break;
    }
    QAbstractScrollArea::changeEvent(event);
}

} // namespace TcpInspector
