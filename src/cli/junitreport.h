// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/scenariorunner.h"

#include <QList>
#include <QString>

namespace TcpInspector {

/// `run --junit OUT.xml`: JUnit XML as CI systems read it, a testsuite per
/// scenario file and a testcase per scenario, with the first failed step's
/// line, what it expected and what arrived.
class JunitReport
{
public:
    /// One file's scenarios and the results of its run.
    void addFile(const ScenarioFile &file, const QList<StepResult> &results, qint64 ms);
    /// Writes the report; false with *error saying why.
    bool write(const QString &path, QString *error) const;

private:
    struct Case
    {
        QString name;
        qint64 ms = 0;
        bool skipped = false;  ///< no step of it ran
        QString failure;       ///< the failed step's message, empty when it passed
        QString failureDetail; ///< its line, expected and received
    };
    struct Suite
    {
        QString name;
        qint64 ms = 0;
        QList<Case> cases;
    };
    QList<Suite> m_suites;
};

} // namespace TcpInspector
