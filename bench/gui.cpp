// SPDX-License-Identifier: GPL-3.0-or-later
// bench/gui: whether the window stays live while one connection streams as
// fast as loopback goes. An offscreen MainWindow shows the server side of a
// connection (chunk and message tables, hex view, timeline) while its client
// sends 4 MiB pieces back to back; the GUI thread's latency (gaps between the
// ticks of a 16 ms timer), the cost of each MainWindow::refresh(), paint and
// table layout are measured, against the same window idle, and the throughput
// against the Workbench with no window; RSS and the stores' spill too. Prints
// Markdown tables; medians of several runs. --table-check: a bare QTableView
// growing to 16 M rows, the cost Qt's item views add per row.
#include "benchsupport.h"
#include "benchwindow.h"

#include "net/connection.h"
#include "session/workbench.h"
#include "widgets/clientpanel.h"
#include "widgets/connectionview.h"
#include "widgets/mainwindow.h"
#include "widgets/serverpanel.h"

#include <QAbstractItemView>
#include <QAbstractTableModel>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHeaderView>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QWindow>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <vector>

#include <malloc.h>
#include <sys/resource.h>

using namespace TcpInspector;

namespace {

constexpr qint64 mebi = 1024 * 1024;
constexpr int tickMs = 16;

struct Config
{
    qint64 totalBytes = 1024 * mebi; ///< stop the stream here...
    int maxSeconds = 10;             ///< ...or after this long
    int idleSeconds = 3;
    int lineBytes = 64;
    int runs = 3;
    QString framing = QStringLiteral("line"); ///< what the panels give new connections
    QString engine = QStringLiteral("qt");    ///< the panels' default
    bool trace = false;                       ///< a line on stderr every second of a stream
};

/// Median, 99th percentile and maximum of a sample, in milliseconds.
struct Spread
{
    double median = 0;
    double p99 = 0;
    double max = 0;
};

Spread spreadMs(std::vector<qint64> ns)
{
    if (ns.empty())
        return {};
    std::sort(ns.begin(), ns.end());
    const size_t p99 = size_t(std::ceil(0.99 * double(ns.size()))) - 1;
    return {double(ns[ns.size() / 2]) / 1e6, double(ns[p99]) / 1e6, double(ns.back()) / 1e6};
}

/// A field of /proc/self/status, in KiB.
qint64 procStatusKib(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

qint64 threadCpuNs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

/// Context switches of the calling thread: voluntary (it waited: a lock, a
/// syscall) and involuntary (the scheduler ran something else).
std::pair<long, long> threadSwitches()
{
    rusage usage {};
    getrusage(RUSAGE_THREAD, &usage);
    return {usage.ru_nvcsw, usage.ru_nivcsw};
}

/// What the GUI thread did while recording.
struct Recording
{
    std::vector<qint64> refreshNs;
    std::vector<qint64> refreshCpuNs; ///< thread CPU time: less than the wall time means waiting
    long refreshVoluntary = 0;        ///< switches inside refresh(): it blocked (a lock)...
    long refreshInvoluntary = 0;      ///< ...or was preempted
    std::vector<qint64> paintNs;
    std::vector<qint64> layoutNs; ///< item views' delayed layouts (their timers)
    qint64 busyNs = 0;
    qint64 longestNs = 0;
    qint64 longestCpuNs = 0;
    QString longest;                 ///< the longest event's type and receiver
    std::map<QString, int> paintsBy; ///< paint events per widget (class/objectName)
};

/// Times what the GUI thread does: every outermost event it delivers, the
/// timer events of one chosen QTimer (the window's refresh timer, so the cost
/// of refresh() is measured without changing how it is called), and the
/// update requests, which are where Qt paints the widgets marked dirty.
class BenchApplication : public QApplication
{
public:
    using QApplication::QApplication;

    void startRecording(const QObject *refreshTimer)
    {
        m_refreshTimer = refreshTimer;
        m_recorded = Recording();
        m_recording = true;
    }
    void stopRecording() { m_recording = false; }
    const Recording &recorded() const { return m_recorded; }

    bool notify(QObject *receiver, QEvent *event) override
    {
        // The I/O thread's events come through here too; only the GUI thread's count.
        const bool mine = QThread::currentThread() == thread();
        if (m_recording && mine && event->type() == QEvent::Paint) {
            // Nested in an update request: who repaints, for --trace.
            ++m_recorded.paintsBy[QString::fromLatin1(receiver->metaObject()->className())
                                  + QLatin1Char('/') + receiver->objectName()];
        }
        if (!m_recording || m_depth > 0 || !mine) {
            m_depth += mine ? 1 : 0;
            const bool result = QApplication::notify(receiver, event);
            m_depth -= mine ? 1 : 0;
            return result;
        }
        // Everything about the receiver is read now: handling the event may
        // delete it (a deferred delete does).
        const QEvent::Type type = event->type();
        const bool isRefresh = type == QEvent::Timer && receiver == m_refreshTimer;
        const bool isLayout
            = type == QEvent::Timer && qobject_cast<QAbstractItemView *>(receiver) != nullptr;
        const char *className = receiver->metaObject()->className();
        const std::pair<long, long> switches = isRefresh ? threadSwitches() : std::pair {0L, 0L};
        ++m_depth;
        const qint64 cpuStart = threadCpuNs();
        m_clock.start();
        const bool result = QApplication::notify(receiver, event);
        const qint64 took = m_clock.nsecsElapsed();
        const qint64 cpu = threadCpuNs() - cpuStart;
        --m_depth;
        m_recorded.busyNs += took;
        if (isRefresh) {
            m_recorded.refreshNs.push_back(took);
            m_recorded.refreshCpuNs.push_back(cpu);
            const std::pair<long, long> after = threadSwitches();
            m_recorded.refreshVoluntary += after.first - switches.first;
            m_recorded.refreshInvoluntary += after.second - switches.second;
        } else if (type == QEvent::UpdateRequest) {
            m_recorded.paintNs.push_back(took);
        } else if (isLayout) {
            // Rows inserted: the view and its headers lay out on a zero timer.
            m_recorded.layoutNs.push_back(took);
        }
        if (took > m_recorded.longestNs) {
            m_recorded.longestNs = took;
            m_recorded.longestCpuNs = cpu;
            m_recorded.longest
                = QStringLiteral("%1 to %2").arg(int(type)).arg(QString::fromLatin1(className));
        }
        return result;
    }

private:
    const QObject *m_refreshTimer = nullptr;
    Recording m_recorded;
    QElapsedTimer m_clock;
    int m_depth = 0;
    bool m_recording = false;
};

BenchApplication *benchApp()
{
    return static_cast<BenchApplication *>(QCoreApplication::instance());
}

/// What one phase of one run measured.
struct Phase
{
    Spread gap;     ///< between consecutive 16 ms ticks
    Spread refresh; ///< one MainWindow::refresh()
    Spread refreshCpu;
    long refreshVoluntary = 0;   ///< the GUI thread blocked inside refresh() (a lock)
    long refreshInvoluntary = 0; ///< it was preempted inside refresh()
    int refreshCount = 0;
    Spread paint;    ///< one update request (the widgets' paint events)
    Spread layout;   ///< one delayed layout of an item view (rows inserted)
    double busy = 0; ///< share of wall time the GUI thread spent in events
    double seconds = 0;
    qint64 bytes = 0; ///< at the server
    double mbps() const { return seconds > 0 ? double(bytes) / seconds / 1e6 : 0; }
    QString longest;
    double longestMs = 0;
    double longestCpuMs = 0;
    qint64 rssBeforeKib = 0;
    qint64 rssAfterKib = 0;
    qint64 serverResident = 0;
    qint64 serverSpilled = 0;
    qint64 clientResident = 0;
    qint64 clientSpilled = 0;
    qint64 serverFrames = 0;
    qint64 clientFrames = 0;
    qint64 droppedBytes = 0;
    int refreshRows = 0; ///< rows in the message table at the end
    int chunkRows = 0;   ///< and in the chunk table
};

/// One line on stderr: what happened on the GUI thread since the last one.
void printTrace(double seconds, const QString &state, const std::vector<qint64> &gaps,
                std::pair<size_t, size_t> *traced)
{
    const std::vector<qint64> &cpu = benchApp()->recorded().refreshCpuNs;
    const Spread gap = spreadMs({gaps.begin() + qint64(traced->first), gaps.end()});
    const Spread refresh = spreadMs({cpu.begin() + qint64(traced->second), cpu.end()});
    std::fprintf(stderr,
                 "  %4.1f s: %s; tick gap max %.1f ms; refresh CPU median %.2f, max %.2f ms\n",
                 seconds, qPrintable(state), gap.max, refresh.median, refresh.max);
    *traced = {gaps.size(), cpu.size()};
}

/// Runs the event loop until done() or timeoutMs, timing the 16 ms ticks;
/// returns the wall time in seconds. trace, when set, describes the state for
/// a line on stderr every second.
double runMeasured(const std::function<bool()> &done, qint64 timeoutMs, const QObject *refresh,
                   Phase *phase, const std::function<QString()> &trace = {})
{
    QEventLoop loop;
    QElapsedTimer wall;
    std::vector<qint64> gaps;
    qint64 last = -1;
    qint64 nextTrace = 1000000000;
    std::pair<size_t, size_t> traced {0, 0}; // gaps, refreshes already printed
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(tickMs);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        const qint64 now = wall.nsecsElapsed();
        if (last >= 0)
            gaps.push_back(now - last);
        last = now;
        if (trace && now >= nextTrace) {
            printTrace(double(now) / 1e9, trace(), gaps, &traced);
            nextTrace += 1000000000;
        }
        if (done() || now >= timeoutMs * 1000000)
            loop.quit();
    });
    benchApp()->startRecording(refresh);
    wall.start();
    tick.start();
    loop.exec();
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    benchApp()->stopRecording();
    const Recording &recorded = benchApp()->recorded();
    phase->gap = spreadMs(gaps);
    phase->refresh = spreadMs(recorded.refreshNs);
    phase->refreshCpu = spreadMs(recorded.refreshCpuNs);
    phase->refreshVoluntary = recorded.refreshVoluntary;
    phase->refreshInvoluntary = recorded.refreshInvoluntary;
    phase->refreshCount = int(recorded.refreshNs.size());
    phase->paint = spreadMs(recorded.paintNs);
    phase->layout = spreadMs(recorded.layoutNs);
    phase->busy = double(recorded.busyNs) / (seconds * 1e9);
    phase->longest = recorded.longest;
    phase->longestMs = double(recorded.longestNs) / 1e6;
    phase->longestCpuMs = double(recorded.longestCpuNs) / 1e6;
    return seconds;
}

