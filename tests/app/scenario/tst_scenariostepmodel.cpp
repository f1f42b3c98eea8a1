// SPDX-License-Identifier: GPL-3.0-or-later
// The steps table: one row per step, states and results, what a failed
// expectation expected against what it received.
#include "scenario/scenarioparser.h"
#include "scenario/scenariostepmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace TcpInspector;

class tst_ScenarioStepModel : public QObject
{
    Q_OBJECT

private slots:
    void rowsFollowTheFile();
    void statesAndResults();
};

namespace {
ScenarioFile twoScenarios()
{
    ScenarioParser parser;
    return parser.parseText(QStringLiteral("listen srv 127.0.0.1:0\n"
                                           "connect cli srv\n"
                                           "scenario one\n"
                                           "accept conn srv\n"
                                           "\n"
                                           "scenario two\n"
                                           "expect conn message \"bye\"\n"
                                           "close cli\n"),
                            QStringLiteral("t.scn"));
}
} // namespace

void tst_ScenarioStepModel::rowsFollowTheFile()
{
    ScenarioStepModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const ScenarioFile file = twoScenarios();
    QVERIFY(!file.hasErrors());
    model.setFile(file);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(ScenarioStepModel::ColumnCount));
    QCOMPARE(model.lineOf(0), 1);
    QCOMPARE(model.lineOf(4), 8);
    QCOMPARE(model.rowOf(2, 0), 3); // scenario two's first step
    QCOMPARE(model.rowOf(2, 5), -1);
    QCOMPARE(model.scenarioName(3), QStringLiteral("two"));
    QCOMPARE(model.index(3, ScenarioStepModel::StepColumn).data().toString(),
             QStringLiteral("expect conn message \"bye\""));
    QCOMPARE(model.count(StepState::Pending), 5);
    QCOMPARE(model.index(0, ScenarioStepModel::StatusColumn).data().toString(),
             QStringLiteral("pending"));
    QVERIFY(!model.index(0, ScenarioStepModel::StatusColumn)
                 .data(Qt::DecorationRole)
                 .value<QIcon>()
                 .isNull());
}

void tst_ScenarioStepModel::statesAndResults()
{
    ScenarioStepModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFile(twoScenarios());
    model.setState(2, 0, StepState::Running);
    QCOMPARE(model.state(3), StepState::Running);
    QVERIFY(model.index(3, 0).data(Qt::BackgroundRole).value<QColor>().isValid());
    StepResult failed;
    failed.scenario = 2;
    failed.step = 0;
    failed.line = 7;
    failed.status = StepResult::Status::Failed;
    failed.ms = 200;
    failed.message = QStringLiteral("Not within 200 ms.");
    failed.expected = QStringLiteral("message exact \"bye\"");
    failed.received = QStringLiteral("\"hello\"");
    model.setResult(failed);
    QCOMPARE(model.state(3), StepState::Failed);
    QCOMPARE(model.count(StepState::Failed), 1);
    QCOMPARE(model.index(3, ScenarioStepModel::TimeColumn).data().toString(),
             QStringLiteral("200 ms"));
    QCOMPARE(model.detail(3), QStringLiteral("Not within 200 ms.\nExpected: message exact "
                                             "\"bye\"\nReceived: \"hello\""));
    const QString tooltip
        = model.index(3, ScenarioStepModel::MessageColumn).data(Qt::ToolTipRole).toString();
    QVERIFY(tooltip.contains(QLatin1String("Expected: message exact \"bye\"")));
    QVERIFY(tooltip.contains(QLatin1String("Received: \"hello\"")));
    QVERIFY(model.index(3, ScenarioStepModel::MessageColumn)
                .data()
                .toString()
                .contains(QLatin1String("received \"hello\"")));
    QVERIFY(model.result(3));
    QVERIFY(!model.result(0));
    // A new run of the same file: pending again, results gone.
    model.clearResults();
    QCOMPARE(model.count(StepState::Pending), 5);
    QVERIFY(!model.result(3));
}

QTEST_MAIN(tst_ScenarioStepModel)
#include "tst_scenariostepmodel.moc"
