// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/composerdraft.h"

#include "models/byteformat.h"
#include "text/bytetext.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

namespace TcpInspector {

namespace {
// Words, not enum numbers, in the file: reordering an enum cannot change what
// a saved request means.
const QStringList modeNames
    = {QStringLiteral("text"), QStringLiteral("hex"), QStringLiteral("file")};
const QStringList lineEndingNames
    = {QStringLiteral("none"), QStringLiteral("lf"), QStringLiteral("crlf")};

QString elide(const QString &text, int maxCharacters)
{
    if (text.size() <= maxCharacters)
        return text;
    return text.left(std::max(0, maxCharacters - 1)) + QChar(0x2026);
}
} // namespace

std::optional<QByteArray> ComposerDraft::bytes() const
{
    switch (mode) {
    case Mode::Text: {
        const ByteText::ParseResult parsed = ByteText::parseCEscapes(text);
        if (!parsed.isValid())
            return std::nullopt;
        static const QByteArray endings[]
            = {QByteArray(), QByteArrayLiteral("\n"), QByteArrayLiteral("\r\n")};
        return parsed.bytes + endings[int(lineEnding)];
    }
    case Mode::Hex: {
        const ByteText::ParseResult parsed = ByteText::parseHex(hex);
        if (!parsed.isValid())
            return std::nullopt;
        return parsed.bytes;
    }
    case Mode::File:
        break;
    }
    return std::nullopt;
}

QString ComposerDraft::preview(int maxCharacters) const
{
    switch (mode) {
    case Mode::Text: {
        // What is really sent, escapes and line ending shown alike.
        const std::optional<QByteArray> sent = bytes();
        const QString shown = sent ? ByteText::escape(*sent, ByteText::KeepUtf8) : text;
        return elide(shown, maxCharacters);
    }
    case Mode::Hex: {
        const std::optional<QByteArray> sent = bytes();
        const QString shown
            = sent ? ByteFormat::format(sent->left(maxCharacters / 3 + 1), ByteFormat::Hex)
                         .simplified()
                   : hex.simplified();
        return elide(shown, maxCharacters);
    }
    case Mode::File:
        return elide(QFileInfo(filePath).fileName(), maxCharacters);
    }
    return {};
}

QString ComposerDraft::proposedName() const
{
    if (mode == Mode::File)
        return QFileInfo(filePath).fileName();
    const std::optional<QByteArray> sent = bytes();
    if (mode == Mode::Hex || !sent)
        return QStringLiteral("hex ") + preview(23);
    // The first line's first words, as a person would name it: "GET /index.html".
    QString line = QString::fromUtf8(*sent).section(QLatin1Char('\n'), 0, 0);
    line.remove(QLatin1Char('\r'));
    static const QRegularExpression unprintable(QStringLiteral("[^[:print:]]"));
    line.replace(unprintable, QStringLiteral(" "));
    line = line.simplified();
    if (line.isEmpty())
        return preview(24);
    return elide(line, 32);
}

QJsonObject ComposerDraft::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("mode"), modeNames.at(int(mode)));
    object.insert(QStringLiteral("text"), text);
    object.insert(QStringLiteral("lineEnding"), lineEndingNames.at(int(lineEnding)));
    object.insert(QStringLiteral("hex"), hex);
    object.insert(QStringLiteral("filePath"), filePath);
    object.insert(QStringLiteral("fragmentSize"), fragmentSize);
    object.insert(QStringLiteral("fragmentDelayMs"), fragmentDelayMs);
    object.insert(QStringLiteral("repeat"), repeat);
    object.insert(QStringLiteral("intervalMs"), intervalMs);
    return object;
}

ComposerDraft ComposerDraft::fromJson(const QJsonObject &object)
{
    ComposerDraft draft;
    const qsizetype mode = modeNames.indexOf(object.value(QStringLiteral("mode")).toString());
    if (mode >= 0)
        draft.mode = Mode(mode);
    const qsizetype ending
        = lineEndingNames.indexOf(object.value(QStringLiteral("lineEnding")).toString());
    if (ending >= 0)
        draft.lineEnding = LineEnding(ending);
    draft.text = object.value(QStringLiteral("text")).toString();
    draft.hex = object.value(QStringLiteral("hex")).toString();
    draft.filePath = object.value(QStringLiteral("filePath")).toString();
    draft.fragmentSize
        = std::max<qint64>(0, qint64(object.value(QStringLiteral("fragmentSize")).toDouble()));
    draft.fragmentDelayMs = std::max(0, object.value(QStringLiteral("fragmentDelayMs")).toInt());
    draft.repeat = std::max(1, object.value(QStringLiteral("repeat")).toInt(1));
    draft.intervalMs = std::max(0, object.value(QStringLiteral("intervalMs")).toInt());
    return draft;
}

ComposerDraft ComposerDraft::fromBytes(const QByteArray &bytes)
{
    ComposerDraft draft;
    draft.mode = Mode::Hex;
    draft.hex = ByteFormat::format(bytes, ByteFormat::Hex);
    return draft;
}

bool ComposerDraft::operator==(const ComposerDraft &other) const
{
    return mode == other.mode && text == other.text && lineEnding == other.lineEnding
           && hex == other.hex && filePath == other.filePath && fragmentSize == other.fragmentSize
           && fragmentDelayMs == other.fragmentDelayMs && repeat == other.repeat
           && intervalMs == other.intervalMs;
}

} // namespace TcpInspector
