// SPDX-License-Identifier: GPL-3.0-or-later
#include "commonoptions.h"
#include "clitr.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include "framing/decoderregistry.h"
#include "framing/framingspec.h"

#include <climits>
#include <cstdio>

namespace TcpInspector {

QString commandHelp(const QCommandLineParser &parser, const QString &command)
{
    QString help = parser.helpText();
    const QString program = QCoreApplication::arguments().value(0);
    const qsizetype at = help.indexOf(program);
    if (!program.isEmpty() && at >= 0)
        help.replace(at, program.size(), QStringLiteral("tcpinspector-cli ") + command);
    return help;
}

int usageError(const QString &command, const QString &message, const QString &hint)
{
    std::fprintf(stderr, "tcpinspector-cli %s: %s\n", qPrintable(command), qPrintable(message));
    std::fprintf(stderr, "%s\n", qPrintable(hint));
    return 2;
}

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments,
                                    const QString &command, const QString &hint)
{
    if (!parser.parse(arguments))
        return usageError(command, parser.errorText(), hint);
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(commandHelp(parser, command)), stdout);
        return 0;
    }
    return std::nullopt;
}

bool intValue(const QCommandLineParser &parser, const QCommandLineOption &option, int minimum,
              int *value, QString *error)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const qint64 number = parser.value(option).toLongLong(&ok);
    if (!ok || number < minimum || number > INT_MAX) {
        *error = CliTr::tr("--%1 needs a whole number from %2 to %3, not '%4'.")
                     .arg(option.names().constLast())
                     .arg(minimum)
                     .arg(INT_MAX)
                     .arg(parser.value(option));
        return false;
    }
    *value = int(number);
    return true;
}

QCommandLineOption saveOption()
{
    return QCommandLineOption(
        QStringLiteral("save"),
        CliTr::tr("Save the session (every connection's bytes, reads, events and the lines "
                  "printed) to FILE at the end; 'tcpinspector-cli show FILE' prints it again."),
        CliTr::tr("FILE"));
}

OutputFlags::OutputFlags(const QString &eventsExample)
    : m_preview(QStringLiteral("preview"),
                CliTr::tr("Bytes of each message to preview (default 64)."), CliTr::tr("N")),
      m_events(QStringLiteral("events"),
               CliTr::tr("Print only these events: all (default), none (the summary alone), or a "
                         "comma-separated list such as %1.")
                   .arg(eventsExample),
               CliTr::tr("LIST")),
      m_quiet(QStringList {QStringLiteral("q"), QStringLiteral("quiet")},
              CliTr::tr("Print the summary alone (--events none)."))
{ }

bool OutputFlags::read(const QCommandLineParser &parser, RunFlags *run, QString *error) const
{
    if (parser.isSet(m_quiet) && parser.isSet(m_events)) {
        *error = CliTr::tr("-q is --events none: give one of them.");
        return false;
    }
    if (parser.isSet(m_quiet)) {
        run->events = EventSelection::none();
    } else if (parser.isSet(m_events)) {
        const std::optional<EventSelection> events
            = EventSelection::parse(parser.value(m_events), error);
        if (!events)
            return false;
        run->events = *events;
    }
    return intValue(parser, m_preview, 0, &run->previewBytes, error);
}

ConnectionFlags::ConnectionFlags(bool forClient, bool withTls)
    : m_forClient(forClient),
      m_withTls(withTls),
      m_framing({QStringLiteral("f"), QStringLiteral("framing")},
                CliTr::tr("Framing of both directions, name[:key=value,...] (default raw). "
                          "'tcpinspector-cli framings' lists them."),
                CliTr::tr("SPEC"), QStringLiteral("raw")),
      m_engine(QStringLiteral("engine"),
               CliTr::tr(
                   "Socket engine: qt (QTcpSocket) or native (the descriptor itself). Default qt."),
               CliTr::tr("ENGINE"), QStringLiteral("qt")),
      m_qtNoFlush(QStringLiteral("qt-no-flush"),
                  CliTr::tr("qt engine: write as a plain Qt program does, into QTcpSocket's buffer "
                            "without flush(). Qt throws away what is still there when it closes "
                            "at the peer's EOF: replies to a half-closing client get lost.")),
      m_idle(QStringLiteral("idle-timeout"),
             CliTr::tr("Close a connection after MS without a read; 0: never (default)."),
             CliTr::tr("MS")),
      m_duration(QStringLiteral("duration"),
                 CliTr::tr("Exit after MS, closing the open connections."), CliTr::tr("MS")),
      m_output(QStringLiteral("accepted,closed,error")),
      m_kernel(QStringLiteral("kernel-sample"),
               CliTr::tr("Sample the kernel's TCP state every MS while it changes; 0: off (default "
                         "100)."),
               CliTr::tr("MS")),
      m_noDelay(QStringLiteral("nodelay"), CliTr::tr("Set TCP_NODELAY (no Nagle).")),
      m_receiveBuffer(QStringLiteral("rcvbuf"),
                      CliTr::tr("SO_RCVBUF in bytes: a small one makes the window fill (the kernel "
                                "doubles the value)."),
                      CliTr::tr("BYTES")),
      m_sendBuffer(QStringLiteral("sndbuf"), CliTr::tr("SO_SNDBUF in bytes."), CliTr::tr("BYTES")),
      m_maxSegment(QStringLiteral("mss"),
                   CliTr::tr("TCP_MAXSEG: the largest segment to send, set before the handshake."),
                   CliTr::tr("BYTES")),
      m_writeStall(
          QStringLiteral("write-stall"),
          CliTr::tr("Report bytes that wait this long to be sent (a peer that does not read)."),
          CliTr::tr("MS")),
      m_keep(QStringLiteral("keep"),
             CliTr::tr("Ring mode: keep only the newest SIZE bytes of each direction (such as "
                       "64M), for watching rather than recording. What goes is counted in the "
                       "summary's evicted_bytes."),
             CliTr::tr("SIZE")),
      m_save(saveOption()),
      m_synRetries(
          QStringLiteral("syn-retries"),
          CliTr::tr("TCP_SYNCNT: SYN retransmissions before the kernel gives up connecting."),
          CliTr::tr("N")),
      m_keepalive(
          QStringLiteral("keepalive"),
          CliTr::tr("Turn on keepalive probes: after IDLE s of silence, every INTERVAL s, COUNT "
                    "times (TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT; 0 keeps the system's)."),
          CliTr::tr("IDLE:INTERVAL:COUNT")),
      m_userTimeout(QStringLiteral("user-timeout"),
                    CliTr::tr("TCP_USER_TIMEOUT: drop the connection when sent data stays "
                              "unacknowledged this long."),
                    CliTr::tr("MS")),
      m_tls(forClient)
{ }

