// SPDX-License-Identifier: GPL-3.0-or-later
// The views of issue 11, each with a baseline from the same run:
//
// - a connection holding N 64-byte lines (default 2^24 = 1 GiB, 16.8 M
//   messages), fed straight into a StreamChannel (store, line decoder,
//   frame index; it spills past the 64 MiB budget, as the app's would);
// - first paint of the message table (MessageTableModel in RowTableView, set
//   up as ConnectionView does), against the same table with no rows and
//   against QTableView over the same model (the old way);
// - scroll to the end, against scrolling one page at the top;
// - a framing switch (line -> delim:hex=0a) that re-decodes every byte on a
//   worker thread while this thread polls the progress counter at display
//   rate, then adopts it and resets the model; against the decoder alone
//   over the same bytes in memory;
// - the GUI's calls while a writer thread appends and spills (the wait on
//   the writer's locks): refresh() of both models and data() of the last row;
// - with --startup (under X, e.g. xvfb-run -a): `tcpinspector` from exec to
//   its first mapped window, its RSS and CPU time then, against a minimal Qt widget
//   program (this binary with --minimal-window) started the same way, with
//   an empty XDG_CONFIG_HOME (a first start); --app PATH (repeatable) times
//   other builds in the same run, e.g. the one before a change.
//
//   QT_QPA_PLATFORM=offscreen build/dev/bench/bench_views [--lines N] [--runs 3]
//   xvfb-run -a build/dev/bench/bench_views --startup [--runs 9] [--app OLD --app NEW]
#include "framing/decoderregistry.h"
#include "framing/framedecoder.h"
#include "models/chunktablemodel.h"
#include "models/messagetablemodel.h"
#include "stream/streamchannel.h"
#include "timeline/timeline.h"
#include "views/rowtableview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

#ifdef TCPI_BENCH_XCB
#include <xcb/xcb.h>

#include <csignal>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace TcpInspector;

namespace {

constexpr int lineSize = 64;
constexpr qint64 readSize = 64 * 1024;

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size())))];
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// 64 KiB of 64-byte lines: 63 letters and a newline, the letter changing per line.
QByteArray linePiece()
{
    QByteArray piece(readSize, 'a');
    for (int i = 0; i < readSize / lineSize; ++i) {
        std::fill_n(piece.data() + i * lineSize, lineSize - 1, char('a' + i % 26));
        piece[i * lineSize + lineSize - 1] = '\n';
    }
    return piece;
}

void fill(StreamChannel &channel, qint64 lines)
{
    const QByteArray piece = linePiece();
    const qint64 pieces = lines * lineSize / readSize;
    for (qint64 i = 0; i < pieces; ++i)
        channel.append(piece.constData(), piece.size(), monotonicNs());
}

