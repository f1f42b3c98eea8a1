// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/scenariopane.h"

#include "scenario/scenarioeditor.h"
#include "scenario/scenarioexamples.h"
#include "scenario/scenariostepmodel.h"
#include "scenario/scenariosteppresenter.h"
#include "scenario/scenariovariablesdialog.h"
#include "scenario/stepstatusstyle.h"
#include "views/viewzoom.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace TcpInspector {

namespace {
enum FileAction { NewAction, OpenAction, SaveAction, SaveAsAction };
} // namespace

ScenarioPane::ScenarioPane(Workbench *workbench, QWidget *parent)
    : QWidget(parent),
      m_steps(new ScenarioStepPresenter(workbench, this)),
      m_editor(new ScenarioEditor)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("scenarioTabs"));
    m_tabs->addTab(buildStepsPage(), QString());
    m_tabs->addTab(m_editor, QString());
    // The buttons beside the tabs: on a laptop or a projector the dock is
    // short, and every row goes to the steps.
    m_tabs->setCornerWidget(buildToolBar(), Qt::TopRightCorner);
    layout->addWidget(m_tabs, 1);

    connect(m_editor, &ScenarioEditor::parsed, this, &ScenarioPane::handleParsed);
    connect(m_editor, &ScenarioEditor::titleChanged, this, &ScenarioPane::updateEditorTitle);
    connect(m_editor, &ScenarioEditor::statusMessage, this, &ScenarioPane::statusMessage);
    connect(m_steps, &ScenarioStepPresenter::changed, this, [this] {
        updateButtons();
        updateSummary();
    });
    connect(m_steps, &ScenarioStepPresenter::stepFinished, this, &ScenarioPane::handleStepFinished);
    connect(m_steps, &ScenarioStepPresenter::narration, this, &ScenarioPane::handleNarration);
    connect(m_steps, &ScenarioStepPresenter::finished, this, &ScenarioPane::runFinished);
    retranslate();
    fillExamples();
    // Something to run from the first start: the self-contained example.
    loadExample(QStringLiteral("line-exchange.scn"));
}

ScenarioPane::~ScenarioPane() = default;

ScenarioStepModel *ScenarioPane::stepModel() const
{
    return m_steps->model();
}

QWidget *ScenarioPane::buildToolBar()
{
    auto *bar = new QWidget;
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(8, 0, 0, 0);
    row->setSpacing(2);
    m_examples = new QComboBox;
    m_examples->setObjectName(QStringLiteral("scenarioExamples"));
    m_examples->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_examples, &QComboBox::activated, this, &ScenarioPane::handleExampleChosen);
    m_fileButton = new QToolButton;
    m_fileButton->setPopupMode(QToolButton::InstantPopup);
    m_fileButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(m_fileButton);
    menu->addAction(QString(), m_editor, &ScenarioEditor::newFile);
    menu->addAction(QString(), m_editor, &ScenarioEditor::open);
    menu->addAction(QString(), m_editor, &ScenarioEditor::save);
    menu->addAction(QString(), m_editor, &ScenarioEditor::saveAs);
    m_fileButton->setMenu(menu);
    m_runButton = new QToolButton;
    m_stepButton = new QToolButton;
    m_stopButton = new QToolButton;
    m_runButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_stepButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_stepButton->setIcon(StepStatusStyle::icon(StepState::Next));
    m_stopButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_stopButton->setIcon(StepStatusStyle::icon(StepState::Skipped));
    m_runButton->setObjectName(QStringLiteral("scenarioRun"));
    m_stepButton->setObjectName(QStringLiteral("scenarioStep"));
    m_stopButton->setObjectName(QStringLiteral("scenarioStop"));
    m_runButton->setIcon(StepStatusStyle::icon(StepState::Running));
    connect(m_runButton, &QToolButton::clicked, this, &ScenarioPane::run);
    connect(m_stepButton, &QToolButton::clicked, this, &ScenarioPane::step);
    connect(m_stopButton, &QToolButton::clicked, this, &ScenarioPane::stop);
    auto *openAction = new QAction(this);
    connect(openAction, &QAction::triggered, this, [this] {
        if (m_editor->open())
            m_examples->setCurrentIndex(-1);
    });
    auto *runAction = new QAction(this);
    runAction->setShortcut(Qt::Key_F5);
    connect(runAction, &QAction::triggered, this, &ScenarioPane::run);
    auto *stepAction = new QAction(this);
    stepAction->setShortcut(Qt::Key_F10);
    connect(stepAction, &QAction::triggered, this, &ScenarioPane::step);
    auto *stopAction = new QAction(this);
    stopAction->setShortcut(Qt::SHIFT | Qt::Key_F5);
    connect(stopAction, &QAction::triggered, this, &ScenarioPane::stop);
    m_menuActions = {openAction, runAction, stepAction, stopAction};
    row->addWidget(m_examples);
    row->addWidget(m_fileButton);
    row->addSpacing(6);
    row->addWidget(m_runButton);
    row->addWidget(m_stepButton);
    row->addWidget(m_stopButton);
    return bar;
}

