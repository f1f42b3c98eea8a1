// SPDX-License-Identifier: GPL-3.0-or-later
// The Scenarios pane in the main window: a shipped example run to its end
// with its connections listed in the window, Step, a click on a step that
// selects what it touched, and errors marked in the editor as they are typed.
#include "net/connection.h"
#include "scenario/scenarioeditor.h"
#include "scenario/scenariopane.h"
#include "scenario/scenariostepmodel.h"
#include "session/workbench.h"
#include "widgets/clientpanel.h"
#include "widgets/connectiontable.h"
#include "widgets/connectionview.h"
#include "widgets/mainwindow.h"
#include "widgets/serverpanel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

using namespace TcpInspector;

class tst_ScenarioPane : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void runsAnExample();
    void stepsTwice();
    void clickSelectsWhatAStepTouched();
    void marksErrorsAsYouType();
    void windowGoesMidRun();

private:
    bool runToEnd();
    int rowOfLine(int line) const;

    std::unique_ptr<MainWindow> m_window;
    ScenarioPane *m_pane = nullptr;
};

void tst_ScenarioPane::init()
{
    MainWindow::Options options;
    options.useSettings = false;
    options.listenOnStart = false;
    m_window = std::make_unique<MainWindow>(options);
    m_window->resize(1024, 768);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_pane = m_window->scenarioPane();
    QVERIFY(m_pane);
    QVERIFY(m_pane->loadExample(QStringLiteral("line-exchange.scn")));
}

void tst_ScenarioPane::cleanup()
{
    m_window.reset();
}

bool tst_ScenarioPane::runToEnd()
{
    QSignalSpy finished(m_pane, &ScenarioPane::runFinished);
    m_pane->run();
    return finished.wait(20000) || !finished.isEmpty();
}

int tst_ScenarioPane::rowOfLine(int line) const
{
    const ScenarioStepModel *model = m_pane->stepModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->lineOf(row) == line)
            return row;
    }
    return -1;
}

void tst_ScenarioPane::runsAnExample()
{
    ScenarioStepModel *model = m_pane->stepModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int steps = model->rowCount();
    QCOMPARE(steps, 19); // the steps of examples/scenarios/line-exchange.scn
    QCOMPARE(model->count(StepState::Pending), steps);
    QVERIFY(runToEnd());
    QCOMPARE(model->count(StepState::Passed), steps);
    QVERIFY(!m_pane->isRunning());
    QVERIFY2(m_pane->summaryLabel()->text().contains(QLatin1String("19 of 19")),
             qPrintable(m_pane->summaryLabel()->text()));
    for (int row = 0; row < steps; ++row) {
        const std::optional<StepResult> result = model->result(row);
        QVERIFY(result);
        QCOMPARE(result->status, StepResult::Status::Passed);
        QVERIFY(!model->index(row, ScenarioStepModel::TimeColumn).data().toString().isEmpty());
    }
    // The run's two ends are listed like any other connection, each on its side.
    QTRY_COMPARE(m_window->workbench()->connections().size(), 2);
    const QList<Connection *> servers = m_window->serverPanel()->table()->allConnections();
    const QList<Connection *> clients = m_window->clientPanel()->table()->allConnections();
    QCOMPARE(servers.size(), 1);
    QCOMPARE(clients.size(), 1);
    QCOMPARE(servers.first()->side(), Connection::Side::Server);
    QCOMPARE(servers.first()->rx().frameCount(), qint64(4)); // HELLO, PING 1, PING 2, QUIT
    // The runner is gone; its connections stay until they are removed.
    QTRY_VERIFY(isFinalState(clients.first()->state()));
    QCOMPARE(m_window->workbench()->removeFinished(), 2);
    QVERIFY(m_window->workbench()->connections().isEmpty());
}

void tst_ScenarioPane::stepsTwice()
{
    ScenarioStepModel *model = m_pane->stepModel();
    m_pane->step();
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->isPaused(), 10000);
    QCOMPARE(model->count(StepState::Passed), 1);
    m_pane->step();
    QTRY_COMPARE_WITH_TIMEOUT(model->count(StepState::Passed), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->isPaused(), 10000);
    // A pause holds: nothing else runs until asked.
    QTest::qWait(200);
    QCOMPARE(model->count(StepState::Passed), 2);
    QCOMPARE(model->count(StepState::Next), 1);
    QCOMPARE(model->state(2), StepState::Next);
    QCOMPARE(model->count(StepState::Pending), model->rowCount() - 3);
    QVERIFY(m_pane->summaryLabel()->text().contains(QLatin1String("line 7")));
    QSignalSpy finished(m_pane, &ScenarioPane::runFinished);
    m_pane->stop();
    QVERIFY(finished.wait(5000));
    QCOMPARE(model->count(StepState::Passed), 2);
    QCOMPARE(model->count(StepState::Skipped), model->rowCount() - 2);
}

