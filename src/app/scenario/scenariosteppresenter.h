// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/scenariorunner.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QTableView;

namespace TcpInspector {

class ScenarioRunHandle;
class ScenarioStepModel;
class Workbench;

/// The steps of a scenario run, shared by the Scenarios and Lessons panes:
/// starts a run of a file through the workbench (ScenarioRunHandle), steps,
/// continues, stops or discards it, keeps each step's status in a
/// ScenarioStepModel and the step table on the step that runs or waits, and
/// says when the panes' buttons and summaries must change (changed()). What a
/// pane writes about a step, and what a chosen step shows, stay the pane's.
class ScenarioStepPresenter : public QObject
{
    Q_OBJECT

public:
    explicit ScenarioStepPresenter(Workbench *workbench, QObject *parent = nullptr);
    ~ScenarioStepPresenter() override;

    /// Shows the steps of @p file, pending, and forgets the last run's end.
    void setFile(const ScenarioFile &file);
    const ScenarioFile &file() const { return m_file; }
    /// Shows the model in @p table (rows selected whole, fitted columns) and
    /// keeps the step that runs or waits in sight.
    void attachTable(QTableView *table);

    /// Continues a paused run: one step (stepMode) or to its end. True when a
    /// run is going, paused or not: then nothing new may start.
    bool advance(bool stepMode);
    /// Starts a run of file(); in step mode it pauses after the first step.
    /// False, with *errors, when a variable has no value.
    bool start(const QHash<QString, QByteArray> &variables, bool stepMode, QStringList *errors);
    /// Stops the run; finished(false) follows.
    void stop();
    /// Ends the run at once; no signal of it comes after this.
    void discard();

    bool isRunning() const;
    bool isPaused() const;
    /// The file has steps and no errors.
    bool isRunnable() const;
    /// Next/Step and Run/Continue may act: no run, or a paused one.
    bool canAdvance() const { return !isRunning() || isPaused(); }
    /// A run started since the last setFile().
    bool hasRun() const { return m_ran; }
    /// ... and ended; passed() says how.
    bool hasFinished() const { return m_finished; }
    bool passed() const { return m_passed; }
    /// The line the paused run waits before; 0 when it does not wait.
    int pausedLine() const { return m_pausedLine; }
    /// The file's `expect` steps.
    int observationCount() const;
    const ScenarioStep *stepOf(int scenario, int step) const;
    ScenarioStepModel *model() const { return m_model; }

Q_SIGNALS:
    /// The run's state or a step's status changed: update buttons and summary.
    void changed();
    /// A step ended; the model has its result already.
    void stepFinished(const TcpInspector::StepResult &result);
    void narration(const QString &text, const QString &textZh);
    /// The run opened or accepted the connection with this Connection::id().
    void connectionStarted(quint64 connectionId);
    /// The run ended; changed() has been emitted before.
    void finished(bool passed);

private:
    void handleStepStarted(int scenario, int step);
    void handleStepFinished(const StepResult &result);
    void handlePaused(int scenario, int step);
    void handleFinished(bool passed);
    void scrollTo(int scenario, int step);

    ScenarioRunHandle *m_run;
    ScenarioStepModel *m_model;
    QPointer<QTableView> m_table;
    ScenarioFile m_file;
    bool m_ran = false;
    bool m_finished = false;
    bool m_passed = true;
    int m_pausedLine = 0;
};

} // namespace TcpInspector
