// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/scenario.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace TcpInspector {

/// A rules file after parsing: its rules in order and every error found.
struct ReplyRuleFile
{
    QString path;
    QString directory; ///< where file "..." paths are relative to
    QList<ReplyRule> rules;
    QList<ScenarioDiagnostic> diagnostics;

    bool hasErrors() const { return !diagnostics.isEmpty(); }
};

QString ruleThenKey(RuleDecision::Then then); ///< "nothing", "half-close", "close", "reset"

} // namespace TcpInspector
