// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/timelineview.h"

#include "lanes/chunkbuckets.h"
#include "lanes/connectionlanesource.h"
#include "lanes/laneorder.h"
#include "lanes/timeaxis.h"
#include "lanes/timelinetext.h"
#include "lanes/timelinetooltips.h"
#include "models/modeltext.h"
#include "net/connection.h"
#include "views/timelinekernelstrip.h"
#include "views/timelinepainter.h"
#include "views/viewtheme.h"

#include <QApplication>
#include <QBuffer>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QSaveFile>
#include <QScrollBar>
#include <QSvgGenerator>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace TcpInspector {

TimelineView::TimelineView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    m_nowNs = monotonicNs();
    updateColors();
    m_scale.setWidth(m_layout.scaleWidth());
    updateScrollBar();
}

TimelineView::~TimelineView() = default;

// ---- Lanes

void TimelineView::addConnection(Connection *connection)
{
    // Not rowOf(): that orders the lanes, once per connection in a burst.
    if (!connection || m_shown.contains(connection))
        return;
    m_shown.insert(connection);
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
    entry->updateChunks();
    entry->learnAddresses();
    m_lanes.push_back(std::move(entry));
    lanesChanged();
}

bool TimelineView::Entry::updateChunks()
{
    const qint64 rx = source->store(Direction::Rx).chunkCount();
    const qint64 tx = source->store(Direction::Tx).chunkCount();
    if (rx == rxChunks && tx == txChunks)
        return false;
    for (Direction direction : {Direction::Rx, Direction::Tx}) {
        const qint64 count = direction == Direction::Rx ? rx : tx;
        const qint64 before = direction == Direction::Rx ? rxChunks : txChunks;
        if (count > before)
            lastChunkNs
                = std::max(lastChunkNs, source->store(direction).chunk(count - 1).timestampNs);
    }
    rxChunks = rx;
    txChunks = tx;
    return true;
}

bool TimelineView::Entry::learnAddresses()
{
    if (addressesKnown)
        return false;
    // A client learns its addresses when connected; then it can be paired
    // with its server end. One that failed never will.
    QString local = source->localAddress();
    QString peer = source->peerAddress();
    if (local.isEmpty() || peer.isEmpty()) {
        addressesKnown = lane.isFinal();
        return false;
    }
    localAddress = std::move(local);
    peerAddress = std::move(peer);
    addressesKnown = true;
    return true;
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
        m_shown.remove(entry->source->connection());
        return true;
    });
    m_lanes.erase(it, m_lanes.end());
    if (m_lanes.size() != before)
        lanesChanged();
}

void TimelineView::lanesChanged()
{
    // Settled at the next paint or refresh tick, or when asked: a burst of
    // connections arriving over many event-loop turns orders them once a tick.
    m_lanesDirty = true;
    viewport()->update();
}

void TimelineView::settled() const
{
    // The lanes are this view's cache of the connections: settling them
    // is what a const reader expects to have happened already.
    if (m_lanesDirty)
        const_cast<TimelineView *>(this)->settleLanes();
}

