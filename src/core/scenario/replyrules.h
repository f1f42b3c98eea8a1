// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/replypolicy.h"
#include "scenario/replyrule.h"
#include "scenario/scenariovariables.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <memory>
#include <optional>

namespace TcpInspector {

/// Reply rules at work on a server: for each received message, the first
/// rule that matches decides the reply (its captures and macros filled in),
/// the default rule when none does. "once" rules fire once per connection.
/// Lives on the server's thread; a change of rules is a new ReplyRules.
class ReplyRules : public ReplyRuleSource
{
public:
    /// variables: the values {{name}} takes (a scenario's, at the time of its
    /// `rule` step); directory: where file "..." paths are relative to.
    explicit ReplyRules(ScenarioVariables variables = ScenarioVariables(),
                        QString directory = QString());

    /// The rules of a parsed file; nothing, with *error, if one cannot work
    /// (a file "..." that cannot be read, a regex that does not compile).
    static std::shared_ptr<ReplyRules> fromFile(const ReplyRuleFile &file, QString *error);

    /// Adds rule after the others (a default rule replaces the default).
    /// Its pattern's placeholders take their values now.
    bool add(const ReplyRule &rule, QString *error);
    /// The values {{name}} takes in the rules added from now on, and in
    /// every reply.
    void setVariables(const ScenarioVariables &variables) { m_variables = variables; }
    int count() const { return int(m_rules.size()) + (m_default ? 1 : 0); }

    std::optional<RuleDecision> decide(quint64 connectionId, const QByteArray &payload) override;
    void forget(quint64 connectionId) override { m_fired.remove(connectionId); }

private:
    struct Compiled
    {
        ReplyRule rule;
        MessageMatch match;
    };

    RuleDecision decision(const Compiled &compiled, const QByteArray &payload,
                          const MessageMatch::Captures &captures);

    QList<Compiled> m_rules;
    std::optional<Compiled> m_default;
    QHash<quint64, QSet<int>> m_fired; ///< lines of the once rules that fired, per connection
    ScenarioVariables m_variables;
    QString m_directory;
};

} // namespace TcpInspector
