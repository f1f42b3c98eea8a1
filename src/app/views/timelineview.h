// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanes/lanesource.h"
#include "lanes/timelinelane.h"
#include "lanes/timescale.h"

#include <QAbstractScrollArea>
#include <QColor>
#include <QList>

#include <array>
#include <functional>
#include <memory>
#include <vector>

namespace TcpInspector {

class Connection;

/// Connections drawn over time, one swimlane each: the application state as
/// colored bars, marks for what happened (connect, FIN, EOF, RST, timeouts,
/// errors, what Qt did on its own), reads above the bar and writes below it
/// as ticks summed per pixel column, the kernel's TCP state in a strip under
/// it, and the throughput both ways. Both ends of a loopback connection sit
/// together, so they line up in time.
///
/// Navigation: Ctrl+wheel (or a pinch) zooms around the cursor, the plain
/// wheel scrolls through the lanes, Shift+wheel or a horizontal wheel pans,
/// dragging pans, Shift+drag zooms to the band dragged; +, - and 0 zoom in,
/// out and to fit, the arrow keys pan. Clicking a lane selects its
/// connection, clicking a read or write tick the chunk nearest to it.
///
/// It pulls, like the other views: refresh() at display rate takes in new
/// events and chunks and repaints only when something visible changed. It
/// paints only the lanes on screen, and their chunks cost O(columns x log n)
/// however many there are.
class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    /// What the view paints with, from the palette: readable in light and
    /// dark themes.
    struct Colors
    {
        QColor background;
        QColor text;
        QColor dimText;
        QColor grid;
        QColor laneShade; ///< every other lane
        QColor axisBackground;
        QColor rx;                    ///< reads, above the bar
        QColor tx;                    ///< writes, below the bar
        QColor cursor;                ///< showTime()'s line
        QColor rubberBand;            ///< Shift+drag
        std::array<QColor, 9> states; ///< by ConnectionState
    };

    /// The parts of a lane, for hit tests.
    enum class Zone { None, Axis, Legend, Label, Mark, RxTicks, Bar, TxTicks, Kernel, Throughput };
    struct Hit
    {
        int row = -1; ///< display row, -1 outside the lanes
        Zone zone = Zone::None;
        double timeNs = 0;
    };

    explicit TimelineView(QWidget *parent = nullptr);
    ~TimelineView() override;

    // Lanes. Connections must stay alive until removed.
    void addConnection(Connection *connection);
    void removeConnections(const QList<Connection *> &connections);
    /// Shows exactly these connections, keeping the lanes of those it has.
    void setConnections(const QList<Connection *> &connections);
    /// A lane that is not a Connection: recorded or synthetic data.
    void addSource(std::unique_ptr<LaneSource> source);
    void clear();
    int laneCount() const { return int(m_lanes.size()); }

    /// Takes in new events and chunks; repaints when something visible
    /// changed, and follows the data in fit and follow-live modes. Cheap
    /// when nothing changed.
    void refresh();
    /// Shows everything from the first event to the last (or to now while a
    /// connection lasts), and keeps doing so as data comes until the user
    /// zooms or pans.
    void zoomToFit();
    /// Zooms around the middle (factor > 1: in).
    void zoomBy(double factor);
    /// The right edge shows now, at the current zoom, until the user pans.
    void setFollowLive(bool follow);
    bool followLive() const { return m_mode == Mode::Follow; }
    /// A cursor line at timeNs on the connection's lane (the selected chunk
    /// or message), scrolled into view.
    void showTime(Connection *connection, qint64 timeNs);
    void clearTimeCursor();

    /// The visible timeline, legend and axis included, at twice the screen's
    /// resolution, for slides.
    bool exportPng(const QString &path) const;
    bool exportSvg(const QString &path) const;
    /// What the viewport shows, painted at scale times its size.
    QImage toImage(qreal scale = 1.0) const;

    // Geometry in viewport coordinates, for tests and the window.
    const TimeScale &timeScale() const { return m_scale; }
    /// The time labels count from: the earliest event of any lane.
    qint64 zeroNs() const { return m_zeroNs; }
    double xForTime(double timeNs) const;
    double timeForX(double x) const;
    QRectF plotRect() const;
    /// The display row of a connection's lane, or -1.
    int rowOf(const Connection *connection) const;
    const TimelineLane *laneAtRow(int row) const;
    const LaneSource *sourceAtRow(int row) const;
    QRectF laneRect(int row) const;
    /// The row of mark tags ("FIN", "RST") above the read ticks.
    QRectF tagRect(int row) const;
    QRectF barRect(int row) const;
    QRectF rxTickRect(int row) const;
    QRectF txTickRect(int row) const;
    QRectF kernelRect(int row) const;
    QRectF throughputRect(int row) const;
    Hit hitTest(const QPointF &pos) const;
    /// The tooltip for a viewport position (rich text), empty when none.
    QString toolTipAt(const QPointF &pos) const;
    const Colors &colors() const { return m_colors; }
    QColor stateColor(ConnectionState state) const { return m_colors.states[size_t(state)]; }
    QColor kernelColor(KernelState state) const;

