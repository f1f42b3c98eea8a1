// SPDX-License-Identifier: GPL-3.0-or-later
// bench/session (issue 14): a 2 GiB session saved and reopened, each step
// against a baseline measured in the same run. A sender thread writes 2 GiB
// over loopback into
//   (1) `tcpinspector-cli listen -q --exit-after 1` (baseline) and the same
//       with `--save FILE`;
// then the file is
//   (2) read by `tcpinspector-cli show -q FILE` (load and summary), against
//       reading it once (`dd if=FILE of=/dev/null bs=1M`), and
//   (3) exported by `tcpinspector-cli export --raw-rx OUT FILE`, against
//       `cp FILE OUT`.
// Every program is a child process: its wall time from spawn to exit, its
// CPU time and its peak RSS (wait4(2)). The claim under test: the RSS stays
// near the stores' memory budget (StreamStore::Options, 64 MiB per
// direction), not near the session's size. Prints Markdown tables of the
// medians of --runs runs and the ratios to the baselines.
#include "benchsupport.h"
#include "childprocess.h"
#include "loopbacksender.h"
#include "streampattern.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <map>
#include <vector>

using namespace TcpInspector;

namespace {

constexpr int childTimeoutMs = 600000;

struct Config
{
    qint64 bytes = qint64(2) << 30;
    int runs = 3;
    QString cli;
    QString directory; ///< where the session and the exports go
    bool verify = true;
};

/// One program's figures of one run.
struct Sample
{
    double seconds = -1;
    double cpuSeconds = -1;
    double peakRssMb = -1;
    double afterCloseSeconds = 0; ///< listen: from the connection's close to the exit
};

/// Every sample of every run, by case name.
using Samples = std::map<QString, std::vector<Sample>>;

QJsonObject lastJsonLine(const QByteArray &output)
{
    const QList<QByteArray> lines = output.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.isEmpty() ? QByteArray() : lines.constLast()).object();
}

qint64 jsonBytes(const QJsonObject &object, const char *key)
{
    return qint64(object.value(QLatin1String(key)).toDouble(-1));
}

Sample finished(const ChildProcess &child, const QElapsedTimer &clock, const QString &what)
{
    if (child.exitCode() != 0)
        qFatal("%s exited with %d: %s", qPrintable(what), child.exitCode(),
               child.standardError().split('\n').value(0).constData());
    return Sample {double(clock.nsecsElapsed()) / 1e9, child.cpuSeconds(),
                   double(child.peakRssBytes()) / 1e6};
}

/// Runs program to its end; its sample. *output: its stdout.
Sample runChild(const QString &program, const QStringList &arguments, QByteArray *output = nullptr)
{
    ChildProcess child;
    QElapsedTimer clock;
    clock.start();
    // posix_spawn() takes a path, not a name to look up.
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty() || !child.start(path, arguments))
        qFatal("cannot run %s", qPrintable(program));
    child.wait(childTimeoutMs);
    const Sample sample = finished(child, clock, program + QLatin1Char(' ') + arguments.join(' '));
    if (output)
        *output = child.standardOutput();
    return sample;
}

