// SPDX-License-Identifier: GPL-3.0-or-later
// bench/timeline: what one paint of the timeline view costs as lanes and
// chunks grow, against a baseline measured in the same run (one lane with
// 1,000 chunks): 1,000 lanes of 10,000 reads each (10 M chunk events), one
// lane of 10 M reads fitted and zoomed in, and refresh() over 1,000 lanes when
// nothing changed. Lanes are recorded data filled directly into their stores
// (no sockets). Paints are real paint events of an offscreen window; the
// figures are medians. Prints a Markdown table.
#include "lanes/recordedlanesource.h"
#include "views/timelineview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace TcpInspector;

namespace {

constexpr qint64 ms = 1000000;

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// A client lane, established, reading chunks of 1 to 16 bytes about every
// gapNs, writing one chunk in 50, then half-closed and closed.
std::unique_ptr<RecordedLaneSource> lane(quint64 id, qint64 start, qint64 chunks, qint64 gapNs,
                                         quint32 seed)
{
    auto source = std::make_unique<RecordedLaneSource>(
        id, Connection::Side::Client, QStringLiteral("127.0.0.1:%1").arg(20000 + id % 40000),
        QStringLiteral("127.0.0.1:45001"));
    QRandomGenerator random(seed);
    source->addState(start, ConnectionState::Connecting, StateCause::User);
    source->addState(start + 1 * ms, ConnectionState::Established, StateCause::Peer);
    KernelSample sample;
    sample.state = KernelState::Established;
    sample.rttUs = 30;
    source->addKernel(start + 1 * ms, sample);
    qint64 t = start + 2 * ms;
    for (qint64 i = 0; i < chunks; ++i) {
        t += 1 + random.bounded(int(2 * gapNs));
        source->addChunk(Direction::Rx, 1 + random.bounded(16), t);
        if (i % 50 == 0)
            source->addChunk(Direction::Tx, 1 + random.bounded(16), t);
    }
    source->addEvent(t + 1 * ms, TimelineEvent::HalfClosed, QString(), Direction::Tx);
    source->addState(t + 1 * ms, ConnectionState::LocalHalfClosed, StateCause::User);
    source->addEvent(t + 2 * ms, TimelineEvent::HalfClosed, QString(), Direction::Rx);
    source->addState(t + 2 * ms, ConnectionState::Closed, StateCause::Peer);
    return source;
}

// Milliseconds per paint event of the view's viewport: median of runs.
double paintMs(TimelineView &view, int runs = 15)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        view.viewport()->repaint();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return median(times);
}

struct Row
{
    QString name;
    qint64 lanes = 0;
    qint64 chunks = 0;
    int painted = 0;
    double ms = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    std::vector<Row> rows;
    const qint64 zero = 1000 * ms;

    auto measure = [&](TimelineView &view, const QString &name, qint64 lanes, qint64 chunks) {
        Row row;
        row.name = name;
        row.lanes = lanes;
        row.chunks = chunks;
        row.ms = paintMs(view);
        row.painted = view.lastPaintedLanes();
        rows.push_back(row);
        std::fprintf(stderr, "%s: %.2f ms\n", qPrintable(name), row.ms);
    };

    TimelineView base;
    base.resize(1600, 900);
    base.show();
    if (!QTest::qWaitForWindowExposed(&base))
        return 1;
    base.addSource(lane(1, zero, 1000, 100 * 1000, 1));
    base.zoomToFit();
    measure(base, QStringLiteral("baseline: 1 lane, 1 k reads, fitted"), 1, 1000);

    QElapsedTimer filling;
    filling.start();
    TimelineView many;
    many.resize(1600, 900);
    many.show();
    if (!QTest::qWaitForWindowExposed(&many))
        return 1;
    for (quint64 i = 0; i < 1000; ++i)
        many.addSource(lane(i, zero + qint64(i) * ms, 10000, 10 * 1000, quint32(i)));
    std::fprintf(stderr, "1000 lanes of 10 k reads filled in %.1f s\n",
                 double(filling.nsecsElapsed()) / 1e9);
    many.zoomToFit();
    measure(many, QStringLiteral("1000 lanes x 10 k reads (10 M), fitted, top"), 1000, 10000000);
    many.verticalScrollBar()->setValue(many.verticalScrollBar()->maximum() / 2);
    measure(many, QStringLiteral("1000 lanes x 10 k reads, fitted, scrolled to the middle"), 1000,
            10000000);
    many.zoomBy(40);
    measure(many, QStringLiteral("1000 lanes x 10 k reads, zoomed in 40x"), 1000, 10000000);

    // refresh() with nothing new: a short lock per lane and store.
    std::vector<double> refreshes;
    for (int i = 0; i < 30; ++i) {
        QElapsedTimer timer;
        timer.start();
        many.refresh();
        refreshes.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    const double refreshMs = median(refreshes);

    filling.restart();
    TimelineView dense;
    dense.resize(1600, 900);
    dense.show();
    if (!QTest::qWaitForWindowExposed(&dense))
        return 1;
    dense.addSource(lane(1, zero, 10000000, 1000, 7));
    std::fprintf(stderr, "1 lane of 10 M reads filled in %.1f s\n",
                 double(filling.nsecsElapsed()) / 1e9);
    dense.zoomToFit();
    measure(dense, QStringLiteral("1 lane, 10 M reads, fitted"), 1, 10000000);
    dense.zoomBy(1000);
    measure(dense, QStringLiteral("1 lane, 10 M reads, zoomed in 1000x"), 1, 10000000);

    std::printf("Timeline paint, %dx%d offscreen, medians of 15 paint events.\n\n",
                base.viewport()->width(), base.viewport()->height());
    std::printf("| case | lanes | chunk events | lanes painted | paint (ms) | vs baseline |\n");
    std::printf("|---|---:|---:|---:|---:|---:|\n");
    for (const Row &row : rows) {
        std::printf("| %s | %lld | %lld | %d | %.2f | %.2fx |\n", qPrintable(row.name), row.lanes,
                    row.chunks, row.painted, row.ms, row.ms / rows.front().ms);
    }
    std::printf("\nrefresh() over 1000 lanes with nothing new: %.3f ms (median of 30)\n",
                refreshMs);
    return 0;
}
