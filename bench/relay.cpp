// SPDX-License-Identifier: GPL-3.0-or-later
// bench/relay (issue 15): throughput through a relay, recording both legs,
// against socat's relay (`socat TCP-LISTEN:A TCP:B`, which records nothing)
// on the same bytes in the same run. A sender thread writes --bytes over
// loopback into the relay; behind it a socat sink (`socat -u TCP-LISTEN:B
// OPEN:/dev/null`) reads them. The clock runs from the sender's connect to
// the close that comes back through the relay after the sink's, so every
// byte has crossed both legs. Prints the medians of --runs runs: GB/s, the
// relay's CPU time and peak RSS, and the ratio to socat.
#include "benchsupport.h"
#include "childprocess.h"
#include "loopbacksender.h"
#include "streampattern.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStandardPaths>

#include <cstdio>
#include <vector>

using namespace TcpInspector;

namespace {

constexpr int childTimeoutMs = 600000;

struct Sample
{
    double gbps = 0;
    double cpuSeconds = 0;
    double peakRssMb = 0;
};

/// One relay (the program and its arguments for listen port and target
/// port) carrying total bytes to a fresh sink.
Sample relayRun(const QString &program,
                const std::function<QStringList(quint16, quint16)> &arguments,
                StreamPattern &pattern, qint64 total, const QString &socat)
{
    const quint16 sinkPort = freeLoopbackPort();
    ChildProcess sink;
    if (!sink.start(socat, {QStringLiteral("-u"),
                            QStringLiteral("TCP-LISTEN:%1,bind=127.0.0.1,reuseaddr").arg(sinkPort),
                            QStringLiteral("OPEN:/dev/null")}))
        qFatal("cannot run %s", qPrintable(socat));
    spinFor(200); // socat listens a moment after it starts
    const quint16 relayPort = freeLoopbackPort();
    ChildProcess relay;
    if (!relay.start(program, arguments(relayPort, sinkPort)))
        qFatal("cannot run %s", qPrintable(program));
    const SendResult sent
        = sendStream(relayPort, pattern, total, [&relay] { return relay.running(); });
    relay.wait(childTimeoutMs);
    sink.wait(childTimeoutMs);
    if (!sent.connected || sent.sent != total || !sent.closedByReceiver)
        qFatal("%s took %lld of %lld bytes", qPrintable(program), sent.sent, total);
    return Sample {sent.gbps(), relay.cpuSeconds(), double(relay.peakRssBytes()) / 1e6};
}

Sample medianOf(const std::vector<Sample> &runs)
{
    std::vector<double> gbps, cpu, rss;
    for (const Sample &s : runs) {
        gbps.push_back(s.gbps);
        cpu.push_back(s.cpuSeconds);
        rss.push_back(s.peakRssMb);
    }
    return Sample {median(gbps), median(cpu), median(rss)};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Throughput through tcpinspector-cli relay (both legs recorded) against socat's relay."));
    parser.addHelpOption();
    const QCommandLineOption bytes(QStringLiteral("bytes"), QStringLiteral("Bytes per run (1G)."),
                                   QStringLiteral("SIZE"), QStringLiteral("1G"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Runs (3)."),
                                  QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption cli(QStringLiteral("cli"), QStringLiteral("The tcpinspector-cli."),
                                 QStringLiteral("PATH"), QStringLiteral(TCPI_CLI_PATH));
    parser.addOptions({bytes, runs, cli});
    parser.process(app);
    const QString socat = QStandardPaths::findExecutable(QStringLiteral("socat"));
    if (socat.isEmpty())
        qFatal("socat is not installed (apt-get install socat)");
    StreamPattern pattern(StreamPattern::Kind::Frames4K);
    const qint64 total = pattern.roundedTotal(parseByteSize(parser.value(bytes)));
    const int count = parser.value(runs).toInt();
    if (total <= 0 || count <= 0)
        qFatal("--bytes and --runs must be positive");

    const auto socatRelay = [](quint16 listen, quint16 target) {
        return QStringList {QStringLiteral("TCP-LISTEN:%1,bind=127.0.0.1,reuseaddr").arg(listen),
                            QStringLiteral("TCP:127.0.0.1:%1").arg(target)};
    };
    const auto ourRelay = [](quint16 listen, quint16 target) {
        return QStringList {QStringLiteral("relay"),
                            QStringLiteral("127.0.0.1:%1").arg(listen),
                            QStringLiteral("127.0.0.1:%1").arg(target),
                            QStringLiteral("-q"),
                            QStringLiteral("--kernel-sample"),
                            QStringLiteral("0"),
                            QStringLiteral("--exit-after"),
                            QStringLiteral("1")};
    };
    std::vector<Sample> theirs, ours;
    for (int run = 0; run < count; ++run) {
        std::fprintf(stderr, "run %d of %d\n", run + 1, count);
        // In turn, so that both see the same machine.
        theirs.push_back(relayRun(socat, socatRelay, pattern, total, socat));
        ours.push_back(relayRun(parser.value(cli), ourRelay, pattern, total, socat));
    }
    const Sample a = medianOf(theirs);
    const Sample b = medianOf(ours);
    std::printf("\n%.2f GiB through each relay, median of %d runs\n\n",
                double(total) / double(qint64(1) << 30), count);
    std::printf("| relay | GB/s | CPU s | peak RSS MB |\n|---|---|---|---|\n");
    std::printf("| socat (records nothing) | %.3f | %.2f | %.1f |\n", a.gbps, a.cpuSeconds,
                a.peakRssMb);
    std::printf("| tcpinspector-cli relay -q (both legs recorded) | %.3f | %.2f | %.1f |\n", b.gbps,
                b.cpuSeconds, b.peakRssMb);
    std::printf("\nratio (ours / socat): %.2fx throughput\n", a.gbps > 0 ? b.gbps / a.gbps : 0);
    return 0;
}
