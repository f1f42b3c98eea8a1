// SPDX-License-Identifier: GPL-3.0-or-later
// tcpinspector-cli run: scenario files run by the real CLI on loopback, as a
// CI job runs them: the step lines, expect_failed, the exit codes, the JUnit
// report, parse errors on stderr, and Ctrl+C.
#include "shared/clirun.h"
#include "shared/jsonlines.h"

#include <QDomDocument>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

CliRun runCli(const QStringList &arguments)
{
    return runCliScenarios(QStringLiteral(TCPI_CLI_PATH), arguments);
}

QString example(const char *name)
{
    return QStringLiteral(TCPI_EXAMPLES_DIR "/") + QLatin1String(name);
}

} // namespace

class tst_CliRun : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void selfContainedExamplesPass_data();
    void selfContainedExamplesPass();
    void failedExpectationExitsOneWithJunit();
    void parseErrorsAreCompilerStyle();
    void variablesAreCheckedBeforeRunning();
    void ctrlCStopsCleanlyWithASummary();

private:
    QString write(const QString &name, const QByteArray &text);
    QTemporaryDir m_dir;
};

void tst_CliRun::init()
{
    QVERIFY(m_dir.isValid());
}

QString tst_CliRun::write(const QString &name, const QByteArray &text)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    file.write(text);
    return file.fileName();
}

void tst_CliRun::selfContainedExamplesPass_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("scenarios");
    QTest::newRow("line-exchange") << example("line-exchange.scn") << 4;
    QTest::newRow("length-prefixed") << example("length-prefixed.scn") << 1;
    QTest::newRow("half-close") << example("half-close.scn") << 1;
}

void tst_CliRun::selfContainedExamplesPass()
{
    QFETCH(QString, file);
    QFETCH(int, scenarios);
    const CliRun run = runCli({file});
    QVERIFY2(run.exitCode == 0, qPrintable(run.errors));
    const QList<QJsonObject> steps = run.named(QStringLiteral("step"));
    QVERIFY(!steps.isEmpty());
    for (const QJsonObject &step : steps)
        QCOMPARE(step.value("status").toString(), QStringLiteral("passed"));
    const QJsonObject summary = run.events.last();
    QCOMPARE(summary.value("event").toString(), QStringLiteral("summary"));
    QCOMPARE(summary.value("scenarios").toInt(), scenarios);
    QCOMPARE(summary.value("steps").toInt(), steps.size());
    QCOMPARE(summary.value("steps_failed").toInt(), 0);
    // The connections' own lines come too.
    QVERIFY(!run.named(QStringLiteral("message")).isEmpty());
}

void tst_CliRun::failedExpectationExitsOneWithJunit()
{
    const QString file = write(QStringLiteral("wrong.scn"), "timeout 300ms\n"
                                                            "listen srv 127.0.0.1:0 framing=line\n"
                                                            "connect cli srv framing=line\n"
                                                            "accept conn srv\n"
                                                            "scenario \"wrong answer\"\n"
                                                            "send conn \"no\\n\"\n"
                                                            "expect cli message \"yes\"\n"
                                                            "send conn \"never sent\\n\"\n"
                                                            "scenario \"after it\"\n"
                                                            "send cli \"x\\n\"\n"
                                                            "expect conn message \"x\"\n");
    QVERIFY(!file.isEmpty());
    const QString junit = m_dir.filePath(QStringLiteral("report.xml"));
    const CliRun run = runCli({file, "--junit", junit});
    QCOMPARE(run.exitCode, 1);
    const QList<QJsonObject> failed = run.named(QStringLiteral("expect_failed"));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed[0].value("line").toInt(), 7);
    QCOMPARE(failed[0].value("step").toString(), QStringLiteral("expect cli message \"yes\""));
    QVERIFY2(failed[0].value("received").toString().contains(QStringLiteral("no")),
             qPrintable(failed[0].value("received").toString()));
    // The failed scenario's rest is skipped; the next scenario still runs.
    QStringList statuses;
    for (const QJsonObject &step : run.named(QStringLiteral("step")))
        statuses.append(step.value("status").toString());
    QCOMPARE(statuses, (QStringList {"passed", "passed", "passed", "passed", "failed", "skipped",
                                     "passed", "passed"}));
    const QJsonObject summary = run.events.last();
    QCOMPARE(summary.value("scenarios_failed").toInt(), 1);
    QCOMPARE(summary.value("steps_skipped").toInt(), 1);

    QFile report(junit);
    QVERIFY(report.open(QIODevice::ReadOnly));
    QDomDocument xml;
    QVERIFY(xml.setContent(&report));
    const QDomElement suite = xml.documentElement().firstChildElement("testsuite");
    QCOMPARE(suite.attribute("name"), file);
    QCOMPARE(suite.attribute("tests"), QStringLiteral("3"));
    QCOMPARE(suite.attribute("failures"), QStringLiteral("1"));
    const QDomNodeList cases = suite.elementsByTagName("testcase");
    QCOMPARE(cases.size(), 3);
    const QDomElement failure = cases.at(1).toElement().firstChildElement("failure");
    QCOMPARE(cases.at(1).toElement().attribute("name"), QStringLiteral("wrong answer"));
    QVERIFY(!failure.isNull());
    QVERIFY2(failure.text().contains(file + QStringLiteral(":7:")), qPrintable(failure.text()));
    QVERIFY(cases.at(2).toElement().firstChildElement("failure").isNull());
}

