// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/scenario.h"
#include "scenario/scenariotokenizer.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace TcpInspector {

/// The tokens of one scenario line and the typed readers the parser takes
/// them with (names, durations, sizes, data, options). Each reader checks
/// what it reads; the first error of the line is kept with its column, and
/// every reader after it returns false, so one mistake gives one message.
class ScenarioLine
{
public:
    /// How the text of a string becomes bytes.
    enum class TextMode {
        Escapes, ///< C escapes decoded (ByteText::parseCEscapes)
        Hex,     ///< hex digits (ByteText::parseHex)
        Raw,     ///< as written, as UTF-8 (regex patterns, paths)
    };

    /// variables: the names a {{name}} may use here; directory: where
    /// file "..." paths are relative to.
    ScenarioLine(QString text, QList<ScenarioToken> tokens, const QStringList *variables,
                 QString directory);

    bool atEnd() const { return m_next >= m_tokens.size(); }
    const ScenarioToken &peek() const { return m_tokens.at(m_next); }
    const ScenarioToken &take() { return m_tokens.at(m_next++); }
    /// The column just past the last token: where something missing goes.
    int endColumn() const;
    int columnOf(int offset) const { return ScenarioTokenizer::columnOf(m_text, offset); }

    bool failed() const { return m_failed; }
    int errorColumn() const { return m_errorColumn; }
    QString errorMessage() const { return m_error; }
    /// Keeps the first error only. Returns false, for `return fail(...)`.
    bool fail(int column, const QString &message);

    /// A name (ScenarioTokenizer::isIdentifier); what says what it names, as
    /// a whole sentence to show when it is missing.
    bool readName(QString *name, const QString &missing);
    /// A word out of valid; subject names the place for messages ("engine=").
    bool readChoice(const QString &word, int column, const QStringList &valid,
                    const QString &subject, QString *choice);
    bool readData(ScenarioData *data, TextMode textMode = TextMode::Escapes);
    /// [MODE] DATA, as `expect ... message` and reply rules write a match. A
    /// constant regex is compiled here; its named groups go to *namedGroups.
    bool readMatch(MessageMatch::Mode *mode, ScenarioData *pattern, QStringList *namedGroups);
    /// A word or a string (escapes decoded) that may hold placeholders.
    bool readTemplate(const QString &raw, int offset, TextMode mode, ByteTemplate *out);
    bool readDuration(const QString &text, int column, int *ms);
    bool readSize(const QString &text, int column, qint64 *bytes);
    bool readCount(const QString &text, int column, qint64 minimum, qint64 *count);
    bool readCountCheck(const QString &text, int column, CountCheck *check);
    bool readBool(const QString &text, int column, const QString &subject, bool *value);
    /// The options up to the end of the line. A bare word out of flags
    /// reads as flag=on. handle() reads one known option's value.
    bool readOptions(const QString &step, const QStringList &valid, const QStringList &flags,
                     const std::function<bool(const ScenarioToken &)> &handle);
    /// Nothing may follow; says what came instead.
    bool expectEnd();

    /// "Unknown step 'sned'. Did you mean 'send'? Valid steps: ..." and the
    /// like: intro, a suggestion when one is near, then validSentence with
    /// the valid words in %1.
    static QString unknownWord(const QString &intro, const QString &word, const QStringList &valid,
                               const QString &validSentence);
    /// The word of valid nearest to word when it is near enough to be a typo.
    static QString suggestion(const QString &word, const QStringList &valid);
    static bool parseDuration(const QString &text, int *ms);

private:
    bool readBytes(const QString &segment, int offset, TextMode mode, QByteArray *bytes);
    bool readPlaceholder(const QString &inner, int column, TemplatePart *part);
    bool readFile(const ScenarioToken &string, ScenarioData *data);

    QString m_text;
    QList<ScenarioToken> m_tokens;
    const QStringList *m_variables;
    QString m_directory;
    qsizetype m_next = 0;
    bool m_failed = false;
    int m_errorColumn = 0;
    QString m_error;
};

} // namespace TcpInspector
