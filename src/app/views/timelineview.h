// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanes/lanesource.h"
#include "lanes/timelinelane.h"
#include "lanes/timescale.h"
#include "views/timelinecolors.h"
#include "views/timelinehittest.h"
#include "views/timelinelayout.h"

#include <QAbstractScrollArea>
#include <QList>
#include <QSet>

#include <functional>
#include <memory>
#include <vector>

class QPainter;

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
///
/// The view keeps the lanes, the time range and the input; TimelineLayout
/// says where things go, TimelinePainter draws them in TimelineColors,
/// TimelineHitTest finds what is under the pointer and TimelineToolTips
/// explains it.
class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT

public:
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
    /// Where everything goes: the plot, each lane's parts, the legend.
    const TimelineLayout &layout() const
    {
        settled();
        return m_layout;
    }
    const TimelineColors &colors() const { return m_colors; }
    /// The time labels count from: the earliest event of any lane.
    qint64 zeroNs() const { return m_zeroNs; }
    double xForTime(double timeNs) const;
    double timeForX(double x) const;
    /// The display row of a connection's lane, or -1.
    int rowOf(const Connection *connection) const;
    const TimelineLane *laneAtRow(int row) const;
    const LaneSource *sourceAtRow(int row) const;
    /// The tooltip for a viewport position (rich text), empty when none.
    QString toolTipAt(const QPointF &pos) const;

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
    using Hit = TimelineHitTest::Hit;
    using Zone = TimelineHitTest::Zone;

    struct Entry
    {
        explicit Entry(std::unique_ptr<LaneSource> s) : source(std::move(s)), lane(source.get()) { }
        std::unique_ptr<LaneSource> source;
        TimelineLane lane;
        qint64 rxChunks = 0;
        qint64 txChunks = 0;
        /// The newest chunk's time, read once when the counts change: a fit
        /// over 10,000 lanes must not take each store's lock at every tick.
        qint64 lastChunkNs = -1;
        /// Copied once known, for ordering without each connection's lock.
        QString localAddress;
        QString peerAddress;
        bool addressesKnown = false;

        /// Takes in new chunk counts; true when they changed.
        bool updateChunks();
        /// Takes in the addresses once both are known; true when they just were.
        bool learnAddresses();
    };

    void addEntry(std::unique_ptr<LaneSource> source);
    void removeWhere(const std::function<bool(const Entry &)> &gone);
    void lanesChanged();
    void updateOrder();
    void updateZero();
    void updateLayout();
    void updateColors();
    void updateScrollBar();
    /// What the legend explains: the state colours, reads, writes and the kernel strip.
    std::vector<TimelineLayout::LegendItem> legendItems() const;
    void applyMode();
    /// A refresh's repaint, remembered so that time alone repaints seldom.
    void repaintAt(qint64 nowNs);
    void setMode(Mode mode);
    void fitNow();
    double dataEndNs() const;
    const Entry *entryAtRow(int row) const;
    /// Orders the lanes again if connections came or went since; const so
    /// that the const accessors answer for the lanes as they are now.
    void settled() const;
    void settleLanes();
    qint64 clockNs() const;
    void ensureRowVisible(int row);
    Hit hitTest(const QPointF &pos) const;
    void handleClick(const QPointF &pos);
    void zoomAround(double factor, double viewportX);
    /// Paints what the viewport shows, for the screen, images and SVG.
    void paintView(QPainter &painter) const;

    std::vector<std::unique_ptr<Entry>> m_lanes; // in arrival order
    std::vector<int> m_order;                    // display row -> index in m_lanes
    // A burst of ten thousand connections must not order the lanes ten
    // thousand times: lanesChanged() marks them, one settle per turn orders.
    bool m_lanesDirty = false;
    QSet<const Connection *> m_shown; ///< connections with a lane
    std::vector<int> m_partner;       // index -> index of the other end, or -1
    std::vector<int> m_relayPartner;  // index -> the other leg of a relay pair, or -1
    TimeScale m_scale;
    Mode m_mode = Mode::Fit;
    qint64 m_zeroNs = 0;
    qint64 m_nowNs = 0;
    qint64 m_timePaintNs = 0; ///< now at the last refresh that repainted
    /// The shortest gap between repaints that only show time passing.
    static constexpr qint64 timeRepaintNs = 250'000'000;
    /// TIME_WAIT's seconds on the kernel strip: twice a second is enough.
    static constexpr qint64 countdownRepaintNs = 500'000'000;
    TimelineLayout m_layout;
    TimelineColors m_colors;

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
