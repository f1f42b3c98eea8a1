// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/scenariorunner.h"
#include "session/workbench.h"

#include <QObject>
#include <QPointer>

namespace TcpInspector {

/// One run of a scenario file for the window: the ScenarioRunner lives on
/// the workbench's I/O thread (its connections are listed like the window's
/// own), and this, on the GUI thread, starts, steps and stops it with queued
/// calls and passes its signals on. No widgets.
class ScenarioRunHandle : public QObject
{
    Q_OBJECT

public:
    explicit ScenarioRunHandle(Workbench *workbench, QObject *parent = nullptr);
    ~ScenarioRunHandle() override;

    /// Starts a run of @p file; in step mode it runs the first step, then
    /// pauses. False, with *errors, when a variable has no value.
    bool start(const ScenarioFile &file, const QHash<QString, QByteArray> &variables, bool stepMode,
               QStringList *errors);
    /// Paused: runs the next step and pauses again.
    void step();
    /// Paused: runs on to the end.
    void resume();
    void stop();
    /// Ends the run at once and forgets it: no signal of it comes after this
    /// (a lesson's Reset). What it left open is closed as stop() closes it.
    void discard() { release(); }
    bool isRunning() const { return m_runner != nullptr; }
    bool isPaused() const { return m_paused; }

Q_SIGNALS:
    void stepStarted(int scenario, int step);
    void stepFinished(const TcpInspector::StepResult &result);
    void narration(const QString &text, const QString &textZh);
    /// The run opened or accepted the connection with this Connection::id().
    void connectionStarted(quint64 connectionId);
    void paused(int scenario, int step);
    void finished(bool passed);

private:
    void handleFinished(bool passed);
    void release();

    // The window may destroy the workbench before this (members go before
    // child widgets); the workbench then deletes the runner itself.
    QPointer<Workbench> m_workbench;
    ScenarioRunner *m_runner = nullptr; ///< on the I/O thread: queued calls only
    bool m_paused = false;
    quint64 m_runNumber = 0; ///< of the current run: late calls of an older one are dropped
};

} // namespace TcpInspector
