// SPDX-License-Identifier: GPL-3.0-or-later
#include "listencommand.h"

#include "commonoptions.h"
#include "eventprinter.h"
#include "signalwatcher.h"

#include "framing/decoderregistry.h"
#include "net/connection.h"
#include "net/serverendpoint.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <climits>
#include <cstdio>

namespace TcpInspector {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ListenCommand", text);
}

int usageError(const QString &message)
{
    std::fprintf(stderr, "tcpinspector-cli listen: %s\n", qPrintable(message));
    std::fprintf(stderr, "%s\n",
                 qPrintable(tr("Try 'tcpinspector-cli listen --help' for the options.")));
    return 2;
}

// Connections that are still closing get this long before the summary.
constexpr int closeGraceMs = 1000;
// The kernel's state after close (TIME_WAIT) is looked up 20 ms after it.
constexpr int afterCloseLookupMs = 60;
// A finished connection is kept this long (its last kernel lookup), then freed:
// a server that runs for days must not keep every connection's bytes.
constexpr int keepFinishedMs = 1000;

} // namespace

int runListenCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Listens on ADDR and prints every accepted connection's chunks, messages, "
           "half-closes, errors and timeouts as JSON lines; a summary line comes last."));
    parser.addHelpOption();
    const QCommandLineOption replyOption(
        QStringLiteral("reply"),
        tr("What to answer: none, echo (each read), echo-message (each decoded message), "
           "text:STR (C escapes) or hex:HEX for each message. Default none."),
        tr("REPLY"), QStringLiteral("none"));
    const QCommandLineOption replyDelayOption(QStringLiteral("reply-delay"),
                                              tr("Wait MS before each reply."), tr("MS"));
    const QCommandLineOption closeAfterReplyOption(QStringLiteral("close-after-reply"),
                                                   tr("Close a connection after its first reply."));
    const QCommandLineOption backlogOption(QStringLiteral("backlog"),
                                           tr("listen(2) backlog (default 50)."), tr("N"));
    const QCommandLineOption maxConnectionsOption(
        QStringLiteral("max-connections"),
        tr("Stop accepting while N connections are open; 0: no limit (default)."), tr("N"));
    const QCommandLineOption noReuseOption(
        QStringLiteral("no-reuseaddr"),
        tr("Listen without SO_REUSEADDR, to see TIME_WAIT hold the port after a restart."));
    const QCommandLineOption exitAfterOption(
        QStringLiteral("exit-after"), tr("Exit once N connections have ended; 0: never (default)."),
        tr("N"));
    parser.addOptions({replyOption, replyDelayOption, closeAfterReplyOption, backlogOption,
                       maxConnectionsOption, noReuseOption, exitAfterOption});
    const ConnectionFlags connectionFlags(false);
    parser.addOptions(connectionFlags.options());
    parser.addPositionalArgument(QStringLiteral("address"),
                                 tr("Where to listen: host:port, :port or [v6]:port; port 0 lets "
                                    "the system choose."),
                                 QStringLiteral("ADDR"));

    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(commandHelp(parser, QStringLiteral("listen"))), stdout);
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(
            positional.isEmpty()
                ? tr("Say where to listen, for example 127.0.0.1:8080 or :0.")
                : tr("Give one address to listen on, not %1.").arg(positional.size()));

    QString error;
    const std::optional<HostPort> address
        = HostPort::parse(positional.first(), HostPort::Use::Listen, &error);
    if (!address)
        return usageError(error);

    ServerOptions options;
    options.address = *address;
    const std::optional<ReplyPolicy> reply = ReplyPolicy::parse(parser.value(replyOption), &error);
    if (!reply)
        return usageError(error);
    options.reply = *reply;
    options.reply.closeAfterReply = parser.isSet(closeAfterReplyOption);
    options.reuseAddress = !parser.isSet(noReuseOption);
    int exitAfter = 0;
    RunFlags run;
    if (!connectionFlags.read(parser, &options.connection, &run, &error)
        || !intValue(parser, replyDelayOption, 0, &options.reply.delayMs, &error)
        || !intValue(parser, backlogOption, 1, &options.backlog, &error)
        || !intValue(parser, maxConnectionsOption, 0, &options.maxConnections, &error)
        || !intValue(parser, exitAfterOption, 0, &exitAfter, &error))
        return usageError(error);

    EventPrinter printer(run.previewBytes);
    ServerEndpoint server;
    SignalWatcher signalWatcher;
    QEventLoop loop;
    int endedConnections = 0;
    bool stopping = false;
    QElapsedTimer stopClock;

    QObject::connect(&server, &ServerEndpoint::connectionAccepted, &printer,
                     [&printer](Connection *connection) { printer.watch(connection); });
    QObject::connect(&server, &ServerEndpoint::acceptFailed, &printer,
                     [&printer](const SocketErrorInfo &info) { printer.printError(info); });

    SocketErrorInfo listenError;
    if (!server.listen(options, &listenError)) {
        printer.printError(listenError);
        printer.printSummary();
        std::fprintf(stderr, "tcpinspector-cli listen: %s: %s\n", qPrintable(listenError.message),
                     qPrintable(listenError.explanation));
        return 3;
    }
    printer.printListening(server.boundAddress());

    // Stops accepting, closes what is open (flushing first), gives the closes
    // and the kernel lookups after them a moment, then prints the summary.
    const auto stop = [&](const QString &why) {
        if (stopping)
            return;
        stopping = true;
        printer.printNote(why);
        server.stop();
        for (Connection *connection : server.connections()) {
            if (!isFinalState(connection->state()))
                connection->close();
        }
        auto *poll = new QTimer(&loop);
        stopClock.start();
        QObject::connect(poll, &QTimer::timeout, &loop, [&, poll] {
            if (server.openConnections() > 0 && stopClock.elapsed() < closeGraceMs)
                return;
            poll->stop();
            const int lookup = options.connection.kernelSampleMs > 0 ? afterCloseLookupMs : 0;
            QTimer::singleShot(lookup, &loop, [&] {
                printer.printSummary();
                loop.exit(0);
            });
        });
        poll->start(10);
    };

    QObject::connect(
        &server, &ServerEndpoint::connectionFinished, &loop, [&](Connection *connection) {
            QTimer::singleShot(keepFinishedMs, connection,
                               [connection] { connection->deleteLater(); });
            ++endedConnections;
            if (exitAfter > 0 && endedConnections >= exitAfter)
                stop(QCoreApplication::translate("ListenCommand",
                                                 "%n connection(s) ended (--exit-after); stopping.",
                                                 nullptr, endedConnections));
        });
    QObject::connect(&signalWatcher, &SignalWatcher::signalReceived, &loop, [&](int signal) {
        stop(tr("Received %1; stopping.").arg(SignalWatcher::signalName(signal)));
    });
    if (run.durationMs > 0) {
        QTimer::singleShot(run.durationMs, &loop, [&] {
            stop(tr("%1 ms have passed (--duration); stopping.").arg(run.durationMs));
        });
    }
    return loop.exec();
}

} // namespace TcpInspector
