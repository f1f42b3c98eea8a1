// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportcommand.h"

#include "clitr.h"
#include "commonoptions.h"
#include "sessionopen.h"

#include "recording/messageexport.h"
#include "recording/packetsynth.h"
#include "recording/sessioninput.h"
#include "recording/sessionreader.h"
#include "text/tr.h"

#include <QFile>
#include <QSaveFile>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace TcpInspector {

namespace {

constexpr qint64 rawPiece = qint64(1) << 20;

/// OUT: a file that appears whole or not at all (QSaveFile), or stdout for "-".
class ExportOutput
{
public:
    bool open(const QString &out)
    {
        m_file.setFileName(out);
        if (out == QLatin1String("-"))
            return m_stdout.open(stdout, QIODevice::WriteOnly);
        if (m_file.open(QIODevice::WriteOnly))
            return true;
        std::fprintf(stderr, "tcpinspector-cli export: cannot write %s: %s\n", qPrintable(out),
                     qPrintable(m_file.errorString()));
        return false;
    }
    QIODevice *device()
    {
        return m_stdout.isOpen() ? &m_stdout : static_cast<QIODevice *>(&m_file);
    }
    /// Commits the file when written; false after saying why (error, or the file's own).
    bool finish(bool written, const QString &error)
    {
        if (written && !m_stdout.isOpen())
            written = m_file.commit();
        if (!written)
            std::fprintf(stderr, "tcpinspector-cli export: %s\n",
                         qPrintable(error.isEmpty() ? m_file.errorString() : error));
        return written;
    }

private:
    QFile m_stdout;
    QSaveFile m_file;
};

} // namespace

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
                CliTr::tr("N"), QStringLiteral("64")),
      m_withKeys(QStringLiteral("with-keys"),
                 CliTr::tr("With --pcapng: put the TLS connections' keys in the capture, so that "
                           "Wireshark decrypts their records (whoever has the file can read "
                           "them)."))
{
    m_parser.setApplicationDescription(
        CliTr::tr("Exports a session saved with --save. OUT - writes to stdout."));
    m_parser.addHelpOption();
    m_parser.addOptions(
        {m_pcapng, m_csv, m_jsonl, m_rawRx, m_rawTx, m_conn, m_preview, m_withKeys});
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
    if (m_parser.isSet(m_withKeys) && kind != &m_pcapng)
        return usageError(CliTr::tr("--with-keys goes with --pcapng: only a capture holds keys."));
    QString error;
    int onlyConnection = -1;
    int previewBytes = 64;
    if (!intValue(m_parser, m_conn, 1, &onlyConnection, &error)
        || !intValue(m_parser, m_preview, 0, &previewBytes, &error))
        return usageError(error);
    const QString out = m_parser.value(*kind);
    if (kind == &m_rawRx || kind == &m_rawTx)
        return exportRawBytes(files.first(), kind == &m_rawRx ? Direction::Rx : Direction::Tx,
                              onlyConnection, out);

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
    if (const std::optional<int> done
        = checkConnections(ids, int(connections.size()), onlyConnection, false))
        return *done;

    ExportOutput output;
    if (!output.open(out))
        return 1;
    bool written = false;
    if (kind == &m_pcapng) {
        SynthOptions options;
        options.startMonotonicNs = session.info.startMonotonicNs;
        options.startWallNs = session.info.startWallNs;
        options.includeTlsKeys = m_parser.isSet(m_withKeys);
        QStringList warnings;
        written = exportPcapng(connections, options, output.device(), &error, &warnings);
        for (const QString &warning : std::as_const(warnings))
            std::fprintf(stderr, "tcpinspector-cli export: %s\n", qPrintable(warning));
    } else {
        written = exportMessages(
            connections, kind == &m_csv ? MessageFormat::Csv : MessageFormat::Jsonl,
            output.device(), session.info.startMonotonicNs, previewBytes, &error);
    }
    if (!output.finish(written, error))
        return 1;
    return damaged ? 1 : 0;
}

std::optional<int> ExportCommand::checkConnections(const QStringList &ids, int selected,
                                                   int onlyConnection, bool raw) const
{
    if (selected == 0)
        return usageError(
            CliTr::tr("The session has no connection %1; it has %2.")
                .arg(onlyConnection)
                .arg(ids.isEmpty() ? CliTr::tr("none") : ids.join(QLatin1String(", "))));
    if (raw && selected > 1)
        return usageError(CliTr::tr("Raw bytes are of one connection: add --conn N (the session "
                                    "has %1).")
                              .arg(ids.join(QLatin1String(", "))));
    return std::nullopt;
}

int ExportCommand::exportRawBytes(const QString &path, Direction direction, int onlyConnection,
                                  const QString &out) const
{
    // Straight from the file's DATA records, one in memory at a time:
    // loading the session would feed every byte to a store (and its spill
    // file) only to read it back (docs/PERFORMANCE.md, issue 14).
    const QString command = QStringLiteral("export");
    QList<SessionError> problems;
    std::unique_ptr<SessionInput> input = openSessionFile(path, &problems);
    SessionReader reader;
    const bool opened = input && reader.open(std::move(input), &problems);
    bool damaged = false;
    bool newer = false;
    reportProblems(command, problems, &damaged, &newer);
    if (!opened)
        return newer ? 2 : 1;
    QStringList ids;
    const SessionConnection *chosen = nullptr;
    int selected = 0;
    for (const SessionConnection &connection : reader.connections()) {
        ids << QString::number(connection.id);
        if (onlyConnection < 0 || connection.id == quint64(onlyConnection)) {
            chosen = &connection;
            ++selected;
        }
    }
    if (const std::optional<int> done = checkConnections(ids, selected, onlyConnection, true))
        return *done;

    ExportOutput output;
    if (!output.open(out))
        return 1;
    QList<SessionError> readProblems;
    SessionReader::ByteCursor bytes = reader.bytes(*chosen, direction, &readProblems);
    const SessionDirection &saved = chosen->direction(direction);
    QByteArray piece;
    bool written = true;
    for (qint64 at = saved.dataStart; written && at < saved.size;) {
        const qint64 n = std::min(rawPiece, saved.size - at);
        piece.resize(qsizetype(n));
        bytes.read(at, piece.data(), n);
        written = output.device()->write(piece.constData(), n) == n;
        at += n;
    }
    const QString error
        = written ? QString()
                  : Tr::tr("Writing the export failed: %1").arg(output.device()->errorString());
    bool readDamaged = false;
    reportProblems(command, readProblems, &readDamaged, &newer);
    if (!output.finish(written, error))
        return 1;
    return damaged || readDamaged ? 1 : 0;
}

} // namespace TcpInspector