void tst_ScenarioPane::clickSelectsWhatAStepTouched()
{
    QVERIFY(runToEnd());
    // expect conn message "PING 1": the second message the server end received.
    const int row = rowOfLine(19);
    QVERIFY(row >= 0);
    const std::optional<StepResult> result = m_pane->stepModel()->result(row);
    QVERIFY(result);
    QCOMPARE(result->frame, qint64(1));
    QVERIFY(result->connectionId != 0);
    QTRY_VERIFY(m_window->workbench()->connectionById(result->connectionId));
    // Something else on display first, so the click has something to change.
    m_window->showConnection(nullptr);
    QTableView *table = m_pane->stepTable();
    table->scrollTo(m_pane->stepModel()->index(row, 0));
    const QRect rect = table->visualRect(m_pane->stepModel()->index(row, 1));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    Connection *shown = m_window->currentConnection();
    QVERIFY(shown);
    QCOMPARE(shown->id(), result->connectionId);
    QCOMPARE(shown->side(), Connection::Side::Server);
    QCOMPARE(m_window->serverPanel()->table()->currentConnection(), shown);
    QCOMPARE(m_window->connectionView()->direction(), Direction::Rx);
    // The message it matched is the selected row of the message table.
    const QModelIndex current = m_window->connectionView()->messageTable()->currentIndex();
    QVERIFY(current.isValid());
    QCOMPARE(current.row(), 1);
    QVERIFY(m_pane->detailLabel()->text().contains(QLatin1String("19")));
}

void tst_ScenarioPane::marksErrorsAsYouType()
{
    ScenarioEditor *editor = m_pane->editor();
    QSignalSpy parsed(editor, &ScenarioEditor::parsed);
    // As typing does: an edit of the document, which marks it modified.
    QTextCursor all(editor->textEdit()->document());
    all.select(QTextCursor::Document);
    all.insertText(QStringLiteral("listen srv 127.0.0.1:0\n"
                                  "connect cli srv\n"
                                  "sned cli \"hello\\n\"\n"
                                  "close cli\n"));
    QVERIFY(editor->isModified());
    QVERIFY(parsed.wait(5000));
    QCOMPARE(editor->diagnostics().size(), 1);
    const ScenarioDiagnostic diagnostic = editor->diagnostics().first();
    QCOMPARE(diagnostic.line, 3);
    QCOMPARE(diagnostic.column, 1);
    QListWidget *problems = editor->problemList();
    QCOMPARE(problems->count(), 1);
    QVERIFY2(problems->item(0)->text().startsWith(QLatin1String("Line 3, column 1:")),
             qPrintable(problems->item(0)->text()));
    // The wavy underline sits on line 3, under the unknown word, and nowhere else.
    const QTextDocument *document = editor->textEdit()->document();
    for (int line = 0; line < document->blockCount(); ++line) {
        bool wavy = false;
        for (const QTextLayout::FormatRange &range :
             document->findBlockByNumber(line).layout()->formats()) {
            if (range.format.underlineStyle() == QTextCharFormat::WaveUnderline) {
                wavy = true;
                QCOMPARE(range.start, 0);
                QVERIFY(range.start + range.length <= 4);
            }
        }
        QCOMPARE(wavy, line == 2);
    }
    // A file with errors does not run: the pane says why and shows the editor.
    QSignalSpy status(m_pane, &ScenarioPane::statusMessage);
    m_pane->run();
    QVERIFY(!m_pane->isRunning());
    QCOMPARE(status.size(), 1);
    QCOMPARE(m_pane->tabs()->currentWidget(), editor);
    // Fixed, the error goes.
    QTextCursor cursor(document->findBlockByNumber(2));
    cursor.movePosition(QTextCursor::EndOfWord, QTextCursor::KeepAnchor);
    cursor.insertText(QStringLiteral("send"));
    QVERIFY(parsed.wait(5000));
    QVERIFY(editor->diagnostics().isEmpty());
    QCOMPARE(m_pane->stepModel()->rowCount(), 4);
}

void tst_ScenarioPane::windowGoesMidRun()
{
    // Paused in the middle, with connections open: the window goes first.
    m_pane->step();
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->isPaused(), 10000);
    m_pane->step();
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->stepModel()->count(StepState::Passed), 2, 10000);
    m_window.reset();
    // And a window that is mid-step when it goes.
    init();
    m_pane->run();
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->stepModel()->count(StepState::Passed) >= 3, 10000);
    m_window.reset();
}

QTEST_MAIN(tst_ScenarioPane)
#include "tst_scenariopane.moc"
