// SPDX-License-Identifier: GPL-3.0-or-later
// bench/ingest (issue 11): how fast a loopback stream is recorded, against
// what the machine itself allows, all measured in the same run. A sender
// thread writes 64-byte lines and 4 KiB length-prefixed frames as fast as
// loopback takes them to (a) a raw read() loop keeping nothing, (b)
// `tcpinspector-cli listen --framing ... -q`, (c) the same keeping the newest
// 64 MiB only (--keep), (d) the app's window, offscreen, showing the
// connection while a 10 ms timer measures how late the GUI thread is, and (s)
// this program's own engine recording into a StreamStore, whose stored stream
// is read back and hashed; (e) is the spill folder's disk with O_DIRECT. Every
// receiver but (a) is a child process, its peak RSS read from wait4(2).
// Prints Markdown tables of medians of runs.
// --bytes 200M for a quick run; --sections channel adds the cases of issue 9.
#include "benchsupport.h"
#include "childprocess.h"
#include "ingestapp.h"
#include "ingestchannel.h"
#include "ingestdisk.h"
#include "loopbacksender.h"
#include "streampattern.h"

#include "net/connection.h"
#include "net/serverendpoint.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace TcpInspector;

namespace {

constexpr int childTimeoutMs = 120000; ///< after the sender's last byte
// The native engine stays half-open after the peer's FIN (the user decides
// when to close): the CLI then closes on an idle timeout, taken off the time.
constexpr int nativeIdleMs = 100;

struct Config
{
    qint64 bytes = qint64(2) << 30;
    int runs = 3;
    QString cli;
    QString engine = QStringLiteral("qt");
    QString keep = QStringLiteral("64M");
    QStringList sections;
};

/// One receiver's figures of one run.
struct Sample
{
    double gbps = -1;
    double peakRssMb = -1;
    double cpuSecondsPerGb = -1; ///< the receiver's CPU time, when it is a child
    double lateP99Ms = -1;       ///< the GUI's 10 ms timer, case (d) only
    double lateWorstMs = -1;
    QString check; ///< what was verified
};

/// (a): sendStream() to a read() loop keeping nothing.
Sample rawLoop(StreamPattern &pattern, qint64 total)
{
    const DiscardResult result = sendToDiscardingReader(pattern, total);
    Sample sample;
    sample.gbps = result.sent.gbps();
    sample.cpuSecondsPerGb = result.readerCpuSeconds / (double(result.sent.sent) / 1e9);
    sample.check
        = result.received == total ? QStringLiteral("all bytes read") : QStringLiteral("SHORT");
    return sample;
}

QJsonObject lastJsonLine(const QByteArray &output)
{
    const QList<QByteArray> lines = output.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.isEmpty() ? QByteArray() : lines.constLast()).object();
}

/// A receiver in a child process listening on port: streams total bytes of
/// pattern to it and waits for its exit. idleNs, the receiver's wait after
/// the last byte, is taken off the time; *result is its last line of JSON.
Sample childCase(const QString &program, const QStringList &arguments, quint16 port,
                 StreamPattern &pattern, qint64 total, qint64 idleNs, QJsonObject *result)
{
    ChildProcess child;
    if (!child.start(program, arguments))
        qFatal("cannot run %s", qPrintable(program));
    const SendResult sent = sendStream(port, pattern, total, [&child] { return child.running(); });
    child.wait(childTimeoutMs);
    if (!sent.connected)
        qFatal("%s %s exited with %d before it took a connection: %s", qPrintable(program),
               qPrintable(arguments.join(QLatin1Char(' '))), child.exitCode(),
               child.standardError().split('\n').value(0).constData());
    Sample sample;
    sample.gbps = double(sent.sent) / double(sent.ns - idleNs);
    sample.peakRssMb = double(child.peakRssBytes()) / 1e6;
    sample.cpuSecondsPerGb = child.cpuSeconds() / (double(sent.sent) / 1e9);
    *result = lastJsonLine(child.standardOutput());
    return sample;
}

qint64 jsonBytes(const QJsonObject &object, const char *key)
{
    return qint64(object.value(QLatin1String(key)).toDouble(-1));
}

