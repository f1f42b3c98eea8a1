// SPDX-License-Identifier: GPL-3.0-or-later
#include "lessons/lessonpane.h"

#include "lessons/lessoncodeview.h"
#include "lessons/lessonstage.h"
#include "scenario/scenarioparser.h"
#include "scenario/scenariostepmodel.h"
#include "scenario/scenariosteppresenter.h"
#include "scenario/stepstatusstyle.h"
#include "session/workbench.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace TcpInspector {

namespace {
enum MenuAction { NextAction, RunAllAction, RunAgainAction, ResetAction };
enum Tab { StepsTab, ExplanationTab, CodeTab };
// Reset removes what has ended; a connection still closing is retried this
// often, this many times (2 s), then left to the window's own clean-up.
constexpr int removeRetryMs = 100;
constexpr int removeRetries = 20;
} // namespace

LessonPane::View LessonPane::viewFor(ExpectKind kind)
{
    switch (kind) {
    case ExpectKind::Message:
    case ExpectKind::Messages:
    case ExpectKind::Received:
        return View::Messages;
    case ExpectKind::Chunks:
    case ExpectKind::Bytes:
    case ExpectKind::Gap:
        return View::Chunks;
    case ExpectKind::State:
    case ExpectKind::Error:
    case ExpectKind::Timeout:
    case ExpectKind::Note:
    case ExpectKind::Accepted:
    case ExpectKind::Handshake:
    case ExpectKind::Alert:
    case ExpectKind::Record:
        return View::Timeline;
    case ExpectKind::Kernel:
    case ExpectKind::KeepaliveProbes:
        return View::Kernel;
    }
    return View::Timeline;
}

LessonPane::LessonPane(Workbench *workbench, QWidget *parent)
    : QWidget(parent),
      m_workbench(workbench),
      m_catalog(LessonCatalog::builtIn()),
      m_steps(new ScenarioStepPresenter(workbench, this))
{
    buildActions();
    m_stage = new LessonStage;
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("lessonTabs"));
    m_tabs->addTab(buildStepsPage(), QString());
    m_explanation = new QTextBrowser;
    m_explanation->setObjectName(QStringLiteral("lessonExplanation"));
    m_explanation->setOpenExternalLinks(true);
    m_tabs->addTab(m_explanation, QString());
    m_code = new LessonCodeView;
    m_tabs->addTab(m_code, QString());
    // The stage beside the tabs: a dock is short more often than narrow, and
    // the texts the class reads must stay in sight while the steps scroll.
    // The stage gets the larger share: its texts are what the class reads.
    // In a scroll area, so a short dock scrolls rather than cuts a callout.
    auto *stageScroll = new QScrollArea;
    stageScroll->setWidget(m_stage);
    stageScroll->setWidgetResizable(true);
    stageScroll->setFrameShape(QFrame::NoFrame);
    stageScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    stageScroll->setMinimumWidth(fontMetrics().averageCharWidth() * 36);
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(stageScroll);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 9);
    split->setStretchFactor(1, 11);
    split->setSizes({450, 550}); // scaled to the width the splitter gets
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(buildToolBar());
    layout->addWidget(split, 1);

    m_removeTimer.setInterval(removeRetryMs);
    connect(&m_removeTimer, &QTimer::timeout, this, &LessonPane::removeConnections);
    connect(m_steps, &ScenarioStepPresenter::changed, this, [this] {
        updateButtons();
        updateSummary();
    });
    connect(m_steps, &ScenarioStepPresenter::stepFinished, this, &LessonPane::handleStepFinished);
    connect(m_steps, &ScenarioStepPresenter::narration, this, &LessonPane::handleNarration);
    connect(m_steps, &ScenarioStepPresenter::finished, this, &LessonPane::runFinished);
    connect(m_steps, &ScenarioStepPresenter::connectionStarted, this,
            [this](quint64 id) { m_connections.insert(id); });
    fillChooser();
    retranslate();
    if (!m_catalog.lessons().isEmpty())
        openLesson(m_catalog.lessons().first().id);
}

LessonPane::~LessonPane() = default;

