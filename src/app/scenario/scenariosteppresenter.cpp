// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/scenariosteppresenter.h"

#include "scenario/scenariorunhandle.h"
#include "scenario/scenariostepmodel.h"

#include <QHeaderView>
#include <QTableView>

namespace TcpInspector {

ScenarioStepPresenter::ScenarioStepPresenter(Workbench *workbench, QObject *parent)
    : QObject(parent),
      m_run(new ScenarioRunHandle(workbench, this)),
      m_model(new ScenarioStepModel(this))
{
    connect(m_run, &ScenarioRunHandle::stepStarted, this,
            &ScenarioStepPresenter::handleStepStarted);
    connect(m_run, &ScenarioRunHandle::stepFinished, this,
            &ScenarioStepPresenter::handleStepFinished);
    connect(m_run, &ScenarioRunHandle::paused, this, &ScenarioStepPresenter::handlePaused);
    connect(m_run, &ScenarioRunHandle::finished, this, &ScenarioStepPresenter::handleFinished);
    connect(m_run, &ScenarioRunHandle::narration, this, &ScenarioStepPresenter::narration);
    connect(m_run, &ScenarioRunHandle::connectionStarted, this,
            &ScenarioStepPresenter::connectionStarted);
}

ScenarioStepPresenter::~ScenarioStepPresenter() = default;

void ScenarioStepPresenter::setFile(const ScenarioFile &file)
{
    m_file = file;
    m_model->setFile(m_file);
    m_ran = false;
    m_finished = false;
    m_passed = true;
    m_pausedLine = 0;
    emit changed();
}

void ScenarioStepPresenter::attachTable(QTableView *table)
{
    m_table = table;
    table->setModel(m_model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(ScenarioStepModel::LineColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ScenarioStepModel::StatusColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ScenarioStepModel::TimeColumn, QHeaderView::ResizeToContents);
}

bool ScenarioStepPresenter::advance(bool stepMode)
{
    if (!m_run->isRunning())
        return false;
    if (m_run->isPaused()) {
        // The step the run waits before is shown as next; it runs now.
        if (stepMode)
            m_run->step();
        else
            m_run->resume();
        emit changed();
    }
    return true;
}

bool ScenarioStepPresenter::start(const QHash<QString, QByteArray> &variables, bool stepMode,
                                  QStringList *errors)
{
    if (m_run->isRunning() || !isRunnable())
        return false;
    if (m_ran) {
        // Again: every step pending, nothing of the last run's end.
        m_model->clearResults();
        m_finished = false;
        m_passed = true;
    }
    if (!m_run->start(m_file, variables, stepMode, errors))
        return false;
    m_ran = true;
    emit changed();
    return true;
}

void ScenarioStepPresenter::stop()
{
    m_run->stop();
}

void ScenarioStepPresenter::discard()
{
    m_run->discard();
    m_pausedLine = 0;
    emit changed();
}

bool ScenarioStepPresenter::isRunning() const
{
    return m_run->isRunning();
}

bool ScenarioStepPresenter::isPaused() const
{
    return m_run->isPaused();
}

bool ScenarioStepPresenter::isRunnable() const
{
    return !m_file.hasErrors() && m_file.stepCount() > 0;
}

int ScenarioStepPresenter::observationCount() const
{
    int observations = 0;
    for (const Scenario &scenario : m_file.scenarios) {
        for (const ScenarioStep &step : scenario.steps)
            observations += step.kind == StepKind::Expect ? 1 : 0;
    }
    return observations;
}

const ScenarioStep *ScenarioStepPresenter::stepOf(int scenario, int step) const
{
    if (scenario < 0 || scenario >= m_file.scenarios.size())
        return nullptr;
    const QList<ScenarioStep> &steps = m_file.scenarios.at(scenario).steps;
    return step >= 0 && step < steps.size() ? &steps.at(step) : nullptr;
}

void ScenarioStepPresenter::handleStepStarted(int scenario, int step)
{
    m_model->setState(scenario, step, StepState::Running);
    scrollTo(scenario, step);
    m_pausedLine = 0;
    emit changed();
}

void ScenarioStepPresenter::handleStepFinished(const StepResult &result)
{
    m_model->setResult(result);
    emit stepFinished(result);
    emit changed();
}

void ScenarioStepPresenter::handlePaused(int scenario, int step)
{
    m_model->setState(scenario, step, StepState::Next);
    m_pausedLine = m_model->lineOf(m_model->rowOf(scenario, step));
    scrollTo(scenario, step);
    emit changed();
}

void ScenarioStepPresenter::handleFinished(bool passed)
{
    m_finished = true;
    m_passed = passed;
    m_pausedLine = 0;
    emit changed();
    emit finished(passed);
}

void ScenarioStepPresenter::scrollTo(int scenario, int step)
{
    if (m_table)
        m_table->scrollTo(m_model->index(m_model->rowOf(scenario, step), 0));
}

} // namespace TcpInspector