/// (b) and (c): the CLI as a user runs it, with extra arguments.
Sample cliRun(const Config &config, StreamPattern &pattern, qint64 total, QStringList extra)
{
    const quint16 port = freeLoopbackPort();
    QStringList arguments = {QStringLiteral("listen"),
                             QStringLiteral("127.0.0.1:%1").arg(port),
                             QStringLiteral("--framing"),
                             pattern.framing(),
                             QStringLiteral("-q"),
                             QStringLiteral("--exit-after"),
                             QStringLiteral("1"),
                             QStringLiteral("--engine"),
                             config.engine};
    const bool native = config.engine == QLatin1String("native");
    if (native)
        arguments << QStringLiteral("--idle-timeout") << QString::number(nativeIdleMs);
    QJsonObject summary;
    Sample sample = childCase(config.cli, arguments + extra, port, pattern, total,
                              native ? qint64(nativeIdleMs) * 1000000 : 0, &summary);
    sample.check = QStringLiteral("summary rx_bytes %1 total, evicted_bytes %2 MB")
                       .arg(jsonBytes(summary, "rx_bytes") == total ? "=" : "!=")
                       .arg(jsonBytes(summary, "evicted_bytes") / 1000000);
    return sample;
}

/// (s): this program as a child (--receive), recording with the engine and
/// hashing what its store kept; the hash must equal the sender's.
Sample storeRun(const Config &config, StreamPattern &pattern, qint64 total,
                const QByteArray &expected)
{
    const quint16 port = freeLoopbackPort();
    QJsonObject result;
    Sample sample = childCase(QCoreApplication::applicationFilePath(),
                              {QStringLiteral("--receive"), QString::number(port),
                               QStringLiteral("--framing"), pattern.framing(),
                               QStringLiteral("--engine"), config.engine},
                              port, pattern, total, 0, &result);
    const bool same
        = result.value(QStringLiteral("sha256")).toString().toLatin1() == expected.toHex();
    sample.check = QStringLiteral("SHA-256 of the stored %1 bytes %2 the sender's")
                       .arg(jsonBytes(result, "bytes"))
                       .arg(same ? "=" : "!=");
    return sample;
}

/// (d): this program as the app, offscreen (--app-child, ingestapp.cpp).
Sample appRun(const Config &config, StreamPattern &pattern, qint64 total)
{
    const quint16 port = freeLoopbackPort();
    QJsonObject result;
    Sample sample = childCase(
        QCoreApplication::applicationFilePath(),
        {QStringLiteral("--app-child"), QString::number(port), pattern.framing(), config.engine},
        port, pattern, total, 0, &result);
    sample.lateP99Ms = result.value(QStringLiteral("late_p99_ms")).toDouble(-1);
    sample.lateWorstMs = result.value(QStringLiteral("late_worst_ms")).toDouble(-1);
    const auto number = [&result](const char *key) {
        return QString::number(result.value(QLatin1String(key)).toDouble(), 'f', 1);
    };
    sample.check = QStringLiteral("stored %1 total, %2, %3 message rows, %4 ticks")
                       .arg(jsonBytes(result, "bytes") == total ? "=" : "!=")
                       .arg(result.value(QStringLiteral("shown")).toBool()
                                ? QStringLiteral("shown in the view")
                                : QStringLiteral("NOT SHOWN"))
                       .arg(jsonBytes(result, "message_rows"))
                       .arg(jsonBytes(result, "ticks"));
    // Whether the GUI thread was late through its own work or for want of a core.
    sample.check
        += QStringLiteral("; GUI thread %1 s CPU, preempted %2 times; worst gap: %3 ms "
                          "on a core, %4 ms in the run queue")
               .arg(number("gui_cpu_s"), QString::number(jsonBytes(result, "gui_preempted")),
                    number("late_worst_cpu_ms"), number("late_worst_queued_ms"));
    return sample;
}

/// The child side of storeRun().
int receive(quint16 port, const QString &framing, const QString &engine)
{
    ServerEndpoint server;
    ServerOptions options;
    options.address = *HostPort::parse(QStringLiteral("127.0.0.1:%1").arg(port),
                                       HostPort::Use::Listen, nullptr);
    options.connection.engine = *engineFromKey(engine);
    options.connection.rxFraming = framing;
    options.connection.kernelSampleMs = 100; // as the CLI does
    SocketErrorInfo error;
    if (!server.listen(options, &error))
        return 3;
    Connection *received = nullptr;
    QObject::connect(&server, &ServerEndpoint::connectionAccepted, &server, [&](Connection *c) {
        received = c;
        // The native engine stays half-open after EOF; the qt one closes.
        QObject::connect(c, &Connection::stateChanged, c, [c](ConnectionState state) {
            if (state == ConnectionState::RemoteHalfClosed)
                c->close();
        });
    });
    QObject::connect(&server, &ServerEndpoint::connectionFinished, qApp, &QCoreApplication::quit);
    QCoreApplication::exec();
    if (!received)
        return 1;
    const StreamStore &store = received->rx().store();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (qint64 at = 0; at < store.size(); at += 1 << 20)
        hash.addData(store.read(at, 1 << 20));
    QJsonObject result;
    result.insert(QStringLiteral("bytes"), double(store.size()));
    result.insert(QStringLiteral("frames"), double(received->rx().frameCount()));
    result.insert(QStringLiteral("dropped"), double(store.droppedBytes()));
    result.insert(QStringLiteral("sha256"), QString::fromLatin1(hash.result().toHex()));
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}

