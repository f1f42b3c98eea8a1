// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/scenarioline.h"

#include "framing/framingspec.h"
#include "text/bytetext.h"
#include "text/tr.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <utility>

namespace TcpInspector {

namespace {
constexpr int maxRandomBytes = 65536;
const QStringList boolWords
    = {QStringLiteral("on"),    QStringLiteral("off"), QStringLiteral("true"),
       QStringLiteral("false"), QStringLiteral("yes"), QStringLiteral("no")};

// Edits from a to b, a swap of two neighbours counting as one ("sned" is
// one edit from "send"): the optimal string alignment distance.
int editDistance(const QString &a, const QString &b)
{
    const qsizetype columns = b.size() + 1;
    QList<int> d((a.size() + 1) * columns);
    const auto at = [&d, columns](qsizetype i, qsizetype j) -> int & {
        return d[i * columns + j];
    };
    for (qsizetype i = 0; i <= a.size(); ++i)
        at(i, 0) = int(i);
    for (qsizetype j = 0; j <= b.size(); ++j)
        at(0, j) = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1))
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
        }
    }
    return at(a.size(), b.size());
}

QString dataExpected()
{
    // Not a raw string: lupdate must read it.
    return Tr::tr(
        "Expected data: a quoted string \"...\", hex \"...\" or file \"...\"."); // NOLINT(modernize-raw-string-literal)
}
} // namespace

ScenarioLine::ScenarioLine(QString text, QList<ScenarioToken> tokens, const QStringList *variables,
                           QString directory)
    : m_text(std::move(text)),
      m_tokens(std::move(tokens)),
      m_variables(variables),
      m_directory(std::move(directory))
{ }

int ScenarioLine::endColumn() const
{
    return m_tokens.isEmpty() ? 1 : columnOf(m_tokens.constLast().end);
}

bool ScenarioLine::fail(int column, const QString &message)
{
    if (!m_failed) {
        m_failed = true;
        m_errorColumn = column;
        m_error = message;
    }
    return false;
}

