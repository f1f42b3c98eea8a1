// SPDX-License-Identifier: GPL-3.0-or-later
#include "runcommand.h"

#include "clitr.h"
#include "commandrun.h"
#include "eventprinter.h"
#include "jsonline.h"
#include "junitreport.h"
#include "sessionsave.h"
#include "signalwatcher.h"

#include "net/connection.h"
#include "scenario/scenarioparser.h"
#include "scenario/scenariorunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace TcpInspector {

RunCommand::RunCommand()
    : m_var(QStringLiteral("var"),
            CliTr::tr("Give the variable NAME the value VALUE (text), over the file's own "
                      "default; a variable the file declares without a value must be given. "
                      "May be repeated."),
            CliTr::tr("NAME=VALUE")),
      m_junit(QStringLiteral("junit"),
              CliTr::tr("Also write a JUnit XML report to FILE: a testsuite per scenario file, "
                        "a testcase per scenario."),
              CliTr::tr("FILE")),
      m_save(saveOption()),
      m_output(QStringLiteral("step,expect_failed"))
{
    m_parser.setApplicationDescription(CliTr::tr(
        "Runs scenario files (docs/SCENARIOS.md) one after the other and prints a step line "
        "per step, expect_failed for an expectation that did not hold, the lines of every "
        "connection the files open, and a summary. Exit 0 when every step passed, 1 when an "
        "expectation failed, 2 for a usage or parse error, 3 when another step failed."));
    m_parser.addHelpOption();
    m_parser.addOptions({m_var, m_junit, m_save});
    m_parser.addOptions(m_output.options());
    m_parser.addPositionalArgument(QStringLiteral("files"), CliTr::tr("Scenario files to run."),
                                   QStringLiteral("FILE..."));
}

int RunCommand::usageError(const QString &message) const
{
    return TcpInspector::usageError(
        QStringLiteral("run"), message,
        CliTr::tr("Try 'tcpinspector-cli run --help' for the options."));
}

std::optional<int> RunCommand::readOptions(const QStringList &arguments)
{
    if (const std::optional<int> done
        = parseCommandLine(m_parser, arguments, QStringLiteral("run"),
                           CliTr::tr("Try 'tcpinspector-cli run --help' for the options.")))
        return done;
    m_files = m_parser.positionalArguments();
    if (m_files.isEmpty())
        return usageError(CliTr::tr("Name a scenario file to run, for example "
                                    "examples/scenarios/line-exchange.scn."));
    for (const QString &assignment : m_parser.values(m_var)) {
        const qsizetype equals = assignment.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return usageError(CliTr::tr("--var '%1': write NAME=VALUE, for example "
                                        "--var target=127.0.0.1:6379.")
                                  .arg(assignment));
        m_variables.insert(assignment.left(equals), assignment.mid(equals + 1).toUtf8());
    }
    QString error;
    if (!m_output.read(m_parser, &m_flags, &error))
        return usageError(error);
    m_flags.savePath = m_parser.value(m_save);
    if (m_parser.isSet(m_junit)) {
        m_junitPath = m_parser.value(m_junit);
        const QFileInfo report(m_junitPath);
        if (!report.absoluteDir().exists())
            return usageError(CliTr::tr("--junit: the folder %1 does not exist.")
                                  .arg(QDir::toNativeSeparators(report.absolutePath())));
    }
    return std::nullopt;
}

int RunCommand::run(const QStringList &arguments)
{
    if (const std::optional<int> done = readOptions(arguments))
        return *done;
    // Every file is read before any runs: a typo in the third file must not
    // cost the time of the first two.
    ScenarioParser parser;
    QList<ScenarioFile> files;
    bool parseFailed = false;
    for (const QString &path : std::as_const(m_files)) {
        files.append(parser.parseFile(path));
        for (const ScenarioDiagnostic &diagnostic : std::as_const(files.last().diagnostics)) {
            std::fprintf(stderr, "%s\n", qPrintable(diagnostic.toString()));
            parseFailed = true;
        }
    }
    if (parseFailed)
        return 2;
    return runParsed(files, m_flags);
}

int RunCommand::runParsed(const QList<ScenarioFile> &files, const RunFlags &flags)
{
    m_flags = flags;
    if (!checkVariables(files))
        return 2;
    EventPrinter printer(m_flags.previewBytes);
    printer.setEvents(m_flags.events);
    SessionSave save(m_flags.savePath, m_flags.previewBytes, printer);
    JunitReport report;
    for (const ScenarioFile &file : std::as_const(files)) {
        if (!runFile(file, printer, report, save))
            return 2;
        if (m_totals.stopped)
            break;
    }
    printer.setSummaryFields([this](JsonLine &line) {
        line.add("scenarios", m_totals.scenarios)
            .add("scenarios_failed", m_totals.scenariosFailed)
            .add("steps", m_totals.steps)
            .add("steps_failed", m_totals.stepsFailed)
            .add("steps_skipped", m_totals.stepsSkipped);
    });
    printer.printSummary();
    QString error;
    bool written = true;
    if (!m_junitPath.isEmpty() && !report.write(m_junitPath, &error)) {
        std::fprintf(stderr, "tcpinspector-cli run: %s\n", qPrintable(error));
        written = false;
    }
    // Like --junit, a file that could not be written is not the server's fault.
    if (!save.commit() || !written)
        return 3;
    // Stopped is 3 whatever step was running, or none: the run did not finish.
    if (m_totals.stopped)
        return 3;
    if (m_totals.expectationFailed)
        return 1;
    return m_totals.otherStepFailed ? 3 : 0;
}

