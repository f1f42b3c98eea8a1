// SPDX-License-Identifier: GPL-3.0-or-later
#include "relaycommand.h"
#include "clitr.h"

#include "commandrun.h"
#include "jsonline.h"

#include "net/connection.h"

#include <QJsonObject>

#include <cstdio>

namespace TcpInspector {

RelayCommand::RelayCommand()
    : m_connectTimeout(QStringLiteral("connect-timeout"),
                       CliTr::tr("Give up on the upstream connect after MS (default 5000); 0: "
                                 "the system's."),
                       CliTr::tr("MS")),
      m_onUpstreamFailure(
          QStringLiteral("on-upstream-failure"),
          CliTr::tr("What the accepted connection gets when the upstream connect fails: reset "
                    "(an RST, as from a server that refuses; the default) or close (a FIN)."),
          CliTr::tr("WHAT"), QStringLiteral("reset")),
      m_exitAfter(QStringLiteral("exit-after"),
                  CliTr::tr("Exit once N relayed connections (both legs) have ended; 0: never "
                            "(default)."),
                  CliTr::tr("N")),
      m_faults {
          {QStringLiteral("latency"),
           CliTr::tr("Hold every byte MS (plus up to JITTER ms) before passing it on."),
           CliTr::tr("[c2s:|s2c:]MS[:JITTER]")},
          {QStringLiteral("bandwidth"), CliTr::tr("Pass at most BYTES a second on."),
           CliTr::tr("[c2s:|s2c:]BYTES")},
          {QStringLiteral("slice"),
           CliTr::tr("Write what was read again in pieces of BYTES, DELAY_MS apart: finds the "
                     "program that takes one read for one message."),
           CliTr::tr("[c2s:|s2c:]BYTES[:DELAY_MS]")},
          {QStringLiteral("coalesce"),
           CliTr::tr("Hold bytes MS after the first, then write them together."),
           CliTr::tr("[c2s:|s2c:]MS")},
          {QStringLiteral("limit-data"),
           CliTr::tr("After BYTES in that direction, close both legs (or reset them)."),
           CliTr::tr("[c2s:|s2c:]BYTES[:reset]")},
          {QStringLiteral("reset-after"), CliTr::tr("Reset both legs MS after the accept."),
           CliTr::tr("MS")},
          {QStringLiteral("connect-delay"), CliTr::tr("Wait MS before connecting upstream."),
           CliTr::tr("MS")},
      },
      m_connectionFlags(false, false),
      m_listenTls(false, QString(), false),
      m_upstreamTls(true, QStringLiteral("upstream-"), false)
{
    m_parser.setApplicationDescription(CliTr::tr(
        "Listens on LISTEN and, for every connection it accepts, connects to TARGET and passes "
        "the bytes both ways: a FIN becomes a half-close on the other leg, an RST an RST. "
        "Prints both legs' chunks, messages, half-closes, errors and timeouts as JSON lines, "
        "each with its \"leg\" (client or server) and \"pair\"; a summary line comes last. "
        "The engine is native unless --engine says otherwise (the qt engine cannot carry a "
        "half-close). Faults: each of --latency, --bandwidth, --slice, --coalesce and "
        "--limit-data acts on both directions, or on one with c2s: (client to server) or s2c: "
        "before the value, and may be given once per direction. TLS: --tls and the options "
        "after it speak TLS to the clients, as listen's do; --upstream-tls and the options after "
        "it speak TLS to TARGET, as connect's do. Each leg's chunks are its plaintext."));
    m_parser.addHelpOption();
    m_parser.addOptions({m_connectTimeout, m_onUpstreamFailure, m_exitAfter});
    m_parser.addOptions(m_faults);
    m_parser.addOptions(m_connectionFlags.options());
    m_parser.addOptions(m_listenTls.options());
    m_parser.addOptions(m_upstreamTls.options());
    m_parser.addPositionalArgument(
        QStringLiteral("listen"),
        CliTr::tr("Where to listen: host:port, :port or [v6]:port; port 0 lets the system "
                  "choose."),
        QStringLiteral("LISTEN"));
    m_parser.addPositionalArgument(QStringLiteral("target"),
                                   CliTr::tr("The server to relay to: host:port or [v6]:port."),
                                   QStringLiteral("TARGET"));
}

int RelayCommand::usageError(const QString &message) const
{
    return TcpInspector::usageError(
        QStringLiteral("relay"), message,
        CliTr::tr("Try 'tcpinspector-cli relay --help' for the options."));
}

std::optional<int> RelayCommand::readOptions(const QStringList &arguments)
{
    if (const std::optional<int> done
        = parseCommandLine(m_parser, arguments, QStringLiteral("relay"),
                           CliTr::tr("Try 'tcpinspector-cli relay --help' for the options.")))
        return done;
    const QStringList positional = m_parser.positionalArguments();
    if (positional.size() != 2)
        return usageError(CliTr::tr("Say where to listen and where to relay to, for example "
                                    "127.0.0.1:7000 127.0.0.1:6379."));
    QString error;
    const std::optional<HostPort> listen
        = HostPort::parse(positional.at(0), HostPort::Use::Listen, &error);
    if (!listen)
        return usageError(error);
    const std::optional<HostPort> target
        = HostPort::parse(positional.at(1), HostPort::Use::Connect, &error);
    if (!target)
        return usageError(error);
    m_options.listen.address = *listen;
    m_options.upstream.target = *target;
    const QString failure = m_parser.value(m_onUpstreamFailure);
    if (failure != QLatin1String("reset") && failure != QLatin1String("close"))
        return usageError(
            CliTr::tr("--on-upstream-failure '%1': say reset or close.").arg(failure));
    m_options.resetOnUpstreamFailure = failure == QLatin1String("reset");
    if (!m_connectionFlags.read(m_parser, &m_options.listen.connection, &m_runFlags, &error)
        || !intValue(m_parser, m_connectTimeout, 0, &m_options.upstream.connectTimeoutMs, &error)
        || !intValue(m_parser, m_exitAfter, 0, &m_exitAfterCount, &error))
        return usageError(error);
    // Each may be given twice, once per direction (c2s:, s2c:).
    for (const QCommandLineOption &option : m_faults) {
        for (const QString &value : m_parser.values(option)) {
            if (!RelayFaults::parse(option.names().constFirst(), value, &m_options.faults, &error))
                return usageError(error);
        }
    }
    if (!m_parser.isSet(QStringLiteral("engine")))
        m_options.listen.connection.engine = EngineKind::Native;
    m_options.upstream.connection = m_options.listen.connection;
    const QString engine = m_parser.isSet(QStringLiteral("engine"))
                               ? m_parser.value(QStringLiteral("engine"))
                               : QString();
    if (!m_listenTls.read(m_parser, engine, &m_options.listen.connection, &error)
        || !m_upstreamTls.read(m_parser, engine, &m_options.upstream.connection, &error))
        return usageError(error);
    return std::nullopt;
}

int RelayCommand::run(const QStringList &arguments)
{
    if (const std::optional<int> done = readOptions(arguments))
        return *done;
    CommandRun run(m_runFlags, m_options.listen.connection.kernelSampleMs);
    EventPrinter &printer = run.printer();
    Relay relay;
    run.setEndpoint(relay, [&relay] { relay.stop(); });
    run.setListenerTimeline(&relay.server().timeline());
    printer.setConnectionFields([&relay](const Connection *connection, JsonLine &line) {
        const quint64 pair = relay.pairOf(connection);
        if (pair == 0)
            return;
        line.add("leg", relayLegKey(relay.legOf(connection)));
        line.add("pair", qint64(pair));
    });
    // Kept with --save, so that show prints them again.
    run.setSavedSettings([&relay](const Connection *connection) {
        const quint64 pair = relay.pairOf(connection);
        return pair == 0
                   ? QJsonObject()
                   : QJsonObject {{QStringLiteral("leg"), relayLegKey(relay.legOf(connection))},
                                  {QStringLiteral("pair"), qint64(pair)}};
    });
    QObject::connect(&relay, &Relay::pairStarted, &printer,
                     [&printer](quint64, Connection *clientLeg) { printer.watch(clientLeg); });
    QObject::connect(&relay, &Relay::upstreamStarted, &printer,
                     [&printer](quint64, Connection *serverLeg) { printer.watch(serverLeg); });
    QObject::connect(&relay.server(), &ServerEndpoint::acceptFailed, &printer,
                     [&printer](const SocketErrorInfo &info) { printer.printError(info); });
    QObject::connect(&relay, &Relay::pairFinished, &run,
                     [this, &run](quint64) { handlePairFinished(run); });

    SocketErrorInfo listenError;
    if (!relay.listen(m_options, &listenError)) {
        printer.printError(listenError);
        printer.printSummary();
        std::fprintf(stderr, "tcpinspector-cli relay: %s: %s\n", qPrintable(listenError.message),
                     qPrintable(listenError.explanation));
        return 3;
    }
    printer.printListening(relay.boundAddress());
    const QString faults = m_options.faults.describe();
    if (!faults.isEmpty())
        printer.printNote(CliTr::tr("Faults: %1").arg(faults));
    return run.exec();
}

void RelayCommand::handlePairFinished(CommandRun &run)
{
    ++m_endedPairs;
    if (m_exitAfterCount > 0 && m_endedPairs >= m_exitAfterCount)
        run.stop(CliTr::tr("%n relayed connection(s) ended (--exit-after); stopping.", nullptr,
                           m_endedPairs));
}

} // namespace TcpInspector
