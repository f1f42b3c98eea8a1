// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace TcpInspector {

/// One token of a scenario line.
struct ScenarioToken
{
    enum class Kind {
        Word,   ///< a run of characters up to a space or a quote
        String, ///< "...": text holds what is between the quotes, escapes not decoded
        Option, ///< key=value or key="...": text is the key, value the value
    };

    Kind kind = Kind::Word;
    QString text;
    QString value;            ///< Option only
    bool valueQuoted = false; ///< Option only: value was "..." (escapes not decoded)
    int column = 0;           ///< 1-based column where the token starts
    int offset = 0;           ///< index into the line of text's first character
    int valueOffset = 0;      ///< Option: index into the line of value's first character
    int end = 0;              ///< index into the line just past the token (its closing quote)
};

/// Cuts one line of a scenario file into tokens: words, "strings" (with C
/// escapes, which it only skips over), key=value options and a # comment,
/// which starts wherever a token could and runs to the end of the line.
class ScenarioTokenizer
{
public:
    /// On failure returns what came before the error and sets *error and
    /// *errorColumn (1-based).
    static QList<ScenarioToken> tokenize(const QString &line, QString *error, int *errorColumn);

    /// The 1-based column of line[index], counting characters (a surrogate
    /// pair is one), as ByteText counts them.
    static int columnOf(const QString &line, qsizetype index);
    /// True for a name: a letter or _, then letters, digits, _ . -
    static bool isIdentifier(const QString &text);
};

} // namespace TcpInspector
