// SPDX-License-Identifier: GPL-3.0-or-later
// The step presenter both panes use, on a real workbench: a run to its end,
// a step at a time, stopped, discarded, started again from pending steps, a
// variable without a value, and what makes a file runnable.
#include "scenario/scenarioparser.h"
#include "scenario/scenariostepmodel.h"
#include "scenario/scenariosteppresenter.h"
#include "session/workbench.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace TcpInspector;

namespace {
// Six steps on lines 1 to 6, one observation (line 5).
const QString exchange = QStringLiteral("listen srv 127.0.0.1:0 framing=line\n"
                                        "connect cli srv framing=line\n"
                                        "accept conn srv\n"
                                        "send cli \"HI\\n\"\n"
                                        "expect conn message \"HI\"\n"
                                        "close cli\n");

ScenarioFile parse(const QString &text)
{
    ScenarioParser parser;
    return parser.parseText(text, QStringLiteral("t.scn"));
}
} // namespace

class tst_ScenarioStepPresenter : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void runnable_data();
    void runnable();
    void runsToTheEnd();
    void stepsThenContinues();
    void stopSkipsTheRest();
    void discardSaysNothingMore();
    void startsAgainFromPending();
    void refusesAMissingVariable();

private:
    std::unique_ptr<Workbench> m_workbench;
    std::unique_ptr<ScenarioStepPresenter> m_steps;
};

void tst_ScenarioStepPresenter::init()
{
    m_workbench = std::make_unique<Workbench>();
    m_steps = std::make_unique<ScenarioStepPresenter>(m_workbench.get());
}

void tst_ScenarioStepPresenter::cleanup()
{
    m_steps.reset();
    m_workbench.reset();
}

void tst_ScenarioStepPresenter::runnable_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("runnable");
    QTest::addColumn<int>("rows");
    QTest::newRow("steps") << exchange << true << 6;
    QTest::newRow("no steps") << QStringLiteral("# nothing\n") << false << 0;
    QTest::newRow("errors") << exchange + QStringLiteral("frobnicate cli\n") << false << 6;
}

void tst_ScenarioStepPresenter::runnable()
{
    QFETCH(QString, text);
    QFETCH(bool, runnable);
    QFETCH(int, rows);
    QSignalSpy changed(m_steps.get(), &ScenarioStepPresenter::changed);
    m_steps->setFile(parse(text));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_steps->isRunnable(), runnable);
    QCOMPARE(m_steps->model()->rowCount(), rows);
    QVERIFY(m_steps->canAdvance());
    QVERIFY(!m_steps->hasRun());
    QStringList errors;
    QCOMPARE(m_steps->start({}, false, &errors), runnable);
    QCOMPARE(m_steps->isRunning(), runnable);
    QCOMPARE(m_steps->hasRun(), runnable);
}

void tst_ScenarioStepPresenter::runsToTheEnd()
{
    m_steps->setFile(parse(exchange));
    ScenarioStepModel *model = m_steps->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(m_steps->observationCount(), 1);
    const ScenarioStep *expect = m_steps->stepOf(0, 4);
    QVERIFY(expect);
    QCOMPARE(expect->kind, StepKind::Expect);
    QVERIFY(!m_steps->stepOf(0, 6));
    QVERIFY(!m_steps->stepOf(1, 0));
    QSignalSpy stepFinished(m_steps.get(), &ScenarioStepPresenter::stepFinished);
    QSignalSpy finished(m_steps.get(), &ScenarioStepPresenter::finished);
    QSignalSpy connections(m_steps.get(), &ScenarioStepPresenter::connectionStarted);
    QStringList errors;
    QVERIFY(m_steps->start({}, false, &errors));
    QVERIFY(m_steps->hasRun());
    QVERIFY(!m_steps->canAdvance());
    QVERIFY(m_steps->advance(true)); // a run that is not paused: nothing new starts
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY(m_steps->hasFinished());
    QVERIFY(m_steps->passed());
    QVERIFY(!m_steps->isRunning());
    QVERIFY(m_steps->canAdvance());
    QCOMPARE(stepFinished.size(), 6);
    QCOMPARE(model->count(StepState::Passed), 6);
    QCOMPARE(connections.size(), 2); // the client and the accepted end
    QVERIFY(!m_steps->advance(false));
}