void TimelineView::settleLanes()
{
    m_lanesDirty = false;
    m_nowNs = clockNs();
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
    for (const auto &entry : m_lanes)
        entries.push_back({entry->source->side(), entry->localAddress, entry->peerAddress,
                           entry->source->relayPair()});
    m_partner = LaneOrder::partners(entries);
    m_relayPartner = LaneOrder::relayPartners(entries);
    m_order = LaneOrder::order(entries, m_partner, m_relayPartner);
    m_layout.setLaneCount(int(m_order.size()));
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
    settled();
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
    settled();
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

qint64 TimelineView::clockNs() const
{
    // Recorded connections keep the times of the process that recorded
    // them, and a replay's cursor is their now: only when every lane is
    // recorded does their clock stand in for this process's.
    qint64 now = -1;
    for (const auto &entry : m_lanes) {
        const Connection *connection = entry->source->connection();
        if (!connection || !connection->isRecorded())
            return monotonicNs();
        now = std::max(now, connection->nowNs());
    }
    return now >= 0 ? now : monotonicNs();
}

void TimelineView::refresh()
{
    settled();
    m_nowNs = clockNs();
    bool changed = false;
    bool live = false;
    bool counting = false; // TIME_WAIT's seconds on a kernel strip go down
    bool reorder = false;
    for (const auto &entry : m_lanes) {
        const TimelineLane &lane = entry->lane;
        changed |= entry->lane.update();
        changed |= entry->updateChunks();
        reorder |= entry->learnAddresses();
        live |= lane.startNs() >= 0 && !lane.isFinal();
        counting |= !lane.kernelSegments().empty()
                    && TimelineKernelStrip::secondsLeft(lane.kernelSegments().back(), m_nowNs) > 0;
    }
    if (reorder)
        updateOrder();
    if (changed || reorder)
        updateZero();
    // An open bar grows with time, but an idle window must not paint at
    // every tick for it (issue 11: 5-6 % of a core): time alone repaints
    // once it moved a pixel, and at most a few times a second.
    const bool timeMoved
        = (live && m_nowNs - m_timePaintNs >= std::max(m_scale.nsPerPixel(), double(timeRepaintNs)))
          || (counting && m_nowNs - m_timePaintNs >= countdownRepaintNs);
    if (m_mode != Mode::Manual && (changed || reorder || timeMoved)) {
        applyMode();
        repaintAt(m_nowNs);
        return;
    }
    const bool nowVisible = m_nowNs >= m_scale.startNs() && m_nowNs <= m_scale.endNs() + 1e9;
    if (changed || reorder || (timeMoved && nowVisible))
        repaintAt(m_nowNs);
}

void TimelineView::repaintAt(qint64 nowNs)
{
    m_timePaintNs = nowNs;
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
        laneEnd = std::max(laneEnd, double(entry->lastChunkNs));
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
    m_scale.fit(start, std::max(start, dataEndNs()), 2.5 * m_layout.metrics().line);
}

void TimelineView::zoomToFit()
{
    settled();
    setMode(Mode::Fit);
    m_nowNs = clockNs();
    fitNow();
    viewport()->update();
}

void TimelineView::zoomBy(double factor)
{
    zoomAround(factor, m_layout.plotRect().center().x());
}

void TimelineView::zoomAround(double factor, double viewportX)
{
    const QRectF plot = m_layout.plotRect();
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
        m_nowNs = clockNs();
        applyMode();
    } else if (m_mode == Mode::Follow) {
        setMode(Mode::Manual);
    }
    viewport()->update();
}

void TimelineView::showTime(Connection *connection, qint64 timeNs)
{
    settled();
    const int row = rowOf(connection);
    m_cursorEntry = entryAtRow(row);
    m_cursorNs = m_cursorEntry ? timeNs : -1;
    if (!m_cursorEntry) {
        viewport()->update();
        return;
    }
    ensureRowVisible(row);
    const double x = m_scale.xOf(double(timeNs));
    const double margin = std::min(m_layout.metrics().line * 2, m_scale.width() / 4);
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
    const qreal top = m_layout.metrics().axis + row * m_layout.metrics().lane;
    const qreal visible = m_layout.lanesBottom() - m_layout.metrics().axis;
    QScrollBar *bar = verticalScrollBar();
    const qreal scroll = top - m_layout.metrics().axis;
    if (scroll < bar->value())
        bar->setValue(int(scroll));
    else if (scroll + m_layout.metrics().lane > bar->value() + visible)
        bar->setValue(int(std::ceil(scroll + m_layout.metrics().lane - visible)));
}

// ---- Geometry and colours

void TimelineView::updateLayout()
{
    m_layout = TimelineLayout(font(), viewport()->size(), legendItems());
    m_layout.setLaneCount(int(m_order.size()));
    m_layout.setScroll(verticalScrollBar()->value());
}

std::vector<TimelineLayout::LegendItem> TimelineView::legendItems() const
{
    std::vector<TimelineLayout::LegendItem> items;
    items.reserve(TimelineColors::legendStates.size() + 3);
    for (ConnectionState state : TimelineColors::legendStates)
        items.push_back({m_colors.state(state), ModelText::state(state), {}});
    items.push_back({m_colors.rx, tr("received (ticks above)"), {}});
    items.push_back({m_colors.tx, tr("sent (ticks below)"), {}});
    items.push_back({m_colors.kernel(KernelState::Established), tr("kernel TCP state"), {}});
    return items;
}

void TimelineView::updateColors()
{
    m_colors = TimelineColors(ViewTheme(palette()));
    updateLayout(); // the legend's swatches
}

void TimelineView::updateScrollBar()
{
    const qreal visible = m_layout.lanesBottom() - m_layout.metrics().axis;
    const qreal total = m_layout.contentHeight();
    QScrollBar *bar = verticalScrollBar();
    bar->setRange(0, int(std::max<qreal>(0, std::ceil(total - visible))));
    bar->setPageStep(int(std::max<qreal>(1, visible)));
    bar->setSingleStep(int(std::max<qreal>(1, m_layout.metrics().lane / 4)));
}

double TimelineView::xForTime(double timeNs) const
{
    return m_layout.metrics().label + m_scale.xOf(timeNs);
}

double TimelineView::timeForX(double x) const
{
    return m_scale.timeAt(x - m_layout.metrics().label);
}

// ---- Painting

void TimelineView::paintEvent(QPaintEvent *)
{
    settled();
    ++m_paintCount;
    QPainter painter(viewport());
    paintView(painter);
}

