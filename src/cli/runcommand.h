// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commonoptions.h"

#include <QByteArray>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QStringList>

#include <optional>

namespace TcpInspector {

class Connection;
class EventPrinter;
class JunitReport;
class SessionSave;
struct ScenarioFile;
struct StepResult;

/// `tcpinspector-cli run FILE...`: runs scenario files (docs/SCENARIOS.md)
/// one after the other and prints a `step` line per step, `expect_failed`
/// for an expectation that did not hold, the usual lines of every connection
/// the files open, and a summary. Exit 0 when every step passed, 1 when an
/// expectation failed, 2 for a usage or parse error, 3 when another step
/// failed (a listen, a connect, a send: the network, not the server's answer).
class RunCommand
{
public:
    RunCommand();
    int run(const QStringList &arguments);
    /// Runs files parsed without errors (a lesson's scenario) with flags'
    /// output, as run does after reading its options; returns the exit code.
    int runParsed(const QList<ScenarioFile> &files, const RunFlags &flags);

private:
    /// Totals over every file, for the summary and the exit code.
    struct Totals
    {
        int scenarios = 0;
        int scenariosFailed = 0;
        int steps = 0;
        int stepsFailed = 0;
        int stepsSkipped = 0;
        bool expectationFailed = false;
        bool otherStepFailed = false;
        bool stopped = false;
    };

    std::optional<int> readOptions(const QStringList &arguments);
    int usageError(const QString &message) const;
    /// Runs one parsed file to its end (or a signal); returns false when
    /// its variables were wrong (printed on stderr).
    /// The --var values the file declares.
    QHash<QString, QByteArray> variablesFor(const ScenarioFile &file) const;
    /// Every --var is declared by some file and every file's variables have
    /// values; prints what is wrong.
    bool checkVariables(const QList<ScenarioFile> &files) const;
    /// save gets the file's connections once they have ended.
    bool runFile(const ScenarioFile &file, EventPrinter &printer, JunitReport &report,
                 SessionSave &save);
    /// Counts a finished step and prints its lines.
    void handleStep(const ScenarioFile &file, EventPrinter &printer, const StepResult &result);
    /// Lets the connections the runner closed end, for a second at most.
    static void waitForCloses(const QList<QPointer<Connection>> &opened);

    QCommandLineParser m_parser;
    const QCommandLineOption m_var;
    const QCommandLineOption m_junit;
    const QCommandLineOption m_save;
    const OutputFlags m_output;
    RunFlags m_flags;
    QHash<QString, QByteArray> m_variables;
    QString m_junitPath; ///< --junit, empty when not given
    QStringList m_files;
    Totals m_totals;
};

} // namespace TcpInspector