QByteArray piece(int lineBytes)
{
    QByteArray bytes(4 * mebi, 'x');
    for (qint64 i = 0; i < bytes.size(); ++i)
        bytes[i] = (i + 1) % lineBytes == 0 ? '\n' : char('a' + i % 26);
    return bytes;
}

SendRequest streamRequest(const Config &config)
{
    SendRequest request;
    request.bytes = piece(config.lineBytes);
    request.repeat = int((config.totalBytes + request.bytes.size() - 1) / request.bytes.size());
    return request;
}

std::pair<Connection *, Connection *> establishedPair(Workbench *bench)
{
    Connection *client = nullptr;
    Connection *server = nullptr;
    spinUntil(
        [&] {
            client = bench->connections(Connection::Side::Client).value(0);
            server = bench->connections(Connection::Side::Server).value(0);
            return client && server && client->state() == ConnectionState::Established;
        },
        5000);
    if (!client || !server || client->state() != ConnectionState::Established)
        qFatal("no connection on loopback");
    return {client, server};
}

void noteStores(const Connection *client, const Connection *server, Phase *phase)
{
    phase->rssAfterKib = procStatusKib("VmRSS");
    phase->serverResident = server->rx().store().residentBytes();
    phase->serverSpilled = server->rx().store().spilledBytes();
    phase->clientResident = client->tx().store().residentBytes();
    phase->clientSpilled = client->tx().store().spilledBytes();
    phase->serverFrames = server->rx().frameCount();
    phase->clientFrames = client->tx().frameCount();
    phase->droppedBytes = server->rx().store().droppedBytes() + client->tx().store().droppedBytes();
}