/// (1): listen, with extra arguments, receiving total bytes; the wall time
/// runs from the spawn to the exit, the save at the end included.
Sample listenRun(const Config &config, StreamPattern &pattern, const QStringList &extra)
{
    const quint16 port = freeLoopbackPort();
    const QStringList arguments
        = QStringList {QStringLiteral("listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                       QStringLiteral("-q"), QStringLiteral("--exit-after"), QStringLiteral("1")}
          + extra;
    ChildProcess child;
    QElapsedTimer clock;
    clock.start();
    if (!child.start(config.cli, arguments))
        qFatal("cannot run %s", qPrintable(config.cli));
    const SendResult sent
        = sendStream(port, pattern, config.bytes, [&child] { return child.running(); });
    // sendStream() returns when listen has closed the connection.
    const qint64 closedNs = clock.nsecsElapsed();
    child.wait(childTimeoutMs);
    if (!sent.connected || sent.sent != config.bytes)
        qFatal("listen took %lld of %lld bytes", sent.sent, config.bytes);
    Sample sample = finished(child, clock, QStringLiteral("listen"));
    sample.afterCloseSeconds = sample.seconds - double(closedNs) / 1e9;
    const QJsonObject summary = lastJsonLine(child.standardOutput());
    if (jsonBytes(summary, "rx_bytes") != config.bytes)
        qFatal("listen's summary says rx_bytes %lld", jsonBytes(summary, "rx_bytes"));
    return sample;
}

QByteArray fileSha256(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        qFatal("cannot read %s", qPrintable(path));
    return hash.result();
}

void oneRun(const Config &config, StreamPattern &pattern, bool verify, Samples *samples)
{
    const QString session = config.directory + QStringLiteral("/bench.tcpsession");
    const QString exported = config.directory + QStringLiteral("/rx.bin");
    const QString copied = config.directory + QStringLiteral("/copy.bin");
    (*samples)[QStringLiteral("listen")].push_back(listenRun(config, pattern, {}));
    (*samples)[QStringLiteral("listen --save")].push_back(
        listenRun(config, pattern, {QStringLiteral("--save"), session}));
    const qint64 fileSize = QFileInfo(session).size();
    std::fprintf(stderr, "  session file: %.1f MB\n", double(fileSize) / 1e6);

    // What the disk allows: the save reads the spilled bytes back (written
    // with O_DIRECT, so not in the page cache) and writes the file, synced.
    const QString count = QString::number(config.bytes >> 20);
    (*samples)[QStringLiteral("disk write+sync")].push_back(runChild(
        QStringLiteral("dd"),
        {QStringLiteral("if=/dev/zero"), QStringLiteral("of=") + copied, QStringLiteral("bs=1M"),
         QStringLiteral("count=") + count, QStringLiteral("conv=fdatasync")}));
    (*samples)[QStringLiteral("disk read direct")].push_back(runChild(
        QStringLiteral("dd"), {QStringLiteral("if=") + copied, QStringLiteral("of=/dev/null"),
                               QStringLiteral("bs=1M"), QStringLiteral("iflag=direct")}));
    QFile::remove(copied);
    (*samples)[QStringLiteral("dd")].push_back(
        runChild(QStringLiteral("dd"), {QStringLiteral("if=") + session,
                                        QStringLiteral("of=/dev/null"), QStringLiteral("bs=1M")}));
    QByteArray shown;
    (*samples)[QStringLiteral("show -q")].push_back(
        runChild(config.cli, {QStringLiteral("show"), QStringLiteral("-q"), session}, &shown));
    if (jsonBytes(lastJsonLine(shown), "rx_bytes") != config.bytes)
        qFatal("show's summary: %s", shown.constData());

    (*samples)[QStringLiteral("cp")].push_back(runChild(QStringLiteral("cp"), {session, copied}));
    QFile::remove(copied);
    (*samples)[QStringLiteral("export --raw-rx")].push_back(runChild(
        config.cli, {QStringLiteral("export"), QStringLiteral("--raw-rx"), exported, session}));
    if (QFileInfo(exported).size() != config.bytes)
        qFatal("export wrote %lld bytes", QFileInfo(exported).size());
    // Once: the bytes that went out are the bytes that came back.
    if (verify && fileSha256(exported) != pattern.sha256(config.bytes))
        qFatal("the exported bytes differ from the sent ones");
    QFile::remove(exported);
    QFile::remove(session);
}

Sample medianOf(const std::vector<Sample> &runs)
{
    std::vector<double> seconds, cpu, rss, afterClose;
    for (const Sample &s : runs) {
        seconds.push_back(s.seconds);
        cpu.push_back(s.cpuSeconds);
        rss.push_back(s.peakRssMb);
        afterClose.push_back(s.afterCloseSeconds);
    }
    return Sample {median(seconds), median(cpu), median(rss), median(afterClose)};
}

void printTable(const Config &config, const Samples &samples)
{
    const double gib = double(config.bytes) / double(qint64(1) << 30);
    std::printf("\n%.2f GiB session, median of %d runs\n\n", gib, config.runs);
    std::printf("| step | program | wall s | CPU s | peak RSS MB | wall / baseline | "
                "RSS / baseline |\n|---|---|---|---|---|---|---|\n");
    const std::pair<const char *, const char *> pairs[]
        = {{"listen --save", "listen"}, {"show -q", "dd"}, {"export --raw-rx", "cp"}};
    const char *steps[]
        = {"save (receive, write the file)", "reopen (load, summary)", "export raw rx"};
    int step = 0;
    for (const auto &[measured, baseline] : pairs) {
        const Sample base = medianOf(samples.at(QLatin1String(baseline)));
        const Sample it = medianOf(samples.at(QLatin1String(measured)));
        std::printf("| %s | `%s` (baseline) | %.2f | %.2f | %.0f | 1 | 1 |\n", steps[step],
                    baseline, base.seconds, base.cpuSeconds, base.peakRssMb);
        std::printf("| | `%s` | %.2f | %.2f | %.0f | %.2f | %.2f |\n", measured, it.seconds,
                    it.cpuSeconds, it.peakRssMb, it.seconds / base.seconds,
                    it.peakRssMb / base.peakRssMb);
        ++step;
    }
    const Sample save = medianOf(samples.at(QStringLiteral("listen --save")));
    const Sample write = medianOf(samples.at(QStringLiteral("disk write+sync")));
    const Sample read = medianOf(samples.at(QStringLiteral("disk read direct")));
    std::printf("\nlisten --save, from the close to the exit (the save): %.2f s; the disk "
                "alone: dd write + fdatasync %.2f s, dd read O_DIRECT %.2f s (sum %.2f s, "
                "ratio %.2f)\n",
                save.afterCloseSeconds, write.seconds, read.seconds, write.seconds + read.seconds,
                save.afterCloseSeconds / (write.seconds + read.seconds));
    std::printf("\nPer run (wall s / peak RSS MB):\n");
    for (const auto &[name, runs] : samples) {
        std::printf("  %-16s", qPrintable(name));
        for (const Sample &s : runs)
            std::printf("  %7.2f / %6.0f", s.seconds, s.peakRssMb);
        std::printf("\n");
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Saves a loopback session of --bytes with tcpinspector-cli listen --save, reopens it "
        "with show and exports it, each against a baseline."));
    parser.addHelpOption();
    const QCommandLineOption bytes(QStringLiteral("bytes"), QStringLiteral("Session size (2G)."),
                                   QStringLiteral("SIZE"), QStringLiteral("2G"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Runs (3)."),
                                  QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption cli(QStringLiteral("cli"), QStringLiteral("The tcpinspector-cli."),
                                 QStringLiteral("PATH"), QStringLiteral(TCPI_CLI_PATH));
    const QCommandLineOption dir(QStringLiteral("dir"),
                                 QStringLiteral("Folder for the session and the exports "
                                                "(default: a temporary one)."),
                                 QStringLiteral("DIR"));
    const QCommandLineOption noVerify(QStringLiteral("no-verify"),
                                      QStringLiteral("Skip the SHA-256 of the exported bytes."));
    parser.addOptions({bytes, runs, cli, dir, noVerify});
    parser.process(app);

    Config config;
    config.bytes = parseByteSize(parser.value(bytes));
    config.runs = parser.value(runs).toInt();
    config.cli = parser.value(cli);
    config.verify = !parser.isSet(noVerify);
    if (config.bytes <= 0 || config.runs <= 0)
        qFatal("--bytes and --runs must be positive");
    QTemporaryDir temporary(QDir::tempPath() + QStringLiteral("/bench-session-XXXXXX"));
    config.directory = parser.isSet(dir) ? parser.value(dir) : temporary.path();

    StreamPattern pattern(StreamPattern::Kind::Frames4K);
    config.bytes = pattern.roundedTotal(config.bytes);
    Samples samples;
    for (int run = 0; run < config.runs; ++run) {
        std::fprintf(stderr, "run %d of %d\n", run + 1, config.runs);
        oneRun(config, pattern, config.verify && run == 0, &samples);
    }
    printTable(config, samples);
    return 0;
}
