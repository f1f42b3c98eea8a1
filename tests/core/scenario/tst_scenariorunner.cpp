// SPDX-License-Identifier: GPL-3.0-or-later
// Running scenarios on loopback: the self-contained examples, failing and
// passing expectations, captures, errors that are expected, bounded waits
// and a stop in the middle.
#include "net/connection.h"
#include "scenario/scenarioparser.h"
#include "scenario/scenariorunner.h"
#include "shared/scenariotesting.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace TcpInspector;

namespace {
QStringList passedLines(const ScenarioFile &file)
{
    QStringList lines;
    for (const Scenario &scenario : file.scenarios) {
        for (const ScenarioStep &step : scenario.steps)
            lines += QStringLiteral("%1 passed").arg(step.line);
    }
    return lines;
}
} // namespace

class tst_ScenarioRunner : public QObject
{
    Q_OBJECT

private slots:
    void examples_data();
    void examples();
    void failedExpectation();
    void countersAndCaptures();
    void expectedRefusal();
    void unexpectedRefusal();
    void boundedWait();
    void stopInTheMiddle();
    void sayIsNarration();
    void stepMode();
    void stopWhilePaused();
    void whatStepsTouched();
};

void tst_ScenarioRunner::examples_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("line-exchange") << "line-exchange.scn";
    QTest::newRow("length-prefixed") << "length-prefixed.scn";
    QTest::newRow("half-close") << "half-close.scn";
    QTest::newRow("reply-rules") << "reply-rules.scn";
}

void tst_ScenarioRunner::examples()
{
    QFETCH(QString, name);
    ScenarioParser parser;
    const ScenarioFile file = parser.parseFile(QStringLiteral(TCPI_EXAMPLES_DIR "/") + name);
    QVERIFY(!file.hasErrors());
    ScenarioRunner runner(file);
    QStringList errors;
    QVERIFY(runner.setVariables({}, &errors));
    QSignalSpy scenarios(&runner, &ScenarioRunner::scenarioFinished);
    QVERIFY(runToEnd(runner));
    QCOMPARE(stepSummary(runner), passedLines(file));
    QVERIFY(runner.passed());
    QCOMPARE(scenarios.size(), file.scenarios.size());
}

void tst_ScenarioRunner::failedExpectation()
{
    const ScenarioFile file
        = parseScenario(QStringLiteral("listen srv 127.0.0.1:0 framing=line\n"
                                       "connect cli srv\n"
                                       "accept conn srv\n"
                                       "scenario one\n"
                                       "send cli \"hello\\n\"\n"
                                       "expect conn message \"bye\" within=200ms\n"
                                       "send cli \"never\\n\"\n"
                                       "scenario two\n"
                                       "expect conn messages 1\n"));
    ScenarioRunner runner(file);
    QStringList errors;
    QVERIFY(runner.setVariables({}, &errors));
    QSignalSpy scenarios(&runner, &ScenarioRunner::scenarioFinished);
    QVERIFY(runToEnd(runner));
    QVERIFY(!runner.passed());
    QCOMPARE(stepSummary(runner),
             QStringList({
                 "1 passed",
                 "2 passed",
                 "3 passed",
                 "5 passed",
                 "6 failed: Not within 200 ms.",
                 "7 skipped: Not run: an earlier step of this scenario failed.",
                 "9 passed",
             }));
    const StepResult &failed = runner.results().at(4);
    QCOMPARE(failed.expected, QStringLiteral("message exact \"bye\""));
    QCOMPARE(failed.received, QStringLiteral("\"hello\" (the last of 1 messages)"));
    QVERIFY2(failed.ms >= 190 && failed.ms < 2000, qPrintable(QString::number(failed.ms)));
    QCOMPARE(scenarios.size(), 3);
    QCOMPARE(scenarios.at(1).at(1).toBool(), false);
    QCOMPARE(scenarios.at(2).at(1).toBool(), true);
}

void tst_ScenarioRunner::countersAndCaptures()
{
    const ScenarioFile file = parseScenario(
        QStringLiteral("var greeting = hi\n"
                       "listen srv 127.0.0.1:0 framing=line\n"
                       "connect cli srv framing=line\n"
                       "accept conn srv\n"
                       "send cli \"{{greeting}} {{counter}}\\n\" repeat=3 interval=10ms\n"
                       "expect conn messages 3\n"
                       "expect conn message regex \"^hi (?<n>\\d)$\"\n"
                       "expect conn message prefix \"hi \" capture=second\n"
                       "send conn \"n={{n}} second={{second}}\\n\"\n"
                       "expect cli message \"n=1 second=2\"\n"
                       "send cli \"{{counter}}\\n\"\n"
                       "expect conn message \"4\"\n"));
    ScenarioRunner runner(file);
    QStringList errors;
    QVERIFY(runner.setVariables({{QStringLiteral("greeting"), "hi"}}, &errors));
    QVERIFY(runToEnd(runner));
    QCOMPARE(stepSummary(runner), passedLines(file));
    QCOMPARE(runner.variables().value(QStringLiteral("n")), QByteArray("1"));
    QCOMPARE(runner.variables().value(QStringLiteral("second")), QByteArray("2"));
}