struct Row
{
    const char *name;
    std::vector<Sample> samples;

    double medianOf(double Sample::*field) const
    {
        std::vector<double> values;
        for (const Sample &s : samples)
            values.push_back(s.*field);
        return median(values);
    }
    /// The median of the ratios run by run: both figures of a ratio come
    /// from the same run, so a neighbour's burst moves both.
    double medianRatio(const Row &base, double Sample::*field) const
    {
        std::vector<double> values;
        for (size_t i = 0; i < samples.size() && i < base.samples.size(); ++i)
            values.push_back(samples[i].*field / base.samples[i].*field);
        return median(values);
    }
};

/// A figure of the table, or a dash where the case has none.
QByteArray cell(double value, int decimals)
{
    return value >= 0 ? QByteArray::number(value, 'f', decimals) : QByteArray("-");
}

void printRows(const StreamPattern &pattern, const std::vector<Row> &rows, double disk)
{
    const Row &raw = rows.front();
    const double slower = std::min(raw.medianOf(&Sample::gbps), disk);
    for (const Row &row : rows) {
        if (row.samples.empty())
            continue;
        const double g = row.medianOf(&Sample::gbps);
        const double cpu = row.medianOf(&Sample::cpuSecondsPerGb);
        const double cpuRatio = cpu > 0 ? 1 / row.medianRatio(raw, &Sample::cpuSecondsPerGb) : -1;
        const QByteArray late = row.samples.front().lateP99Ms < 0
                                    ? QByteArray("-")
                                    : cell(row.medianOf(&Sample::lateP99Ms), 1) + " / "
                                          + cell(row.medianOf(&Sample::lateWorstMs), 1);
        std::printf("| %s | %s | %.3f | %.2f | %s | %s | %s | %s | %s | %s | %s |\n",
                    pattern.label(), row.name, g, row.medianRatio(raw, &Sample::gbps),
                    cell(disk > 0 ? g / disk : -1, 2).constData(),
                    cell(disk > 0 ? g / slower : -1, 2).constData(),
                    cell(row.medianOf(&Sample::peakRssMb), 0).constData(), cell(cpu, 2).constData(),
                    cell(cpuRatio, 2).constData(), late.constData(),
                    qPrintable(row.samples.back().check));
    }
    std::fflush(stdout);
}

void wireSection(const Config &config, StreamPattern::Kind kind, double disk)
{
    StreamPattern pattern(kind);
    const qint64 total = pattern.roundedTotal(config.bytes);
    const bool store = config.sections.contains(QStringLiteral("store"));
    const bool app = config.sections.contains(QStringLiteral("app"));
    const bool cli = config.sections.contains(QStringLiteral("cli"));
    const QByteArray expected = store ? pattern.sha256(total) : QByteArray();
    const QString ring = QStringLiteral("(c) CLI listen -q --keep %1 (ring)").arg(config.keep);
    const QByteArray ringName = ring.toUtf8();
    std::vector<Row> rows = {{"(a) raw read() loop, keeps nothing", {}},
                             {"(b) CLI listen -q, full recording", {}},
                             {ringName.constData(), {}},
                             {"(d) app, offscreen, the connection's views open", {}},
                             {"(s) engine into StreamStore, read back", {}}};
    // Cases alternate within each run: a neighbour's burst on the shared
    // machine then spreads over all of them.
    for (int run = 0; run < config.runs; ++run) {
        rows[0].samples.push_back(rawLoop(pattern, total));
        if (cli) {
            rows[1].samples.push_back(cliRun(config, pattern, total, {}));
            rows[2].samples.push_back(
                cliRun(config, pattern, total, {QStringLiteral("--keep"), config.keep}));
        }
        if (app) {
            rows[3].samples.push_back(appRun(config, pattern, total));
            const Sample &d = rows[3].samples.back();
            std::fprintf(stderr, "(d) late p99 %.1f ms, worst %.1f ms; %s\n", d.lateP99Ms,
                         d.lateWorstMs, qPrintable(d.check));
        }
        if (store)
            rows[4].samples.push_back(storeRun(config, pattern, total, expected));
        std::fprintf(stderr, "%s run %d:", pattern.label(), run + 1);
        for (const Row &row : rows) {
            if (!row.samples.empty())
                std::fprintf(stderr, " %.4s %.3f", row.name, row.samples.back().gbps);
        }
        std::fprintf(stderr, " GB/s\n");
    }
    printRows(pattern, rows, disk);
}

