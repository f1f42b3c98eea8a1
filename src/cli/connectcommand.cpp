// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectcommand.h"
#include "clitr.h"

#include "commandrun.h"
#include "expectations.h"

#include "framing/decoderregistry.h"
#include "framing/framingspec.h"
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "text/bytetext.h"

#include <QFile>
#include <QHash>
#include <QTimer>

#include <climits>
#include <cstdio>

namespace TcpInspector {

namespace {

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
        *error
            = CliTr::tr("--fragment takes BYTES or BYTES:DELAY_MS, such as 3 or 3:5 (3 bytes at a "
                        "time, 5 ms apart), not '%1'.")
                  .arg(text);
        return false;
    }
    *size = int(bytes);
    *delayMs = int(delay);
    return true;
}

} // namespace

ConnectCommand::ConnectCommand()
    : m_send(
        QStringLiteral("send"),
        CliTr::tr(
            "Send STR, with C escapes (\\r \\n \\t \\0 \\\\ \\xHH). May be repeated; the --send "
            "options are sent in the order given."),
        CliTr::tr("STR")),
      m_sendHex(QStringLiteral("send-hex"), CliTr::tr("Send bytes written as hex, such as 0d0a."),
                CliTr::tr("HEX")),
      m_sendFile(QStringLiteral("send-file"), CliTr::tr("Send the contents of FILE."),
                 CliTr::tr("FILE")),
      m_fragment(
          QStringLiteral("fragment"),
          CliTr::tr("Write BYTES at a time, DELAY_MS apart (default 0), to make the reads of the "
                    "peer visible."),
          CliTr::tr("BYTES[:DELAY_MS]")),
      m_readSlice(QStringLiteral("read-slice"), CliTr::tr("Read at most N bytes at a time."),
                  CliTr::tr("N")),
      m_halfClose(QStringLiteral("half-close"),
                  CliTr::tr("After sending, shut down the sending side (FIN) and keep reading.")),
      m_closeAfterReply(QStringLiteral("close-after-reply"),
                        CliTr::tr("Close once the first message arrives.")),
      m_connectTimeout(QStringLiteral("connect-timeout"),
                       CliTr::tr("Give up connecting after MS (default 5000); 0: Qt's own 30 s."),
                       CliTr::tr("MS")),
      m_count(QStringLiteral("count"), CliTr::tr("Open N connections at once (default 1)."),
              CliTr::tr("N")),
      m_local(QStringLiteral("local"),
              CliTr::tr("Bind to this local address first, host:port or :port (port 0: any)."),
              CliTr::tr("ADDR")),
      m_expect(QStringLiteral("expect"),
               CliTr::tr("Expect a received message whose payload, as text, matches REGEX "
                         "(Perl syntax, not anchored). May be repeated: matched in order, "
                         "messages in between are passed over. Exit 0 once all matched, 1 when "
                         "one did not in time or before the peer closed."),
               CliTr::tr("REGEX")),
      m_expectTimeout(QStringLiteral("expect-timeout"),
                      CliTr::tr("Wait at most MS for each --expect (default 5000), counted "
                                "from the connection's start or the previous match."),
                      CliTr::tr("MS")),
      m_connectionFlags(true)
{
    m_parser.setApplicationDescription(CliTr::tr(
        "Connects to HOST:PORT, sends what it is given, and prints every chunk, message, "
        "half-close, error and timeout as JSON lines until the peer closes, the idle timeout "
        "fires or the duration has passed; a summary line comes last."));
    m_parser.addHelpOption();
    m_parser.addOptions({m_send, m_sendHex, m_sendFile, m_fragment, m_readSlice, m_halfClose,
                         m_closeAfterReply, m_connectTimeout, m_count, m_local, m_expect,
                         m_expectTimeout});
    m_parser.addOptions(m_connectionFlags.options());
    m_parser.addPositionalArgument(QStringLiteral("address"),
                                   CliTr::tr("Where to connect: host:port or [v6]:port."),
                                   QStringLiteral("HOST:PORT"));
}

int ConnectCommand::usageError(const QString &message) const
{
    return TcpInspector::usageError(
        QStringLiteral("connect"), message,
        CliTr::tr("Try 'tcpinspector-cli connect --help' for the options."));
}

std::optional<int> ConnectCommand::readOptions(const QStringList &arguments)
{
    if (const std::optional<int> done
        = parseCommandLine(m_parser, arguments, QStringLiteral("connect"),
                           CliTr::tr("Try 'tcpinspector-cli connect --help' for the options.")))
        return done;
    const QStringList positional = m_parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(
            positional.isEmpty()
                ? CliTr::tr("Say where to connect, for example 127.0.0.1:8080.")
                : CliTr::tr("Give one address to connect to, not %1.").arg(positional.size()));

    QString error;
    const std::optional<HostPort> target
        = HostPort::parse(positional.first(), HostPort::Use::Connect, &error);
    if (!target)
        return usageError(error);
    m_options.target = *target;
    if (m_parser.isSet(m_local)) {
        const std::optional<HostPort> local
            = HostPort::parse(m_parser.value(m_local), HostPort::Use::Listen, &error);
        if (!local)
            return usageError(CliTr::tr("--local: %1").arg(error));
        m_options.localHost = local->host;
        m_options.localPort = local->port;
    }
    int readSlice = 0;
    if (!m_connectionFlags.readClient(m_parser, &m_options, &m_runFlags, &error)
        || !intValue(m_parser, m_readSlice, 1, &readSlice, &error)
        || !intValue(m_parser, m_connectTimeout, 0, &m_options.connectTimeoutMs, &error)
        || !intValue(m_parser, m_count, 1, &m_connections, &error))
        return usageError(error);
    m_options.connection.readSlice = readSlice;
    if (m_parser.isSet(m_fragment)
        && !parseFragment(m_parser.value(m_fragment), &m_fragmentSize, &m_fragmentDelayMs, &error))
        return usageError(error);
    if (!readPayload(&error) || !readExpectations(&error))
        return usageError(error);
    return std::nullopt;
}

