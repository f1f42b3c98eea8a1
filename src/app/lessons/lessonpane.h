// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lesson/lessoncatalog.h"
#include "scenario/scenariorunner.h"

#include <QSet>
#include <QTimer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QToolButton;

namespace TcpInspector {

class LessonCodeView;
class LessonStage;
class ScenarioStepModel;
class ScenarioStepPresenter;
class Workbench;

/// The Lessons pane (issue 13): pick a lesson of the syllabus, run it one
/// step at a time (Next) or to its end (Run all), again, or Reset it; read
/// its goal, the narration and the callout of each observation as it holds,
/// its explanation and its code in Go and C++/Qt. A lesson is a scenario run
/// through the workbench like the Scenarios pane's, so its connections are
/// listed in the window; when an observation with a callout holds the pane
/// asks the window to show what it touched (showRequested).
///
/// The window's state the pane changes is what showRequested changes there
/// (the selected connection, the view shown): the pane emits
/// windowStateSaveRequested() before its first showRequested of a run and
/// windowStateRestoreRequested() on Reset and when another lesson opens.
/// The user's panels and their settings are never touched: a lesson opens
/// endpoints of its own.
class LessonPane : public QWidget
{
    Q_OBJECT

public:
    /// Which of the window's views shows what an observation checked.
    enum class View {
        Messages, ///< expect message, messages, received
        Chunks,   ///< expect chunks, bytes; a send
        Timeline, ///< expect state, error; the other steps
        Kernel,   ///< expect kernel: the timeline's kernel strip
    };
    Q_ENUM(View)
    static View viewFor(ExpectKind kind);

    explicit LessonPane(Workbench *workbench, QWidget *parent = nullptr);
    ~LessonPane() override;

    /// Opens the lesson with this id (LessonCatalog::builtIn()); false for an
    /// unknown one. Stops and resets the lesson that was open.
    bool openLesson(const QString &id);
    QString currentLessonId() const;
    const Lesson *currentLesson() const;
    const LessonCatalog &catalog() const { return m_catalog; }
    /// Lessons other than the built-in ones (LessonCatalog::load() of a
    /// folder: a teacher's own); opens the first.
    void setCatalog(const LessonCatalog &catalog);
    /// The engine the lesson's steps use: one of Lesson::engines.
    EngineKind engine() const { return m_engine; }
    bool setEngine(EngineKind engine);

    /// Runs one step, then pauses; starts the lesson when it is not running.
    void next();
    /// Runs to the end; continues a paused run.
    void runAll();
    /// Resets, then runs from the start.
    void runAgain();
    /// Stops, removes the lesson's connections from the window, clears the
    /// steps, the narration and the callout.
    void reset();
    bool isRunning() const;
    bool isPaused() const;

    /// "zh_CN" shows the lesson's Chinese texts.
    void setLanguage(const QString &language);

    /// Next, Run all, Run again and Reset with shortcuts (F8, Shift+F8,
    /// Ctrl+F8, Ctrl+Shift+F8) for the window's menu. Inside the pane Next is
    /// also on Space, PageDown and Right (a presenter's clicker).
    QList<QAction *> menuActions() const { return m_menuActions; }

    ScenarioStepModel *stepModel() const;
    QTableView *stepTable() const { return m_table; }
    LessonStage *stage() const { return m_stage; }
    QComboBox *lessonChooser() const { return m_chooser; }
    QTabWidget *tabs() const { return m_tabs; }
    QTextBrowser *explanationView() const { return m_explanation; }
    LessonCodeView *codeView() const { return m_code; }
    /// The connections of the lesson's runs still listed in the window.
    QSet<quint64> connectionIds() const { return m_connections; }

Q_SIGNALS:
    /// Show the connection, the message or chunk at offset (-1: none) of
    /// direction, the time, in view. The first four are ScenarioPane's.
    void showRequested(quint64 connectionId, TcpInspector::Direction direction, qint64 offset,
                       qint64 timeNs, TcpInspector::LessonPane::View view);
    void windowStateSaveRequested();
    void windowStateRestoreRequested();
    void lessonChanged(const QString &id);
    void runFinished(bool passed);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildToolBar();
    QWidget *buildStepsPage();
    void buildActions();
    void fillChooser();
    void fillEngines();
    void showLessonTexts();
    void retranslate();
    void start(bool stepMode);
    void clearRun();
    void removeConnections();
    void handleChosen(int index);
    void handleEngineChosen(int index);
    void handleStepFinished(const StepResult &result);
    void handleNarration(const QString &text, const QString &textZh);
    void handleStepClicked(int row);
    void showResult(const StepResult &result, View view);
    void showStageTexts();
    void updateButtons();
    void updateSummary();
    QString failureText() const;

    Workbench *m_workbench;
    LessonCatalog m_catalog;
    ScenarioStepPresenter *m_steps;
    const Lesson *m_lesson = nullptr;
    EngineKind m_engine = EngineKind::Qt;
    QString m_language = QStringLiteral("en");
    LessonStage *m_stage = nullptr;
    QComboBox *m_chooser = nullptr;
    QLabel *m_engineLabel = nullptr;
    QComboBox *m_engines = nullptr;
    QToolButton *m_nextButton = nullptr;
    QToolButton *m_runButton = nullptr;
    QToolButton *m_againButton = nullptr;
    QToolButton *m_resetButton = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_table = nullptr;
    QTextBrowser *m_explanation = nullptr;
    LessonCodeView *m_code = nullptr;
    QList<QAction *> m_menuActions;
    // What the stage shows, in both languages, so a language change redraws it.
    QString m_narration;
    QString m_narrationZh;
    QString m_callout;
    QString m_calloutZh;
    QSet<quint64> m_connections; ///< opened or accepted by the lesson's current run
    /// An earlier run's, still to be removed: kept apart, so the retries
    /// never take the next run's connections along (Run again under load).
    QSet<quint64> m_leaving;
    QTimer m_removeTimer; ///< retries removing those that had not ended yet
    int m_removeTries = 0;
    bool m_windowStateSaved = false;
};

} // namespace TcpInspector