QString ScenarioLine::suggestion(const QString &word, const QStringList &valid)
{
    QString best;
    int bestDistance = std::max(1, int(word.size()) / 3) + 1;
    for (const QString &candidate : valid) {
        if (candidate.compare(word, Qt::CaseInsensitive) == 0)
            return candidate;
        const int distance = editDistance(word.toLower(), candidate.toLower());
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    return best;
}

QString ScenarioLine::unknownWord(const QString &intro, const QString &word,
                                  const QStringList &valid, const QString &validSentence)
{
    QString message = intro;
    const QString near = suggestion(word, valid);
    if (!near.isEmpty())
        message += QLatin1Char(' ') + Tr::tr("Did you mean '%1'?").arg(near);
    if (!validSentence.isEmpty())
        message += QLatin1Char(' ') + validSentence.arg(valid.join(QLatin1String(", ")));
    return message;
}

bool ScenarioLine::readName(QString *name, const QString &missing)
{
    if (m_failed)
        return false;
    if (atEnd())
        return fail(endColumn(), missing);
    const ScenarioToken &token = take();
    if (token.kind != ScenarioToken::Kind::Word || !ScenarioTokenizer::isIdentifier(token.text)) {
        const QString shown = token.kind == ScenarioToken::Kind::Option
                                  ? token.text + QLatin1Char('=') + token.value
                                  : token.text;
        return fail(token.column,
                    missing + QLatin1Char(' ')
                        + Tr::tr("'%1' is not a name: a name starts with a letter and goes on "
                                 "with letters, digits, '_', '.' or '-'.")
                              .arg(shown));
    }
    *name = token.text;
    return true;
}

bool ScenarioLine::readChoice(const QString &word, int column, const QStringList &valid,
                              const QString &subject, QString *choice)
{
    if (m_failed)
        return false;
    for (const QString &candidate : valid) {
        if (candidate.compare(word, Qt::CaseInsensitive) == 0) {
            *choice = candidate;
            return true;
        }
    }
    return fail(column, unknownWord(Tr::tr("Unknown value '%1' for %2.").arg(word, subject), word,
                                    valid, Tr::tr("Valid values: %1.")));
}

bool ScenarioLine::readData(ScenarioData *data, TextMode textMode)
{
    if (m_failed)
        return false;
    if (atEnd())
        return fail(endColumn(), dataExpected());
    const ScenarioToken &token = take();
    if (token.kind == ScenarioToken::Kind::String) {
        data->kind = ScenarioData::Kind::Text;
        return readTemplate(token.text, token.offset, textMode, &data->value);
    }
    const bool hex = token.kind == ScenarioToken::Kind::Word && token.text == QLatin1String("hex");
    const bool file
        = token.kind == ScenarioToken::Kind::Word && token.text == QLatin1String("file");
    if (!hex && !file) {
        return fail(token.column,
                    dataExpected() + QLatin1Char(' ') + Tr::tr("Found '%1'.").arg(token.text));
    }
    if (atEnd() || peek().kind != ScenarioToken::Kind::String) {
        return fail(atEnd() ? endColumn() : peek().column,
                    hex ? Tr::tr("Expected a quoted string after hex, as in hex \"0d0a\".")
                        : Tr::tr("Expected a quoted path after file, as in file \"body.bin\"."));
    }
    const ScenarioToken &string = take();
    if (hex) {
        data->kind = ScenarioData::Kind::Hex;
        return readTemplate(string.text, string.offset, TextMode::Hex, &data->value);
    }
    return readFile(string, data);
}

bool ScenarioLine::readFile(const ScenarioToken &string, ScenarioData *data)
{
    data->kind = ScenarioData::Kind::File;
    if (!readTemplate(string.text, string.offset, TextMode::Raw, &data->value))
        return false;
    if (!data->value.isConstant())
        return true;
    const QString path
        = QDir(m_directory).absoluteFilePath(QString::fromUtf8(data->value.constant()));
    if (!QFileInfo(path).isFile())
        return fail(string.column, Tr::tr("There is no file '%1'.").arg(path));
    data->value = ByteTemplate::fromBytes(path.toUtf8(), columnOf(string.offset));
    return true;
}

bool ScenarioLine::readTemplate(const QString &raw, int offset, TextMode mode, ByteTemplate *out)
{
    if (m_failed)
        return false;
    out->parts.clear();
    qsizetype i = 0;
    while (i < raw.size()) {
        const qsizetype open = raw.indexOf(QLatin1String("{{"), i);
        const qsizetype literalEnd = open < 0 ? raw.size() : open;
        if (literalEnd > i) {
            TemplatePart part;
            part.column = columnOf(int(offset + i));
            if (!readBytes(raw.mid(i, literalEnd - i), int(offset + i), mode, &part.bytes))
                return false;
            out->parts += part;
        }
        if (open < 0)
            break;
        const qsizetype close = raw.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0) {
            return fail(columnOf(int(offset + open)),
                        Tr::tr("'{{' starts a placeholder but no '}}' closes it. To send '{{' "
                               "itself, write \\x7b{."));
        }
        TemplatePart part;
        part.column = columnOf(int(offset + open));
        if (!readPlaceholder(raw.mid(open + 2, close - open - 2).trimmed(), part.column, &part))
            return false;
        out->parts += part;
        i = close + 2;
    }
    return true;
}

bool ScenarioLine::readBytes(const QString &segment, int offset, TextMode mode, QByteArray *bytes)
{
    if (mode == TextMode::Raw) {
        *bytes = segment.toUtf8();
        return true;
    }
    const auto parse = mode == TextMode::Hex ? &ByteText::parseHex : &ByteText::parseCEscapes;
    const ByteText::ParseResult result = parse(segment);
    if (result.isValid()) {
        *bytes = result.bytes;
        return true;
    }
    // ByteText names the column in its message; parsed again behind as many
    // spaces as come before it on the line, that column is the line's own.
    const int column = columnOf(offset);
    const ByteText::ParseResult placed = parse(QString(column - 1, QLatin1Char(' ')) + segment);
    return fail(placed.errorColumn, placed.error);
}

