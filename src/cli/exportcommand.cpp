// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportcommand.h"

#include "clitr.h"
#include "commonoptions.h"
#include "sessionopen.h"

#include "recording/messageexport.h"
#include "recording/packetsynth.h"

#include <QFile>
#include <QSaveFile>

#include <cstdio>

namespace TcpInspector {

ExportCommand::ExportCommand()
    : m_pcapng(QStringLiteral("pcapng"),
               CliTr::tr("The packets a capture would have shown, for Wireshark, to OUT."),
               CliTr::tr("OUT")),
      m_csv(QStringLiteral("csv"), CliTr::tr("The messages as CSV, to OUT."), CliTr::tr("OUT")),
      m_jsonl(QStringLiteral("jsonl"), CliTr::tr("The messages as JSON lines, to OUT."),
              CliTr::tr("OUT")),
      m_rawRx(QStringLiteral("raw-rx"),
              CliTr::tr("The bytes one connection received, as they are, to OUT."),
              CliTr::tr("OUT")),
      m_rawTx(QStringLiteral("raw-tx"),
              CliTr::tr("The bytes one connection sent, as they are, to OUT."), CliTr::tr("OUT")),
      m_conn(QStringLiteral("conn"), CliTr::tr("Export only connection N."), CliTr::tr("N")),
      m_preview(QStringLiteral("preview"),
                CliTr::tr("Bytes of each message to preview in CSV and JSON lines (default 64)."),
                CliTr::tr("N"), QStringLiteral("64"))
{
    m_parser.setApplicationDescription(
        CliTr::tr("Exports a session saved with --save. OUT - writes to stdout."));
    m_parser.addHelpOption();
    m_parser.addOptions({m_pcapng, m_csv, m_jsonl, m_rawRx, m_rawTx, m_conn, m_preview});
    m_parser.addPositionalArgument(QStringLiteral("file"), CliTr::tr("The session file."),
                                   QStringLiteral("FILE"));
}

int ExportCommand::usageError(const QString &message) const
{
    return TcpInspector::usageError(
        QStringLiteral("export"), message,
        CliTr::tr("Try 'tcpinspector-cli export --help' for the options."));
}

int ExportCommand::run(const QStringList &arguments)
{
    if (const std::optional<int> done
        = parseCommandLine(m_parser, arguments, QStringLiteral("export"),
                           CliTr::tr("Try 'tcpinspector-cli export --help' for the options.")))
        return *done;
    const QStringList files = m_parser.positionalArguments();
    if (files.size() != 1)
        return usageError(files.isEmpty()
                              ? CliTr::tr("Name the session file to export.")
                              : CliTr::tr("Give one session file, not %1.").arg(files.size()));
    const QList<const QCommandLineOption *> kinds
        = {&m_pcapng, &m_csv, &m_jsonl, &m_rawRx, &m_rawTx};
    const QCommandLineOption *kind = nullptr;
    for (const QCommandLineOption *option : kinds) {
        if (!m_parser.isSet(*option))
            continue;
        if (kind)
            return usageError(
                CliTr::tr("Give one of --pcapng, --csv, --jsonl, --raw-rx, --raw-tx."));
        kind = option;
    }
    if (!kind)
        return usageError(CliTr::tr("Say what to export: --pcapng, --csv, --jsonl, --raw-rx or "
                                    "--raw-tx, each followed by OUT."));
    QString error;
    int onlyConnection = -1;
    int previewBytes = 64;
    if (!intValue(m_parser, m_conn, 1, &onlyConnection, &error)
        || !intValue(m_parser, m_preview, 0, &previewBytes, &error))
        return usageError(error);

    LoadedSession session;
    bool damaged = false;
    if (const std::optional<int> done
        = openSession(QStringLiteral("export"), files.first(), LoadOptions(), &session, &damaged))
        return *done;
    QList<const Connection *> connections;
    QStringList ids;
    for (const auto &connection : session.connections) {
        ids << QString::number(connection->id());
        if (onlyConnection < 0 || connection->id() == quint64(onlyConnection))
            connections.append(connection.get());
    }
    if (connections.isEmpty())
        return usageError(
            CliTr::tr("The session has no connection %1; it has %2.")
                .arg(onlyConnection)
                .arg(ids.isEmpty() ? CliTr::tr("none") : ids.join(QLatin1String(", "))));
    const bool raw = kind == &m_rawRx || kind == &m_rawTx;
    if (raw && connections.size() > 1)
        return usageError(CliTr::tr("Raw bytes are of one connection: add --conn N (the session "
                                    "has %1).")
                              .arg(ids.join(QLatin1String(", "))));

    const QString out = m_parser.value(*kind);
    QFile stdoutFile;
    QSaveFile file(out);
    QIODevice *device = &file;
    if (out == QLatin1String("-")) {
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly))
            return 1;
        device = &stdoutFile;
    } else if (!file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "tcpinspector-cli export: cannot write %s: %s\n", qPrintable(out),
                     qPrintable(file.errorString()));
        return 1;
    }
    bool written = false;
    if (kind == &m_pcapng) {
        SynthOptions options;
        options.startMonotonicNs = session.info.startMonotonicNs;
        options.startWallNs = session.info.startWallNs;
        QStringList warnings;
        written = exportPcapng(connections, options, device, &error, &warnings);
        for (const QString &warning : std::as_const(warnings))
            std::fprintf(stderr, "tcpinspector-cli export: %s\n", qPrintable(warning));
    } else if (raw) {
        written = exportRaw(*connections.first(), kind == &m_rawRx ? Direction::Rx : Direction::Tx,
                            device, &error);
    } else {
        written = exportMessages(connections,
                                 kind == &m_csv ? MessageFormat::Csv : MessageFormat::Jsonl, device,
                                 session.info.startMonotonicNs, previewBytes, &error);
    }
    if (written && device == &file)
        written = file.commit();
    if (!written) {
        std::fprintf(stderr, "tcpinspector-cli export: %s\n",
                     qPrintable(error.isEmpty() ? file.errorString() : error));
        return 1;
    }
    return damaged ? 1 : 0;
}

} // namespace TcpInspector
