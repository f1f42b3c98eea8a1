// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/scenario.h"

#include <QList>
#include <QSet>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace TcpInspector {

/// Colours a scenario file as it is typed (docs/SCENARIOS.md): step words,
/// the names a step gives or uses, strings, hex, options (key=value),
/// comments and {{placeholders}}; and puts a wavy underline where the
/// parser found an error, from the diagnostic's column to the end of its word.
class ScenarioHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    enum class Kind { Keyword, Word, Name, String, Hex, Option, Comment, Placeholder };

    explicit ScenarioHighlighter(QTextDocument *document);

    /// The parser's errors; lines and columns are 1-based.
    void setDiagnostics(const QList<ScenarioDiagnostic> &diagnostics);
    const QList<ScenarioDiagnostic> &diagnostics() const { return m_diagnostics; }
    QTextCharFormat formatOf(Kind kind) const;
    /// The characters a diagnostic underlines in its line's text: [first, end).
    static std::pair<int, int> span(const ScenarioDiagnostic &diagnostic, const QString &line);

protected:
    void highlightBlock(const QString &text) override;

private:
    int highlightString(const QString &text, int from, bool hex);
    void highlightPlaceholders(const QString &text, int from, int end);
    void highlightWord(const QString &word, int from, int index, const QString &first);
    void underlineErrors(const QString &text);

    QList<ScenarioDiagnostic> m_diagnostics;
    QSet<QString> m_keywords;
    QSet<QString> m_words; ///< hex, file, message, exact...: words after the step word
};

} // namespace TcpInspector
