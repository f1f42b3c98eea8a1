// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/scenariotokenizer.h"

#include "text/tr.h"

namespace TcpInspector {

namespace {
bool isNameStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u'-';
}

// The index of the closing quote of the string whose opening quote is at
// line[open], or -1. A backslash hides the character after it.
qsizetype closingQuote(const QString &line, qsizetype open)
{
    for (qsizetype i = open + 1; i < line.size(); ++i) {
        if (line.at(i) == u'\\')
            ++i;
        else if (line.at(i) == u'"')
            return i;
    }
    return -1;
}
} // namespace

int ScenarioTokenizer::columnOf(const QString &line, qsizetype index)
{
    int column = 1;
    for (qsizetype i = 0; i < index && i < line.size(); ++i) {
        if (!line.at(i).isLowSurrogate())
            ++column;
    }
    return column;
}

bool ScenarioTokenizer::isIdentifier(const QString &text)
{
    if (text.isEmpty() || !isNameStart(text.front()))
        return false;
    for (QChar c : text) {
        if (!isNameChar(c))
            return false;
    }
    return true;
}

QList<ScenarioToken> ScenarioTokenizer::tokenize(const QString &line, QString *error,
                                                 int *errorColumn)
{
    QList<ScenarioToken> tokens;
    const qsizetype n = line.size();
    qsizetype i = 0;
    while (i < n) {
        if (line.at(i).isSpace()) {
            ++i;
            continue;
        }
        if (line.at(i) == u'#')
            break;
        ScenarioToken token;
        token.column = columnOf(line, i);
        if (line.at(i) == u'"') {
            const qsizetype close = closingQuote(line, i);
            if (close < 0) {
                *error = Tr::tr("This string has no closing quote: expected '\"' before the end "
                                "of the line.");
                *errorColumn = token.column;
                return tokens;
            }
            token.kind = ScenarioToken::Kind::String;
            token.offset = int(i + 1);
            token.text = line.mid(i + 1, close - i - 1);
            token.end = int(close + 1);
            tokens += token;
            i = close + 1;
            continue;
        }
        qsizetype end = i;
        while (end < n && !line.at(end).isSpace() && line.at(end) != u'"')
            ++end;
        token.offset = int(i);
        token.text = line.mid(i, end - i);
        const qsizetype equals = token.text.indexOf(u'=');
        if (equals > 0 && isIdentifier(token.text.left(equals))) {
            token.kind = ScenarioToken::Kind::Option;
            token.value = token.text.mid(equals + 1);
            token.text.truncate(equals);
            token.valueOffset = int(i + equals + 1);
            if (token.value.isEmpty() && end < n && line.at(end) == u'"') {
                const qsizetype close = closingQuote(line, end);
                if (close < 0) {
                    *error = Tr::tr("This string has no closing quote: expected '\"' before the "
                                    "end of the line.");
                    *errorColumn = columnOf(line, end);
                    return tokens;
                }
                token.value = line.mid(end + 1, close - end - 1);
                token.valueQuoted = true;
                token.valueOffset = int(end + 1);
                end = close + 1;
            }
        }
        token.end = int(end);
        tokens += token;
        i = end;
    }
    return tokens;
}

} // namespace TcpInspector