/// Streams from client to server until the server holds the total or time is up.
void stream(Workbench *bench, Connection *client, Connection *server, const Config &config,
            const QObject *refresh, const ConnectionView *view, Phase *phase)
{
    phase->rssBeforeKib = procStatusKib("VmRSS");
    const qint64 start = server->rx().store().size();
    const qint64 target = start + config.totalBytes;
    bench->send(client, streamRequest(config));
    std::function<QString()> trace;
    if (config.trace) {
        trace = [&] {
            return QStringLiteral("server %1 MiB, client tx %2 MiB, %3 chunk and %4 message rows")
                .arg((server->rx().store().size() - start) / mebi)
                .arg(client->tx().store().size() / mebi)
                .arg(view ? view->chunkTable()->model()->rowCount() : -1)
                .arg(view ? view->messageTable()->model()->rowCount() : -1);
        };
    }
    phase->seconds = runMeasured([&] { return server->rx().store().size() >= target; },
                                 qint64(config.maxSeconds) * 1000, refresh, phase, trace);
    phase->bytes = server->rx().store().size() - start;
    noteStores(client, server, phase);
}

/// The Workbench alone: the I/O thread and the stores, no window.
Phase runWithoutWindow(const Config &config)
{
    // Each run starts from what the last one left, given back to the system.
    malloc_trim(0);
    Phase phase;
    Workbench bench;
    ServerOptions server;
    server.address
        = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
    // As the panels open them: line framing, TCP_INFO sampled every 100 ms.
    server.connection.rxFraming = server.connection.txFraming = config.framing;
    server.connection.kernelSampleMs = 100;
    server.connection.engine = *engineFromKey(config.engine);
    SocketErrorInfo error;
    if (!bench.listen(server, &error))
        qFatal("cannot listen: %s", qPrintable(error.message));
    ClientOptions client;
    client.target = bench.boundAddress();
    client.connection = server.connection;
    bench.connectTo(client);
    const auto [sender, receiver] = establishedPair(&bench);
    stream(&bench, sender, receiver, config, nullptr, nullptr, &phase);
    return phase;
}