ScenarioStepModel *LessonPane::stepModel() const
{
    return m_steps->model();
}

void LessonPane::buildActions()
{
    const QList<QKeySequence> keys = {Qt::Key_F8, Qt::SHIFT | Qt::Key_F8, Qt::CTRL | Qt::Key_F8,
                                      Qt::CTRL | Qt::SHIFT | Qt::Key_F8};
    const QList<void (LessonPane::*)()> handlers
        = {&LessonPane::next, &LessonPane::runAll, &LessonPane::runAgain, &LessonPane::reset};
    for (int i = 0; i < keys.size(); ++i) {
        auto *action = new QAction(this);
        action->setShortcut(keys.at(i));
        connect(action, &QAction::triggered, this, handlers.at(i));
        m_menuActions.append(action);
    }
    // Also on the pane, so the keys work before the window puts them in a menu.
    addActions(m_menuActions);
    // A presenter's clicker sends PageDown or Right; Space is the teacher's
    // own key. Only while the pane has focus: elsewhere they page and scroll.
    for (const QKeySequence &key : {QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_PageDown),
                                    QKeySequence(Qt::Key_Right)}) {
        auto *shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &LessonPane::next);
    }
}

QWidget *LessonPane::buildToolBar()
{
    auto *bar = new QWidget;
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_chooser = new QComboBox;
    m_chooser->setObjectName(QStringLiteral("lessonChooser"));
    m_chooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_chooser->setMinimumContentsLength(28);
    connect(m_chooser, &QComboBox::activated, this, &LessonPane::handleChosen);
    m_engineLabel = new QLabel;
    m_engines = new QComboBox;
    m_engines->setObjectName(QStringLiteral("lessonEngine"));
    m_engineLabel->setBuddy(m_engines);
    connect(m_engines, &QComboBox::activated, this, &LessonPane::handleEngineChosen);
    const auto button = [](const char *name, StepState look) {
        auto *tool = new QToolButton;
        tool->setObjectName(QLatin1String(name));
        tool->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        tool->setIcon(StepStatusStyle::icon(look));
        // Clicks leave the focus where it was, so Space keeps meaning Next.
        tool->setFocusPolicy(Qt::TabFocus);
        return tool;
    };
    m_nextButton = button("lessonNext", StepState::Next);
    m_runButton = button("lessonRunAll", StepState::Running);
    m_againButton = button("lessonRunAgain", StepState::Passed);
    m_resetButton = button("lessonReset", StepState::Skipped);
    connect(m_nextButton, &QToolButton::clicked, this, &LessonPane::next);
    connect(m_runButton, &QToolButton::clicked, this, &LessonPane::runAll);
    connect(m_againButton, &QToolButton::clicked, this, &LessonPane::runAgain);
    connect(m_resetButton, &QToolButton::clicked, this, &LessonPane::reset);
    row->addWidget(m_chooser, 1);
    row->addWidget(m_engineLabel);
    row->addWidget(m_engines);
    row->addSpacing(8);
    row->addWidget(m_nextButton);
    row->addWidget(m_runButton);
    row->addWidget(m_againButton);
    row->addWidget(m_resetButton);
    return bar;
}

QWidget *LessonPane::buildStepsPage()
{
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("lessonSteps"));
    m_steps->attachTable(m_table);
    QHeaderView *header = m_table->horizontalHeader();
    // The step's source takes the room; the message column is empty until a
    // step fails, and its tooltip and the summary say it in full.
    header->setSectionResizeMode(ScenarioStepModel::StepColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ScenarioStepModel::MessageColumn, QHeaderView::Interactive);
    header->resizeSection(ScenarioStepModel::MessageColumn, fontMetrics().averageCharWidth() * 12);
    header->setStretchLastSection(false);
    // Clicks only: the pane moves the current row itself as observations hold.
    connect(m_table, &QTableView::clicked, this,
            [this](const QModelIndex &index) { handleStepClicked(index.row()); });
    return m_table;
}

