// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/replyrule.h"

#include <QString>
#include <QStringList>

namespace TcpInspector {

class ScenarioLine;

/// Reads reply rules: a rules file (one rule per line, # comments), or the
/// rest of a scenario's `rule` line. Errors are compiler style, as the
/// scenario parser gives them.
class ReplyRuleParser
{
public:
    /// variables: the names a {{name}} may use besides captures and macros
    /// (a scenario's, for its listen rules=FILE).
    ReplyRuleFile parseFile(const QString &path, const QStringList &variables = {});
    /// path names the text in messages; directory is where file "..." paths
    /// are relative to.
    ReplyRuleFile parseText(const QString &text, const QString &path,
                            const QString &directory = QString(),
                            const QStringList &variables = {});

    /// The rest of line as one rule. variables: the names a {{name}} may use
    /// (the capture groups of the rule's match are added while its reply is
    /// read, then taken away again).
    static bool parseRule(ScenarioLine &line, QStringList *variables, ReplyRule *rule);
    static QStringList thenKeys();
};

} // namespace TcpInspector