QTimer *refreshTimerOf(MainWindow *window)
{
    // The window's own display-rate timer: timing its events times refresh().
    for (QTimer *timer : window->findChildren<QTimer *>(QString(), Qt::FindDirectChildrenOnly)) {
        if (timer->interval() == 33 && timer->isActive())
            return timer;
    }
    qFatal("MainWindow has no 33 ms refresh timer");
}

std::vector<qint64> grabTimes(MainWindow *window, int count)
{
    std::vector<qint64> ns;
    for (int i = 0; i < count; ++i) {
        QElapsedTimer timer;
        timer.start();
        const QPixmap pixmap = window->grab();
        ns.push_back(timer.nsecsElapsed());
        QCoreApplication::processEvents();
    }
    return ns;
}

struct WindowRun
{
    Phase idle;
    Phase streaming;
    Spread grabIdle;
    Spread grabAfter;
    qint64 rssAfterTeardownKib = 0;
    qint64 rssAfterTrimKib = 0; ///< after malloc_trim(): what the allocator kept, not a leak
};

/// The window as a user has it: offscreen, showing the server side while the
/// client streams.
WindowRun runWithWindow(const Config &config)
{
    malloc_trim(0);
    WindowRun run;
    {
        const std::unique_ptr<MainWindow> owned = openBenchWindow(true);
        MainWindow &window = *owned;
        setPanelEngine(&window, window.serverPanel(), config.engine);
        setPanelEngine(&window, window.clientPanel(), config.engine);
        window.clientPanel()->connectToTarget();
        Workbench *bench = window.workbench();
        const auto [client, server] = establishedPair(bench);
        window.serverPanel()->selectConnection(server);
        window.showConnection(server);
        if (window.connectionView()->connection() != server)
            qFatal("the view does not show the server side");
        QTimer *refresh = refreshTimerOf(&window);

        // A little traffic first, so the idle window has rows to draw.
        SendRequest hello;
        hello.bytes = piece(config.lineBytes).left(64 * 1024);
        bench->send(client, hello);
        spinUntil([&] { return server->rx().store().size() >= hello.bytes.size(); }, 5000);
        // Past the status bar's one-second rate window: idle means nothing changes.
        spinFor(1500);

        run.idle.rssBeforeKib = procStatusKib("VmRSS");
        run.idle.seconds = runMeasured([] { return false; }, qint64(config.idleSeconds) * 1000,
                                       refresh, &run.idle);
        noteStores(client, server, &run.idle);
        if (config.trace) {
            std::printf("idle paints in %d s:", config.idleSeconds);
            for (const auto &[widget, count] : benchApp()->recorded().paintsBy)
                std::printf(" %s %d;", qPrintable(widget), count);
            std::printf("\n");
        }
        run.grabIdle = spreadMs(grabTimes(&window, 10));

        stream(bench, client, server, config, refresh, window.connectionView(), &run.streaming);
        run.streaming.refreshRows = window.connectionView()->messageTable()->model()->rowCount();
        run.streaming.chunkRows = window.connectionView()->chunkTable()->model()->rowCount();
        // The stream may still be running when time is up; stop it, then draw
        // the window with all the rows it now has.
        bench->abortWithReset(client);
        spinUntil([&] { return isFinalState(server->state()); }, 5000);
        run.grabAfter = spreadMs(grabTimes(&window, 10));
    }
    QCoreApplication::processEvents();
    run.rssAfterTeardownKib = procStatusKib("VmRSS");
    malloc_trim(0);
    run.rssAfterTrimKib = procStatusKib("VmRSS");
    return run;
}

