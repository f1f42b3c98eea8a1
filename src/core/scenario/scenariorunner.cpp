// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/scenariorunner.h"

#include "scenario/replyrules.h"

#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/hostport.h"
#include "net/serverendpoint.h"
#include "text/tr.h"

#include <utility>

namespace TcpInspector {

namespace {
// Often enough that a step ends within a few ms of what it waits for; the
// checks only read counters and the few events since the step began.
constexpr int pollMs = 5;

bool isConnecting(ConnectionState state)
{
    return state == ConnectionState::Resolving || state == ConnectionState::Connecting;
}

// What the last error of a connection said: "refused: Connection refused";
// with explained, our explanation too (a TLS failure's says the fix).
QString lastError(const Connection &connection, bool explained = false)
{
    QString text;
    for (const TimelineEvent &event : connection.timeline().since(0)) {
        if (event.type == TimelineEvent::Error || event.type == TimelineEvent::Timeout)
            text = event.type == TimelineEvent::Error
                       ? event.code + QStringLiteral(": ") + event.message
                       : event.text;
        if (explained && event.type == TimelineEvent::Error && !event.explanation.isEmpty())
            text += QLatin1Char(' ') + event.explanation;
    }
    return text;
}
} // namespace

QString stepStatusKey(StepResult::Status status)
{
    switch (status) {
    case StepResult::Status::Passed:
        return QStringLiteral("passed");
    case StepResult::Status::Failed:
        return QStringLiteral("failed");
    case StepResult::Status::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

ScenarioRunner::ScenarioRunner(ScenarioFile file, QObject *parent)
    : QObject(parent), m_file(std::move(file)), m_client(new ClientEndpoint(this))
{
    qRegisterMetaType<TcpInspector::StepResult>();
    m_deadline.setSingleShot(true);
    // A coarse timer may fire 5 % early: within=200ms would end at 190 ms.
    m_deadline.setTimerType(Qt::PreciseTimer);
    m_poll.setInterval(pollMs);
    connect(&m_deadline, &QTimer::timeout, this, &ScenarioRunner::handleDeadline);
    connect(&m_poll, &QTimer::timeout, this, &ScenarioRunner::check);
    connect(m_client, &ClientEndpoint::connectionCreated, this, &ScenarioRunner::connectionStarted);
}

ScenarioRunner::~ScenarioRunner()
{
    restoreDescriptorLimit();
}

bool ScenarioRunner::setVariables(const QHash<QString, QByteArray> &overrides, QStringList *errors)
{
    return m_variables.declare(m_file, overrides, errors);
}

Connection *ScenarioRunner::connection(const QString &name) const
{
    return m_connections.value(name);
}

void ScenarioRunner::start()
{
    if (m_running)
        return;
    m_running = true;
    m_paused = false;
    m_scenario = 0;
    m_step = -1;
    QTimer::singleShot(0, this, &ScenarioRunner::advance);
}

void ScenarioRunner::stop()
{
    if (!m_running)
        return;
    if (m_paused) {
        // The step it waited before has not run: it is skipped with the rest.
        m_paused = false;
        --m_step;
    }
    if (!m_stepDone)
        finishStep(StepResult::Status::Failed, Tr::tr("Stopped."));
    skipRest(Tr::tr("Not run: the run was stopped."));
    finishRun();
}

const ScenarioStep &ScenarioRunner::currentStep() const
{
    return m_file.scenarios.at(m_scenario).steps.at(m_step);
}

void ScenarioRunner::advance()
{
    if (!m_running || !m_stepDone || m_paused)
        return;
    for (;;) {
        if (m_scenario >= m_file.scenarios.size())
            return finishRun();
        const Scenario &scenario = m_file.scenarios.at(m_scenario);
        if (++m_step < scenario.steps.size() && !m_scenarioFailed)
            break;
        if (m_step < scenario.steps.size()) {
            StepResult result;
            result.scenario = m_scenario;
            result.step = m_step;
            result.line = scenario.steps.at(m_step).line;
            result.status = StepResult::Status::Skipped;
            result.message = Tr::tr("Not run: an earlier step of this scenario failed.");
            m_results += result;
            emit stepFinished(result);
            continue;
        }
        emit scenarioFinished(m_scenario, !m_scenarioFailed);
        ++m_scenario;
        m_step = -1;
        m_scenarioFailed = false;
    }
    if (m_stepMode && !std::exchange(m_oneStep, false)) {
        m_paused = true;
        emit paused(m_scenario, m_step);
        return;
    }
    beginStep();
}

void ScenarioRunner::beginStep()
{
    m_stepDone = false;
    m_sendOffset = -1;
    m_clock.start();
    emit stepStarted(m_scenario, m_step);
    runStep(currentStep());
}

void ScenarioRunner::stepOnce()
{
    m_stepMode = true;
    if (!m_running) {
        m_oneStep = true;
        return start();
    }
    if (!m_paused)
        return; // the step that runs pauses when it ends
    m_paused = false;
    beginStep();
}

void ScenarioRunner::resume()
{
    m_stepMode = false;
    if (!m_running)
        return start();
    if (!m_paused)
        return;
    m_paused = false;
    beginStep();
}

void ScenarioRunner::skipRest(const QString &reason)
{
    for (int s = m_scenario; s < m_file.scenarios.size(); ++s) {
        const QList<ScenarioStep> &steps = m_file.scenarios.at(s).steps;
        for (int i = s == m_scenario ? m_step + 1 : 0; i < steps.size(); ++i) {
            StepResult result;
            result.scenario = s;
            result.step = i;
            result.line = steps.at(i).line;
            result.status = StepResult::Status::Skipped;
            result.message = reason;
            m_results += result;
            emit stepFinished(result);
        }
    }
    m_scenario = int(m_file.scenarios.size());
}

void ScenarioRunner::finishRun()
{
    m_running = false;
    m_paused = false;
    m_deadline.stop();
    m_poll.stop();
    restoreDescriptorLimit();
    // What the file left open ends with the run, as `close` would end it.
    for (Connection *connection : std::as_const(m_connections)) {
        if (connection && !isFinalState(connection->state()))
            connection->close();
    }
    for (ServerEndpoint *server : std::as_const(m_listeners))
        server->stop();
    emit finished(!m_anyFailed);
}

void ScenarioRunner::finishStep(StepResult::Status status, const QString &message,
                                const QString &expected, const QString &received)
{
    if (m_stepDone)
        return;
    m_stepDone = true;
    m_deadline.stop();
    m_poll.stop();
    m_waiting = Waiting::None;
    m_expectation.reset();
    m_sendsLeft = 0;
    StepResult result;
    result.scenario = m_scenario;
    result.step = m_step;
    result.line = currentStep().line;
    result.status = status;
    result.ms = m_clock.elapsed();
    result.message = message;
    result.expected = expected;
    result.received = received;
    noteTouched(result);
    if (status == StepResult::Status::Failed) {
        m_anyFailed = true;
        m_scenarioFailed = true;
    }
    m_results += result;
    emit stepFinished(result);
    QTimer::singleShot(0, this, &ScenarioRunner::advance);
}

void ScenarioRunner::noteTouched(StepResult &result) const
{
    result.timeNs = monotonicNs();
    const ScenarioStep &step = currentStep();
    const Connection *connection = m_connections.value(step.target);
    if (!connection) // a listener, wait, say, or a connection that never was
        return;
    result.connectionId = connection->id();
    if (step.kind == StepKind::Send) {
        result.direction = Direction::Tx;
        result.offset = m_sendOffset;
    } else if (step.kind == StepKind::Expect && result.status == StepResult::Status::Passed
               && step.get<ExpectArgs>().what == ExpectKind::Message) {
        // check() moved the cursor past the message it matched.
        result.frame = m_messageCursors.value(step.target) - 1;
        if (result.frame >= connection->rx().firstFrame())
            result.offset = connection->rx().frame(result.frame).offset;
    }
}

void ScenarioRunner::wait(Waiting waiting, int ms)
{
    m_waiting = waiting;
    m_deadline.start(ms);
    if (waiting != Waiting::Timer)
        m_poll.start();
    check();
}

void ScenarioRunner::check()
{
    if (m_stepDone)
        return;
    switch (m_waiting) {
    case Waiting::Accept:
        return checkAccept();
    case Waiting::Connect:
        return checkConnect();
    case Waiting::Expect: {
        Connection *connection = m_connections.value(currentStep().target);
        if (!connection)
            return finishStep(StepResult::Status::Failed, Tr::tr("The connection was removed."));
        if (m_expectation->check(*connection, &m_variables) == ExpectationCheck::Outcome::Passed) {
            m_messageCursors.insert(currentStep().target, m_expectation->messageCursor());
            m_stateCursors.insert(currentStep().target, m_expectation->stateCursor());
            m_recordCursors.insert(currentStep().target, m_expectation->recordCursor());
            finishStep(StepResult::Status::Passed);
        }
        return;
    }
    case Waiting::ListenerExpect: {
        QString received;
        if (checkListener(currentStep(), &received))
            finishStep(StepResult::Status::Passed);
        return;
    }
    case Waiting::Read:
        return checkRead();
    case Waiting::None:
    case Waiting::Timer:
        return;
    }
}

void ScenarioRunner::handleDeadline()
{
    if (m_stepDone)
        return;
    const ScenarioStep &step = currentStep();
    switch (m_waiting) {
    case Waiting::Timer:
        if (m_sendsLeft > 0) {
            sendOnce(m_connections.value(step.target));
            return;
        }
        return finishStep(StepResult::Status::Passed);
    case Waiting::Accept:
        return finishStep(StepResult::Status::Failed,
                          Tr::tr("No connection came to %1 within %2 ms.")
                              .arg(step.get<AcceptArgs>().listener)
                              .arg(step.get<AcceptArgs>().timeoutMs));
    case Waiting::Connect:
        return finishStep(StepResult::Status::Failed,
                          Tr::tr("Still connecting after %1 ms.").arg(m_clock.elapsed()));
    case Waiting::Expect: {
        const Connection *connection = m_connections.value(step.target);
        return finishStep(StepResult::Status::Failed,
                          Tr::tr("Not within %1 ms.").arg(step.get<ExpectArgs>().withinMs),
                          m_expectation->expected(),
                          connection ? m_expectation->received(*connection) : QString());
    }
    case Waiting::ListenerExpect: {
        const auto &args = step.get<ExpectArgs>();
        QString received;
        checkListener(step, &received);
        const QString expected
            = expectKindKey(args.what) + QLatin1Char(' ')
              + (args.what == ExpectKind::Accepted ? args.count.toString() : args.errorCode);
        return finishStep(StepResult::Status::Failed,
                          Tr::tr("Not within %1 ms.").arg(args.withinMs), expected, received);
    }
    case Waiting::Read:
        return finishStep(
            StepResult::Status::Failed,
            Tr::tr("Nothing to read within %1 ms.").arg(step.get<ReadArgs>().timeoutMs));
    case Waiting::None:
        return;
    }
}

void ScenarioRunner::runStep(const ScenarioStep &step)
{
    switch (step.kind) {
    case StepKind::Listen:
        return runListen(step);
    case StepKind::Accept:
        return runAccept(step);
    case StepKind::Connect:
        return runConnect(step);
    case StepKind::Wait:
        return wait(Waiting::Timer, step.get<WaitArgs>().ms);
    case StepKind::Say:
        emit narration(step.get<SayArgs>().text, step.get<SayArgs>().textZh);
        return finishStep(StepResult::Status::Passed);
    case StepKind::Rule:
        return runRule(step);
    case StepKind::Stop:
        return runStop(step);
    case StepKind::LimitFds:
        return runLimitFds(step);
    case StepKind::Expect:
        if (m_listeners.contains(step.target) || m_listenerErrors.contains(step.target))
            return runListenerExpect(step);
        break;
    default:
        break;
    }
    Connection *connection = targetOf(step);
    if (!connection)
        return;
    if (step.kind == StepKind::Send)
        return runSend(step, connection);
    if (step.kind == StepKind::Expect)
        return runExpect(step, connection);
    if (step.kind == StepKind::Read)
        return runRead(step, connection);
    runAction(step, connection);
}

Connection *ScenarioRunner::targetOf(const ScenarioStep &step)
{
    Connection *connection = m_connections.value(step.target);
    if (!connection) {
        finishStep(StepResult::Status::Failed,
                   Tr::tr("There is no connection '%1': the step that names it did not pass.")
                       .arg(step.target));
    }
    return connection;
}

void ScenarioRunner::runAccept(const ScenarioStep &step)
{
    wait(Waiting::Accept, step.get<AcceptArgs>().timeoutMs);
}

void ScenarioRunner::checkAccept()
{
    const ScenarioStep &step = currentStep();
    QList<Connection *> &waiting = m_unclaimed[step.get<AcceptArgs>().listener];
    if (waiting.isEmpty())
        return;
    adopt(step.target, waiting.takeFirst());
    finishStep(StepResult::Status::Passed);
}

void ScenarioRunner::adopt(const QString &name, Connection *connection)
{
    m_connections.insert(name, connection);
    m_messageCursors.insert(name, 0);
    m_stateCursors.insert(name, 0);
    m_recordCursors.insert(name, 0);
}

void ScenarioRunner::checkConnect()
{
    const ScenarioStep &step = currentStep();
    const Connection *connection = m_connections.value(step.target);
    if (!connection)
        return finishStep(StepResult::Status::Failed, Tr::tr("The connection was removed."));
    const ConnectionState state = connection->state();
    if (isConnecting(state))
        return;
    // A TLS connect is done when its handshake is: data may go from the next step.
    if (connection->usesTls() && !ExpectationCheck::handshakeDetails(*connection)) {
        if (!isFinalState(state))
            return;
        if (nextStepExpectsFailure(step.target))
            return finishStep(StepResult::Status::Passed);
        QString why = Tr::tr("The TLS handshake failed: %1").arg(lastError(*connection, true));
        // The explanation names the CLI's flags; a scenario says it with options.
        if (why.contains(QLatin1String("--ca")) || why.contains(QLatin1String("--sni"))
            || why.contains(QLatin1String("--tls-insecure"))) {
            why += QLatin1Char(' ')
                   + Tr::tr("In a scenario: ca=FILE trusts a CA or a self-signed certificate "
                            "(ca=local the generated localhost one), sni=NAME names the host to "
                            "check, verify=off skips the check.");
        }
        return finishStep(StepResult::Status::Failed, why);
    }
    if (state != ConnectionState::Failed || nextStepExpectsFailure(step.target))
        return finishStep(StepResult::Status::Passed);
    finishStep(StepResult::Status::Failed,
               Tr::tr("The connection failed: %1").arg(lastError(*connection)));
}

bool ScenarioRunner::nextStepExpectsFailure(const QString &name) const
{
    const QList<ScenarioStep> &steps = m_file.scenarios.at(m_scenario).steps;
    if (m_step + 1 >= steps.size())
        return false;
    const ScenarioStep &next = steps.at(m_step + 1);
    if (next.kind != StepKind::Expect || next.target != name)
        return false;
    const ExpectKind what = next.get<ExpectArgs>().what;
    return what == ExpectKind::Error || what == ExpectKind::State || what == ExpectKind::Timeout
           || what == ExpectKind::Alert;
}

void ScenarioRunner::runSend(const ScenarioStep &step, Connection *connection)
{
    if (isFinalState(connection->state())) {
        return finishStep(StepResult::Status::Failed,
                          Tr::tr("The connection has ended (%1): nothing can be sent.")
                              .arg(connectionStateName(connection->state())));
    }
    m_sendsLeft = step.get<SendArgs>().repeat;
    m_sendOffset = connection->tx().store().size() + connection->pendingBytes();
    sendOnce(connection);
}

void ScenarioRunner::sendOnce(Connection *connection)
{
    if (!connection)
        return finishStep(StepResult::Status::Failed, Tr::tr("The connection was removed."));
    const auto &args = currentStep().get<SendArgs>();
    QString error;
    // Expanded for each repetition, so that {{counter}} counts them.
    const std::optional<QByteArray> bytes
        = m_variables.expandData(args.data, m_file.directory, &error);
    if (!bytes)
        return finishStep(StepResult::Status::Failed, error);
    if (args.fragment > 0)
        connection->sendFragmented(*bytes, args.fragment, args.delayMs);
    else
        connection->send(*bytes);
    if (--m_sendsLeft > 0)
        return wait(Waiting::Timer, args.intervalMs);
    finishStep(StepResult::Status::Passed);
}

void ScenarioRunner::runExpect(const ScenarioStep &step, Connection *connection)
{
    const auto &args = step.get<ExpectArgs>();
    m_expectation
        = std::make_unique<ExpectationCheck>(args, m_messageCursors.value(step.target),
                                             m_stateCursors.value(step.target), m_file.directory);
    m_expectation->setRecordCursor(m_recordCursors.value(step.target));
    if (m_expectation->prepare(&m_variables) == ExpectationCheck::Outcome::Failed) {
        return finishStep(StepResult::Status::Failed, m_expectation->error(),
                          m_expectation->expected(), QString());
    }
    Q_UNUSED(connection);
    wait(Waiting::Expect, args.withinMs);
}

void ScenarioRunner::runRead(const ScenarioStep &step, Connection *connection)
{
    // A connection that reads by itself leaves nothing for one read to take.
    if (!connection->readPaused()) {
        return finishStep(StepResult::Status::Failed,
                          Tr::tr("Reading is not paused: %1 reads everything as it comes. Write "
                                 "'pause %1' above this step.")
                              .arg(step.target));
    }
    wait(Waiting::Read, step.get<ReadArgs>().timeoutMs);
}

void ScenarioRunner::checkRead()
{
    const ScenarioStep &step = currentStep();
    Connection *connection = m_connections.value(step.target);
    // Asked again at each poll until a byte waits: reads that find nothing
    // (EAGAIN) take nothing, and the one that finds bytes is the step's read.
    switch (connection->readOnce(step.get<ReadArgs>().bytes)) {
    case Connection::ReadOutcome::Nothing:
        return;
    case Connection::ReadOutcome::Read:
        return finishStep(StepResult::Status::Passed);
    case Connection::ReadOutcome::Eof:
        return finishStep(StepResult::Status::Failed,
                          Tr::tr("EOF: the read returned 0 bytes, the peer has closed its "
                                 "sending side and nothing more will come."));
    case Connection::ReadOutcome::Ended:
        break;
    }
    finishStep(StepResult::Status::Failed,
               Tr::tr("The connection has ended (%1): there is nothing to read.")
                   .arg(connectionStateName(connection->state())));
}

void ScenarioRunner::runAction(const ScenarioStep &step, Connection *connection)
{
    QString error;
    switch (step.kind) {
    case StepKind::HalfClose:
        connection->halfClose();
        break;
    case StepKind::Close:
        connection->close();
        break;
    case StepKind::Reset:
        connection->abortWithReset();
        break;
    case StepKind::Pause:
    case StepKind::Resume:
        connection->setReadPaused(step.kind == StepKind::Pause);
        break;
    case StepKind::Framing: {
        const QString &spec = step.get<FramingArgs>().spec;
        if (!connection->setFraming(Direction::Rx, spec, &error)
            || !connection->setFraming(Direction::Tx, spec, &error)) {
            return finishStep(StepResult::Status::Failed, error);
        }
        break;
    }
    default:
        break;
    }
    finishStep(StepResult::Status::Passed);
}

} // namespace TcpInspector
