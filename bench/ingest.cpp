// SPDX-License-Identifier: GPL-3.0-or-later
// bench/ingest (issue 11): how fast a loopback stream is recorded, against
// what the machine itself allows, all measured in the same run. A sender
// thread writes 64-byte lines and 4 KiB length-prefixed frames as fast as
// loopback takes them to (a) a raw read() loop keeping nothing, (b)
// `tcpinspector-cli listen --framing ... -q`, (c) the same keeping the newest
// 64 MiB only (--keep), and (s) this program's own engine recording into a
// StreamStore, whose stored stream is read back and hashed; (e) is the spill
// folder's disk with O_DIRECT. Prints Markdown tables of medians of runs.
// --bytes 200M for a quick run; --sections channel adds the cases of issue 9.
#include "benchsupport.h"
#include "childprocess.h"
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

#include <cstdio>
#include <thread>
#include <vector>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace TcpInspector;

namespace {

constexpr qint64 readBufferBytes = 256 * 1024;
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
    QString check;               ///< what was verified, or why the case was skipped
    bool skipped = false;
};

/// (a): accept one connection on a loopback listener, read until EOF into one
/// reused buffer, close.
Sample rawLoop(StreamPattern &pattern, qint64 total)
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address);
    ::listen(listener, 1);
    ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length);
    qint64 got = 0;
    std::thread reader([listener, &got] {
        const int fd = ::accept(listener, nullptr, nullptr);
        std::vector<char> buffer(static_cast<size_t>(readBufferBytes));
        for (ssize_t n = 1; n > 0;) {
            n = ::read(fd, buffer.data(), buffer.size());
            got += std::max<ssize_t>(n, 0);
        }
        ::close(fd);
    });
    const SendResult sent
        = sendStream(ntohs(address.sin_port), pattern, total, [] { return true; });
    reader.join();
    ::close(listener);
    Sample sample;
    sample.gbps = sent.gbps();
    sample.check = got == total ? QStringLiteral("all bytes read") : QStringLiteral("SHORT");
    return sample;
}

QJsonObject lastJsonLine(const QByteArray &output)
{
    const QList<QByteArray> lines = output.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.isEmpty() ? QByteArray() : lines.constLast()).object();
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
    arguments += extra;
    ChildProcess child;
    Sample sample;
    if (!child.start(config.cli, arguments)) {
        sample.skipped = true;
        sample.check = QStringLiteral("cannot run %1").arg(config.cli);
        return sample;
    }
    const SendResult sent = sendStream(port, pattern, total, [&child] { return child.running(); });
    child.wait(60000);
    if (!sent.connected) {
        sample.skipped = true;
        sample.check = QStringLiteral("skipped: the CLI exited with %1: %2")
                           .arg(child.exitCode())
                           .arg(QString::fromLocal8Bit(child.standardError().split('\n').value(0)));
        return sample;
    }
    const qint64 ns = sent.ns - (native ? qint64(nativeIdleMs) * 1000000 : 0);
    sample.gbps = double(sent.sent) / double(ns);
    sample.peakRssMb = double(child.peakRssBytes()) / 1e6;
    sample.cpuSecondsPerGb = child.cpuSeconds() / (double(sent.sent) / 1e9);
    const QJsonObject summary = lastJsonLine(child.standardOutput());
    const qint64 rx = qint64(summary.value(QStringLiteral("rx_bytes")).toDouble(-1));
    sample.check = QStringLiteral("summary rx_bytes %1 total").arg(rx == total ? "=" : "!=");
    return sample;
}