QString triple(const Spread &s)
{
    return QStringLiteral("%1 / %2 / %3")
        .arg(s.median, 0, 'f', 2)
        .arg(s.p99, 0, 'f', 2)
        .arg(s.max, 0, 'f', 2);
}

// The median of each figure over the runs, field by field.
Spread medianSpread(const std::vector<Spread> &runs)
{
    std::vector<double> m, p, x;
    for (const Spread &s : runs) {
        m.push_back(s.median);
        p.push_back(s.p99);
        x.push_back(s.max);
    }
    return {median(m), median(p), median(x)};
}

template<typename F>
double medianOf(const std::vector<Phase> &phases, F field)
{
    std::vector<double> values;
    for (const Phase &phase : phases)
        values.push_back(double(field(phase)));
    return median(values);
}

template<typename F>
Spread medianSpreadOf(const std::vector<Phase> &phases, F field)
{
    std::vector<Spread> spreads;
    for (const Phase &phase : phases)
        spreads.push_back(field(phase));
    return medianSpread(spreads);
}

void printRow(const char *name, const std::vector<Phase> &phases, bool window)
{
    const QString dash = QStringLiteral("-");
    std::printf(
        "| %s | %.0f | %s | %s | %s | %s | %s | %.0f%% |\n", name,
        medianOf(phases, [](const Phase &p) { return p.mbps(); }),
        qPrintable(triple(medianSpreadOf(phases, [](const Phase &p) { return p.gap; }))),
        qPrintable(window ? triple(medianSpreadOf(phases, [](const Phase &p) { return p.refresh; }))
                          : dash),
        qPrintable(window
                       ? triple(medianSpreadOf(phases, [](const Phase &p) { return p.refreshCpu; }))
                       : dash),
        qPrintable(window ? triple(medianSpreadOf(phases, [](const Phase &p) { return p.paint; }))
                          : dash),
        qPrintable(window ? triple(medianSpreadOf(phases, [](const Phase &p) { return p.layout; }))
                          : dash),
        100 * medianOf(phases, [](const Phase &p) { return p.busy; }));
}

void printMemoryRow(const char *name, const std::vector<Phase> &phases)
{
    auto mib = [&](auto field) {
        return medianOf(phases, field) / double(mebi);
    };
    std::printf("| %s | %.0f | %.0f | %.0f / %.0f | %.0f / %.0f | %.1f M / %.1f M | %.0f |\n", name,
                mib([](const Phase &p) { return p.rssBeforeKib * 1024; }),
                mib([](const Phase &p) { return p.rssAfterKib * 1024; }),
                mib([](const Phase &p) { return p.serverResident; }),
                mib([](const Phase &p) { return p.serverSpilled; }),
                mib([](const Phase &p) { return p.clientResident; }),
                mib([](const Phase &p) { return p.clientSpilled; }),
                medianOf(phases, [](const Phase &p) { return p.serverFrames; }) / 1e6,
                medianOf(phases, [](const Phase &p) { return p.clientFrames; }) / 1e6,
                medianOf(phases, [](const Phase &p) { return p.droppedBytes; }));
}

/// Rows that cost nothing to produce: what is left is the view's own cost.
class CountingModel : public QAbstractTableModel
{
public:
    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : m_rows;
    }
    int columnCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : 6;
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        return role == Qt::DisplayRole ? QVariant(index.row()) : QVariant();
    }
    void grow(int rows)
    {
        beginInsertRows(QModelIndex(), m_rows, m_rows + rows - 1);
        m_rows += rows;
        endInsertRows();
    }

private:
    int m_rows = 0;
};

