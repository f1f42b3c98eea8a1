// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/scenariowriter.h"

#include "text/bytetext.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

namespace TcpInspector {

namespace {
const QString connection = QStringLiteral("cli");

QString hexOf(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(' '));
}

QString durationOf(qint64 ms)
{
    return QString::number(ms) + QStringLiteral("ms");
}

/// How long the sends of a request take at least: the expectation after it
/// must wait that long and then some.
qint64 sendingTimeMs(const ComposerDraft &draft, qint64 size)
{
    qint64 fragments = 1;
    if (draft.fragmentSize > 0 && size > 0)
        fragments = (size + draft.fragmentSize - 1) / draft.fragmentSize;
    const qint64 once = (fragments - 1) * draft.fragmentDelayMs;
    return once * draft.repeat + qint64(draft.repeat - 1) * draft.intervalMs;
}
} // namespace

QString ScenarioWriter::quoted(const QByteArray &bytes)
{
    const QString escaped = ByteText::escape(
        bytes, ByteText::EscapeNul | ByteText::EscapeDoubleQuote | ByteText::KeepUtf8);
    QString text;
    text.reserve(escaped.size() + 2);
    text += QLatin1Char('"');
    for (qsizetype i = 0; i < escaped.size(); ++i) {
        // "{{" would start a placeholder; "\x7b{" is the same two bytes.
        if (escaped.at(i) == QLatin1Char('{') && i + 1 < escaped.size()
            && escaped.at(i + 1) == QLatin1Char('{'))
            text += QStringLiteral("\\x7b");
        else
            text += escaped.at(i);
    }
    text += QLatin1Char('"');
    return text;
}

QString ScenarioWriter::write(const QList<ScenarioRequest> &requests) const
{
    QStringList lines;
    lines << QStringLiteral("# Written by TCP Inspector from its request library.");
    if (target.isEmpty()) {
        lines << QStringLiteral("var target  # run with --var target=HOST:PORT");
    } else {
        lines << QStringLiteral("# Another server: run with --var target=HOST:PORT");
        lines << QStringLiteral("var target = ") + quoted(target.toUtf8());
    }
    if (!scenarioName.isEmpty())
        lines << QStringLiteral("scenario ") + quoted(scenarioName.toUtf8());
    QString framing;
    for (const ScenarioRequest &request : requests) {
        if (!request.framing.isEmpty()) {
            framing = request.framing;
            break;
        }
    }
    QString connect = QStringLiteral("connect %1 {{target}}").arg(connection);
    if (!framing.isEmpty() && framing != QLatin1String("raw"))
        connect += QStringLiteral(" framing=") + quoted(framing.toUtf8());
    lines << connect;
    for (const ScenarioRequest &request : requests)
        writeRequest(lines, request, &framing);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void ScenarioWriter::writeRequest(QStringList &lines, const ScenarioRequest &request,
                                  QString *framing) const
{
    const ComposerDraft &draft = request.draft;
    lines << QString();
    if (!request.comment.isEmpty())
        lines << QStringLiteral("# ") + QString(request.comment).replace(QLatin1Char('\n'), ' ');
    if (!request.framing.isEmpty() && request.framing != *framing) {
        *framing = request.framing;
        lines << QStringLiteral("framing %1 %2").arg(connection, quoted(framing->toUtf8()));
    }
    const std::optional<QByteArray> bytes = draft.bytes();
    if (draft.mode != ComposerDraft::Mode::File && !bytes) {
        lines << QStringLiteral("# (left out: its text or hex does not read as bytes)");
        return;
    }
    // A file's path is read as written, without escapes: a quote or a "{{"
    // in it cannot be spelled.
    if (draft.mode == ComposerDraft::Mode::File
        && (draft.filePath.contains(QLatin1Char('"'))
            || draft.filePath.contains(QLatin1String("{{")))) {
        lines << QStringLiteral("# (left out: the path %1 holds a \" or {{, which a scenario "
                                "cannot spell)")
                     .arg(draft.filePath);
        return;
    }
    const bool empty = draft.mode != ComposerDraft::Mode::File && bytes->isEmpty();
    if (!empty) {
        QString send = QStringLiteral("send %1 %2")
                           .arg(connection, dataOf(draft, bytes.value_or(QByteArray())));
        if (draft.fragmentSize > 0) {
            send += QStringLiteral(" fragment=%1").arg(draft.fragmentSize);
            if (draft.fragmentDelayMs > 0)
                send += QStringLiteral(" delay=") + durationOf(draft.fragmentDelayMs);
        }
        if (draft.repeat > 1) {
            send += QStringLiteral(" repeat=%1").arg(draft.repeat);
            if (draft.intervalMs > 0)
                send += QStringLiteral(" interval=") + durationOf(draft.intervalMs);
        }
        lines << send;
    }
    if (request.halfClose)
        lines << QStringLiteral("half-close %1").arg(connection);
    if (!request.reply)
        return;

    const QByteArray &reply = *request.reply;
    const bool prefix = request.replyTruncated || reply.size() > exactLimit;
    const QString from
        = request.replyFrom.isEmpty() ? QString() : QStringLiteral(" on ") + request.replyFrom;
    lines << QStringLiteral("# The first message received%1 after this send; edit or delete this "
                            "line.")
                 .arg(from);
    QString expect
        = QStringLiteral("expect %1 message %2 %3")
              .arg(connection, prefix ? QStringLiteral("prefix") : QStringLiteral("exact"),
                   quoted(prefix ? reply.left(prefixLength) : reply));
    // The default timeout counts from the step; a slow send must not eat it.
    const qint64 sending
        = draft.mode == ComposerDraft::Mode::File ? 0 : sendingTimeMs(draft, bytes->size());
    if (sending > 0)
        expect += QStringLiteral(" within=") + durationOf(sending + 5000);
    lines << expect;
}

QString ScenarioWriter::dataOf(const ComposerDraft &draft, const QByteArray &bytes) const
{
    switch (draft.mode) {
    case ComposerDraft::Mode::Text:
        return quoted(bytes);
    case ComposerDraft::Mode::Hex:
        return QStringLiteral("hex ") + quoted(hexOf(bytes).toLatin1());
    case ComposerDraft::Mode::File:
        break;
    }
    QString path = QFileInfo(draft.filePath).absoluteFilePath();
    if (!directory.isEmpty()) {
        const QString relative = QDir(directory).relativeFilePath(path);
        if (!relative.startsWith(QLatin1String("..")))
            path = relative;
    }
    return QStringLiteral("file \"%1\"").arg(path);
}

} // namespace TcpInspector