/// (s): this program as a child (--receive), recording with the engine and
/// hashing what its store kept; the hash must equal the sender's.
Sample storeRun(const Config &config, StreamPattern &pattern, qint64 total,
                const QByteArray &expected)
{
    const quint16 port = freeLoopbackPort();
    ChildProcess child;
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--receive"), QString::number(port), QStringLiteral("--framing"),
                 pattern.framing(), QStringLiteral("--engine"), config.engine});
    const SendResult sent = sendStream(port, pattern, total, [&child] { return child.running(); });
    child.wait(120000);
    Sample sample;
    sample.gbps = sent.gbps();
    sample.peakRssMb = double(child.peakRssBytes()) / 1e6;
    sample.cpuSecondsPerGb = child.cpuSeconds() / (double(sent.sent) / 1e9);
    const QJsonObject result = lastJsonLine(child.standardOutput());
    const bool same
        = result.value(QStringLiteral("sha256")).toString().toLatin1() == expected.toHex();
    sample.check = QStringLiteral("SHA-256 of the stored %1 bytes %2 the sender's")
                       .arg(qint64(result.value(QStringLiteral("bytes")).toDouble()))
                       .arg(same ? "=" : "!=");
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

    double gbps() const { return medianOf(&Sample::gbps); }
    double peakRssMb() const { return medianOf(&Sample::peakRssMb); }
    double cpuSecondsPerGb() const { return medianOf(&Sample::cpuSecondsPerGb); }
    double medianOf(double Sample::*field) const
    {
        std::vector<double> values;
        for (const Sample &s : samples)
            values.push_back(s.*field);
        return median(values);
    }
    bool skipped() const { return !samples.empty() && samples.front().skipped; }
};

void printRows(const StreamPattern &pattern, const std::vector<Row> &rows, double disk)
{
    const double raw = rows.front().gbps();
    const double slower = std::min(raw, disk);
    for (const Row &row : rows) {
        if (row.samples.empty())
            continue;
        if (row.skipped()) {
            std::printf("| %s | %s | skipped | | | | | | %s |\n", pattern.label(), row.name,
                        qPrintable(row.samples.front().check));
            continue;
        }
        const double g = row.gbps();
        const double rss = row.peakRssMb();
        const double cpu = row.cpuSecondsPerGb();
        std::printf("| %s | %s | %.3f | %.2f | %s | %s | %s | %s | ", pattern.label(), row.name, g,
                    g / raw, disk > 0 ? qPrintable(QString::number(g / disk, 'f', 2)) : "-",
                    disk > 0 ? qPrintable(QString::number(g / slower, 'f', 2)) : "-",
                    rss > 0 ? qPrintable(QString::number(rss, 'f', 0)) : "-",
                    cpu > 0 ? qPrintable(QString::number(cpu, 'f', 2)) : "-");
        std::printf("%s |\n", qPrintable(row.samples.back().check));
    }
    std::fflush(stdout);
}

void wireSection(const Config &config, StreamPattern::Kind kind, double disk)
{
    StreamPattern pattern(kind);
    const qint64 total = pattern.roundedTotal(config.bytes);
    const bool store = config.sections.contains(QStringLiteral("store"));
    const QByteArray expected = store ? pattern.sha256(total) : QByteArray();
    std::vector<Row> rows = {{"(a) raw read() loop, keeps nothing", {}},
                             {"(b) CLI listen -q, full recording", {}},
                             {"(c) CLI listen -q --keep (ring)", {}},
                             {"(s) engine into StreamStore, read back", {}}};
    // Cases alternate within each run: a neighbour's burst on the shared
    // machine then spreads over all of them.
    for (int run = 0; run < config.runs; ++run) {
        rows[0].samples.push_back(rawLoop(pattern, total));
        rows[1].samples.push_back(cliRun(config, pattern, total, {}));
        if (!rows[2].skipped())
            rows[2].samples.push_back(
                cliRun(config, pattern, total, {QStringLiteral("--keep"), config.keep}));
        if (store)
            rows[3].samples.push_back(storeRun(config, pattern, total, expected));
        std::fprintf(stderr, "%s run %d: a %.3f b %.3f GB/s\n", pattern.label(), run + 1,
                     rows[0].samples.back().gbps, rows[1].samples.back().gbps);
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
                                    QStringLiteral("Engine of (b), (c), (s): qt or native"),
                                    QStringLiteral("key"), QStringLiteral("qt"));
    const QCommandLineOption keep(QStringLiteral("keep"), QStringLiteral("--keep of case (c)"),
                                  QStringLiteral("size"), QStringLiteral("64M"));
    const QCommandLineOption sections(
        QStringLiteral("sections"),
        QStringLiteral("Comma-separated: disk, lines, frames, store, channel (issue 9's cases)"),
        QStringLiteral("list"), QStringLiteral("disk,lines,frames,store"));
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
                "(a), (e) | peak RSS (MB) | receiver CPU s per GB | check |\n"
                "|---|---|---|---|---|---|---|---|---|\n");
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