QImage TimelineView::toImage(qreal scale) const
{
    settled();
    const QSize size = viewport()->size();
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    QPainter painter(&image);
    paintView(painter);
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
        paintView(painter);
        painter.end();
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(buffer.data());
    return file.commit();
}

void TimelineView::paintView(QPainter &painter) const
{
    const auto [first, last] = m_layout.visibleRows();
    m_lastPaintedLanes = last - first;
    std::vector<TimelinePainter::Row> rows;
    for (int row = first; row < last; ++row) {
        const Entry *entry = entryAtRow(row);
        const auto index = size_t(m_order[size_t(row)]);
        const int partner = m_partner.empty() ? -1 : m_partner[index];
        const int relayPartner = m_relayPartner.empty() ? -1 : m_relayPartner[index];
        const int next = row + 1 < int(m_order.size()) ? m_order[size_t(row) + 1] : -2;
        TimelinePainter::Row painted;
        painted.row = row;
        painted.source = entry->source.get();
        painted.lane = &entry->lane;
        painted.highlighted = m_cursorEntry && entry == m_cursorEntry;
        painted.bracketsNext = partner >= 0 && next == partner;
        painted.relaysNext = relayPartner >= 0 && next == relayPartner;
        rows.push_back(painted);
    }
    TimelinePainter::Overlay overlay;
    overlay.cursorNs = m_cursorEntry ? m_cursorNs : -1;
    overlay.rubberBand = m_rubberBand;
    overlay.rubberFromX = m_rubberFromX;
    overlay.rubberToX = m_rubberToX;
    TimelinePainter(m_layout, m_scale, m_colors, m_zeroNs, m_nowNs).paint(painter, rows, overlay);
}

// ---- Tooltips, hit tests and input

TimelineView::Hit TimelineView::hitTest(const QPointF &pos) const
{
    const TimelineHitTest test(m_layout, m_scale, [this](int row) { return laneAtRow(row); });
    return test.at(pos);
}

QString TimelineView::toolTipAt(const QPointF &pos) const
{
    settled();
    const Hit hit = hitTest(pos);
    const Entry *entry = entryAtRow(hit.row);
    const TimelineToolTips tips(m_scale, m_layout.toolTipGeometry(), m_zeroNs, m_nowNs);
    switch (hit.zone) {
    case Zone::None:
    case Zone::Legend:
        return QString();
    case Zone::Axis:
        return pos.x() >= m_layout.plotRect().left() ? tips.timeText(hit.timeNs) : QString();
    case Zone::Label:
        return entry ? tips.laneText(*entry->source, entry->lane) : QString();
    case Zone::Mark:
        return tips.marksText(entry->lane, hit.group.first, hit.group.last);
    case Zone::RxTicks:
        return tips.dataText(*entry->source, Direction::Rx, pos.x());
    case Zone::TxTicks:
        return tips.dataText(*entry->source, Direction::Tx, pos.x());
    case Zone::Bar:
        return tips.stateText(entry->lane, hit.timeNs, pos.x());
    case Zone::Kernel: {
        // A short state is drawn wider than its time: the piece under the pointer says which.
        const auto pieces
            = TimelineKernelStrip(m_layout, m_scale, m_nowNs).pieces(hit.row, entry->lane);
        const TimelineKernelStrip::Piece *piece = TimelineKernelStrip::pieceAt(pieces, pos.x());
        if (!piece)
            return tips.kernelText(entry->lane, hit.timeNs);
        const KernelSegment &segment = entry->lane.kernelSegments()[piece->segment];
        const qint64 end = TimelineToolTips::kernelEndNs(entry->lane, segment, m_nowNs);
        return tips.kernelText(entry->lane, std::clamp(hit.timeNs, double(segment.startNs),
                                                       double(std::max(segment.startNs, end - 1))));
    }
    case Zone::Throughput:
        return tips.throughputText(*entry->source, pos.x());
    }
    return QString();
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
    m_rubberBand = (event->modifiers() & Qt::ShiftModifier)
                   && event->position().x() >= m_layout.plotRect().left();
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
        const QRectF plot = m_layout.plotRect();
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
    if (std::abs(x - pos.x()) <= std::max(4.0, 0.5 * m_layout.metrics().line))
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
    updateLayout();
    m_scale.setWidth(m_layout.scaleWidth());
    m_scale.setView(start, m_scale.nsPerPixel());
    applyMode();
    updateScrollBar();
}

void TimelineView::scrollContentsBy(int, int)
{
    m_layout.setScroll(verticalScrollBar()->value());
    viewport()->update();
}

void TimelineView::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::LanguageChange: // the label column fits the state names, which are translated
        updateLayout();
        m_scale.setWidth(m_layout.scaleWidth());
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