bool ScenarioLine::readMatch(MessageMatch::Mode *mode, ScenarioData *pattern,
                             QStringList *namedGroups)
{
    if (!atEnd() && peek().kind == ScenarioToken::Kind::Word) {
        const ScenarioToken &word = peek();
        if (const auto key = MessageMatch::modeFromKey(word.text)) {
            *mode = *key;
            take();
        } else if (word.text != QLatin1String("hex") && word.text != QLatin1String("file")) {
            const QStringList valid = MessageMatch::modeKeys()
                                      + QStringList {QStringLiteral("hex"), QStringLiteral("file")};
            return fail(word.column,
                        unknownWord(Tr::tr("Unknown match '%1'.").arg(word.text), word.text, valid,
                                    Tr::tr("Expected a quoted pattern, or one "
                                           "of: %1.")));
        }
    }
    const bool regex = *mode == MessageMatch::Mode::Regex;
    const int column = atEnd() ? endColumn() : peek().column;
    if (!readData(pattern, regex ? TextMode::Raw : TextMode::Escapes)) {
        return false;
    }
    if (!regex)
        return true;
    if (pattern->kind != ScenarioData::Kind::Text)
        return fail(column, Tr::tr("A regex is written as a quoted string, as in regex "
                                   "\"^\\+OK\"."));
    if (!pattern->value.isConstant())
        return true; // checked when it runs, with its values in place
    const MessageMatch match(*mode, pattern->value.constant());
    if (!match.isValid()) {
        // The pattern is the string's text as written: its offset is the column's.
        const QString text = QString::fromUtf8(pattern->value.constant());
        const int at = column + 1 + ScenarioTokenizer::columnOf(text, match.errorOffset()) - 1;
        return fail(at, Tr::tr("This regex does not compile: %1.").arg(match.errorString()));
    }
    *namedGroups = match.namedGroups();
    return true;
}

bool ScenarioLine::readPlaceholder(const QString &inner, int column, TemplatePart *part)
{
    static const QStringList macros = {QStringLiteral("counter"), QStringLiteral("time"),
                                       QStringLiteral("random:N"), QStringLiteral("random-hex:N")};
    if (inner == QLatin1String("counter")) {
        part->kind = TemplatePart::Kind::Counter;
        return true;
    }
    if (inner == QLatin1String("time")) {
        part->kind = TemplatePart::Kind::Time;
        return true;
    }
    static const QRegularExpression random(QStringLiteral("^(random|random-hex):(\\d+)$"));
    const QRegularExpressionMatch match = random.match(inner);
    if (match.hasMatch()) {
        bool ok = false;
        part->count = match.captured(2).toInt(&ok);
        if (!ok || part->count < 1 || part->count > maxRandomBytes) {
            return fail(column, Tr::tr("{{%1}} asks for %2 bytes; give 1 to %3.")
                                    .arg(inner, match.captured(2))
                                    .arg(maxRandomBytes));
        }
        part->kind = match.captured(1) == QLatin1String("random") ? TemplatePart::Kind::Random
                                                                  : TemplatePart::Kind::RandomHex;
        return true;
    }
    // Digits name a capture group of a reply rule's match: {{1}}.
    static const QRegularExpression group(QStringLiteral("^\\d$"));
    if ((ScenarioTokenizer::isIdentifier(inner) || group.match(inner).hasMatch())
        && m_variables->contains(inner)) {
        part->kind = TemplatePart::Kind::Variable;
        part->name = inner;
        return true;
    }
    QString message = unknownWord(Tr::tr("Unknown variable '%1'.").arg(inner), inner,
                                  *m_variables + macros, QString());
    // A listener's port ({{srv.port}}) is told apart from what the file declared.
    QStringList declared;
    QStringList ports;
    for (const QString &name : *m_variables)
        (name.endsWith(QLatin1String(".port")) ? ports : declared) += name;
    message += QLatin1Char(' ');
    message += declared.isEmpty()
                   ? Tr::tr("No variable is declared yet: declare one above with var NAME = "
                            "VALUE.")
                   : Tr::tr("Variables so far: %1.").arg(declared.join(QLatin1String(", ")));
    if (!ports.isEmpty())
        message += QLatin1Char(' ')
                   + Tr::tr("Listeners' ports: %1.").arg(ports.join(QLatin1String(", ")));
    message += QLatin1Char(' ') + Tr::tr("Macros: %1.").arg(macros.join(QLatin1String(", ")));
    return fail(column, message);
}

bool ScenarioLine::parseDuration(const QString &text, int *ms)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)(?:\\.(\\d+))?(ms|s|m)?$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return false;
    const QString unit = match.captured(3);
    const int scale = unit == QLatin1String("s") ? 1000 : unit == QLatin1String("m") ? 60000 : 1;
    if (match.hasCaptured(2) && scale == 1)
        return false;
    const double value = text.left(text.size() - unit.size()).toDouble() * scale;
    constexpr double maximum = 24.0 * 3600 * 1000;
    if (value > maximum || value != double(qint64(value)))
        return false;
    *ms = int(value);
    return true;
}