void tst_ScenarioRunner::expectedRefusal()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    const ScenarioFile file = parseScenario(QStringLiteral("var target\n"
                                                           "connect cli {{target}} timeout=2s\n"
                                                           "expect cli error refused\n"
                                                           "expect cli state Failed\n"));
    ScenarioRunner runner(file);
    QStringList errors;
    QVERIFY(runner.setVariables(
        {{QStringLiteral("target"), QByteArray("127.0.0.1:") + QByteArray::number(port)}},
        &errors));
    QVERIFY(runToEnd(runner));
    QCOMPARE(stepSummary(runner), passedLines(file));
}

void tst_ScenarioRunner::unexpectedRefusal()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const QString target = QStringLiteral("127.0.0.1:%1").arg(closed.serverPort());
    closed.close();
    const ScenarioFile file
        = parseScenario(QStringLiteral("connect cli %1\nsend cli \"x\"\n").arg(target));
    ScenarioRunner runner(file);
    QVERIFY(runToEnd(runner));
    QCOMPARE(stepSummary(runner).value(0).left(40),
             QStringLiteral("1 failed: The connection failed: refused"));
    QCOMPARE(runner.results().value(1).status, StepResult::Status::Skipped);
}

void tst_ScenarioRunner::boundedWait()
{
    // Nothing arrives and nothing says how long: the file's timeout ends it.
    const ScenarioFile file = parseScenario(QStringLiteral("timeout 300ms\n"
                                                           "listen srv 127.0.0.1:0\n"
                                                           "connect cli srv\n"
                                                           "accept conn srv\n"
                                                           "expect conn bytes >0\n"
                                                           "accept other srv\n"));
    ScenarioRunner runner(file);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(runToEnd(runner));
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(stepSummary(runner).value(3), QStringLiteral("5 failed: Not within 300 ms."));
    QCOMPARE(runner.results().value(3).received, QStringLiteral("0"));

    const ScenarioFile accept = parseScenario(QStringLiteral("listen srv 127.0.0.1:0\n"
                                                             "accept other srv timeout=100ms\n"));
    ScenarioRunner lonely(accept);
    QVERIFY(runToEnd(lonely));
    QCOMPARE(stepSummary(lonely).value(1),
             QStringLiteral("2 failed: No connection came to srv within 100 ms."));
}

void tst_ScenarioRunner::stopInTheMiddle()
{
    const ScenarioFile file = parseScenario(QStringLiteral("listen srv 127.0.0.1:0\n"
                                                           "connect cli srv\n"
                                                           "accept conn srv\n"
                                                           "expect conn bytes 1 within=20s\n"
                                                           "close cli\n"));
    ScenarioRunner runner(file);
    QSignalSpy finished(&runner, &ScenarioRunner::finished);
    QSignalSpy started(&runner, &ScenarioRunner::stepStarted);
    runner.start();
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 4, 10000);
    QElapsedTimer clock;
    clock.start();
    runner.stop();
    QCOMPARE(finished.size(), 1);
    QVERIFY(!runner.isRunning());
    QCOMPARE(stepSummary(runner).mid(3), QStringList({
                                             "4 failed: Stopped.",
                                             "5 skipped: Not run: the run was stopped.",
                                         }));
    QVERIFY(clock.elapsed() < 1000);
    // The connections the file opened are closed with the run.
    QTRY_VERIFY(isFinalState(runner.connection(QStringLiteral("cli"))->state()));
}

void tst_ScenarioRunner::sayIsNarration()
{
    // read and expect kernel, once skipped here, have tst_scenarioreadkernel.
    const ScenarioFile file = parseScenario(QStringLiteral("listen srv 127.0.0.1:0\n"
                                                           "connect cli srv\n"
                                                           "accept conn srv\n"
                                                           "say \"done\" zh=\"完成\"\n"));
    ScenarioRunner runner(file);
    QSignalSpy narration(&runner, &ScenarioRunner::narration);
    QVERIFY(runToEnd(runner));
    QCOMPARE(stepSummary(runner).mid(3), QStringList({"4 passed"}));
    QVERIFY(runner.passed());
    QCOMPARE(narration.size(), 1);
    QCOMPARE(narration.at(0).at(1).toString(), QStringLiteral("完成"));
}