void LessonPane::fillChooser()
{
    const QString current = currentLessonId();
    m_chooser->clear();
    for (const Lesson &lesson : m_catalog.lessons()) {
        m_chooser->addItem(tr("%1. %2").arg(lesson.order).arg(lesson.title.in(m_language)),
                           lesson.id);
        m_chooser->setItemData(m_chooser->count() - 1, lesson.goal.in(m_language), Qt::ToolTipRole);
    }
    m_chooser->setCurrentIndex(m_chooser->findData(current));
}

void LessonPane::fillEngines()
{
    m_engines->clear();
    const QList<EngineKind> engines = m_lesson ? m_lesson->engines : QList<EngineKind>();
    for (EngineKind engine : engines) {
        m_engines->addItem(engine == EngineKind::Native ? tr("Native (POSIX)") : tr("Qt"),
                           engineKey(engine));
    }
    m_engines->setCurrentIndex(m_engines->findData(engineKey(m_engine)));
    // One engine: nothing to choose.
    m_engineLabel->setVisible(engines.size() > 1);
    m_engines->setVisible(engines.size() > 1);
}

bool LessonPane::openLesson(const QString &id)
{
    const Lesson *lesson = m_catalog.find(id);
    if (!lesson)
        return false;
    if (lesson == m_lesson && !m_steps->hasRun())
        return true;
    reset();
    m_lesson = lesson;
    m_engine = lesson->engines.value(0, EngineKind::Qt);
    m_chooser->setCurrentIndex(m_chooser->findData(id));
    fillEngines();
    clearRun();
    showLessonTexts();
    emit lessonChanged(id);
    return true;
}

void LessonPane::setCatalog(const LessonCatalog &catalog)
{
    reset();
    m_lesson = nullptr;
    m_catalog = catalog;
    fillChooser();
    if (!m_catalog.lessons().isEmpty())
        openLesson(m_catalog.lessons().first().id);
    else
        clearRun();
}

QString LessonPane::currentLessonId() const
{
    return m_lesson ? m_lesson->id : QString();
}

const Lesson *LessonPane::currentLesson() const
{
    return m_lesson;
}

bool LessonPane::setEngine(EngineKind engine)
{
    if (!m_lesson || !m_lesson->engines.contains(engine))
        return false;
    if (engine == m_engine)
        return true;
    reset();
    m_engine = engine;
    m_engines->setCurrentIndex(m_engines->findData(engineKey(engine)));
    clearRun();
    return true;
}

void LessonPane::handleChosen(int index)
{
    const QString id = m_chooser->itemData(index).toString();
    if (id != currentLessonId())
        openLesson(id);
}

void LessonPane::handleEngineChosen(int index)
{
    const std::optional<EngineKind> engine = engineFromKey(m_engines->itemData(index).toString());
    if (engine)
        setEngine(*engine);
}

void LessonPane::showLessonTexts()
{
    if (!m_lesson)
        return;
    m_stage->setGoal(m_lesson->goal.in(m_language));
    m_explanation->setMarkdown(m_lesson->explanation.in(m_language));
    m_code->setCode(m_lesson->goCode, m_lesson->cppCode);
    fillChooser();
}

void LessonPane::clearRun()
{
    // The steps as the file has them, pending, with the engine chosen.
    ScenarioFile file;
    if (m_lesson) {
        ScenarioParser parser;
        parser.setDefaultEngine(m_engine);
        file = parser.parseText(m_lesson->scenarioText, m_lesson->scenarioPath,
                                QFileInfo(m_lesson->scenarioPath).absolutePath());
    }
    m_narration.clear();
    m_narrationZh.clear();
    m_callout.clear();
    m_calloutZh.clear();
    m_steps->setFile(file);
    showStageTexts();
}

void LessonPane::next()
{
    start(true);
}

void LessonPane::runAll()
{
    start(false);
}

void LessonPane::runAgain()
{
    reset();
    start(false);
}

void LessonPane::start(bool stepMode)
{
    if (m_steps->advance(stepMode))
        return;
    if (!m_lesson || !m_steps->isRunnable())
        return;
    // A lesson that has ended starts over: Next after the last step begins
    // again rather than doing nothing in front of the class.
    if (m_steps->hasRun())
        reset();
    QStringList errors;
    if (!m_steps->start({}, stepMode, &errors)) {
        m_stage->setSummary(errors.join(QLatin1Char(' ')),
                            StepStatusStyle::foreground(StepState::Failed));
        return;
    }
    m_tabs->setCurrentIndex(StepsTab);
    showStageTexts();
}