bool ScenarioLine::readDuration(const QString &text, int column, int *ms)
{
    if (m_failed)
        return false;
    if (parseDuration(text, ms))
        return true;
    return fail(column, Tr::tr("Expected a duration such as 500ms, 2s or 1m (a bare number is "
                               "milliseconds, at most a day); found '%1'.")
                            .arg(text));
}

bool ScenarioLine::readSize(const QString &text, int column, qint64 *bytes)
{
    if (m_failed)
        return false;
    QString error;
    if (parseSize(text, bytes, &error) && *bytes > 0 && *bytes <= std::numeric_limits<int>::max())
        return true;
    return fail(column,
                Tr::tr("Expected a size in bytes such as 64 or 4K (more than 0, less than 2G); "
                       "found '%1'.")
                    .arg(text));
}

bool ScenarioLine::readCount(const QString &text, int column, qint64 minimum, qint64 *count)
{
    if (m_failed)
        return false;
    bool ok = false;
    *count = text.toLongLong(&ok);
    if (ok && *count >= minimum && !text.startsWith(QLatin1Char('+')))
        return true;
    return fail(
        column,
        Tr::tr("Expected a whole number of at least %1; found '%2'.").arg(minimum).arg(text));
}

bool ScenarioLine::readCountCheck(const QString &text, int column, CountCheck *check)
{
    using C = CountCheck::Comparison;
    static const QList<QPair<QString, C>> prefixes = {
        {QStringLiteral(">="), C::AtLeast},
        {QStringLiteral("<="), C::AtMost},
        {QStringLiteral(">"), C::Greater},
        {QStringLiteral("<"), C::Less},
    };
    check->comparison = C::Equal;
    QString number = text;
    for (const auto &[prefix, comparison] : prefixes) {
        if (text.startsWith(prefix)) {
            check->comparison = comparison;
            number = text.mid(prefix.size());
            break;
        }
    }
    if (m_failed)
        return false;
    bool ok = false;
    check->value = number.toLongLong(&ok);
    if (ok && check->value >= 0 && !number.startsWith(QLatin1Char('+')))
        return true;
    return fail(column,
                Tr::tr("Expected a count such as 3, >=3, <=3, >3 or <3; found '%1'.").arg(text));
}

bool ScenarioLine::readBool(const QString &text, int column, const QString &subject, bool *value)
{
    QString word;
    if (!readChoice(text, column, boolWords, subject, &word))
        return false;
    *value = word == QLatin1String("on") || word == QLatin1String("true")
             || word == QLatin1String("yes");
    return true;
}

bool ScenarioLine::readOptions(const QString &step, const QStringList &valid,
                               const QStringList &flags,
                               const std::function<bool(const ScenarioToken &)> &handle)
{
    QStringList seen;
    while (!m_failed && !atEnd()) {
        ScenarioToken token = take();
        if (token.kind == ScenarioToken::Kind::Word && flags.contains(token.text)) {
            token.kind = ScenarioToken::Kind::Option;
            token.value = QStringLiteral("on");
            token.valueOffset = token.offset;
        }
        if (token.kind != ScenarioToken::Kind::Option) {
            const QString intro = Tr::tr("Unexpected '%1': expected an option of %2 or the end "
                                         "of the line.")
                                      .arg(token.text, step);
            return fail(token.column, valid.isEmpty() ? intro
                                                      : unknownWord(intro, token.text, valid,
                                                                    Tr::tr("Valid options: %1.")));
        }
        if (!valid.contains(token.text)) {
            return fail(token.column,
                        unknownWord(Tr::tr("Unknown option '%1' for %2.").arg(token.text, step),
                                    token.text, valid, Tr::tr("Valid options: %1.")));
        }
        if (seen.contains(token.text))
            return fail(token.column, Tr::tr("The option '%1' is given twice.").arg(token.text));
        seen += token.text;
        if (!handle(token))
            return false;
    }
    return !m_failed;
}

bool ScenarioLine::expectEnd()
{
    if (m_failed)
        return false;
    if (atEnd())
        return true;
    const ScenarioToken &token = peek();
    const QString shown = token.kind == ScenarioToken::Kind::String
                              ? QLatin1Char('"') + token.text + QLatin1Char('"')
                              : token.text;
    return fail(token.column, Tr::tr("Unexpected '%1': expected the end of the line.").arg(shown));
}

} // namespace TcpInspector
