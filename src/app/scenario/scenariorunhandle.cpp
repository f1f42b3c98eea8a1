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
    // Queued: the runner emits on the I/O thread.
    connect(m_runner, &ScenarioRunner::stepStarted, this, &ScenarioRunHandle::stepStarted);
    connect(m_runner, &ScenarioRunner::stepFinished, this, &ScenarioRunHandle::stepFinished);
    connect(m_runner, &ScenarioRunner::narration, this, &ScenarioRunHandle::narration);
    // Queued as well: only the GUI thread deletes a connection (removeFinished).
    connect(m_runner, &ScenarioRunner::connectionStarted, this,
            [this](Connection *connection) { emit connectionStarted(connection->id()); });
    connect(m_runner, &ScenarioRunner::paused, this, [this](int scenario, int step) {
        m_paused = true;
        emit paused(scenario, step);
    });
    connect(m_runner, &ScenarioRunner::finished, this, &ScenarioRunHandle::handleFinished);
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