QWidget *ScenarioPane::buildStepsPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(2, 4, 2, 2);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("scenarioSummary"));
    m_summary->setWordWrap(true);
    ViewZoom::instance()->followFont(m_summary, 1.0, true);
    // Narration is for a class: large enough to read from the back row.
    m_narration = new QLabel;
    m_narration->setObjectName(QStringLiteral("scenarioNarration"));
    m_narration->setWordWrap(true);
    m_narration->setStyleSheet(QStringLiteral("QLabel { background: #e8f0fb; color: #123a6b; "
                                              "border-left: 4px solid #2a6cd6; padding: 6px; }"));
    ViewZoom::instance()->followFont(m_narration, 1.15);
    m_narration->hide();
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("scenarioSteps"));
    m_steps->attachTable(m_table);
    // A short dock (a laptop, a projector) still shows the steps, not a scroll bar.
    m_table->setMinimumHeight(3 * (fontMetrics().height() + 8));
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(ScenarioStepModel::StepColumn, QHeaderView::Interactive);
    header->resizeSection(ScenarioStepModel::StepColumn, fontMetrics().averageCharWidth() * 40);
    header->setStretchLastSection(true);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { handleStepChosen(current.row()); });
    connect(m_table, &QTableView::clicked, this,
            [this](const QModelIndex &index) { handleStepChosen(index.row()); });
    m_detail = new QLabel;
    m_detail->setObjectName(QStringLiteral("scenarioDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_detail->setMargin(4);
    // Beside the table, not under it: a dock is short more often than narrow.
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    m_detail->setMinimumWidth(fontMetrics().averageCharWidth() * 24);
    layout->addWidget(m_summary);
    layout->addWidget(m_narration);
    layout->addWidget(split, 1);
    return page;
}

void ScenarioPane::fillExamples()
{
    const QString current = m_examples->currentData().toString();
    m_examples->clear();
    for (const ScenarioExamples::Example &example : ScenarioExamples::all()) {
        m_examples->addItem(example.name, example.name);
        m_examples->setItemData(m_examples->count() - 1, example.description, Qt::ToolTipRole);
    }
    m_examples->setCurrentIndex(m_examples->findData(current));
}

bool ScenarioPane::loadExample(const QString &name)
{
    const QString text = ScenarioExamples::text(name);
    if (text.isEmpty() || !m_editor->confirmDiscard())
        return false;
    m_editor->setText(text, ScenarioExamples::resourceDirectory() + QLatin1Char('/') + name, name);
    m_examples->setCurrentIndex(m_examples->findData(name));
    return true;
}

bool ScenarioPane::openFile(const QString &path)
{
    if (!m_editor->confirmDiscard())
        return false;
    const bool opened = m_editor->openFile(path);
    if (opened)
        m_examples->setCurrentIndex(-1);
    return opened;
}

void ScenarioPane::handleExampleChosen(int index)
{
    const QString name = m_examples->itemData(index).toString();
    if (name == m_editor->name() && !m_editor->isModified())
        return;
    if (!loadExample(name))
        m_examples->setCurrentIndex(m_examples->findData(m_editor->name()));
}

bool ScenarioPane::confirmDiscard()
{
    return m_editor->confirmDiscard();
}

void ScenarioPane::run()
{
    startRun(false);
}

void ScenarioPane::step()
{
    startRun(true);
}

void ScenarioPane::stop()
{
    m_steps->stop();
}

bool ScenarioPane::isRunning() const
{
    return m_steps->isRunning();
}

bool ScenarioPane::isPaused() const
{
    return m_steps->isPaused();
}

void ScenarioPane::startRun(bool stepMode)
{
    if (m_steps->advance(stepMode))
        return;
    const ScenarioFile file = m_editor->parse();
    if (file.hasErrors()) {
        m_tabs->setCurrentWidget(m_editor);
        emit statusMessage(tr("%1 has errors: fix them before it runs.").arg(m_editor->name()));
        return;
    }
    if (file.stepCount() == 0) {
        emit statusMessage(tr("Nothing to run: %1 has no steps.").arg(m_editor->name()));
        return;
    }
    QHash<QString, QByteArray> values;
    if (!askVariables(file, &values))
        return;
    m_steps->setFile(file);
    m_shownText = m_editor->text();
    m_narrationText.clear();
    m_narrationZh.clear();
    showNarration();
    m_detail->clear();
    QStringList errors;
    if (!m_steps->start(values, stepMode, &errors)) {
        emit statusMessage(errors.join(QLatin1Char(' ')));
        return;
    }
    m_tabs->setCurrentIndex(0);
}

bool ScenarioPane::askVariables(const ScenarioFile &file, QHash<QString, QByteArray> *values)
{
    if (ScenarioVariablesDialog::required(file).isEmpty())
        return true;
    ScenarioVariablesDialog dialog(file, m_variables, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    *values = dialog.values();
    m_variables.insert(*values);
    return true;
}

void ScenarioPane::setVariable(const QString &name, const QByteArray &value)
{
    m_variables.insert(name, value);
}

void ScenarioPane::handleParsed(const ScenarioFile &file)
{
    // The table shows the editor's steps, except while they run; a parse of
    // the same text (a new language) keeps the results of the last run.
    if (m_steps->isRunning() || m_editor->text() == m_shownText)
        return;
    m_shownText = m_editor->text();
    m_detail->clear();
    m_steps->setFile(file);
}

void ScenarioPane::handleStepFinished(const StepResult &result)
{
    const ScenarioStepModel *model = m_steps->model();
    if (result.status == StepResult::Status::Failed && m_detail->text().isEmpty())
        m_detail->setText(tr("Line %1 failed: %2")
                              .arg(result.line)
                              .arg(model->detail(model->rowOf(result.scenario, result.step))));
}

void ScenarioPane::handleNarration(const QString &text, const QString &textZh)
{
    m_narrationText = text;
    m_narrationZh = textZh;
    showNarration();
}

void ScenarioPane::showNarration()
{
    const QString text = m_chinese && !m_narrationZh.isEmpty() ? m_narrationZh : m_narrationText;
    m_narration->setText(text);
    m_narration->setVisible(!text.isEmpty());
}

void ScenarioPane::setLanguage(const QString &language)
{
    m_chinese = language.startsWith(QLatin1String("zh"));
    showNarration();
}

void ScenarioPane::handleStepChosen(int row)
{
    const ScenarioStepModel *model = m_steps->model();
    const std::optional<StepResult> result = model->result(row);
    if (!result) {
        m_detail->setText(row >= 0 ? tr("Line %1 has not run.").arg(model->lineOf(row))
                                   : QString());
        return;
    }
    const QString detail = model->detail(row);
    m_detail->setText(detail.isEmpty()
                          ? tr("Line %1 %2 in %3 ms.")
                                .arg(result->line)
                                .arg(StepStatusStyle::name(model->state(row)))
                                .arg(result->ms)
                          : tr("Line %1 %2: %3")
                                .arg(result->line)
                                .arg(StepStatusStyle::name(model->state(row)), detail));
    if (result->connectionId != 0)
        emit showRequested(result->connectionId, result->direction, result->offset, result->timeNs);
}

void ScenarioPane::updateButtons()
{
    const bool running = m_steps->isRunning();
    m_runButton->setText(m_steps->isPaused() ? tr("Continue") : tr("Run"));
    m_runButton->setEnabled(m_steps->canAdvance());
    m_stepButton->setEnabled(m_steps->canAdvance());
    m_stopButton->setEnabled(running);
    m_examples->setEnabled(!running);
    m_fileButton->setEnabled(!running);
    m_menuActions.at(0)->setEnabled(!running);
    m_menuActions.at(1)->setEnabled(m_runButton->isEnabled());
    m_menuActions.at(2)->setEnabled(m_stepButton->isEnabled());
    m_menuActions.at(3)->setEnabled(running);
}

void ScenarioPane::updateSummary()
{
    const ScenarioStepModel *model = m_steps->model();
    const int passed = model->count(StepState::Passed);
    const int failed = model->count(StepState::Failed);
    const int skipped = model->count(StepState::Skipped);
    const int steps = model->rowCount();
    const bool ran = m_steps->hasRun();
    QString state;
    if (m_steps->isPaused() && m_steps->pausedLine() > 0)
        state = tr("Paused before line %1.").arg(m_steps->pausedLine());
    else if (m_steps->isRunning())
        state = tr("Running.");
    else if (ran && passed + failed + skipped > 0)
        state = m_steps->passed() ? tr("Passed.") : tr("Failed.");
    else
        state = tr("%1 steps, not run yet.").arg(steps);
    if (passed + failed + skipped > 0)
        state += QLatin1Char(' ')
                 + tr("%1 of %2 steps passed, %3 failed, %4 skipped.")
                       .arg(passed)
                       .arg(steps)
                       .arg(failed)
                       .arg(skipped);
    m_summary->setText(state);
    QPalette palette = m_summary->palette();
    const StepState tone = failed > 0                                   ? StepState::Failed
                           : ran && !m_steps->isRunning() && passed > 0 ? StepState::Passed
                                                                        : StepState::Pending;
    palette.setColor(QPalette::WindowText, tone == StepState::Pending
                                               ? this->palette().color(QPalette::WindowText)
                                               : StepStatusStyle::foreground(tone));
    m_summary->setPalette(palette);
}

void ScenarioPane::updateEditorTitle()
{
    const QString name
        = m_editor->name() + (m_editor->isModified() ? QStringLiteral("*") : QString());
    m_tabs->setTabText(1, tr("Editor: %1").arg(name));
}

void ScenarioPane::retranslate()
{
    m_tabs->setTabText(0, tr("Steps"));
    updateEditorTitle();
    m_examples->setPlaceholderText(tr("Examples"));
    m_examples->setToolTip(tr("The scenarios that ship with TCP Inspector"));
    m_fileButton->setText(tr("File"));
    const QList<QAction *> actions = m_fileButton->menu()->actions();
    actions.at(NewAction)->setText(tr("&New"));
    actions.at(OpenAction)->setText(tr("&Open..."));
    actions.at(SaveAction)->setText(tr("&Save"));
    actions.at(SaveAsAction)->setText(tr("Save &As..."));
    m_stepButton->setText(tr("Step"));
    m_stepButton->setToolTip(tr("Runs one step, then pauses"));
    m_stopButton->setText(tr("Stop"));
    m_menuActions.at(0)->setText(tr("&Open Scenario..."));
    m_menuActions.at(1)->setText(tr("&Run Scenario"));
    m_menuActions.at(2)->setText(tr("S&tep"));
    m_menuActions.at(3)->setText(tr("St&op"));
    updateButtons();
    updateSummary();
}

void ScenarioPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
