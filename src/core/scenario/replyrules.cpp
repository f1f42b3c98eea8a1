// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/replyrules.h"

#include "text/tr.h"

namespace TcpInspector {

ReplyRules::ReplyRules(ScenarioVariables variables, QString directory)
    : m_variables(std::move(variables)), m_directory(std::move(directory))
{ }

std::shared_ptr<ReplyRules> ReplyRules::fromFile(const ReplyRuleFile &file, QString *error)
{
    auto rules = std::make_shared<ReplyRules>(ScenarioVariables(), file.directory);
    for (const ReplyRule &rule : file.rules) {
        QString why;
        if (!rules->add(rule, &why)) {
            *error = QStringLiteral("%1:%2:1: %3").arg(file.path).arg(rule.line).arg(why);
            return nullptr;
        }
    }
    return rules;
}

bool ReplyRules::add(const ReplyRule &rule, QString *error)
{
    Compiled compiled {rule, MessageMatch()};
    if (!rule.isDefault) {
        std::optional<QByteArray> pattern;
        if (rule.mode == MessageMatch::Mode::Regex) {
            if (const std::optional<QString> text
                = m_variables.expandPattern(rule.pattern.value, error)) {
                pattern = text->toUtf8();
            }
        } else {
            pattern = m_variables.expandData(rule.pattern, m_directory, error);
        }
        if (!pattern)
            return false;
        compiled.match = MessageMatch(rule.mode, *pattern);
        if (!compiled.match.isValid()) {
            *error = Tr::tr("This regex does not compile: %1.").arg(compiled.match.errorString());
            return false;
        }
    }
    if (rule.isDefault)
        m_default = compiled;
    else
        m_rules += compiled;
    return true;
}

std::optional<RuleDecision> ReplyRules::decide(quint64 connectionId, const QByteArray &payload)
{
    QSet<int> &fired = m_fired[connectionId];
    MessageMatch::Captures captures;
    for (const Compiled &compiled : std::as_const(m_rules)) {
        if (compiled.rule.once && fired.contains(compiled.rule.line))
            continue;
        if (!compiled.match.matches(payload, &captures))
            continue;
        if (compiled.rule.once)
            fired.insert(compiled.rule.line);
        return decision(compiled, payload, captures);
    }
    if (!m_default || (m_default->rule.once && fired.contains(m_default->rule.line)))
        return std::nullopt;
    if (m_default->rule.once)
        fired.insert(m_default->rule.line);
    return decision(*m_default, payload, MessageMatch::Captures());
}

RuleDecision ReplyRules::decision(const Compiled &compiled, const QByteArray &payload,
                                  const MessageMatch::Captures &captures)
{
    const ReplyRule &rule = compiled.rule;
    RuleDecision decision;
    decision.line = rule.line;
    decision.delayMs = rule.delayMs;
    decision.then = rule.then;
    if (!rule.hasReply)
        return decision;
    // {{0}} is the whole match; a prefix's {{1}} is what follows it.
    m_variables.set(QStringLiteral("0"),
                    captures.groups.isEmpty() ? payload : captures.groups.constFirst());
    for (qsizetype group = 1; group < captures.groups.size() && group <= 9; ++group)
        m_variables.set(QString::number(group), captures.groups.at(group));
    if (compiled.match.mode() == MessageMatch::Mode::Prefix)
        m_variables.set(QStringLiteral("1"), captures.value);
    for (auto it = captures.named.cbegin(); it != captures.named.cend(); ++it)
        m_variables.set(it.key(), it.value());
    QString error;
    if (const std::optional<QByteArray> bytes
        = m_variables.expandData(rule.reply, m_directory, &error)) {
        decision.reply = true;
        decision.bytes = *bytes;
    } else {
        decision.error = error;
    }
    return decision;
}

} // namespace TcpInspector