void LessonPane::reset()
{
    m_steps->discard();
    m_removeTries = 0;
    m_leaving.unite(m_connections);
    m_connections.clear();
    removeConnections();
    if (m_windowStateSaved) {
        m_windowStateSaved = false;
        emit windowStateRestoreRequested();
    }
    clearRun();
}

void LessonPane::removeConnections()
{
    if (m_leaving.isEmpty() || !m_workbench) {
        m_removeTimer.stop();
        return;
    }
    m_workbench->removeFinished(m_leaving);
    // Those still listed are closing (the run has just closed them) or not
    // listed yet (the I/O thread's news is queued): try again shortly.
    for (auto it = m_leaving.begin(); it != m_leaving.end();) {
        if (m_workbench->connectionById(*it) || m_removeTries == 0)
            ++it;
        else
            it = m_leaving.erase(it);
    }
    if (m_leaving.isEmpty() || ++m_removeTries > removeRetries)
        m_removeTimer.stop();
    else if (!m_removeTimer.isActive())
        m_removeTimer.start();
    updateButtons();
}

bool LessonPane::isRunning() const
{
    return m_steps->isRunning();
}

bool LessonPane::isPaused() const
{
    return m_steps->isPaused();
}

void LessonPane::handleStepFinished(const StepResult &result)
{
    const QModelIndex index
        = m_steps->model()->index(m_steps->model()->rowOf(result.scenario, result.step), 0);
    if (result.status == StepResult::Status::Failed)
        m_table->setCurrentIndex(index);
    const ScenarioStep *step = m_steps->stepOf(result.scenario, result.step);
    if (step && step->kind == StepKind::Expect && result.status == StepResult::Status::Passed) {
        const auto &expect = step->get<ExpectArgs>();
        if (!expect.callout.isEmpty()) {
            m_callout = expect.callout;
            m_calloutZh = expect.calloutZh;
            showStageTexts();
            m_table->setCurrentIndex(index);
            showResult(result, viewFor(expect.what));
        }
    }
}

void LessonPane::showResult(const StepResult &result, View view)
{
    if (result.connectionId == 0)
        return;
    if (!m_windowStateSaved) {
        m_windowStateSaved = true;
        emit windowStateSaveRequested();
    }
    emit showRequested(result.connectionId, result.direction, result.offset, result.timeNs, view);
}

void LessonPane::handleStepClicked(int row)
{
    const std::optional<StepResult> result = m_steps->model()->result(row);
    if (!result)
        return;
    const ScenarioStep *step = m_steps->stepOf(result->scenario, result->step);
    View view = View::Timeline;
    if (step && step->kind == StepKind::Expect)
        view = viewFor(step->get<ExpectArgs>().what);
    else if (step && step->kind == StepKind::Send)
        view = View::Chunks;
    showResult(*result, view);
}

void LessonPane::handleNarration(const QString &text, const QString &textZh)
{
    m_narration = text;
    m_narrationZh = textZh;
    showStageTexts();
}

void LessonPane::showStageTexts()
{
    const bool chinese = m_language.startsWith(QLatin1String("zh"));
    const QString narration = chinese && !m_narrationZh.isEmpty() ? m_narrationZh : m_narration;
    if (!narration.isEmpty())
        m_stage->setNarration(narration);
    else if (!m_steps->hasRun())
        m_stage->setHint(tr("Press Next (Space, PageDown) to run the first step, or Run all."));
    else
        m_stage->setNarration(QString());
    m_stage->setCallout(chinese && !m_calloutZh.isEmpty() ? m_calloutZh : m_callout);
}

void LessonPane::setLanguage(const QString &language)
{
    m_language = language.isEmpty() ? QStringLiteral("en") : language;
    showLessonTexts();
    showStageTexts();
}