bool ConnectCommand::readExpectations(QString *error)
{
    if (!intValue(m_parser, m_expectTimeout, 1, &m_expectTimeoutMs, error))
        return false;
    for (const QString &text : m_parser.values(m_expect)) {
        const MessageMatch pattern(MessageMatch::Mode::Regex, text.toUtf8());
        if (!pattern.isValid()) {
            *error = CliTr::tr("--expect '%1': %2 at character %3. Escape a special character "
                               "with a backslash, for example \\+OK.")
                         .arg(text, pattern.errorString())
                         .arg(pattern.errorOffset());
            return false;
        }
        m_patterns.append(pattern);
    }
    return true;
}

bool ConnectCommand::readPayload(QString *error)
{
    QHash<QString, int> used; // how many values of each option were taken
    for (const QString &name : m_parser.optionNames()) {
        const int index = used[name]++;
        QByteArray bytes;
        if (name == QLatin1String("send") || name == QLatin1String("send-hex")) {
            const bool hex = name == QLatin1String("send-hex");
            const QString text = m_parser.values(hex ? m_sendHex : m_send).value(index);
            const ByteText::ParseResult parsed
                = hex ? ByteText::parseHex(text) : ByteText::parseCEscapes(text);
            if (!parsed.isValid()) {
                *error = CliTr::tr("--%1 '%2': %3").arg(name, text, parsed.error);
                return false;
            }
            bytes = parsed.bytes;
        } else if (name == QLatin1String("send-file")) {
            const QString path = m_parser.values(m_sendFile).value(index);
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                *error = CliTr::tr("Cannot read '%1': %2. Check the path and that you may read it.")
                             .arg(path, file.errorString());
                return false;
            }
            bytes = file.readAll();
        }
        m_payload += bytes;
    }
    return true;
}

int ConnectCommand::run(const QStringList &arguments)
{
    if (const std::optional<int> done = readOptions(arguments))
        return *done;
    CommandRun run(m_runFlags, m_options.connection.kernelSampleMs);
    run.setFailureExitCode(true);
    ClientEndpoint client;
    run.setEndpoint(client);
    Expectations expectations(m_patterns, m_expectTimeoutMs, run.printer());
    if (!expectations.isEmpty()) {
        run.setExpectationFailures([&expectations] { return expectations.failures(); });
        QObject::connect(&expectations, &Expectations::settled, &run,
                         [&run] { run.stop(QString()); });
        QObject::connect(&client, &ClientEndpoint::connectionCreated, &expectations,
                         &Expectations::watch);
    }
    bool allStarted = false;
    QObject::connect(&client, &ClientEndpoint::connectionCreated, &run,
                     [this, &run](Connection *connection) { drive(run, connection); });
    QObject::connect(&client, &ClientEndpoint::connectionFinished, &run, [&] {
        if (allStarted && client.openConnections() == 0)
            run.stop(QString());
    });
    for (int i = 0; i < m_connections; ++i)
        client.connectTo(m_options);
    allStarted = true;
    // A local bind that fails ends a connection before connectTo() returns.
    if (client.openConnections() == 0)
        run.stop(QString());
    return run.exec();
}

void ConnectCommand::drive(CommandRun &run, Connection *connection)
{
    run.printer().printConnecting(connection, m_options.target.toString());
    run.printer().watch(connection);
    // Sends once established; closes when the peer is done.
    QObject::connect(connection, &Connection::stateChanged, &run,
                     [this, connection](ConnectionState state, StateCause) {
                         if (state == ConnectionState::Established) {
                             handleEstablished(connection);
                         } else if (state == ConnectionState::RemoteHalfClosed) {
                             // Queued: Qt may be closing the socket itself right now,
                             // and the timeline should say that it did.
                             QTimer::singleShot(0, connection,
                                                [connection] { connection->close(); });
                         }
                     });
    // --close-after-reply: closes when the first message arrives.
    if (m_parser.isSet(m_closeAfterReply)) {
        QObject::connect(connection, &Connection::messagesDecoded, &run,
                         [connection](Direction direction, qint64, qint64) {
                             if (direction == Direction::Rx)
                                 connection->close();
                         });
    }
}

void ConnectCommand::handleEstablished(Connection *connection)
{
    if (m_fragmentSize > 0)
        connection->sendFragmented(m_payload, m_fragmentSize, m_fragmentDelayMs);
    else
        connection->send(m_payload);
    // The FIN waits for the bytes (and fragments) before it.
    if (m_parser.isSet(m_halfClose))
        connection->halfClose();
}

} // namespace TcpInspector
