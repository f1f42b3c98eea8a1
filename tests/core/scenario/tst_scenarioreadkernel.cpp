// SPDX-License-Identifier: GPL-3.0-or-later
// The scenario steps that read by hand and ask the kernel, run on loopback:
// `read NAME SIZE` (one read, one chunk; EOF and an empty socket fail with
// the reason) and `expect NAME kernel STATE` (CLOSE_WAIT, FIN_WAIT2 and
// TIME_WAIT, also after the socket is gone; a failure says what the kernel
// showed).
#include "net/connection.h"
#include "scenario/scenarioparser.h"
#include "scenario/scenariorunner.h"
#include "shared/scenariotesting.h"

#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace TcpInspector;

Q_DECLARE_METATYPE(TcpInspector::EngineKind)

namespace {
QStringList passed(int lines)
{
    QStringList all;
    for (int line = 1; line <= lines; ++line)
        all += QStringLiteral("%1 passed").arg(line);
    return all;
}
} // namespace

class tst_ScenarioReadKernel : public QObject
{
    Q_OBJECT

private slots:
    void readSlices_data();
    void readSlices();
    void readFailures_data();
    void readFailures();
    void kernelStatesThroughAClose();
    void kernelFailureSaysWhatTheKernelShowed();
    void kernelOfAFailedConnect();
};

void tst_ScenarioReadKernel::readSlices_data()
{
    QTest::addColumn<EngineKind>("engine");
    QTest::newRow("qt") << EngineKind::Qt;
    QTest::newRow("native") << EngineKind::Native;
}

void tst_ScenarioReadKernel::readSlices()
{
    QFETCH(EngineKind, engine);
    const ScenarioFile file = parseScenario(QStringLiteral("listen srv 127.0.0.1:0 engine=%1\n"
                                                           "connect cli srv\n"
                                                           "accept conn srv\n"
                                                           "pause conn\n"
                                                           "send cli \"HELLO WORLD\"\n"
                                                           "read conn 4\n"
                                                           "expect conn chunks 1\n"
                                                           "expect conn received \"HELL\"\n"
                                                           "read conn 3\n"
                                                           "read conn 64\n"
                                                           "expect conn chunks 3\n"
                                                           "expect conn received \"HELLO WORLD\"\n")
                                                .arg(engineKey(engine)));
    QVERIFY(!file.hasErrors());
    ScenarioRunner runner(file);
    QVERIFY(runToEnd(runner));
    QCOMPARE(stepSummary(runner), passed(12));
    const StreamStore &store = runner.connection(QStringLiteral("conn"))->rx().store();
    QCOMPARE(store.chunk(0).size, 4);
    QCOMPARE(store.chunk(1).size, 3);
    QCOMPARE(store.chunk(2).size, 4);
}

void tst_ScenarioReadKernel::readFailures_data()
{
    QTest::addColumn<QString>("steps");
    QTest::addColumn<QString>("result");
    // The native engine stays open after EOF, so the read itself meets it.
    QTest::newRow("eof") << "pause conn\nclose cli\nread conn 16\n"
                         << "7 failed: EOF: the read returned 0 bytes, the peer has closed its "
                            "sending side and nothing more will come.";
    QTest::newRow("nothing") << "pause conn\nread conn 16\n"
                             << "6 failed: Nothing to read within 300 ms.";
    QTest::newRow("not paused") << "read conn 16\n"
                                << "5 failed: Reading is not paused: conn reads everything as it "
                                   "comes. Write 'pause conn' above this step.";
    QTest::newRow("ended") << "pause conn\nreset conn\nread conn 16\n"
                           << "7 failed: The connection has ended (Reset): there is nothing to "
                              "read.";
}

void tst_ScenarioReadKernel::readFailures()
{
    QFETCH(QString, steps);
    QFETCH(QString, result);
    const ScenarioFile file = parseScenario(QStringLiteral("timeout 300ms\n"
                                                           "listen srv 127.0.0.1:0 engine=native\n"
                                                           "connect cli srv\n")
                                            + QStringLiteral("accept conn srv\n") + steps);
    QVERIFY(!file.hasErrors());
    ScenarioRunner runner(file);
    QVERIFY(runToEnd(runner));
    QVERIFY(!runner.passed());
    QCOMPARE(stepSummary(runner).constLast(), result);
}

void tst_ScenarioReadKernel::kernelStatesThroughAClose()
{
    // The client closes first: its side goes FIN_WAIT2 after its socket is
    // gone, the server's stays CLOSE_WAIT (scenario servers do not close at
    // EOF); once the server closes too, the client's side is in TIME_WAIT.
    const ScenarioFile file = parseScenario(QStringLiteral("timeout 2s\n"
                                                           "listen srv 127.0.0.1:0 engine=native\n"
                                                           "connect cli srv\n"
                                                           "accept conn srv\n"
                                                           "expect cli kernel ESTABLISHED\n"
                                                           "expect conn kernel ESTABLISHED\n"
                                                           "close cli\n"
                                                           "expect conn kernel CLOSE_WAIT\n"
                                                           "expect cli kernel FIN_WAIT2\n"
                                                           "close conn\n"
                                                           "expect cli kernel TIME_WAIT\n"
                                                           "expect conn kernel CLOSED\n"));
    QVERIFY(!file.hasErrors());
    ScenarioRunner runner(file);
    QVERIFY(runToEnd(runner));
    QCOMPARE(stepSummary(runner), passed(12).mid(1));
}

void tst_ScenarioReadKernel::kernelFailureSaysWhatTheKernelShowed()
{
    const ScenarioFile file
        = parseScenario(QStringLiteral("listen srv 127.0.0.1:0\n"
                                       "connect cli srv\n"
                                       "accept conn srv\n"
                                       "expect cli kernel TIME_WAIT within=200ms\n"));
    ScenarioRunner runner(file);
    QVERIFY(runToEnd(runner));
    QVERIFY(!runner.passed());
    QCOMPARE(stepSummary(runner).constLast(), QStringLiteral("4 failed: Not within 200 ms."));
    const StepResult &failed = runner.results().constLast();
    QCOMPARE(failed.expected, QStringLiteral("kernel TIME_WAIT"));
    QCOMPARE(failed.received, QStringLiteral("ESTABLISHED"));
    QVERIFY2(failed.ms >= 190 && failed.ms < 2000, qPrintable(QString::number(failed.ms)));
}

void tst_ScenarioReadKernel::kernelOfAFailedConnect()
{
    // A refused connect never had a 4-tuple for the kernel to know.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    const ScenarioFile file
        = parseScenario(QStringLiteral("connect cli 127.0.0.1:%1\n"
                                       "expect cli error refused\n"
                                       "expect cli kernel CLOSED within=100ms\n")
                            .arg(port));
    ScenarioRunner runner(file);
    QVERIFY(runToEnd(runner));
    QCOMPARE(stepSummary(runner).constLast(), QStringLiteral("3 failed: Not within 100 ms."));
    QCOMPARE(runner.results().constLast().received,
             QStringLiteral("no TCP connection: it was never established"));
}

QTEST_GUILESS_MAIN(tst_ScenarioReadKernel)
#include "tst_scenarioreadkernel.moc"
