// SPDX-License-Identifier: GPL-3.0-or-later
// bench/indexes: the packed frame and chunk indexes as the engine and the
// views use them: appends (M entries/s), memory per entry, and lookups by
// index and by offset (ns each) in order and at random, in memory and with
// the pages spilled past the budget a connection gives them (4 MiB).
// Prints a Markdown table; the best of three runs of each case.
#include "stream/chunkindex.h"
#include "stream/frameindex.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace TcpInspector;

namespace {

constexpr qint64 spillBudget = qint64(4) * 1024 * 1024;
constexpr int probes = 200000;

struct Figures
{
    double appendMps = 0; ///< million entries a second
    double bytesPerEntry = 0;
    double spilledMb = 0;
    double inOrderNs = 0;   ///< at() of every entry of the last million, in order
    double randomAtNs = 0;  ///< at() anywhere
    double randomKeyNs = 0; ///< firstEndingAfter() or indexAt() anywhere
};

double nsEach(const QElapsedTimer &timer, qint64 count)
{
    return double(timer.nsecsElapsed()) / double(count);
}

/// 64-byte lines (every frame alike) or lines of 1 to 300 bytes.
Frame lineFrame(qint64 offset, QRandomGenerator &random, bool varying)
{
    const qint64 length = varying ? 1 + random.bounded(300) : 64;
    Frame frame = Frame::at(offset, length);
    frame.payloadLength = length - 1;
    return frame;
}

/// Times at() over the last million entries in order and at random, and
/// byKey(offset) at random offsets below end.
template<typename Index, typename ByKey>
void timeLookups(const Index &index, qint64 end, ByKey byKey, QRandomGenerator &random,
                 Figures *figures)
{
    const qint64 count = index.size();
    const qint64 tail = std::min<qint64>(count, 1000000);
    qint64 sum = 0;
    QElapsedTimer timer;
    timer.start();
    for (qint64 i = count - tail; i < count; ++i)
        sum += index.at(i).offset;
    figures->inOrderNs = nsEach(timer, tail);
    timer.restart();
    for (int i = 0; i < probes; ++i)
        sum += index.at(qint64(random.bounded(double(count)))).offset;
    figures->randomAtNs = nsEach(timer, probes);
    timer.restart();
    for (int i = 0; i < probes; ++i)
        sum += byKey(qint64(random.bounded(double(end))));
    figures->randomKeyNs = nsEach(timer, probes);
    if (sum == 42)
        std::printf(" ");
}

template<typename Index>
void timeAppends(Index *index, const QElapsedTimer &timer, Figures *figures)
{
    const double count = double(index->size());
    figures->appendMps = count / double(timer.nsecsElapsed()) * 1000.0;
    figures->bytesPerEntry = double(index->memoryBytes()) / count;
    figures->spilledMb = double(index->spilledBytes()) / 1e6;
}

Figures frameCase(qint64 count, bool varying, bool spill, const QString &directory)
{
    Figures figures;
    FrameIndex index;
    if (spill)
        index.setSpill(directory, spillBudget);
    QRandomGenerator random(1);
    QElapsedTimer timer;
    timer.start();
    qint64 offset = 0;
    for (qint64 i = 0; i < count; ++i) {
        const Frame frame = lineFrame(offset, random, varying);
        index.append(frame);
        offset = frame.end();
    }
    timeAppends(&index, timer, &figures);
    timeLookups(
        index, offset, [&](qint64 at) { return index.firstEndingAfter(at); }, random, &figures);
    return figures;
}

Figures chunkCase(qint64 count, bool spill, const QString &directory)
{
    Figures figures;
    ChunkIndex index;
    if (spill)
        index.setSpill(directory, spillBudget);
    QRandomGenerator random(2);
    QElapsedTimer timer;
    timer.start();
    qint64 time = 0;
    // A chatty peer: a 64-byte message every 50 to 500 microseconds.
    for (qint64 i = 0; i < count; ++i) {
        time += 50000 + random.bounded(450000);
        index.append({i * 64, 64, time});
    }
    timeAppends(&index, timer, &figures);
    timeLookups(
        index, count * 64, [&](qint64 at) { return index.indexAt(at); }, random, &figures);
    return figures;
}

/// The best of three runs, field by field.
Figures best(const std::function<Figures()> &run)
{
    Figures out = run();
    for (int i = 1; i < 3; ++i) {
        const Figures next = run();
        out.appendMps = std::max(out.appendMps, next.appendMps);
        out.inOrderNs = std::min(out.inOrderNs, next.inOrderNs);
        out.randomAtNs = std::min(out.randomAtNs, next.randomAtNs);
        out.randomKeyNs = std::min(out.randomKeyNs, next.randomKeyNs);
    }
    return out;
}

void print(const char *name, const Figures &f)
{
    std::printf("| %s | %.1f | %.3f | %.1f | %.1f | %.0f | %.0f |\n", name, f.appendMps,
                f.bytesPerEntry, f.spilledMb, f.inOrderNs, f.randomAtNs, f.randomKeyNs);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "cannot create a temporary folder\n");
        return 1;
    }
    const qint64 count = 20000000;
    std::printf("%lld entries each; spilled: a budget of %lld MiB; lookups by key are "
                "firstEndingAfter() for frames, indexAt() for chunks\n\n",
                count, spillBudget >> 20);
    std::printf("| case | append M/s | memory B/entry | spilled MB | in order ns | random at() ns "
                "| random by key ns |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
    for (const bool spill : {false, true}) {
        const char *where = spill ? "spilled" : "in memory";
        const QString path = dir.path();
        char name[80];
        std::snprintf(name, sizeof name, "frames, 64-byte lines, %s", where);
        print(name, best([&] { return frameCase(count, false, spill, path); }));
        std::snprintf(name, sizeof name, "frames, lines of 1-300 bytes, %s", where);
        print(name, best([&] { return frameCase(count, true, spill, path); }));
        std::snprintf(name, sizeof name, "chunks of 64 bytes, %s", where);
        print(name, best([&] { return chunkCase(count, spill, path); }));
    }
    return 0;
}
