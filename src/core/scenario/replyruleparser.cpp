// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/replyruleparser.h"

#include "scenario/scenarioline.h"
#include "scenario/scenariotokenizer.h"
#include "text/tr.h"

#include <QFile>
#include <QFileInfo>

namespace TcpInspector {

namespace {

constexpr int maxGroup = 9; // {{0}}..{{9}}: one digit, as the placeholder reader takes

/// The placeholders a rule's reply may use besides the variables: what its
/// match captures (MessageMatch::Captures).
QStringList captureNames(const ReplyRule &rule, const QStringList &namedGroups)
{
    QStringList names = {QStringLiteral("0")};
    if (rule.isDefault)
        return names;
    int groups = 0;
    if (rule.mode == MessageMatch::Mode::Prefix) {
        groups = 1; // what follows the prefix
    } else if (rule.mode == MessageMatch::Mode::Regex) {
        // A pattern with placeholders compiles only when it runs: any group may exist.
        groups = rule.pattern.value.isConstant()
                     ? MessageMatch(rule.mode, rule.pattern.value.constant()).groupCount()
                     : maxGroup;
    }
    for (int group = 1; group <= qMin(groups, maxGroup); ++group)
        names += QString::number(group);
    return names + namedGroups;
}

} // namespace

QString ruleThenKey(RuleDecision::Then then)
{
    switch (then) {
    case RuleDecision::Then::Nothing:
        break;
    case RuleDecision::Then::HalfClose:
        return QStringLiteral("half-close");
    case RuleDecision::Then::Close:
        return QStringLiteral("close");
    case RuleDecision::Then::Reset:
        return QStringLiteral("reset");
    }
    return QStringLiteral("nothing");
}

QStringList ReplyRuleParser::thenKeys()
{
    return {QStringLiteral("half-close"), QStringLiteral("close"), QStringLiteral("reset")};
}

bool ReplyRuleParser::parseRule(ScenarioLine &line, QStringList *variables, ReplyRule *rule)
{
    QStringList namedGroups;
    if (line.atEnd()) {
        return line.fail(line.endColumn(),
                         Tr::tr("Expected what a message must match, as in prefix \"PING\" reply "
                                "\"+PONG\\r\\n\", or default."));
    }
    if (line.peek().kind == ScenarioToken::Kind::Word
        && line.peek().text == QLatin1String("default")) {
        line.take();
        rule->isDefault = true;
    } else if (!line.readMatch(&rule->mode, &rule->pattern, &namedGroups)) {
        return false;
    }
    if (!line.atEnd() && line.peek().kind == ScenarioToken::Kind::Word
        && line.peek().text == QLatin1String("reply")) {
        line.take();
        const qsizetype before = variables->size();
        *variables += captureNames(*rule, namedGroups);
        const bool ok = line.readData(&rule->reply);
        variables->resize(before);
        if (!ok)
            return false;
        rule->hasReply = true;
    }
    const QStringList valid
        = {QStringLiteral("delay"), QStringLiteral("then"), QStringLiteral("once")};
    return line.readOptions(
        QStringLiteral("a reply rule"), valid, {QStringLiteral("once")},
        [&](const ScenarioToken &o) {
            const int at = line.columnOf(o.valueOffset);
            if (o.text == QLatin1String("delay"))
                return line.readDuration(o.value, at, &rule->delayMs);
            if (o.text == QLatin1String("once"))
                return line.readBool(o.value, at, QStringLiteral("once="), &rule->once);
            QString then;
            if (!line.readChoice(o.value, at, thenKeys(), QStringLiteral("then="), &then))
                return false;
            rule->then = RuleDecision::Then(thenKeys().indexOf(then) + 1);
            return true;
        });
}

ReplyRuleFile ReplyRuleParser::parseFile(const QString &path, const QStringList &variables)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ReplyRuleFile failed;
        failed.path = path;
        failed.diagnostics
            += {path, 1, 1, Tr::tr("Cannot read the rules file: %1.").arg(file.errorString())};
        return failed;
    }
    return parseText(QString::fromUtf8(file.readAll()), path, QFileInfo(path).absolutePath(),
                     variables);
}

ReplyRuleFile ReplyRuleParser::parseText(const QString &text, const QString &path,
                                         const QString &directory, const QStringList &variables)
{
    ReplyRuleFile file;
    file.path = path;
    file.directory = directory;
    const QStringList lines = text.split(QLatin1Char('\n'));
    int defaultLine = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int number = int(i + 1);
        QString error;
        int errorColumn = 0;
        const QString &source = lines.at(i);
        const QList<ScenarioToken> tokens
            = ScenarioTokenizer::tokenize(source, &error, &errorColumn);
        if (!error.isEmpty()) {
            file.diagnostics += {path, number, errorColumn, error};
            continue;
        }
        if (tokens.isEmpty())
            continue;
        QStringList names = variables; // parseRule adds the captures for a while
        ScenarioLine line(source, tokens, &names, directory);
        ReplyRule rule;
        rule.line = number;
        rule.source = source.trimmed();
        if (!parseRule(line, &names, &rule)) {
            file.diagnostics += {path, number, line.errorColumn(), line.errorMessage()};
            continue;
        }
        if (rule.isDefault && defaultLine > 0) {
            file.diagnostics += {path, number, tokens.constFirst().column,
                                 Tr::tr("A second default rule: line %1 has one already, and "
                                        "only one can answer what no rule matched.")
                                     .arg(defaultLine)};
            continue;
        }
        if (rule.isDefault)
            defaultLine = number;
        file.rules += rule;
    }
    return file;
}

} // namespace TcpInspector
