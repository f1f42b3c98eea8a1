// SPDX-License-Identifier: GPL-3.0-or-later
#include "listencommand.h"
#include "clitr.h"

#include "commandrun.h"

#include "net/connection.h"
#include "scenario/replyruleparser.h"
#include "scenario/replyrules.h"

#include <QTimer>

#include <cstdio>

namespace TcpInspector {

namespace {

// A finished connection is kept this long (its last kernel lookup), then freed:
// a server that runs for days must not keep every connection's bytes.
constexpr int keepFinishedMs = 1000;

} // namespace

ListenCommand::ListenCommand()
    : m_reply(
        QStringLiteral("reply"),
        CliTr::tr("What to answer: none, echo (each read), echo-message (each decoded message), "
                  "text:STR (C escapes) or hex:HEX for each message. Default none."),
        CliTr::tr("REPLY"), QStringLiteral("none")),
      m_replyDelay(QStringLiteral("reply-delay"), CliTr::tr("Wait MS before each reply."),
                   CliTr::tr("MS")),
      m_closeAfterReply(QStringLiteral("close-after-reply"),
                        CliTr::tr("Close a connection after its first reply.")),
      m_rules(QStringLiteral("rules"),
              CliTr::tr("Answer each message by the first rule of FILE that matches it "
                        "(docs/SCENARIOS.md, \"Reply rules\"); instead of --reply."),
              CliTr::tr("FILE")),
      m_backlog(QStringLiteral("backlog"),
                CliTr::tr("listen(2) backlog (default %1; the kernel caps it at "
                          "net.core.somaxconn).")
                    .arg(ServerOptions::maxBacklog),
                CliTr::tr("N")),
      m_maxConnections(
          QStringLiteral("max-connections"),
          CliTr::tr("Stop accepting while N connections are open; 0: no limit (default)."),
          CliTr::tr("N")),
      m_noReuse(QStringLiteral("no-reuseaddr"),
                CliTr::tr("Listen without SO_REUSEADDR, to see TIME_WAIT hold the port after a "
                          "restart.")),
      m_accept(QStringLiteral("accept"),
               CliTr::tr("How connections are accepted: many (each served at once, the "
                         "default), once (one Accept and no more; later clients wait in the "
                         "backlog) or one-at-a-time (the next after the current one has closed)."),
               CliTr::tr("MODE"), QStringLiteral("many")),
      m_stayOpen(QStringLiteral("stay-open"),
                 CliTr::tr("Keep a connection half-open after the peer's EOF instead of closing "
                           "it: the native engine can still answer; many such connections pile "
                           "up in CLOSE_WAIT. The qt engine closes anyway.")),
      m_exitAfter(QStringLiteral("exit-after"),
                  CliTr::tr("Exit once N connections have ended; 0: never (default)."),
                  CliTr::tr("N")),
      m_connectionFlags(false)
{
    m_parser.setApplicationDescription(
        CliTr::tr("Listens on ADDR and prints every accepted connection's chunks, messages, "
                  "half-closes, errors and timeouts as JSON lines; a summary line comes last."));
    m_parser.addHelpOption();
    m_parser.addOptions({m_reply, m_replyDelay, m_closeAfterReply, m_rules, m_backlog,
                         m_maxConnections, m_noReuse, m_accept, m_stayOpen, m_exitAfter});
    m_parser.addOptions(m_connectionFlags.options());
    m_parser.addPositionalArgument(
        QStringLiteral("address"),
        CliTr::tr("Where to listen: host:port, :port (every interface, as Go's "
                  "net.Listen) or [v6]:port; port 0 lets the system choose."),
        QStringLiteral("ADDR"));
}

int ListenCommand::usageError(const QString &message) const
{
    return TcpInspector::usageError(
        QStringLiteral("listen"), message,
        CliTr::tr("Try 'tcpinspector-cli listen --help' for the options."));
}

std::optional<int> ListenCommand::readOptions(const QStringList &arguments)
{
    if (const std::optional<int> done
        = parseCommandLine(m_parser, arguments, QStringLiteral("listen"),
                           CliTr::tr("Try 'tcpinspector-cli listen --help' for the options.")))
        return done;
    const QStringList positional = m_parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(
            positional.isEmpty()
                ? CliTr::tr("Say where to listen, for example 127.0.0.1:8080 or :0.")
                : CliTr::tr("Give one address to listen on, not %1.").arg(positional.size()));

    QString error;
    const std::optional<HostPort> address
        = HostPort::parse(positional.first(), HostPort::Use::Listen, &error);
    if (!address)
        return usageError(error);
    m_options.address = *address;
    const std::optional<ReplyPolicy> reply = ReplyPolicy::parse(m_parser.value(m_reply), &error);
    if (!reply)
        return usageError(error);
    m_options.reply = *reply;
    m_options.reply.closeAfterReply = m_parser.isSet(m_closeAfterReply);
    if (m_parser.isSet(m_rules)) {
        if (const std::optional<int> done = readRules())
            return done;
    }
    m_options.reuseAddress = !m_parser.isSet(m_noReuse);
    m_options.closeAtPeerEof = !m_parser.isSet(m_stayOpen);
    const std::optional<AcceptMode> accept = acceptModeFromKey(m_parser.value(m_accept));
    if (!accept)
        return usageError(CliTr::tr("--accept '%1' is not an accept mode. Valid modes: many, "
                                    "once, one-at-a-time.")
                              .arg(m_parser.value(m_accept)));
    m_options.acceptMode = *accept;
    if (!m_connectionFlags.read(m_parser, &m_options.connection, &m_runFlags, &error)
        || !intValue(m_parser, m_replyDelay, 0, &m_options.reply.delayMs, &error)
        || !intValue(m_parser, m_backlog, 1, &m_options.backlog, &error)
        || !intValue(m_parser, m_maxConnections, 0, &m_options.maxConnections, &error)
        || !intValue(m_parser, m_exitAfter, 0, &m_exitAfterCount, &error))
        return usageError(error);
    return std::nullopt;
}

std::optional<int> ListenCommand::readRules()
{
    if (m_parser.isSet(m_reply) || m_parser.isSet(m_replyDelay)
        || m_parser.isSet(m_closeAfterReply)) {
        return usageError(CliTr::tr("--rules decides every reply: leave out --reply, "
                                    "--reply-delay and --close-after-reply (a rule has delay= "
                                    "and then=close)."));
    }
    const ReplyRuleFile file = ReplyRuleParser().parseFile(m_parser.value(m_rules));
    QString error;
    const std::shared_ptr<ReplyRules> rules
        = file.hasErrors() ? nullptr : ReplyRules::fromFile(file, &error);
    if (!rules) {
        // Compiler style, one line each, as `run` reports a scenario's errors.
        for (const ScenarioDiagnostic &diagnostic : file.diagnostics)
            std::fprintf(stderr, "%s\n", qPrintable(diagnostic.toString()));
        if (!error.isEmpty())
            std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    m_options.reply.kind = ReplyPolicy::Kind::Rules;
    m_options.reply.rules = rules;
    return std::nullopt;
}

int ListenCommand::run(const QStringList &arguments)
{
    if (const std::optional<int> done = readOptions(arguments))
        return *done;
    CommandRun run(m_runFlags, m_options.connection.kernelSampleMs);
    EventPrinter &printer = run.printer();
    ServerEndpoint server;
    run.setEndpoint(server, [&server] { server.stop(); });
    run.setListenerTimeline(&server.timeline());
    QObject::connect(&server, &ServerEndpoint::connectionAccepted, &printer,
                     [&printer](Connection *connection) { printer.watch(connection); });
    QObject::connect(&server, &ServerEndpoint::acceptFailed, &printer,
                     [&printer](const SocketErrorInfo &info) { printer.printError(info); });

    SocketErrorInfo listenError;
    if (!server.listen(m_options, &listenError)) {
        printer.printError(listenError);
        printer.printSummary();
        std::fprintf(stderr, "tcpinspector-cli listen: %s: %s\n", qPrintable(listenError.message),
                     qPrintable(listenError.explanation));
        return 3;
    }
    printer.printListening(server.boundAddress());
    if (m_options.connection.tls.enabled && !m_parser.isSet(QStringLiteral("cert")))
        printer.printNote(CliTr::tr("TLS with the certificate made for localhost, for local "
                                    "testing only: %1. Clients trust it with --ca %1 (curl "
                                    "--cacert, openssl s_client -CAfile), or skip the check.")
                              .arg(m_options.connection.tls.certificateFile));
    QObject::connect(
        &server, &ServerEndpoint::connectionFinished, &run,
        [this, &run](Connection *connection) { handleConnectionFinished(run, connection); });
    return run.exec();
}

void ListenCommand::handleConnectionFinished(CommandRun &run, Connection *connection)
{
    // --save keeps every connection until the end, to write it.
    if (m_runFlags.savePath.isEmpty())
        QTimer::singleShot(keepFinishedMs, connection, [connection] { connection->deleteLater(); });
    ++m_endedConnections;
    if (m_exitAfterCount > 0 && m_endedConnections >= m_exitAfterCount)
        run.stop(CliTr::tr("%n connection(s) ended (--exit-after); stopping.", nullptr,
                           m_endedConnections));
}

} // namespace TcpInspector
