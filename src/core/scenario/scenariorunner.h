// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/expectationcheck.h"
#include "scenario/scenario.h"
#include "scenario/scenariovariables.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>

namespace TcpInspector {

class ClientEndpoint;
class ReplyRules;
class Connection;
class ServerEndpoint;

/// What became of one step of a run.
struct StepResult
{
    enum class Status { Passed, Failed, Skipped };

    int scenario = 0; ///< index into ScenarioFile::scenarios
    int step = 0;     ///< index into that scenario's steps
    int line = 0;
    Status status = Status::Passed;
    qint64 ms = 0;    ///< from the step's start to its end
    QString message;  ///< why it failed or was skipped; empty when it passed
    QString expected; ///< an expectation that failed: what it wanted
    QString received; ///< ... and what there was
};

QString stepStatusKey(StepResult::Status status); ///< "passed", "failed", "skipped"

/// Runs a parsed scenario file step by step on the thread it lives on,
/// through the same endpoints and connections as the panels and the CLI.
/// Each step ends passed, failed or skipped; a failed step skips the rest of
/// its scenario, and the next scenario runs. Every wait is bounded by the
/// step's timeout.
class ScenarioRunner : public QObject
{
    Q_OBJECT

public:
    explicit ScenarioRunner(ScenarioFile file, QObject *parent = nullptr);
    ~ScenarioRunner() override;

    /// The file's defaults and the --var overrides; false with the problems.
    bool setVariables(const QHash<QString, QByteArray> &overrides, QStringList *errors);
    ScenarioVariables &variables() { return m_variables; }

    void start();
    /// Ends the step that runs (failed, "stopped") and skips the rest.
    void stop();
    bool isRunning() const { return m_running; }
    /// No step failed (so far).
    bool passed() const { return !m_anyFailed; }
    const QList<StepResult> &results() const { return m_results; }
    Connection *connection(const QString &name) const { return m_connections.value(name); }
    ServerEndpoint *listener(const QString &name) const { return m_listeners.value(name); }

Q_SIGNALS:
    void stepStarted(int scenario, int step);
    void stepFinished(const TcpInspector::StepResult &result);
    void narration(const QString &text, const QString &textZh);
    /// A connection the run opened or accepted, before it reads or writes:
    /// a watcher connected now misses nothing.
    void connectionStarted(TcpInspector::Connection *connection);
    void scenarioFinished(int scenario, bool passed);
    void finished(bool passed);

private:
    enum class Waiting { None, Accept, Connect, Expect, Read, Timer };

    const ScenarioStep &currentStep() const;
    void advance();
    void runStep(const ScenarioStep &step);
    void finishStep(StepResult::Status status, const QString &message = QString(),
                    const QString &expected = QString(), const QString &received = QString());
    void skipRest(const QString &reason);
    void finishRun();
    void wait(Waiting waiting, int ms);
    void handleDeadline();
    void check();

    void runListen(const ScenarioStep &step);
    void runRule(const ScenarioStep &step);
    /// Adds rule to the listener's reply rules, which start with the first.
    bool addRule(const QString &listener, const ReplyRule &rule, const QString &directory,
                 QString *error);
    void runAccept(const ScenarioStep &step);
    void runConnect(const ScenarioStep &step);
    void runSend(const ScenarioStep &step, Connection *connection);
    void sendOnce(Connection *connection);
    void runExpect(const ScenarioStep &step, Connection *connection);
    void runRead(const ScenarioStep &step, Connection *connection);
    void checkRead();
    void runAction(const ScenarioStep &step, Connection *connection);
    void checkAccept();
    void checkConnect();
    void adopt(const QString &name, Connection *connection);
    /// The connection named by step, or null after failing the step.
    Connection *targetOf(const ScenarioStep &step);
    bool nextStepExpectsFailure(const QString &name) const;

    ScenarioFile m_file;
    ScenarioVariables m_variables;
    QList<StepResult> m_results;
    int m_scenario = 0;
    int m_step = -1;
    bool m_running = false;
    bool m_stepDone = true;
    bool m_anyFailed = false;
    bool m_scenarioFailed = false;
    Waiting m_waiting = Waiting::None;
    QElapsedTimer m_clock;
    QTimer m_deadline;
    QTimer m_poll;

    ClientEndpoint *m_client = nullptr;
    QHash<QString, ServerEndpoint *> m_listeners;
    QHash<QString, std::shared_ptr<ReplyRules>> m_replyRules;
    QHash<QString, QList<Connection *>> m_unclaimed; ///< accepted, not named by accept yet
    QHash<QString, Connection *> m_connections;
    QHash<QString, qint64> m_messageCursors;
    QHash<QString, qint64> m_stateCursors; ///< ExpectationCheck::stateCursor() of each
    std::unique_ptr<ExpectationCheck> m_expectation;
    QByteArray m_sendBytes;
    int m_sendsLeft = 0;
};

} // namespace TcpInspector

Q_DECLARE_METATYPE(TcpInspector::StepResult)