void tst_ScenarioStepPresenter::stepsThenContinues()
{
    QTableView table;
    m_steps->attachTable(&table);
    QCOMPARE(table.model(), m_steps->model());
    m_steps->setFile(parse(exchange));
    ScenarioStepModel *model = m_steps->model();
    QStringList errors;
    QVERIFY(m_steps->start({}, true, &errors));
    QTRY_VERIFY_WITH_TIMEOUT(m_steps->isPaused(), 10000);
    QCOMPARE(model->count(StepState::Passed), 1);
    QCOMPARE(model->state(1), StepState::Next);
    QCOMPARE(m_steps->pausedLine(), 2);
    QVERIFY(m_steps->canAdvance());
    QVERIFY(m_steps->advance(true));
    QTRY_COMPARE_WITH_TIMEOUT(model->count(StepState::Passed), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_steps->isPaused(), 10000);
    QCOMPARE(m_steps->pausedLine(), 3);
    QSignalSpy finished(m_steps.get(), &ScenarioStepPresenter::finished);
    QVERIFY(m_steps->advance(false));
    QVERIFY(finished.wait(10000));
    QVERIFY(m_steps->passed());
    QCOMPARE(m_steps->pausedLine(), 0);
    QCOMPARE(model->count(StepState::Passed), 6);
}

void tst_ScenarioStepPresenter::stopSkipsTheRest()
{
    m_steps->setFile(parse(exchange));
    QStringList errors;
    QVERIFY(m_steps->start({}, true, &errors));
    QTRY_VERIFY_WITH_TIMEOUT(m_steps->isPaused(), 10000);
    QSignalSpy finished(m_steps.get(), &ScenarioStepPresenter::finished);
    m_steps->stop();
    QVERIFY(finished.wait(5000));
    // Skipped steps are no failure: the run says how it went, the presenter keeps it.
    QCOMPARE(m_steps->passed(), finished.first().at(0).toBool());
    QVERIFY(m_steps->hasFinished());
    QVERIFY(!m_steps->isRunning());
    QCOMPARE(m_steps->model()->count(StepState::Passed), 1);
    QCOMPARE(m_steps->model()->count(StepState::Skipped), 5);
}

void tst_ScenarioStepPresenter::discardSaysNothingMore()
{
    m_steps->setFile(parse(exchange));
    QStringList errors;
    QVERIFY(m_steps->start({}, true, &errors));
    QTRY_VERIFY_WITH_TIMEOUT(m_steps->isPaused(), 10000);
    QSignalSpy finished(m_steps.get(), &ScenarioStepPresenter::finished);
    QSignalSpy stepFinished(m_steps.get(), &ScenarioStepPresenter::stepFinished);
    m_steps->discard();
    QVERIFY(!m_steps->isRunning());
    QCOMPARE(m_steps->pausedLine(), 0);
    QTest::qWait(200);
    QVERIFY(finished.isEmpty());
    QVERIFY(stepFinished.isEmpty());
    QVERIFY(!m_steps->hasFinished());
}

void tst_ScenarioStepPresenter::startsAgainFromPending()
{
    m_steps->setFile(parse(exchange));
    QSignalSpy finished(m_steps.get(), &ScenarioStepPresenter::finished);
    QStringList errors;
    QVERIFY(m_steps->start({}, false, &errors));
    QVERIFY(finished.wait(10000));
    QCOMPARE(m_steps->model()->count(StepState::Passed), 6);
    // The run's news is queued: right after start the last run's results are gone.
    QVERIFY(m_steps->start({}, false, &errors));
    QCOMPARE(m_steps->model()->count(StepState::Passed), 0);
    QVERIFY(!m_steps->hasFinished());
    QVERIFY(finished.wait(10000));
    QCOMPARE(m_steps->model()->count(StepState::Passed), 6);
}

void tst_ScenarioStepPresenter::refusesAMissingVariable()
{
    m_steps->setFile(parse(QStringLiteral("var target\nconnect cli {{target}}\n")));
    QVERIFY(m_steps->isRunnable());
    QStringList errors;
    QVERIFY(!m_steps->start({}, false, &errors));
    QVERIFY(!errors.isEmpty());
    QVERIFY(!m_steps->isRunning());
    QVERIFY(!m_steps->hasRun());
}

QTEST_MAIN(tst_ScenarioStepPresenter)
#include "tst_scenariosteppresenter.moc"