void LessonPane::updateButtons()
{
    const bool runnable = m_lesson && m_steps->isRunnable();
    m_nextButton->setEnabled(runnable && m_steps->canAdvance());
    m_runButton->setEnabled(runnable && m_steps->canAdvance());
    m_againButton->setEnabled(runnable);
    m_resetButton->setEnabled(m_steps->hasRun() || !m_connections.isEmpty());
    m_chooser->setEnabled(m_steps->canAdvance());
    m_engines->setEnabled(m_steps->canAdvance());
    m_menuActions.at(NextAction)->setEnabled(m_nextButton->isEnabled());
    m_menuActions.at(RunAllAction)->setEnabled(m_runButton->isEnabled());
    m_menuActions.at(RunAgainAction)->setEnabled(m_againButton->isEnabled());
    m_menuActions.at(ResetAction)->setEnabled(m_resetButton->isEnabled());
}

void LessonPane::updateSummary()
{
    const ScenarioFile &file = m_steps->file();
    const int observations = m_steps->observationCount();
    QString text;
    StepState tone = StepState::Pending;
    if (file.hasErrors()) {
        text = tr("This lesson's scenario has errors: %1").arg(file.diagnostics.first().toString());
        tone = StepState::Failed;
    } else if (m_steps->isPaused() && m_steps->pausedLine() > 0) {
        text = tr("Paused before line %1: Next runs it.").arg(m_steps->pausedLine());
    } else if (m_steps->isRunning()) {
        text = tr("Running...");
    } else if (m_steps->hasFinished() && m_steps->passed()) {
        text = tr("All %1 observations held.").arg(observations);
        tone = StepState::Passed;
    } else if (m_steps->hasFinished()) {
        tone = StepState::Failed;
        text = failureText();
    } else {
        text = tr("%1 steps, %2 observations.").arg(file.stepCount()).arg(observations);
    }
    m_stage->setSummary(text,
                        tone == StepState::Pending ? QColor() : StepStatusStyle::foreground(tone));
}

// What the first failed step of a finished run says.
QString LessonPane::failureText() const
{
    const ScenarioStepModel *model = m_steps->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const std::optional<StepResult> result = model->result(row);
        if (!result || result->status != StepResult::Status::Failed)
            continue;
        const ScenarioStep *step = m_steps->stepOf(result->scenario, result->step);
        if (step && step->kind == StepKind::Expect && !result->expected.isEmpty())
            return tr("Observation on line %1 did not hold: expected %2, got %3.")
                .arg(result->line)
                .arg(result->expected, result->received);
        return tr("Line %1 failed: %2").arg(result->line).arg(result->message);
    }
    return QString();
}

void LessonPane::retranslate()
{
    m_tabs->setTabText(StepsTab, tr("Steps"));
    m_tabs->setTabText(ExplanationTab, tr("Explanation"));
    m_tabs->setTabText(CodeTab, tr("Code"));
    m_chooser->setToolTip(tr("The lessons, in the order of the syllabus"));
    m_engineLabel->setText(tr("&Engine:"));
    m_engines->setToolTip(tr("The socket engine the lesson's endpoints use"));
    m_nextButton->setText(tr("Next"));
    m_nextButton->setToolTip(tr("Runs one step, then pauses (Space, PageDown, Right)"));
    m_runButton->setText(tr("Run all"));
    m_runButton->setToolTip(tr("Runs the lesson to its end"));
    m_againButton->setText(tr("Run again"));
    m_againButton->setToolTip(tr("Resets the lesson and runs it from the start"));
    m_resetButton->setText(tr("Reset"));
    m_resetButton->setToolTip(tr("Stops the lesson and removes its connections from the window"));
    m_menuActions.at(NextAction)->setText(tr("&Next Lesson Step"));
    m_menuActions.at(RunAllAction)->setText(tr("Run &Whole Lesson"));
    m_menuActions.at(RunAgainAction)->setText(tr("Run Lesson &Again"));
    m_menuActions.at(ResetAction)->setText(tr("Rese&t Lesson"));
    fillEngines();
    showStageTexts();
    updateButtons();
    updateSummary();
}

void LessonPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
