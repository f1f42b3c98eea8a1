// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/expectationcheck.h"
#include "scenario/scenario.h"
#include "scenario/scenariovariables.h"
#include "timeline/timeline.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
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
    // What the step touched, for a window that shows it (the scenarios pane).
    quint64 connectionId = 0;            ///< Connection::id() of the one it named; 0: none
    Direction direction = Direction::Rx; ///< Tx for a send, Rx for an expectation
    qint64 frame = -1;  ///< the message an `expect message` matched, in direction's frames
    qint64 offset = -1; ///< where a send began (tx) or the matched message starts (rx)
    qint64 timeNs = 0;  ///< when the step ended, on the timelines' clock (monotonicNs())
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

    /// Step mode: the run pauses before each step (paused()) until stepOnce()
    /// or resume(). Set before start(), or while paused.
    void setStepMode(bool on) { m_stepMode = on; }
    bool stepMode() const { return m_stepMode; }
    /// Runs the next step, then pauses again; starts the run in step mode
    /// when it is not running.
    void stepOnce();
    /// Leaves step mode and runs on to the end; starts the run when it is not running.
    void resume();
    bool isPaused() const { return m_paused; }
    /// No step failed (so far).
    bool passed() const { return !m_anyFailed; }
    const QList<StepResult> &results() const { return m_results; }
    Connection *connection(const QString &name) const;
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
    /// Step mode: the run waits before this step.
    void paused(int scenario, int step);

private:
    enum class Waiting { None, Accept, Connect, Expect, ListenerExpect, Read, Timer };
    // A connect waits for the engine's own connect timeout, and a little more.
    static constexpr int connectGraceMs = 1000;
    // The kernel's view of every connection, as the panels sample it: a
    // lesson shows FIN_WAIT2 and CLOSE_WAIT in the timeline's kernel strip.
    static constexpr int kernelSampleMs = 100;

    const ScenarioStep &currentStep() const;
    void advance();
    void beginStep();
    void noteTouched(StepResult &result) const;
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
    void runStop(const ScenarioStep &step);
    void runLimitFds(const ScenarioStep &step);
    /// Puts back the descriptor limit the run started with, if it changed it.
    void restoreDescriptorLimit();
    void runListenerExpect(const ScenarioStep &step);
    /// An `expect LISTENER error|accepted` step holds; *received says what there is.
    bool checkListener(const ScenarioStep &step, QString *received) const;
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
    bool m_stepMode = false;
    bool m_paused = false;    ///< step mode: m_step is chosen and waits for stepOnce()
    bool m_oneStep = false;   ///< step mode: the first step of a run stepOnce() started
    qint64 m_sendOffset = -1; ///< where the running send step began in tx
    Waiting m_waiting = Waiting::None;
    QElapsedTimer m_clock;
    QTimer m_deadline;
    QTimer m_poll;

    ClientEndpoint *m_client = nullptr;
    QHash<QString, ServerEndpoint *> m_listeners;
    QHash<QString, std::shared_ptr<ReplyRules>> m_replyRules;
    QHash<QString, QList<Connection *>> m_unclaimed; ///< accepted, not named by accept yet
    QHash<QString, qint64> m_acceptedCounts;         ///< per listener
    int m_savedDescriptorLimit = -1; ///< the soft limit before limit-fds; -1: untouched
    QHash<QString, QStringList> m_listenerErrors; ///< codes of failed listens and accepts
    // Guarded: a window may delete a connection that has ended while the run goes on.
    QHash<QString, QPointer<Connection>> m_connections;
    QHash<QString, qint64> m_messageCursors;
    QHash<QString, qint64> m_stateCursors;  ///< ExpectationCheck::stateCursor() of each
    QHash<QString, qint64> m_recordCursors; ///< ExpectationCheck::recordCursor() of each
    std::unique_ptr<ExpectationCheck> m_expectation;
    QByteArray m_sendBytes;
    int m_sendsLeft = 0;
};

} // namespace TcpInspector

Q_DECLARE_METATYPE(TcpInspector::StepResult)
