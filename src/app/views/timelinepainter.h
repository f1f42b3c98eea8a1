// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanes/chunkbuckets.h"
#include "lanes/lanesource.h"
#include "lanes/timeaxis.h"
#include "lanes/timelinelane.h"
#include "lanes/timescale.h"
#include "views/timelinecolors.h"
#include "views/timelinelayout.h"

#include <QCoreApplication>

#include <vector>

class QPainter;

namespace TcpInspector {

/// Paints the timeline where its layout says: lane stripes and grid, each
/// lane's label, state bar, read and write ticks, kernel strip, marks and
/// throughput graph, then the cursor, the rubber band, the time axis and the
/// legend. One painting for the screen, images and SVG; it paints only the
/// rows it is given.
class TimelinePainter
{
    Q_DECLARE_TR_FUNCTIONS(TcpInspector::TimelinePainter)

public:
    /// A lane on screen, and what the view knows about it.
    struct Row
    {
        int row = 0; ///< display row
        const LaneSource *source = nullptr;
        const TimelineLane *lane = nullptr;
        bool highlighted = false;  ///< the time cursor is on this lane
        bool bracketsNext = false; ///< the next row is the other end of this connection
        bool relaysNext = false;   ///< the next row is the other leg of this relay pair
    };
    /// What the view draws over the lanes.
    struct Overlay
    {
        qint64 cursorNs = -1; ///< showTime()'s line, none when negative
        bool rubberBand = false;
        double rubberFromX = 0;
        double rubberToX = 0;
    };

    TimelinePainter(const TimelineLayout &layout, const TimeScale &scale,
                    const TimelineColors &colors, qint64 zeroNs, qint64 nowNs);

    void paint(QPainter &painter, const std::vector<Row> &rows, const Overlay &overlay) const;

private:
    double xForTime(double timeNs) const { return m_layout.metrics().label + m_scale.xOf(timeNs); }
    /// The lanes' area between the axis and the legend.
    QRectF lanesArea() const;

    // The steps of paint(), back to front.
    void paintStripes(QPainter &painter, const std::vector<Row> &rows) const;
    void paintGrid(QPainter &painter, const std::vector<TimeAxis::Tick> &ticks) const;
    void paintCursorLine(QPainter &painter, const Overlay &overlay) const;
    void paintRubberBand(QPainter &painter, const Overlay &overlay) const;
    void paintEmptyNote(QPainter &painter) const;
    void paintAxis(QPainter &painter, const std::vector<TimeAxis::Tick> &ticks,
                   const Overlay &overlay) const;
    void paintCursorTriangle(QPainter &painter, const Overlay &overlay) const;
    void paintLegend(QPainter &painter) const;

    // One lane.
    void paintLane(QPainter &painter, const Row &row) const;
    void paintLabel(QPainter &painter, const Row &row) const;
    void paintBracket(QPainter &painter, int row, bool relay) const;
    void paintStates(QPainter &painter, int row, const TimelineLane &lane) const;
    /// Read and write ticks and the throughput graph; returns the graph's peak in bytes/s.
    double paintData(QPainter &painter, int row, const LaneSource &source) const;
    void paintTicks(QPainter &painter, const std::vector<ChunkBuckets::Column> &columns,
                    qint64 most, qreal base, qreal sign, const QColor &color) const;
    void paintRate(QPainter &painter, int row, const std::vector<double> &rates, double peak,
                   qreal sign, const QColor &color) const;
    void paintKernel(QPainter &painter, int row, const TimelineLane &lane) const;
    void paintMarks(QPainter &painter, int row, const TimelineLane &lane) const;
    /// The TLS handshake as a span under the state bar, start to end (or to now).
    void paintTlsHandshake(QPainter &painter, int row, const TimelineLane &lane) const;

    const TimelineLayout &m_layout;
    const TimeScale &m_scale;
    const TimelineColors &m_colors;
    qint64 m_zeroNs = 0;
    qint64 m_nowNs = 0;
};

} // namespace TcpInspector