    // For tests and the benchmark.
    qint64 paintCount() const { return m_paintCount; }
    /// Lanes the last paint drew.
    int lastPaintedLanes() const { return m_lastPaintedLanes; }

Q_SIGNALS:
    /// A read (Rx) or write (Tx) tick was clicked: the chunk nearest the
    /// click on that lane. connectionActivated comes first.
    void chunkActivated(TcpInspector::Connection *connection, TcpInspector::Direction direction,
                        qint64 chunkIndex);
    /// A lane was clicked (nullptr for a lane that is not a connection).
    void connectionActivated(TcpInspector::Connection *connection);
    /// Follow-live mode was turned on or off, by setFollowLive() or by the
    /// user panning away.
    void followLiveChanged(bool follow);

protected:
    // QAbstractScrollArea API
    bool viewportEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    /// How the time range is chosen: fitted to the data, following now, or
    /// left where the user put it.
    enum class Mode { Fit, Follow, Manual };

    struct Entry
    {
        explicit Entry(std::unique_ptr<LaneSource> s) : source(std::move(s)), lane(source.get()) { }
        std::unique_ptr<LaneSource> source;
        TimelineLane lane;
        qint64 rxChunks = 0;
        qint64 txChunks = 0;
        bool addressesKnown = false;
    };

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
    };

    /// A mark group: marks that share a few pixels, drawn as the most
    /// important of them, with a tag naming it (tag is null when there was
    /// no room, or for notes).
    struct MarkGroup
    {
        double anchor = 0; ///< the first mark's x: a group spans a few pixels from it
        double end = 0;    ///< the last mark's x
        double x = 0;      ///< the shown mark's x
        size_t first = 0;
        size_t last = 0; // exclusive
        MarkKind shown = MarkKind::Note;
        QString text;
        QRectF tag;
    };

    struct LegendItem
    {
        QColor color;
        QString text;
        QRectF rect;
    };

    void addEntry(std::unique_ptr<LaneSource> source);
    void removeWhere(const std::function<bool(const Entry &)> &gone);
    void lanesChanged();
    void updateOrder();
    void updateZero();
    void updateMetrics();
    void updateColors();
    void updateScrollBar();
    void applyMode();
    void setMode(Mode mode);
    void fitNow();
    double dataEndNs() const;
    qreal lanesBottom() const;
    qreal legendHeight(qreal width) const;
    std::vector<LegendItem> legendItems(qreal width) const;
    qreal rowTop(int row) const;
    std::pair<int, int> visibleRows() const;
    const Entry *entryAtRow(int row) const;
    std::vector<MarkGroup> markGroups(const TimelineLane &lane, double fromX, double toX) const;
    /// The groups on a row's visible width, with their tags laid out.
    std::vector<MarkGroup> layoutMarks(int row, const TimelineLane &lane) const;
    /// The group under pos on a row, from the tag row down to the write ticks.
    bool markGroupAt(int row, const QPointF &pos, MarkGroup *found) const;
    QColor markColor(MarkKind kind) const;
    qint64 segmentEndNs(const TimelineLane &lane, const StateSegment &segment) const;
    qint64 kernelEndNs(const TimelineLane &lane, const KernelSegment &segment) const;
    void ensureRowVisible(int row);
    void handleClick(const QPointF &pos);
    void zoomAround(double factor, double viewportX);

    // Painting, shared by the screen, images and SVG.
    void paintAll(QPainter &painter, const QSizeF &size) const;
    void paintAxis(QPainter &painter, const QSizeF &size) const;
    void paintLegend(QPainter &painter, const QSizeF &size) const;
    void paintLane(QPainter &painter, int row) const;
    void paintLabel(QPainter &painter, int row, const Entry &entry) const;
    void paintStates(QPainter &painter, int row, const TimelineLane &lane) const;
    /// Read and write ticks and the throughput graph; returns the graph's peak in bytes/s.
    double paintData(QPainter &painter, int row, const LaneSource &source) const;
    void paintKernel(QPainter &painter, int row, const TimelineLane &lane) const;
    void paintMarks(QPainter &painter, int row, const TimelineLane &lane) const;

    // Tooltips.
    QString laneToolTip(const Entry &entry) const;
    QString markToolTip(const TimelineLane &lane, const MarkGroup &group) const;
    QString stateToolTip(const TimelineLane &lane, double timeNs, double x) const;
    QString dataToolTip(const LaneSource &source, Direction direction, double x) const;
    QString kernelToolTip(const TimelineLane &lane, double timeNs) const;
    QString throughputToolTip(const LaneSource &source, double x) const;
    QString timeText(double timeNs) const;

    std::vector<std::unique_ptr<Entry>> m_lanes; // in arrival order
    std::vector<int> m_order;                    // display row -> index in m_lanes
    std::vector<int> m_partner;                  // index -> index of the other end, or -1
    TimeScale m_scale;
    Mode m_mode = Mode::Fit;
    qint64 m_zeroNs = 0;
    qint64 m_nowNs = 0;
    Metrics m_metrics;
    Colors m_colors;

    const Entry *m_cursorEntry = nullptr;
    qint64 m_cursorNs = -1;

    QPointF m_pressPos;
    QPointF m_lastDragPos;
    bool m_pressed = false;
    bool m_dragging = false;
    bool m_rubberBand = false;
    double m_rubberFromX = 0;
    double m_rubberToX = 0;

    qint64 m_paintCount = 0;
    mutable int m_lastPaintedLanes = 0;
};

} // namespace TcpInspector