void tst_ScenarioRunner::stepMode()
{
    ScenarioParser parser;
    const ScenarioFile file
        = parser.parseFile(QStringLiteral(TCPI_EXAMPLES_DIR "/line-exchange.scn"));
    QVERIFY(!file.hasErrors());
    ScenarioRunner runner(file);
    QStringList errors;
    QVERIFY(runner.setVariables({}, &errors));
    QSignalSpy paused(&runner, &ScenarioRunner::paused);
    QSignalSpy finished(&runner, &ScenarioRunner::finished);
    // Step starts the run and runs the first step only.
    runner.stepOnce();
    QVERIFY(paused.wait(10000));
    QCOMPARE(stepSummary(runner), QStringList({"5 passed"}));
    QVERIFY(runner.isPaused());
    QCOMPARE(paused.at(0).at(1).toInt(), 1);
    // A pause lasts: nothing runs until the next Step.
    QTest::qWait(100);
    QCOMPARE(runner.results().size(), 1);
    runner.stepOnce();
    QVERIFY(paused.wait(10000));
    QCOMPARE(stepSummary(runner), QStringList({"5 passed", "6 passed"}));
    QCOMPARE(paused.size(), 2);
    // Resume runs on to the end without pausing again.
    runner.resume();
    QVERIFY(finished.wait(20000));
    QCOMPARE(paused.size(), 2);
    QCOMPARE(stepSummary(runner), passedLines(file));
    QVERIFY(!runner.isPaused());
}

void tst_ScenarioRunner::stopWhilePaused()
{
    const ScenarioFile file = parseScenario(QStringLiteral("listen srv 127.0.0.1:0\n"
                                                           "connect cli srv\n"
                                                           "accept conn srv\n"
                                                           "close cli\n"));
    ScenarioRunner runner(file);
    QSignalSpy paused(&runner, &ScenarioRunner::paused);
    QSignalSpy finished(&runner, &ScenarioRunner::finished);
    runner.setStepMode(true);
    runner.start();
    // Step mode set before start: it waits before the first step.
    QVERIFY(paused.wait(5000));
    QVERIFY(runner.results().isEmpty());
    runner.stepOnce();
    QVERIFY(paused.wait(5000));
    runner.stop();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(stepSummary(runner), QStringList({
                                      "1 passed",
                                      "2 skipped: Not run: the run was stopped.",
                                      "3 skipped: Not run: the run was stopped.",
                                      "4 skipped: Not run: the run was stopped.",
                                  }));
}

void tst_ScenarioRunner::whatStepsTouched()
{
    const ScenarioFile file = parseScenario(QStringLiteral("listen srv 127.0.0.1:0 framing=line\n"
                                                           "connect cli srv framing=line\n"
                                                           "accept conn srv\n"
                                                           "send cli \"one\\ntwo\\n\"\n"
                                                           "expect conn message \"two\"\n"
                                                           "send conn \"ok\\n\"\n"
                                                           "send conn \"ok again\\n\"\n"
                                                           "wait 10ms\n"));
    ScenarioRunner runner(file);
    QVERIFY(runToEnd(runner));
    QCOMPARE(stepSummary(runner), passedLines(file));
    const QList<StepResult> &results = runner.results();
    const quint64 cli = runner.connection(QStringLiteral("cli"))->id();
    const quint64 conn = runner.connection(QStringLiteral("conn"))->id();
    QVERIFY(cli != conn);
    QCOMPARE(results.at(0).connectionId, quint64(0)); // a listener
    QCOMPARE(results.at(1).connectionId, cli);
    QCOMPARE(results.at(2).connectionId, conn);
    QCOMPARE(results.at(3).connectionId, cli);
    QCOMPARE(results.at(3).direction, Direction::Tx);
    QCOMPARE(results.at(3).offset, qint64(0));
    QCOMPARE(results.at(4).connectionId, conn);
    QCOMPARE(results.at(4).direction, Direction::Rx);
    QCOMPARE(results.at(4).frame, qint64(1));
    QCOMPARE(results.at(4).offset, qint64(4));
    QCOMPARE(results.at(5).offset, qint64(0));
    QCOMPARE(results.at(6).direction, Direction::Tx);
    QCOMPARE(results.at(6).offset, qint64(3));
    QCOMPARE(results.at(7).connectionId, quint64(0)); // wait
    for (int i = 1; i < results.size(); ++i)
        QVERIFY(results.at(i).timeNs >= results.at(i - 1).timeNs);
    QVERIFY(results.at(0).timeNs > 0);
}

QTEST_GUILESS_MAIN(tst_ScenarioRunner)
#include "tst_scenariorunner.moc"