// Paints seen on a viewport: a view's first paint, or a scroll's.
class PaintWatch : public QObject
{
public:
    explicit PaintWatch(QWidget *viewport) { viewport->installEventFilter(this); }
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

// Events until the viewport painted once more; the time it took.
double untilPainted(PaintWatch &watch, const QElapsedTimer &since)
{
    const int before = watch.paints;
    while (watch.paints == before && since.elapsed() < 20000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return msSince(since);
}

void setUp(QAbstractItemView *view, QHeaderView *header)
{
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    header->setStretchLastSection(true);
    view->resize(1000, 600);
}

struct TableTimes
{
    double firstPaint = 0;
    double scrollEnd = 0;
    double scrollPage = 0;
};

// First paint of a fresh view over model, scroll to the end, and (baseline)
// one page down from the top.
template<typename View>
TableTimes timeTable(QAbstractItemModel *model)
{
    TableTimes times;
    QElapsedTimer timer;
    timer.start();
    View view;
    if constexpr (std::is_same_v<View, QTableView>) {
        view.verticalHeader()->hide();
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.verticalHeader()->setDefaultSectionSize(view.fontMetrics().height() + 4);
    }
    setUp(&view, view.horizontalHeader());
    PaintWatch watch(view.viewport());
    view.setModel(model);
    view.show();
    times.firstPaint = untilPainted(watch, timer);
    QTest::qWait(50);
    if (model->rowCount() > 0) {
        timer.restart();
        view.scrollTo(model->index(view.height() / 10, 0), QAbstractItemView::PositionAtTop);
        times.scrollPage = untilPainted(watch, timer);
        QTest::qWait(20);
        timer.restart();
        view.scrollToBottom();
        times.scrollEnd = untilPainted(watch, timer);
    }
    return times;
}

struct Redecode
{
    double ms = 0;
    double adoptMs = 0;    // adoptFraming and the model's reset
    int progressSteps = 0; // distinct progress values seen at display rate
    bool progressReachedEnd = false;
    qint64 frames = 0;
};

Redecode redecode(StreamChannel &channel, MessageTableModel &model, RowTableView &view,
                  const QString &spec)
{
    Redecode result;
    std::atomic<qint64> progress {0};
    std::atomic<bool> finished {false};
    std::unique_ptr<PreparedFraming> prepared;
    QString error;
    QElapsedTimer timer;
    timer.start();
    std::thread worker([&] {
        prepared = channel.prepareFraming(spec, &error, &progress, nullptr);
        finished = true;
    });
    // What ConnectionView does: read the counter at display rate.
    const qint64 chunks = channel.store().chunkCount();
    qint64 seen = -1;
    while (true) {
        const qint64 now = progress.load(std::memory_order_relaxed);
        if (now != seen) {
            seen = now;
            ++result.progressSteps;
        }
        if (now >= chunks || finished)
            break;
        QTest::qWait(33);
    }
    worker.join();
    result.ms = msSince(timer);
    result.progressReachedEnd = seen == chunks;
    timer.restart();
    PaintWatch watch(view.viewport());
    channel.adoptFraming(std::move(prepared));
    model.refresh();
    view.scrollToBottom();
    untilPainted(watch, timer);
    result.adoptMs = msSince(timer);
    result.frames = channel.frameCount();
    return result;
}

// The decoder alone over the same bytes from memory: the re-decode's ceiling.
double decoderAloneMs(const QString &spec, qint64 bytes)
{
    QString error;
    std::unique_ptr<FrameDecoder> decoder = DecoderRegistry::instance().create(spec, &error);
    const QByteArray piece = linePiece();
    FrameSink sink;
    QElapsedTimer timer;
    timer.start();
    qint64 frames = 0;
    for (qint64 done = 0; done < bytes; done += piece.size()) {
        decoder->feed(piece.constData(), piece.size(), sink);
        frames += qint64(sink.frames.size());
        sink.clear();
    }
    const double ms = msSince(timer);
    if (frames == 0)
        std::printf("decoder made no frames\n");
    return ms;
}

struct Waits
{
    std::vector<double> messageRefresh, chunkRefresh, lastRow;
};

// The GUI's calls while a writer appends (and spills): any wait on the
// writer's locks shows as a long call.
Waits lockWaits(qint64 lines)
{
    StreamStore::Options options;
    options.memoryBudget = 16 * 1024 * 1024; // spills early and often
    StreamChannel channel(Direction::Rx, options);
    QString error;
    channel.setFraming(QStringLiteral("line"), &error);
    MessageTableModel messages;
    ChunkTableModel chunks;
    messages.setChannel(&channel);
    chunks.setChannel(&channel);
    std::atomic<bool> done {false};
    std::thread writer([&] {
        fill(channel, lines);
        done = true;
    });
    Waits waits;
    QElapsedTimer timer;
    while (!done) {
        timer.restart();
        messages.refresh();
        waits.messageRefresh.push_back(msSince(timer));
        timer.restart();
        chunks.refresh();
        waits.chunkRefresh.push_back(msSince(timer));
        if (const int rows = messages.rowCount(); rows > 1) {
            timer.restart();
            for (int column = 0; column < messages.columnCount(); ++column)
                messages.data(messages.index(rows - 2, column), Qt::DisplayRole);
            waits.lastRow.push_back(msSince(timer));
        }
        QThread::msleep(16);
    }
    writer.join();
    return waits;
}

void printWaits(const char *what, const std::vector<double> &values)
{
    std::printf("  %-34s calls %5zu  median %7.3f  p99 %7.2f  max %7.2f ms\n", what, values.size(),
                median(values), percentile(values, 0.99),
                values.empty() ? 0.0 : *std::max_element(values.begin(), values.end()));
}

int runTables(qint64 lines, int runs)
{
    std::printf("bench_views: %lld lines of %d bytes (%.0f MiB), %d runs, medians\n",
                static_cast<long long>(lines), lineSize, double(lines * lineSize) / 1048576.0,
                runs);
    QElapsedTimer timer;
    timer.start();
    StreamChannel channel(Direction::Rx);
    QString error;
    channel.setFraming(QStringLiteral("line"), &error);
    fill(channel, lines);
    std::printf("filled in %.1f s: %lld frames, %lld chunks, %.0f MiB spilled\n",
                double(timer.elapsed()) / 1000.0, static_cast<long long>(channel.frameCount()),
                static_cast<long long>(channel.store().chunkCount()),
                double(channel.store().spilledBytes()) / 1048576.0);
    MessageTableModel model;
    model.setChannel(&channel);
    MessageTableModel empty;
    std::vector<double> first, firstEmpty, firstOld, end, page, endOld;
    for (int run = 0; run < runs; ++run) {
        const TableTimes full = timeTable<RowTableView>(&model);
        const TableTimes none = timeTable<RowTableView>(&empty);
        const TableTimes old = timeTable<QTableView>(&model);
        first.push_back(full.firstPaint);
        firstEmpty.push_back(none.firstPaint);
        firstOld.push_back(old.firstPaint);
        end.push_back(full.scrollEnd);
        page.push_back(full.scrollPage);
        endOld.push_back(old.scrollEnd);
    }
    std::printf("message table, %d rows:\n", model.rowCount());
    std::printf("  first paint        %8.2f ms  (empty table %.2f ms: ratio %.2f; QTableView "
                "%.2f ms: ratio %.3f)\n",
                median(first), median(firstEmpty), median(first) / median(firstEmpty),
                median(firstOld), median(first) / median(firstOld));
    std::printf("  scroll to the end  %8.2f ms  (one page at the top %.2f ms: ratio %.2f; "
                "QTableView %.2f ms)\n",
                median(end), median(page), median(end) / median(page), median(endOld));

    RowTableView view;
    setUp(&view, view.horizontalHeader());
    view.setModel(&model);
    view.show();
    QTest::qWait(50);
    const qint64 bytes = channel.store().size();
    std::vector<double> redecodeRates, aloneRates, adopt;
    int steps = 0;
    bool reached = true;
    for (int run = 0; run < runs; ++run) {
        const QString spec = run % 2 == 0 ? QStringLiteral("delim:hex=0a") : QStringLiteral("line");
        const Redecode result = redecode(channel, model, view, spec);
        redecodeRates.push_back(double(bytes) / 1e3 / result.ms);
        adopt.push_back(result.adoptMs);
        steps = std::max(steps, result.progressSteps);
        reached = reached && result.progressReachedEnd && result.frames == lines;
        aloneRates.push_back(double(bytes) / 1e3 / decoderAloneMs(spec, bytes));
    }
    std::printf("framing switch over %.0f MiB:\n", double(bytes) / 1048576.0);
    std::printf("  re-decode          %8.0f MB/s (decoder alone in memory %.0f MB/s: ratio "
                "%.2f); then adopt, reset, paint %.1f ms\n",
                median(redecodeRates), median(aloneRates),
                median(redecodeRates) / median(aloneRates), median(adopt));
    std::printf("  progress           %d distinct values at 33 ms, %s\n", steps,
                reached ? "reached the end, every frame back" : "DID NOT reach the end");

    const Waits waits = lockWaits(std::min<qint64>(lines, 8 * 1024 * 1024));
    std::printf("GUI calls while a writer appends 64 KiB reads (16 MiB budget, spilling):\n");
    printWaits("MessageTableModel::refresh()", waits.messageRefresh);
    printWaits("ChunkTableModel::refresh()", waits.chunkRefresh);
    printWaits("data() of the newest row, all columns", waits.lastRow);
    return reached ? 0 : 1;
}

#ifdef TCPI_BENCH_XCB
qint64 rssKiB(pid_t pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// CPU time of every thread of the process so far (schedstat, in ns): on a
// loaded machine it varies far less than the wall time does.
double cpuMs(pid_t pid)
{
    qint64 ns = 0;
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile stat(tasks.filePath(task) + QStringLiteral("/schedstat"));
        if (stat.open(QIODevice::ReadOnly))
            ns += stat.readAll().split(' ').first().toLongLong();
    }
    return double(ns) / 1e6;
}

struct Start
{
    double ms = -1;
    qint64 rssKiB = -1;
    double cpuMs = -1;
};

// exec to the first MapNotify of a top-level window on the root, then the
// child's RSS; the child is ended (by its pid) either way.
Start startOnce(xcb_connection_t *x, const QByteArray &program, const QByteArray &argument)
{
    Start start;
    char *argv[]
        = {const_cast<char *>(program.constData()),
           argument.isEmpty() ? nullptr : const_cast<char *>(argument.constData()), nullptr};
    // Whatever the last child left (its unmap, its destroy) is not this one's.
    while (xcb_generic_event_t *stale = xcb_poll_for_event(x))
        free(stale);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv, environ) != 0)
        return start;
    pollfd fd {xcb_get_file_descriptor(x), POLLIN, 0};
    while (start.ms < 0 && timer.elapsed() < 10000) {
        while (xcb_generic_event_t *event = xcb_poll_for_event(x)) {
            if ((event->response_type & 0x7f) == XCB_MAP_NOTIFY && start.ms < 0) {
                start.ms = msSince(timer);
                start.rssKiB = rssKiB(pid);
                start.cpuMs = cpuMs(pid);
            }
            free(event);
        }
        if (start.ms < 0)
            poll(&fd, 1, 2);
    }
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    return start;
}

