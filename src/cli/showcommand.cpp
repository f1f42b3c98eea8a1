// SPDX-License-Identifier: GPL-3.0-or-later
#include "showcommand.h"

#include "clitr.h"
#include "eventprinter.h"
#include "jsonline.h"
#include "sessionopen.h"

#include "framing/decoderregistry.h"

#include <cstdio>

namespace TcpInspector {

ShowCommand::ShowCommand()
    : m_output(QStringLiteral("message,closed")),
      m_conn(QStringLiteral("conn"), CliTr::tr("Print only connection N."), CliTr::tr("N")),
      m_framing({QStringLiteral("f"), QStringLiteral("framing")},
                CliTr::tr("Decode both directions with SPEC instead of the recorded framing."),
                CliTr::tr("SPEC")),
      m_rxFraming(QStringLiteral("rx-framing"), CliTr::tr("Decode the received bytes with SPEC."),
                  CliTr::tr("SPEC")),
      m_txFraming(QStringLiteral("tx-framing"), CliTr::tr("Decode the sent bytes with SPEC."),
                  CliTr::tr("SPEC")),
      m_tlsRecords(QStringLiteral("tls-records"),
                   CliTr::tr("Also print the saved TLS records (wire_chunk and tls_record "
                             "lines), as connect --tls-records does."))
{
    m_parser.setApplicationDescription(
        CliTr::tr("Prints a session saved with --save as the JSON lines the live run printed."));
    m_parser.addHelpOption();
    m_parser.addOptions(m_output.options());
    m_parser.addOptions({m_conn, m_framing, m_rxFraming, m_txFraming, m_tlsRecords});
    m_parser.addPositionalArgument(QStringLiteral("file"), CliTr::tr("The session file."),
                                   QStringLiteral("FILE"));
}

int ShowCommand::usageError(const QString &message) const
{
    return TcpInspector::usageError(
        QStringLiteral("show"), message,
        CliTr::tr("Try 'tcpinspector-cli show --help' for the options."));
}

int ShowCommand::run(const QStringList &arguments)
{
    if (const std::optional<int> done
        = parseCommandLine(m_parser, arguments, QStringLiteral("show"),
                           CliTr::tr("Try 'tcpinspector-cli show --help' for the options.")))
        return *done;
    const QStringList files = m_parser.positionalArguments();
    if (files.size() != 1)
        return usageError(files.isEmpty()
                              ? CliTr::tr("Name the session file to show.")
                              : CliTr::tr("Give one session file, not %1.").arg(files.size()));
    RunFlags flags;
    QString error;
    if (!m_output.read(m_parser, &flags, &error))
        return usageError(error);
    int onlyConnection = -1;
    if (!intValue(m_parser, m_conn, 1, &onlyConnection, &error))
        return usageError(error);
    LoadOptions options;
    options.rxFraming = m_parser.value(m_parser.isSet(m_rxFraming) ? m_rxFraming : m_framing);
    options.txFraming = m_parser.value(m_parser.isSet(m_txFraming) ? m_txFraming : m_framing);
    for (const QString &spec : {options.rxFraming, options.txFraming})
        if (!spec.isEmpty() && !DecoderRegistry::instance().validate(spec, &error))
            return usageError(error);

    LoadedSession session;
    bool damaged = false;
    if (const std::optional<int> done
        = openSession(QStringLiteral("show"), files.first(), options, &session, &damaged))
        return *done;

    // The preview the run printed with, unless asked for another.
    if (!m_parser.isSet(QStringLiteral("preview")))
        flags.previewBytes = session.info.meta.value(QStringLiteral("preview_bytes")).toInt(64);
    EventPrinter printer(flags.previewBytes, session.info.startMonotonicNs);
    printer.setEvents(flags.events);
    printer.setTlsRecords(m_parser.isSet(m_tlsRecords));
    // A relay's legs, as the run printed them.
    QHash<quint64, QJsonObject> settings;
    for (const SessionConnection &recorded : session.recorded)
        settings.insert(recorded.id, recorded.settings);
    printer.setConnectionFields([&settings](const Connection *connection, JsonLine &line) {
        const QJsonObject of = settings.value(connection->id());
        if (!of.contains(QStringLiteral("pair")))
            return;
        line.add("leg", of.value(QStringLiteral("leg")).toString());
        line.add("pair", qint64(of.value(QStringLiteral("pair")).toInteger()));
    });
    QList<const Connection *> connections;
    for (const auto &connection : session.connections)
        if (onlyConnection < 0 || connection->id() == quint64(onlyConnection))
            connections.append(connection.get());
    // The stored summary counts what the run saw: with another framing or
    // one connection, the printer counts again from what it shows.
    const bool recount
        = onlyConnection >= 0 || !options.rxFraming.isEmpty() || !options.txFraming.isEmpty();
    std::vector<StoredLine> lines;
    lines.reserve(session.lines.size());
    for (const SessionLine &line : session.lines) {
        if (onlyConnection >= 0 && line.connection != 0
            && line.connection != quint64(onlyConnection))
            continue;
        if (recount && line.json.startsWith(R"({"event":"summary")"))
            continue;
        lines.push_back(StoredLine {line.timeNs, line.connection, line.json});
    }
    printer.replay(connections, lines);
    printer.flush();
    return damaged ? 1 : 0;
}

} // namespace TcpInspector
