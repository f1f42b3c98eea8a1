// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/scenariohighlighter.h"

#include "scenario/scenarioparser.h"

#include <QColor>

namespace TcpInspector {

namespace {
// Steps whose second word is a name they give or use (not a value).
bool namesSomething(const QString &step)
{
    static const QSet<QString> valueFirst
        = {QStringLiteral("wait"), QStringLiteral("say"), QStringLiteral("timeout")};
    return !valueFirst.contains(step);
}
} // namespace

ScenarioHighlighter::ScenarioHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    const QStringList keywords = ScenarioParser::keywords();
    m_keywords = QSet<QString>(keywords.begin(), keywords.end());
    QStringList words = ScenarioParser::expectKeywords();
    words += {QStringLiteral("hex"),    QStringLiteral("file"),     QStringLiteral("exact"),
              QStringLiteral("prefix"), QStringLiteral("contains"), QStringLiteral("regex")};
    m_words = QSet<QString>(words.begin(), words.end());
}

void ScenarioHighlighter::setDiagnostics(const QList<ScenarioDiagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    rehighlight();
}

QTextCharFormat ScenarioHighlighter::formatOf(Kind kind) const
{
    // Mid-tone colours: they read on a light and on a dark theme.
    QTextCharFormat format;
    switch (kind) {
    case Kind::Keyword:
        format.setForeground(QColor(0x2a, 0x6c, 0xd6));
        format.setFontWeight(QFont::Bold);
        break;
    case Kind::Word:
        format.setForeground(QColor(0x2a, 0x6c, 0xd6));
        break;
    case Kind::Name:
        format.setForeground(QColor(0xa0, 0x3c, 0xb4));
        break;
    case Kind::String:
        format.setForeground(QColor(0x2e, 0x8b, 0x3c));
        break;
    case Kind::Hex:
        format.setForeground(QColor(0xb8, 0x6e, 0x1e));
        break;
    case Kind::Option:
        format.setForeground(QColor(0x1f, 0x8f, 0x9a));
        break;
    case Kind::Comment:
        format.setForeground(QColor(0x8a, 0x8a, 0x8a));
        format.setFontItalic(true);
        break;
    case Kind::Placeholder:
        format.setForeground(QColor(0xc2, 0x1f, 0x7a));
        format.setFontWeight(QFont::Bold);
        break;
    }
    return format;
}

void ScenarioHighlighter::highlightBlock(const QString &text)
{
    int index = 0; // which word of the line
    QString first;
    bool hexNext = false;
    for (int i = 0; i < text.size();) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('#')) {
            setFormat(i, int(text.size()) - i, formatOf(Kind::Comment));
            break;
        } else if (c == QLatin1Char('"')) {
            i = highlightString(text, i, hexNext);
            hexNext = false;
            ++index;
        } else {
            int end = i;
            while (end < text.size() && !text.at(end).isSpace() && text.at(end) != QLatin1Char('"'))
                ++end;
            const QString word = text.mid(i, end - i);
            if (index == 0)
                first = word;
            highlightWord(word, i, index, first);
            highlightPlaceholders(text, i, end);
            hexNext = word == QLatin1String("hex");
            // key="value": the string belongs to the option, not a new word.
            if (!word.endsWith(QLatin1Char('=')))
                ++index;
            i = end;
        }
    }
    underlineErrors(text);
}

int ScenarioHighlighter::highlightString(const QString &text, int from, bool hex)
{
    int end = from + 1;
    while (end < text.size() && text.at(end) != QLatin1Char('"'))
        end += text.at(end) == QLatin1Char('\\') ? 2 : 1;
    end = std::min(int(text.size()), end + 1);
    setFormat(from, end - from, formatOf(hex ? Kind::Hex : Kind::String));
    highlightPlaceholders(text, from, end);
    return end;
}

void ScenarioHighlighter::highlightPlaceholders(const QString &text, int from, int end)
{
    for (int open = int(text.indexOf(QLatin1String("{{"), from)); open >= 0 && open < end;
         open = int(text.indexOf(QLatin1String("{{"), open + 2))) {
        const int close = int(text.indexOf(QLatin1String("}}"), open + 2));
        const int stop = close < 0 ? end : std::min(end, close + 2);
        setFormat(open, stop - open, formatOf(Kind::Placeholder));
    }
}

void ScenarioHighlighter::highlightWord(const QString &word, int from, int index,
                                        const QString &first)
{
    const int length = int(word.size());
    const int equals = int(word.indexOf(QLatin1Char('=')));
    if (index == 0) {
        if (m_keywords.contains(word))
            setFormat(from, length, formatOf(Kind::Keyword));
    } else if (index == 1 && m_keywords.contains(first) && namesSomething(first) && equals < 0) {
        setFormat(from, length, formatOf(Kind::Name));
    } else if (equals > 0) {
        setFormat(from, equals + 1, formatOf(Kind::Option));
    } else if (m_words.contains(word)) {
        setFormat(from, length, formatOf(Kind::Word));
    }
}

std::pair<int, int> ScenarioHighlighter::span(const ScenarioDiagnostic &diagnostic,
                                              const QString &line)
{
    const int size = int(line.size());
    int first = std::clamp(diagnostic.column - 1, 0, std::max(0, size - 1));
    // At the end of the line (something missing): the last character.
    if (first >= size || (diagnostic.column - 1 >= size && size > 0))
        first = std::max(0, size - 1);
    int end = first;
    if (end < size && line.at(end) == QLatin1Char('"')) {
        end = int(line.indexOf(QLatin1Char('"'), end + 1));
        end = end < 0 ? size : end + 1;
    } else {
        while (end < size && !line.at(end).isSpace())
            ++end;
    }
    return {first, std::max(end, std::min(first + 1, size))};
}

void ScenarioHighlighter::underlineErrors(const QString &text)
{
    const int line = currentBlock().blockNumber() + 1;
    for (const ScenarioDiagnostic &diagnostic : std::as_const(m_diagnostics)) {
        if (diagnostic.line != line)
            continue;
        const auto [first, end] = span(diagnostic, text);
        for (int i = first; i < end; ++i) {
            QTextCharFormat underlined = format(i);
            underlined.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            underlined.setUnderlineColor(QColor(0xd3, 0x2f, 0x2f));
            setFormat(i, 1, underlined);
        }
    }
}

} // namespace TcpInspector
