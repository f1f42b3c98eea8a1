// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/scenariorunhandle.h"

namespace TcpInspector {

ScenarioRunHandle::ScenarioRunHandle(Workbench *workbench, QObject *parent)
    : QObject(parent), m_workbench(workbench)
{ }

ScenarioRunHandle::~ScenarioRunHandle()
{
    release();
}

bool ScenarioRunHandle::start(const ScenarioFile &file, const QHash<QString, QByteArray> &variables,
                              bool stepMode, QStringList *errors)
{
    release();
    if (!m_workbench)
        return false;
    m_runner = m_workbench->createRunner(file, variables, errors);
    if (!m_runner)
        return false;
    // Queued: the runner emits on the I/O thread. A call already queued when
    // the run was released or replaced still arrives: the run's number drops it.
    const quint64 run = ++m_runNumber;
    const auto current = [this, run] {
        return run == m_runNumber && m_runner;
    };
    connect(m_runner, &ScenarioRunner::stepStarted, this, [this, current](int scenario, int step) {
        if (current())
            emit stepStarted(scenario, step);
    });
    connect(m_runner, &ScenarioRunner::stepFinished, this,
            [this, current](const StepResult &result) {
                if (current())
                    emit stepFinished(result);
            });
    connect(m_runner, &ScenarioRunner::narration, this,
            [this, current](const QString &text, const QString &textZh) {
                if (current())
                    emit narration(text, textZh);
            });
    // Any run's: its connections are listed whether or not it is current.
    // Queued as well: only the GUI thread deletes a connection (removeFinished).
    connect(m_runner, &ScenarioRunner::connectionStarted, this,
            [this](Connection *connection) { emit connectionStarted(connection->id()); });
    connect(m_runner, &ScenarioRunner::paused, this, [this, current](int scenario, int step) {
        if (!current())
            return;
        m_paused = true;
        emit paused(scenario, step);
    });
    connect(m_runner, &ScenarioRunner::finished, this, [this, current](bool passed) {
        if (current())
            handleFinished(passed);
    });
    m_paused = false;
    ScenarioRunner *runner = m_runner;
    QMetaObject::invokeMethod(runner, [runner, stepMode] {
        if (stepMode)
            runner->stepOnce();
        else
            runner->start();
    });
    return true;
}

void ScenarioRunHandle::step()
{
    if (!m_runner || !m_paused)
        return;
    m_paused = false;
    QMetaObject::invokeMethod(m_runner, &ScenarioRunner::stepOnce);
}

void ScenarioRunHandle::resume()
{
    if (!m_runner)
        return;
    m_paused = false;
    QMetaObject::invokeMethod(m_runner, &ScenarioRunner::resume);
}

void ScenarioRunHandle::stop()
{
    if (m_runner)
        QMetaObject::invokeMethod(m_runner, &ScenarioRunner::stop);
}

void ScenarioRunHandle::handleFinished(bool passed)
{
    // Every signal the run sent before it is in: the runner may go. Its
    // connections stay in the window until they are removed there.
    release();
    emit finished(passed);
}

void ScenarioRunHandle::release()
{
    m_paused = false;
    ScenarioRunner *runner = std::exchange(m_runner, nullptr);
    if (!runner || !m_workbench)
        return;
    disconnect(runner, nullptr, this, nullptr);
    m_workbench->deleteRunner(runner);
}

} // namespace TcpInspector