void RunCommand::handleStep(const ScenarioFile &file, EventPrinter &printer,
                            const StepResult &result)
{
    const Scenario &scenario = file.scenarios.at(result.scenario);
    const ScenarioStep &step = scenario.steps.at(result.step);
    ++m_totals.steps;
    if (result.status == StepResult::Status::Skipped)
        ++m_totals.stepsSkipped;
    if (result.status == StepResult::Status::Failed) {
        ++m_totals.stepsFailed;
        if (step.kind == StepKind::Expect)
            m_totals.expectationFailed = true;
        else
            m_totals.otherStepFailed = true;
    }
    printer.printEvent("step", nullptr, [&](JsonLine &line) {
        line.add("file", file.path)
            .add("scenario", scenario.name)
            .add("index", result.step + 1)
            .add("line", result.line)
            .add("kind", stepKindKey(step.kind))
            .add("status", stepStatusKey(result.status))
            .add("ms", result.ms);
        if (!result.message.isEmpty())
            line.add("message", result.message);
        // A lesson's observation says what it showed, once it held.
        if (step.kind == StepKind::Expect && result.status == StepResult::Status::Passed) {
            const auto &expect = step.get<ExpectArgs>();
            if (!expect.callout.isEmpty())
                line.add("callout", expect.callout);
            if (!expect.calloutZh.isEmpty())
                line.add("callout_zh", expect.calloutZh);
        }
    });
    if (result.status != StepResult::Status::Failed || step.kind != StepKind::Expect)
        return;
    printer.printEvent("expect_failed", nullptr, [&](JsonLine &line) {
        line.add("file", file.path)
            .add("line", result.line)
            .add("index", result.step + 1)
            .add("step", step.source)
            .add("expected", result.expected)
            .add("received", result.received)
            .add("message", result.message);
    });
}

void RunCommand::waitForCloses(const QList<QPointer<Connection>> &opened)
{
    // The runner closed what the file left open; their last lines come
    // before the summary.
    QEventLoop loop;
    QElapsedTimer grace;
    grace.start();
    const auto allEnded = [&opened] {
        return std::all_of(opened.begin(), opened.end(), [](const QPointer<Connection> &c) {
            return !c || isFinalState(c->state());
        });
    };
    while (!allEnded() && grace.elapsed() < CommandRun::closeGraceMs) {
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

QHash<QString, QByteArray> RunCommand::variablesFor(const ScenarioFile &file) const
{
    QHash<QString, QByteArray> given;
    for (auto it = m_variables.cbegin(); it != m_variables.cend(); ++it) {
        if (file.variable(it.key()))
            given.insert(it.key(), it.value());
    }
    return given;
}

bool RunCommand::checkVariables(const QList<ScenarioFile> &files) const
{
    // Like parse errors, before anything runs. A --var need only be declared
    // by one of the files: `run a.scn b.scn --var target=...` is one command.
    QStringList errors;
    QStringList names = m_variables.keys();
    names.sort();
    for (const QString &name : std::as_const(names)) {
        const bool declared = std::any_of(files.cbegin(), files.cend(), [&name](const auto &file) {
            return file.variable(name) != nullptr;
        });
        // One file says it itself, with the variables it has.
        if (!declared && files.size() > 1)
            errors += CliTr::tr("--var %1: none of the files declares it.").arg(name);
    }
    for (const ScenarioFile &file : files) {
        ScenarioVariables variables;
        variables.declare(file, files.size() == 1 ? m_variables : variablesFor(file), &errors);
    }
    for (const QString &error : std::as_const(errors))
        std::fprintf(stderr, "%s\n", qPrintable(error));
    return errors.isEmpty();
}

bool RunCommand::runFile(const ScenarioFile &file, EventPrinter &printer, JunitReport &report,
                         SessionSave &save)
{
    ScenarioRunner runner(file);
    QStringList errors;
    if (!runner.setVariables(variablesFor(file), &errors)) {
        for (const QString &error : std::as_const(errors))
            std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    QList<QPointer<Connection>> opened;
    QObject::connect(&runner, &ScenarioRunner::connectionStarted, &runner,
                     [&printer, &opened](Connection *connection) {
                         printer.watch(connection);
                         opened.append(connection);
                     });
    QObject::connect(&runner, &ScenarioRunner::narration, &runner,
                     [&printer](const QString &text, const QString &textZh) {
                         printer.printEvent("say", nullptr, [&](JsonLine &line) {
                             line.add("text", text);
                             if (!textZh.isEmpty())
                                 line.add("text_zh", textZh);
                         });
                     });
    QObject::connect(
        &runner, &ScenarioRunner::stepFinished, &runner,
        [this, &file, &printer](const StepResult &result) { handleStep(file, printer, result); });
    QObject::connect(&runner, &ScenarioRunner::scenarioFinished, &runner, [this](int, bool passed) {
        ++m_totals.scenarios;
        if (!passed)
            ++m_totals.scenariosFailed;
    });
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::signalReceived, &runner,
                     [this, &runner](int number) {
                         m_totals.stopped = true;
                         std::fprintf(stderr, "tcpinspector-cli run: %s; stopping.\n",
                                      qPrintable(SignalWatcher::signalName(number)));
                         runner.stop();
                     });
    QEventLoop loop;
    QObject::connect(&runner, &ScenarioRunner::finished, &loop, &QEventLoop::quit);
    QElapsedTimer clock;
    clock.start();
    runner.start();
    loop.exec();
    waitForCloses(opened);
    printer.flush();
    // The runner takes its connections with it: they are saved now.
    QList<Connection *> ended;
    for (const QPointer<Connection> &connection : std::as_const(opened))
        if (connection)
            ended.append(connection);
    save.add(ended);
    report.addFile(file, runner.results(), clock.elapsed());
    return true;
}

} // namespace TcpInspector
