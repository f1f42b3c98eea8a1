// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/scenarioparser.h"
#include "scenario/scenariorunner.h"

#include <QSignalSpy>
#include <QStringList>

/// A scenario's text parsed as "run.scn"; its errors are printed as warnings.
inline TcpInspector::ScenarioFile parseScenario(const QString &text)
{
    TcpInspector::ScenarioParser parser;
    TcpInspector::ScenarioFile file = parser.parseText(text, QStringLiteral("run.scn"));
    for (const TcpInspector::ScenarioDiagnostic &d : file.diagnostics)
        qWarning("%s", qPrintable(d.toString()));
    return file;
}

/// "LINE status" for each result, and why for those that did not pass.
inline QStringList stepSummary(const TcpInspector::ScenarioRunner &runner)
{
    QStringList lines;
    for (const TcpInspector::StepResult &r : runner.results()) {
        QString line = QStringLiteral("%1 %2").arg(r.line).arg(stepStatusKey(r.status));
        if (r.status != TcpInspector::StepResult::Status::Passed)
            line += QStringLiteral(": ") + r.message;
        lines += line;
    }
    return lines;
}

/// Runs to the end; false when it did not end within timeoutMs.
inline bool runToEnd(TcpInspector::ScenarioRunner &runner, int timeoutMs = 20000)
{
    QSignalSpy finished(&runner, &TcpInspector::ScenarioRunner::finished);
    runner.start();
    return finished.wait(timeoutMs) || !finished.isEmpty();
}