QList<QCommandLineOption> ConnectionFlags::options() const
{
    QList<QCommandLineOption> list {m_framing, m_engine, m_qtNoFlush, m_idle, m_duration};
    list += m_output.options();
    list += {m_kernel,     m_noDelay,    m_receiveBuffer, m_sendBuffer,
             m_maxSegment, m_writeStall, m_keep,          m_save};
    if (m_forClient)
        list += {m_synRetries, m_keepalive, m_userTimeout};
    if (m_withTls)
        list += m_tls.options();
    return list;
}

bool ConnectionFlags::read(const QCommandLineParser &parser, ConnectionOptions *connection,
                           RunFlags *run, QString *error) const
{
    const QString framing = parser.value(m_framing);
    if (!DecoderRegistry::instance().validate(framing, error))
        return false;
    run->savePath = parser.value(m_save);
    connection->rxFraming = framing;
    connection->txFraming = framing;
    const std::optional<EngineKind> engine = engineFromKey(parser.value(m_engine));
    if (!engine) {
        *error = CliTr::tr("Unknown engine '%1'. Valid engines: qt, native.")
                     .arg(parser.value(m_engine));
        return false;
    }
    connection->engine = *engine;
    connection->qtFlushWrites = !parser.isSet(m_qtNoFlush);
    if (!connection->qtFlushWrites && *engine != EngineKind::Qt) {
        *error
            = CliTr::tr("--qt-no-flush is a mode of the qt engine; leave it out with --engine %1.")
                  .arg(parser.value(m_engine));
        return false;
    }
    if (!m_output.read(parser, run, error))
        return false;
    if (parser.isSet(m_keep)) {
        QString sizeError;
        if (!parseSize(parser.value(m_keep), &connection->store.keepBytes, &sizeError)) {
            *error = QStringLiteral("--keep: ") + sizeError;
            return false;
        }
    }
    connection->noDelay = parser.isSet(m_noDelay);
    connection->kernelSampleMs = 100;
    const QString engineGiven = parser.isSet(m_engine) ? parser.value(m_engine) : QString();
    if (m_withTls && !m_tls.read(parser, engineGiven, connection, error))
        return false;
    run->tlsRecords = m_withTls && m_tls.printsRecords(parser);
    return intValue(parser, m_idle, 0, &connection->idleTimeoutMs, error)
           && intValue(parser, m_duration, 1, &run->durationMs, error)
           && intValue(parser, m_kernel, 0, &connection->kernelSampleMs, error)
           && intValue(parser, m_receiveBuffer, 1, &connection->receiveBuffer, error)
           && intValue(parser, m_sendBuffer, 1, &connection->sendBuffer, error)
           && intValue(parser, m_maxSegment, 88, &connection->maxSegment, error)
           && intValue(parser, m_writeStall, 1, &connection->writeStallMs, error)
           && (!m_forClient || intValue(parser, m_synRetries, 1, &connection->synRetries, error));
}

bool ConnectionFlags::readClient(const QCommandLineParser &parser, ClientOptions *client,
                                 RunFlags *run, QString *error) const
{
    if (!read(parser, &client->connection, run, error)
        || !intValue(parser, m_userTimeout, 1, &client->userTimeoutMs, error))
        return false;
    if (!parser.isSet(m_keepalive))
        return true;
    const QStringList parts = parser.value(m_keepalive).split(QLatin1Char(':'));
    QList<int> numbers;
    for (const QString &part : parts) {
        bool ok = false;
        const int n = part.toInt(&ok);
        if (!ok || n < 0)
            break;
        numbers.append(n);
    }
    if (parts.size() != 3 || numbers.size() != 3) {
        *error
            = CliTr::tr("--keepalive needs IDLE:INTERVAL:COUNT, three whole numbers such as 30:5:3 "
                        "(0 keeps the system's value), not '%1'.")
                  .arg(parser.value(m_keepalive));
        return false;
    }
    client->keepalive.enabled = true;
    client->keepalive.idleSeconds = numbers.at(0);
    client->keepalive.intervalSeconds = numbers.at(1);
    client->keepalive.count = numbers.at(2);
    return true;
}

} // namespace TcpInspector