struct Program
{
    QByteArray path;
    QByteArray argument;
    std::vector<double> ms;
    std::vector<double> rssMiB;
    std::vector<double> cpuMs;
};

// Each program is started once per run, in turn, so that load on this shared
// machine falls on all of them alike; the last is the minimal Qt program.
int runStartup(const QString &self, const QStringList &apps, int runs)
{
    xcb_connection_t *x = xcb_connect(nullptr, nullptr);
    if (xcb_connection_has_error(x)) {
        std::printf("startup: no X display (run under xvfb-run -a)\n");
        return 1;
    }
    xcb_screen_t *screen = xcb_setup_roots_iterator(xcb_get_setup(x)).data;
    const uint32_t mask = XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY;
    xcb_change_window_attributes(x, screen->root, XCB_CW_EVENT_MASK, &mask);
    xcb_flush(x);
    // A first start: no saved settings are read, none are left behind.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    std::vector<Program> programs;
    for (const QString &app : apps)
        programs.push_back({QFileInfo(app).absoluteFilePath().toLocal8Bit(), {}, {}, {}, {}});
    if (programs.empty()) {
        const QString dir = QFileInfo(self).absolutePath();
        programs.push_back({QFileInfo(dir + QStringLiteral("/../src/app/tcpinspector"))
                                .absoluteFilePath()
                                .toLocal8Bit(),
                            {},
                            {},
                            {},
                            {}});
    }
    programs.push_back({self.toLocal8Bit(), "--minimal-window", {}, {}, {}});
    for (int run = 0; run < runs; ++run) {
        for (Program &program : programs) {
            const Start start = startOnce(x, program.path, program.argument);
            program.ms.push_back(start.ms);
            program.rssMiB.push_back(double(start.rssKiB) / 1024.0);
            program.cpuMs.push_back(start.cpuMs);
        }
    }
    std::printf("start-up, exec to first mapped window, %d runs alternated, medians:\n", runs);
    const Program &minimal = programs.back();
    for (const Program &program : programs) {
        // With the folder: the builds compared are often all "tcpinspector".
        const QFileInfo file(QString::fromLocal8Bit(program.path));
        const QByteArray name = &program == &minimal
                                    ? QByteArray("minimal Qt widget")
                                    : (file.dir().dirName() + u'/' + file.fileName()).toLocal8Bit();
        std::printf("  %-24s %7.1f ms (fastest %6.1f)  CPU %6.1f ms  %5.1f MiB RSS  ratios to "
                    "minimal %.2f, CPU %.2f, RSS %.2f\n",
                    name.constData(), median(program.ms),
                    *std::min_element(program.ms.begin(), program.ms.end()), median(program.cpuMs),
                    median(program.rssMiB), median(program.ms) / median(minimal.ms),
                    median(program.cpuMs) / median(minimal.cpuMs),
                    median(program.rssMiB) / median(minimal.rssMiB));
    }
    xcb_disconnect(x);
    return 0;
}
#endif

} // namespace

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--minimal-window") == 0) {
            QApplication app(argc, argv);
            QWidget window;
            window.resize(800, 600);
            window.show();
            return app.exec();
        }
    }
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("lines"), QStringLiteral("64-byte lines to hold."),
                      QStringLiteral("n"), QString::number(16 * 1024 * 1024)});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Runs of each case."),
                      QStringLiteral("n"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("startup"),
                      QStringLiteral("Time tcpinspector's start-up instead (needs X).")});
    parser.addOption({QStringLiteral("app"),
                      QStringLiteral("With --startup: a program to time instead of the built "
                                     "tcpinspector (repeat to compare builds in one run)."),
                      QStringLiteral("path")});
    parser.process(app);
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    if (parser.isSet(QStringLiteral("startup"))) {
#ifdef TCPI_BENCH_XCB
        return runStartup(QCoreApplication::applicationFilePath(),
                          parser.values(QStringLiteral("app")), runs);
#else
        std::printf("built without xcb: no start-up measurement\n");
        return 1;
#endif
    }
    // Whole 64 KiB reads: the line count rounds down to them.
    const qint64 perRead = readSize / lineSize;
    const qint64 lines = parser.value(QStringLiteral("lines")).toLongLong() / perRead * perRead;
    return runTables(std::max(lines, perRead), runs);
}