Config readConfig(const QCoreApplication &app, QCommandLineParser &parser)
{
    const QCommandLineOption bytes(QStringLiteral("bytes"),
                                   QStringLiteral("Bytes per stream (200M, 2G)"),
                                   QStringLiteral("size"), QStringLiteral("2G"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Runs (median)"),
                                  QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption cli(QStringLiteral("cli"), QStringLiteral("tcpinspector-cli to run"),
                                 QStringLiteral("path"));
    const QCommandLineOption engine(QStringLiteral("engine"),
                                    QStringLiteral("Engine of (b), (c), (d), (s): qt or native"),
                                    QStringLiteral("key"), QStringLiteral("qt"));
    const QCommandLineOption keep(QStringLiteral("keep"), QStringLiteral("--keep of case (c)"),
                                  QStringLiteral("size"), QStringLiteral("64M"));
    const QCommandLineOption sections(
        QStringLiteral("sections"),
        QStringLiteral("Comma-separated: disk (e), lines and frames (the streams, with (a)), "
                       "cli (b, c), app (d), store (s), channel (issue 9's cases)"),
        QStringLiteral("list"), QStringLiteral("disk,lines,frames,cli,app,store"));
    parser.addOptions({bytes, runs, cli, engine, keep, sections});
    parser.process(app);
    Config config;
    config.bytes = parseByteSize(parser.value(bytes));
    config.runs = qMax(1, parser.value(runs).toInt());
    config.cli = parser.isSet(cli) ? parser.value(cli)
                                   : QCoreApplication::applicationDirPath()
                                         + QStringLiteral("/../src/cli/tcpinspector-cli");
    config.engine = parser.value(engine);
    config.keep = parser.value(keep);
    config.sections = parser.value(sections).split(QLatin1Char(','));
    if (config.bytes <= 0 || !engineFromKey(config.engine))
        qFatal("--bytes: a size such as 200M; --engine: qt or native");
    return config;
}

} // namespace

int main(int argc, char *argv[])
{
    // Case (d)'s child is the app: a QApplication, not this QCoreApplication.
    if (argc > 1 && std::strcmp(argv[1], "--app-child") == 0)
        return runAppChild(argc, argv);
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Ingest throughput against the machine"));
    parser.addHelpOption();
    const QCommandLineOption receiveOption(QStringLiteral("receive"),
                                           QStringLiteral("Internal: the receiver of case (s)"),
                                           QStringLiteral("port"));
    const QCommandLineOption framingOption(QStringLiteral("framing"),
                                           QStringLiteral("Internal: its framing"),
                                           QStringLiteral("spec"), QStringLiteral("line"));
    parser.addOptions({receiveOption, framingOption});
    const Config config = readConfig(app, parser);
    if (parser.isSet(receiveOption))
        return receive(quint16(parser.value(receiveOption).toUInt()), parser.value(framingOption),
                       config.engine);

    std::printf("Streams of %lld MiB, CLI and engine: %s engine; medians of %d runs.\n",
                config.bytes >> 20, qPrintable(config.engine), config.runs);
    double disk = -1;
    if (config.sections.contains(QStringLiteral("disk"))) {
        StreamPattern lines(StreamPattern::Kind::Lines64);
        disk = printDiskSection(lines, config.bytes, config.runs, QDir::tempPath());
    }
    std::printf("\n| stream | case | GB/s | ratio to (a) | ratio to (e) | ratio to the slower of "
                "(a), (e) | peak RSS (MB) | receiver CPU s per GB | (a)'s CPU s per GB over it | "
                "10 ms timer late p99 / worst (ms) | check |\n"
                "|---|---|---|---|---|---|---|---|---|---|---|\n");
    if (config.sections.contains(QStringLiteral("lines")))
        wireSection(config, StreamPattern::Kind::Lines64, disk);
    if (config.sections.contains(QStringLiteral("frames")))
        wireSection(config, StreamPattern::Kind::Frames4K, disk);
    if (config.sections.contains(QStringLiteral("channel"))) {
        std::printf("\n");
        printChannelSection();
    }
    return 0;
}