void tst_CliRun::parseErrorsAreCompilerStyle()
{
    const QString file
        = write(QStringLiteral("typo.scn"), "listen srv 127.0.0.1:0\nconect cli srv\nwait 1x\n");
    const CliRun run = runCli({file});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.events.isEmpty());
    QVERIFY2(run.errors.contains(file
                                 + QStringLiteral(":2:1: Unknown step 'conect'. Did you "
                                                  "mean 'connect'?")),
             qPrintable(run.errors));
    QVERIFY2(run.errors.contains(file + QStringLiteral(":3:")), qPrintable(run.errors));
    QCOMPARE(runCli({}).exitCode, 2);
    QCOMPARE(runCli({m_dir.filePath(QStringLiteral("missing.scn"))}).exitCode, 2);
}

void tst_CliRun::variablesAreCheckedBeforeRunning()
{
    const CliRun missing = runCli({example("redis-ping-set-get.scn")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.errors.contains(QStringLiteral("--var target=")), qPrintable(missing.errors));
    const CliRun malformed = runCli({example("line-exchange.scn"), "--var", "target"});
    QCOMPARE(malformed.exitCode, 2);
    QVERIFY2(malformed.errors.contains(QStringLiteral("NAME=VALUE")), qPrintable(malformed.errors));
    // A --var that one of several files declares is that file's: the other runs.
    const CliRun two = runCli({example("line-exchange.scn"), example("reassembly.scn"), "--var",
                               "target=127.0.0.1:1", "-q"});
    QCOMPARE(two.exitCode, 3); // port 1 refuses: a connect step failed
    QCOMPARE(two.named(QStringLiteral("summary")).size(), 1);
    const QJsonObject summary = two.named(QStringLiteral("summary")).constFirst();
    QCOMPARE(summary.value(QStringLiteral("scenarios")).toInt(), 6);
    QCOMPARE(summary.value(QStringLiteral("scenarios_failed")).toInt(), 2);
    const CliRun none
        = runCli({example("line-exchange.scn"), example("half-close.scn"), "--var", "nope=1"});
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.errors.contains(QStringLiteral("--var nope: none of the files declares it.")),
             qPrintable(none.errors));
    QVERIFY(none.named(QStringLiteral("step")).isEmpty());
}

void tst_CliRun::ctrlCStopsCleanlyWithASummary()
{
    const QString file = write(QStringLiteral("long.scn"),
                               "listen srv 127.0.0.1:0\nconnect cli srv\naccept conn srv\n"
                               "say \"waiting\"\nwait 20s\n");
    QProcess process;
    process.start(QStringLiteral(TCPI_CLI_PATH), {"run", file});
    QVERIFY(process.waitForStarted(10000));
    // Interrupt once the wait has begun (the say line is printed before it).
    QByteArray seen;
    QVERIFY(QTest::qWaitFor(
        [&] {
            process.waitForReadyRead(50);
            seen += process.readAllStandardOutput();
            return seen.contains("\"event\":\"say\"");
        },
        10000));
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(5000));
    seen += process.readAllStandardOutput();
    const QList<QByteArray> lines = seen.trimmed().split('\n');
    const QJsonObject summary = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(summary.value("event").toString(), QStringLiteral("summary"));
    QCOMPARE(summary.value("steps_failed").toInt(), 1);
    QVERIFY(process.exitCode() != 0);
    QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("SIGINT")));
}

QTEST_GUILESS_MAIN(tst_CliRun)
#include "tst_clirun.moc"
