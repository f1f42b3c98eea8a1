// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectcommand.h"

#include "commonoptions.h"
#include "eventprinter.h"
#include "signalwatcher.h"

#include "framing/decoderregistry.h"
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "text/bytetext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QTimer>

#include <climits>
#include <cstdio>

namespace TcpInspector {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConnectCommand", text);
}

int usageError(const QString &message)
{
    std::fprintf(stderr, "tcpinspector-cli connect: %s\n", qPrintable(message));
    std::fprintf(stderr, "%s\n",
                 qPrintable(tr("Try 'tcpinspector-cli connect --help' for the options.")));
    return 2;
}

/// "BYTES" or "BYTES:DELAY_MS".
bool parseFragment(const QString &text, int *size, int *delayMs, QString *error)
{
    const QStringList parts = text.split(QLatin1Char(':'));
    bool sizeOk = false;
    bool delayOk = parts.size() == 1;
    const qint64 bytes = parts.value(0).toLongLong(&sizeOk);
    const qint64 delay = parts.size() == 2 ? parts.at(1).toLongLong(&delayOk) : 0;
    if (parts.size() > 2 || !sizeOk || !delayOk || bytes <= 0 || bytes > INT_MAX || delay < 0
        || delay > INT_MAX) {
        *error = tr("--fragment takes BYTES or BYTES:DELAY_MS, such as 3 or 3:5 (3 bytes at a "
                    "time, 5 ms apart), not '%1'.")
                     .arg(text);
        return false;
    }
    *size = int(bytes);
    *delayMs = int(delay);
    return true;
}

// Connections that are still closing get this long before the summary.
constexpr int closeGraceMs = 1000;
// The kernel's state after close (TIME_WAIT) is looked up 20 ms after it.
constexpr int afterCloseLookupMs = 60;

} // namespace

int runConnectCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Connects to HOST:PORT, sends what it is given, and prints every chunk, message, "
           "half-close, error and timeout as JSON lines until the peer closes, the idle timeout "
           "fires or the duration has passed; a summary line comes last."));
    parser.addHelpOption();
    const QCommandLineOption sendOption(
        QStringLiteral("send"),
        tr("Send STR, with C escapes (\\r \\n \\t \\0 \\\\ \\xHH). May be repeated; the --send "
           "options are sent in the order given."),
        tr("STR"));
    const QCommandLineOption sendHexOption(
        QStringLiteral("send-hex"), tr("Send bytes written as hex, such as 0d0a."), tr("HEX"));
    const QCommandLineOption sendFileOption(QStringLiteral("send-file"),
                                            tr("Send the contents of FILE."), tr("FILE"));
    const QCommandLineOption fragmentOption(
        QStringLiteral("fragment"),
        tr("Write BYTES at a time, DELAY_MS apart (default 0), to make the reads of the peer "
           "visible."),
        tr("BYTES[:DELAY_MS]"));
    const QCommandLineOption readSliceOption(QStringLiteral("read-slice"),
                                             tr("Read at most N bytes at a time."), tr("N"));
    const QCommandLineOption halfCloseOption(
        QStringLiteral("half-close"),
        tr("After sending, shut down the sending side (FIN) and keep reading."));
    const QCommandLineOption closeAfterReplyOption(QStringLiteral("close-after-reply"),
                                                   tr("Close once the first message arrives."));
    const QCommandLineOption connectTimeoutOption(
        QStringLiteral("connect-timeout"),
        tr("Give up connecting after MS (default 5000); 0: Qt's own 30 s."), tr("MS"));
    const QCommandLineOption countOption(QStringLiteral("count"),
                                         tr("Open N connections at once (default 1)."), tr("N"));
    const QCommandLineOption localOption(
        QStringLiteral("local"),
        tr("Bind to this local address first, host:port or :port (port 0: any)."), tr("ADDR"));
    parser.addOptions({sendOption, sendHexOption, sendFileOption, fragmentOption, readSliceOption,
                       halfCloseOption, closeAfterReplyOption, connectTimeoutOption, countOption,
                       localOption});
    const ConnectionFlags connectionFlags(true);
    parser.addOptions(connectionFlags.options());
    parser.addPositionalArgument(QStringLiteral("address"),
                                 tr("Where to connect: host:port or [v6]:port."),
                                 QStringLiteral("HOST:PORT"));

    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(commandHelp(parser, QStringLiteral("connect"))), stdout);
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(
            positional.isEmpty()
                ? tr("Say where to connect, for example 127.0.0.1:8080.")
                : tr("Give one address to connect to, not %1.").arg(positional.size()));

    QString error;
    const std::optional<HostPort> target
        = HostPort::parse(positional.first(), HostPort::Use::Connect, &error);
    if (!target)
        return usageError(error);

    ClientOptions options;
    options.target = *target;
    if (parser.isSet(localOption)) {
        const std::optional<HostPort> local
            = HostPort::parse(parser.value(localOption), HostPort::Use::Listen, &error);
        if (!local)
            return usageError(tr("--local: %1").arg(error));
        options.localHost = local->host;
        options.localPort = local->port;
    }
    int readSlice = 0;
    int count = 1;
    RunFlags run;
    if (!connectionFlags.readClient(parser, &options, &run, &error)
        || !intValue(parser, readSliceOption, 1, &readSlice, &error)
        || !intValue(parser, connectTimeoutOption, 0, &options.connectTimeoutMs, &error)
        || !intValue(parser, countOption, 1, &count, &error))
        return usageError(error);
    options.connection.readSlice = readSlice;
    int fragmentSize = 0;
    int fragmentDelayMs = 0;
    if (parser.isSet(fragmentOption)
        && !parseFragment(parser.value(fragmentOption), &fragmentSize, &fragmentDelayMs, &error))
        return usageError(error);

    // What to send, in the order the options were given.
    QByteArray payload;
    QHash<QString, int> used; // how many values of each option were taken
    for (const QString &name : parser.optionNames()) {
        const int index = used[name]++;
        QByteArray bytes;
        if (name == QLatin1String("send") || name == QLatin1String("send-hex")) {
            const bool hex = name == QLatin1String("send-hex");
            const QString text = parser.values(hex ? sendHexOption : sendOption).value(index);
            const ByteText::ParseResult parsed
                = hex ? ByteText::parseHex(text) : ByteText::parseCEscapes(text);
            if (!parsed.isValid())
                return usageError(tr("--%1 '%2': %3").arg(name, text, parsed.error));
            bytes = parsed.bytes;
        } else if (name == QLatin1String("send-file")) {
            const QString path = parser.values(sendFileOption).value(index);
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return usageError(tr("Cannot read '%1': %2. Check the path and that you may "
                                     "read it.")
                                      .arg(path, file.errorString()));
            bytes = file.readAll();
        }
        payload += bytes;
    }
    const bool halfClose = parser.isSet(halfCloseOption);
    const bool closeAfterReply = parser.isSet(closeAfterReplyOption);

    EventPrinter printer(run.previewBytes);
    ClientEndpoint client;
    SignalWatcher signalWatcher;
    QEventLoop loop;
    bool allStarted = false;
    bool stopping = false;
    QElapsedTimer stopClock;

    // Closes what is still open (flushing first), gives the closes and the
    // kernel lookups after them a moment, then prints the summary.
    const auto stop = [&](const QString &why) {
        if (stopping)
            return;
        stopping = true;
        if (!why.isEmpty())
            printer.printNote(why);
        for (Connection *connection : client.connections()) {
            if (!isFinalState(connection->state()))
                connection->close();
        }
        auto *poll = new QTimer(&loop);
        stopClock.start();
        QObject::connect(poll, &QTimer::timeout, &loop, [&, poll] {
            if (client.openConnections() > 0 && stopClock.elapsed() < closeGraceMs)
                return;
            poll->stop();
            const int lookup = options.connection.kernelSampleMs > 0 ? afterCloseLookupMs : 0;
            QTimer::singleShot(lookup, &loop, [&] {
                printer.printSummary();
                loop.exit(printer.failedConnections() > 0 ? 3 : 0);
            });
        });
        poll->start(10);
    };

    // Sends once established, FIN after that when asked, closes when the peer
    // is done or (--close-after-reply) when its first message arrives.
    const auto handleEstablished = [&](Connection *connection) {
        if (fragmentSize > 0)
            connection->sendFragmented(payload, fragmentSize, fragmentDelayMs);
        else
            connection->send(payload);
        // The FIN waits for the bytes (and fragments) before it.
        if (halfClose)
            connection->halfClose();
    };
    const auto drive = [&](Connection *connection) {
        printer.printConnecting(connection, options.target.toString());
        printer.watch(connection);
        QObject::connect(connection, &Connection::stateChanged, &loop,
                         [&, connection](ConnectionState state, StateCause) {
                             if (state == ConnectionState::Established) {
                                 handleEstablished(connection);
                             } else if (state == ConnectionState::RemoteHalfClosed) {
                                 // Queued: Qt may be closing the socket itself right now,
                                 // and the timeline should say that it did.
                                 QTimer::singleShot(0, connection,
                                                    [connection] { connection->close(); });
                             }
                         });
        if (closeAfterReply) {
            QObject::connect(connection, &Connection::messagesDecoded, &loop,
                             [connection](Direction direction, qint64, qint64) {
                                 if (direction == Direction::Rx)
                                     connection->close();
                             });
        }
    };
    QObject::connect(&client, &ClientEndpoint::connectionCreated, &loop, drive);
    QObject::connect(&client, &ClientEndpoint::connectionFinished, &loop, [&] {
        if (allStarted && client.openConnections() == 0)
            stop(QString());
    });
    QObject::connect(&signalWatcher, &SignalWatcher::signalReceived, &loop, [&](int signal) {
        stop(tr("Received %1; stopping.").arg(SignalWatcher::signalName(signal)));
    });
    if (run.durationMs > 0) {
        QTimer::singleShot(run.durationMs, &loop, [&] {
            stop(tr("%1 ms have passed (--duration); stopping.").arg(run.durationMs));
        });
    }

    for (int i = 0; i < count; ++i)
        client.connectTo(options);
    allStarted = true;
    // A local bind that fails ends a connection before connectTo() returns.
    if (client.openConnections() == 0)
        stop(QString());
    return loop.exec();
}

} // namespace TcpInspector