/// A QTableView set up as the connection view's tables are (hidden, fixed
/// vertical header), fed 25,000 rows a batch (64-byte lines at 50 MB/s,
/// 30 batches a second) up to 16 M rows: the cost of one batch as the
/// table grows, with no network and no store.
void tableCheck()
{
    CountingModel model;
    QTableView table;
    table.setModel(&model);
    table.verticalHeader()->hide();
    table.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table.verticalHeader()->setDefaultSectionSize(table.fontMetrics().height() + 4);
    table.resize(640, 400);
    table.show();
    spinUntil([&] { return table.windowHandle() && table.windowHandle()->isExposed(); }, 5000);
    malloc_trim(0);
    const qint64 rssBefore = procStatusKib("VmRSS");
    std::printf("| rows in the table | one 25k-row batch: insert (ms) | layout and paint (ms) | "
                "worst batch (ms) | RSS growth (MiB) |\n|---|---|---|---|---|\n");
    std::vector<qint64> insert, layout;
    for (const int upTo : {250000, 1000000, 2000000, 4000000, 8000000, 16000000}) {
        insert.clear();
        layout.clear();
        while (model.rowCount() < upTo) {
            QElapsedTimer timer;
            timer.start();
            model.grow(25000);
            const qint64 inserted = timer.nsecsElapsed();
            // The view lays out on a zero timer and paints on an update
            // request, each of which may need its own pass of the loop.
            QCoreApplication::processEvents();
            QCoreApplication::processEvents();
            insert.push_back(inserted);
            layout.push_back(timer.nsecsElapsed() - inserted);
        }
        // The last batches, where the table has about upTo rows.
        const size_t tail = std::min<size_t>(insert.size(), 10);
        const std::vector<qint64> lastInsert(insert.end() - qint64(tail), insert.end());
        const std::vector<qint64> lastLayout(layout.end() - qint64(tail), layout.end());
        std::vector<qint64> total;
        for (size_t i = 0; i < insert.size(); ++i)
            total.push_back(insert[i] + layout[i]);
        std::printf("| %.2f M | %.2f | %.2f | %.2f | %.0f |\n", upTo / 1e6,
                    spreadMs(lastInsert).median, spreadMs(lastLayout).median, spreadMs(total).max,
                    double(procStatusKib("VmRSS") - rssBefore) / 1024);
        std::fflush(stdout);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    BenchApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Window responsiveness under a fast stream"));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs (median)"),
                                        QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption mibOption(QStringLiteral("mib"), QStringLiteral("MiB to stream"),
                                       QStringLiteral("n"), QStringLiteral("1024"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("Longest stream"), QStringLiteral("s"),
                                           QStringLiteral("10"));
    const QCommandLineOption lineOption(QStringLiteral("line"),
                                        QStringLiteral("Bytes per line in the stream"),
                                        QStringLiteral("n"), QStringLiteral("64"));
    const QCommandLineOption engineOption(QStringLiteral("engine"),
                                          QStringLiteral("qt (the panels' default) or native"),
                                          QStringLiteral("key"), QStringLiteral("qt"));
    const QCommandLineOption framingOption(QStringLiteral("framing"),
                                           QStringLiteral("Framing of the no-window baseline"),
                                           QStringLiteral("spec"), QStringLiteral("line"));
    const QCommandLineOption traceOption(QStringLiteral("trace"),
                                         QStringLiteral("Every second of a stream on stderr"));
    const QCommandLineOption idleOption(QStringLiteral("idle"),
                                        QStringLiteral("Seconds of the idle window"),
                                        QStringLiteral("s"), QStringLiteral("3"));
    const QCommandLineOption tableOption(
        QStringLiteral("table-check"),
        QStringLiteral("Only the cost of a QTableView growing to 16 M rows, no network"));
    parser.addOptions({runsOption, mibOption, secondsOption, lineOption, engineOption,
                       framingOption, traceOption, tableOption, idleOption});
    parser.process(app);
    if (parser.isSet(tableOption)) {
        tableCheck();
        return 0;
    }
    Config config;
    config.runs = qMax(1, parser.value(runsOption).toInt());
    config.totalBytes = qMax<qint64>(4, parser.value(mibOption).toLongLong()) * mebi;
    config.maxSeconds = qMax(1, parser.value(secondsOption).toInt());
    config.lineBytes = qBound(2, parser.value(lineOption).toInt(), 4 * 1024 * 1024);
    config.framing = parser.value(framingOption);
    config.engine = parser.value(engineOption);
    config.trace = parser.isSet(traceOption);
    config.idleSeconds = qMax(1, parser.value(idleOption).toInt());
    if (!engineFromKey(config.engine))
        qFatal("--engine: qt or native");

    std::vector<Phase> alone, idle, streaming;
    std::vector<Spread> grabIdle, grabAfter;
    std::vector<double> rssTeardown, rssTrimmed;
    for (int run = 0; run < config.runs; ++run) {
        alone.push_back(runWithoutWindow(config));
        const WindowRun window = runWithWindow(config);
        idle.push_back(window.idle);
        streaming.push_back(window.streaming);
        grabIdle.push_back(window.grabIdle);
        grabAfter.push_back(window.grabAfter);
        rssTeardown.push_back(double(window.rssAfterTeardownKib) / 1024);
        rssTrimmed.push_back(double(window.rssAfterTrimKib) / 1024);
        std::fprintf(
            stderr,
            "run %d: alone %.0f MB/s (%lld B in %.1f s); window %.0f MB/s (%lld B in "
            "%.1f s), %d chunk and %d message rows; gap idle %s, streaming %s ms; refresh %s ms, "
            "CPU %s ms, %d refreshes blocked %ld and preempted %ld times; longest "
            "event %s, %.1f ms (CPU %.1f ms)\n",
            run + 1, alone.back().mbps(), alone.back().bytes, alone.back().seconds,
            window.streaming.mbps(), window.streaming.bytes, window.streaming.seconds,
            window.streaming.chunkRows, window.streaming.refreshRows,
            qPrintable(triple(window.idle.gap)), qPrintable(triple(window.streaming.gap)),
            qPrintable(triple(window.streaming.refresh)),
            qPrintable(triple(window.streaming.refreshCpu)), window.streaming.refreshCount,
            window.streaming.refreshVoluntary, window.streaming.refreshInvoluntary,
            qPrintable(window.streaming.longest), window.streaming.longestMs,
            window.streaming.longestCpuMs);
    }

    std::printf("Stream: %lld MiB or %d s, %d-byte lines, framing %s, %s engine; medians of %d "
                "runs.\n\n",
                config.totalBytes / mebi, config.maxSeconds, config.lineBytes,
                qPrintable(config.framing), qPrintable(config.engine), config.runs);
    std::printf("| case | MB/s at the server | 16 ms tick gap, median / p99 / max (ms) | "
                "refresh() median / p99 / max (ms) | its CPU time (ms) | paint median / p99 / "
                "max (ms) | table layout median / p99 / max (ms) | GUI thread busy "
                "|\n|---|---|---|---|---|---|---|---|\n");
    printRow("Workbench alone, streaming", alone, false);
    printRow("window, idle", idle, true);
    printRow("window, streaming", streaming, true);
    std::printf("\nWhole-window grab(): idle %s ms, after the stream %s ms (median / p99 / max "
                "of 10).\n",
                qPrintable(triple(medianSpread(grabIdle))),
                qPrintable(triple(medianSpread(grabAfter))));

    const Spread idleGap = medianSpreadOf(idle, [](const Phase &p) { return p.gap; });
    const Spread streamGap = medianSpreadOf(streaming, [](const Phase &p) { return p.gap; });
    const double withWindow = medianOf(streaming, [](const Phase &p) { return p.mbps(); });
    const double withoutWindow = medianOf(alone, [](const Phase &p) { return p.mbps(); });
    std::printf("\nRatios: tick gap streaming / idle: median %.2f, p99 %.2f, max %.2f; "
                "throughput with the window / Workbench alone: %s.\n",
                streamGap.median / idleGap.median, streamGap.p99 / idleGap.p99,
                streamGap.max / idleGap.max,
                withoutWindow > 0 ? qPrintable(QString::number(withWindow / withoutWindow, 'f', 2))
                                  : "none (nothing arrived without the window)");

    std::printf("\n| case | RSS before (MiB) | RSS after (MiB) | server rx resident / spilled "
                "(MiB) | client tx resident / spilled (MiB) | frames server / client | dropped "
                "bytes |\n|---|---|---|---|---|---|---|\n");
    printMemoryRow("Workbench alone, streaming", alone);
    printMemoryRow("window, streaming", streaming);
    std::printf("\nRSS after the window and its Workbench are gone: %.0f MiB, after malloc_trim(): "
                "%.0f MiB; peak (VmHWM) %.0f MiB.\n",
                median(rssTeardown), median(rssTrimmed), double(procStatusKib("VmHWM")) / 1024);
    return 0;
}
