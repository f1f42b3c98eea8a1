// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace TcpInspector {

/// One test of a received message's payload, as `expect ... message` and the
/// reply rules write it: exact, prefix, contains or regex, with captures.
/// Hex is not a mode: a pattern given as hex "..." is just bytes.
class MessageMatch
{
public:
    enum class Mode {
        Exact,    ///< the payload is the pattern
        Prefix,   ///< the payload starts with the pattern
        Contains, ///< the pattern occurs in the payload
        Regex,    ///< the regex matches somewhere in the payload read as UTF-8
    };

    /// What a match took from the payload.
    struct Captures
    {
        /// What capture=VAR stores: regex, group 1 (the whole match if the
        /// regex has no group); prefix, what follows the prefix; exact and
        /// contains, the whole payload.
        QByteArray value;
        QList<QByteArray> groups;         ///< regex: group 0 (the match), 1, 2...
        QHash<QString, QByteArray> named; ///< regex: (?<name>...) groups that matched
    };

    MessageMatch() = default;
    /// For Regex, pattern is the regex as UTF-8 text.
    MessageMatch(Mode mode, const QByteArray &pattern);

    Mode mode() const { return m_mode; }
    QByteArray pattern() const { return m_pattern; }
    /// False when a regex does not compile; errorString() says why.
    bool isValid() const;
    QString errorString() const;
    /// Index into the pattern's text where the regex went wrong, or -1.
    int errorOffset() const;
    /// How many capture groups a regex has (group 0 not counted); 0 otherwise.
    int groupCount() const;
    /// The names of the regex's named groups, in order.
    QStringList namedGroups() const;

    bool matches(QByteArrayView payload, Captures *captures = nullptr) const;
    /// "prefix \"+OK\"", for "expected ..., received ..." lines.
    QString describe() const;

    static QString modeKey(Mode mode); ///< "exact", "prefix", "contains", "regex"
    static std::optional<Mode> modeFromKey(const QString &key);
    static QStringList modeKeys();

private:
    Mode m_mode = Mode::Exact;
    QByteArray m_pattern;
    QRegularExpression m_regex;
};

} // namespace TcpInspector
