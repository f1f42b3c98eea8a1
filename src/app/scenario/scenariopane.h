// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/scenariorunner.h"

#include <QHash>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QTabWidget;
class QTableView;
class QToolButton;

namespace TcpInspector {

class ScenarioEditor;
class ScenarioStepModel;
class ScenarioStepPresenter;
class Workbench;

/// The Scenarios pane: open a scenario file or pick a shipped example, edit
/// it, Run it, Step through it (one step, then a pause) or Stop it; each step
/// with its status, time and message, a failed expectation's expected and
/// received, and the narration of `say` steps. Clicking a step asks the
/// window to show what the step touched (showRequested). The runs go through
/// the workbench, so their connections are listed with the others.
class ScenarioPane : public QWidget
{
    Q_OBJECT

public:
    explicit ScenarioPane(Workbench *workbench, QWidget *parent = nullptr);
    ~ScenarioPane() override;

    /// Loads a shipped example ("line-exchange.scn") into the editor, after
    /// asking about unsaved changes; false when cancelled or unknown.
    bool loadExample(const QString &name);
    bool openFile(const QString &path);
    /// Runs the editor's text; continues a paused run to its end.
    void run();
    /// Runs one step, then pauses; starts a run when none is going.
    void step();
    void stop();
    bool isRunning() const;
    bool isPaused() const;
    /// Unsaved changes in the editor: asks; true when they may go.
    bool confirmDiscard();
    /// "zh_CN" shows narration in Chinese where the file gives it.
    void setLanguage(const QString &language);
    /// The value the variables form starts with for NAME (as --var).
    void setVariable(const QString &name, const QByteArray &value);

    ScenarioEditor *editor() const { return m_editor; }
    ScenarioStepModel *stepModel() const;
    QTableView *stepTable() const { return m_table; }
    QLabel *detailLabel() const { return m_detail; }
    QLabel *narrationLabel() const { return m_narration; }
    QLabel *summaryLabel() const { return m_summary; }
    QTabWidget *tabs() const { return m_tabs; }
    /// Open, Run, Step and Stop, with shortcuts, for the window's menu.
    QList<QAction *> menuActions() const { return m_menuActions; }

Q_SIGNALS:
    /// A step was clicked: show the connection it touched, in that
    /// direction, the message or chunk at offset (-1: none) and the time.
    void showRequested(quint64 connectionId, TcpInspector::Direction direction, qint64 offset,
                       qint64 timeNs);
    void statusMessage(const QString &text);
    void runFinished(bool passed);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildToolBar();
    QWidget *buildStepsPage();
    void fillExamples();
    void retranslate();
    void startRun(bool stepMode);
    bool askVariables(const ScenarioFile &file, QHash<QString, QByteArray> *values);
    void handleParsed(const ScenarioFile &file);
    void handleStepFinished(const StepResult &result);
    void handleNarration(const QString &text, const QString &textZh);
    void handleStepChosen(int row);
    void handleExampleChosen(int index);
    void showNarration();
    void updateButtons();
    void updateSummary();
    void updateEditorTitle();

    ScenarioStepPresenter *m_steps;
    ScenarioEditor *m_editor;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_table = nullptr;
    QComboBox *m_examples = nullptr;
    QToolButton *m_fileButton = nullptr;
    QToolButton *m_runButton = nullptr;
    QToolButton *m_stepButton = nullptr;
    QToolButton *m_stopButton = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_narration = nullptr;
    QLabel *m_detail = nullptr;
    QList<QAction *> m_menuActions;
    QHash<QString, QByteArray> m_variables;
    QString m_shownText; ///< the editor text whose steps the table shows
    QString m_narrationText;
    QString m_narrationZh;
    bool m_chinese = false;
};

} // namespace TcpInspector
