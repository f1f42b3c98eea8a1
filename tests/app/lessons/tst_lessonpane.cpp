// SPDX-License-Identifier: GPL-3.0-or-later
// The Lessons pane on a real workbench: partial-reads run to its end with
// either engine, one step at a time, again and reset; its callouts and the
// window's view they ask for; Chinese texts; and `tcpinspector --lesson`.
#include "lessons/lessoncodeview.h"
#include "lessons/lessonpane.h"
#include "lessons/lessonstage.h"
#include "net/connection.h"
#include "scenario/scenariostepmodel.h"
#include "session/workbench.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace TcpInspector;

namespace {
const QString lessonId = QStringLiteral("partial-reads");
// The last callout of lessons/partial-reads.scn, and its first.
const QString lastCallout
    = QStringLiteral("The newline completed the frame: one message from three chunks.");
const QString lastCalloutZh = QStringLiteral("换行符让这一帧完整：三个数据块组成一条消息。");
} // namespace

class tst_LessonPane : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void viewFor_data();
    void viewFor();
    void opensTheLesson();
    void refusesAnUnknownLesson();
    void runsToTheEnd_data();
    void runsToTheEnd();
    void nextRunsOneStep();
    void keysRunTheNextStep();
    void runsAgain();
    void resetRemovesOnlyTheLessonsConnections();
    void showsChinese();
    void saysWhichObservationDidNotHold();
    void unknownLessonOnTheCommandLine();

private:
    bool runToEnd(bool *passed = nullptr);
    int lineOf(const QString &text) const;
    void saveShot(const QString &name);

    std::unique_ptr<Workbench> m_workbench;
    std::unique_ptr<LessonPane> m_pane;
};

void tst_LessonPane::init()
{
    m_workbench = std::make_unique<Workbench>();
    m_pane = std::make_unique<LessonPane>(m_workbench.get());
    m_pane->resize(1024, 400);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    QVERIFY(m_pane->openLesson(lessonId));
}

void tst_LessonPane::cleanup()
{
    m_pane.reset();
    m_workbench.reset();
}

bool tst_LessonPane::runToEnd(bool *passed)
{
    QSignalSpy finished(m_pane.get(), &LessonPane::runFinished);
    m_pane->runAll();
    if (!finished.wait(20000) && finished.isEmpty())
        return false;
    if (passed)
        *passed = finished.last().at(0).toBool();
    return true;
}

// The line of the lesson's scenario that holds text.
int tst_LessonPane::lineOf(const QString &text) const
{
    const QStringList lines = m_pane->currentLesson()->scenarioText.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).contains(text))
            return i + 1;
    }
    return -1;
}

// TCPI_SHOT_DIR=DIR saves what the pane looks like, to look at.
void tst_LessonPane::saveShot(const QString &name)
{
    const QString directory = qEnvironmentVariable("TCPI_SHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(m_pane->grab().save(directory + QLatin1Char('/') + name));
}

void tst_LessonPane::viewFor_data()
{
    QTest::addColumn<ExpectKind>("kind");
    QTest::addColumn<LessonPane::View>("view");
    QTest::newRow("message") << ExpectKind::Message << LessonPane::View::Messages;
    QTest::newRow("messages") << ExpectKind::Messages << LessonPane::View::Messages;
    QTest::newRow("received") << ExpectKind::Received << LessonPane::View::Messages;
    QTest::newRow("chunks") << ExpectKind::Chunks << LessonPane::View::Chunks;
    QTest::newRow("bytes") << ExpectKind::Bytes << LessonPane::View::Chunks;
    QTest::newRow("state") << ExpectKind::State << LessonPane::View::Timeline;
    QTest::newRow("error") << ExpectKind::Error << LessonPane::View::Timeline;
    QTest::newRow("kernel") << ExpectKind::Kernel << LessonPane::View::Kernel;
}

void tst_LessonPane::viewFor()
{
    QFETCH(ExpectKind, kind);
    QFETCH(LessonPane::View, view);
    QCOMPARE(LessonPane::viewFor(kind), view);
}

void tst_LessonPane::opensTheLesson()
{
    const Lesson *lesson = m_pane->currentLesson();
    QVERIFY(lesson);
    QCOMPARE(m_pane->currentLessonId(), lessonId);
    QCOMPARE(m_pane->stage()->goalLabel()->text(), lesson->goal.en);
    QCOMPARE(m_pane->lessonChooser()->currentText(),
             QStringLiteral("10. Partial reads: one message arrives as several reads"));
    QCOMPARE(m_pane->lessonChooser()->count(), m_pane->catalog().lessons().size());
    QCOMPARE(m_pane->stepModel()->rowCount(), 15); // the steps of partial-reads.scn
    QCOMPARE(m_pane->stepModel()->count(StepState::Pending), 15);
    QVERIFY(m_pane->explanationView()->toPlainText().contains(
        QLatin1String("TCP carries a stream of bytes")));
    QVERIFY(m_pane->codeView()->goView()->toPlainText().contains(QLatin1String("ReadString")));
    QVERIFY(m_pane->codeView()->cppView()->toPlainText().contains(QLatin1String("canReadLine")));
    // Two engines: the choice is shown, the first is the default.
    QVERIFY(
        m_pane->findChild<QComboBox *>(QStringLiteral("lessonEngine"))->isVisibleTo(m_pane.get()));
    QCOMPARE(m_pane->engine(), EngineKind::Qt);
    QVERIFY(m_pane->stage()->calloutLabel()->isHidden());
    saveShot(QStringLiteral("lessonpane-start.png"));
    m_pane->tabs()->setCurrentWidget(m_pane->explanationView());
    saveShot(QStringLiteral("lessonpane-explanation.png"));
    m_pane->tabs()->setCurrentWidget(m_pane->codeView());
    saveShot(QStringLiteral("lessonpane-code.png"));
}

void tst_LessonPane::refusesAnUnknownLesson()
{
    QSignalSpy changed(m_pane.get(), &LessonPane::lessonChanged);
    QVERIFY(!m_pane->openLesson(QStringLiteral("no-such-lesson")));
    QCOMPARE(m_pane->currentLessonId(), lessonId);
    QVERIFY(changed.isEmpty());
}

void tst_LessonPane::runsToTheEnd_data()
{
    QTest::addColumn<EngineKind>("engine");
    QTest::newRow("qt") << EngineKind::Qt;
    QTest::newRow("native") << EngineKind::Native;
}

void tst_LessonPane::runsToTheEnd()
{
    QFETCH(EngineKind, engine);
    QVERIFY(m_pane->setEngine(engine));
    ScenarioStepModel *model = m_pane->stepModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy shown(m_pane.get(), &LessonPane::showRequested);
    QSignalSpy saved(m_pane.get(), &LessonPane::windowStateSaveRequested);
    bool passed = false;
    QVERIFY(runToEnd(&passed));
    QVERIFY(passed);
    QCOMPARE(model->count(StepState::Passed), model->rowCount());
    QCOMPARE(m_pane->stage()->summaryLabel()->text(), QStringLiteral("All 5 observations held."));
    QCOMPARE(m_pane->stage()->calloutLabel()->text(), lastCallout);
    QVERIFY(m_pane->stage()->calloutLabel()->isVisibleTo(m_pane.get()));
    QCOMPARE(m_pane->stage()->narrationLabel()->text(),
             QStringLiteral("Two more pieces follow, 20 ms apart."));
    // One show per callout (4), the state saved once before the first.
    QCOMPARE(shown.size(), 4);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(shown.first().at(4).value<LessonPane::View>(), LessonPane::View::Chunks);
    const QList<QVariant> last = shown.last();
    QCOMPARE(last.at(4).value<LessonPane::View>(), LessonPane::View::Messages);
    const quint64 id = last.at(0).value<quint64>();
    QVERIFY(id != 0);
    const Connection *connection = m_workbench->connectionById(id);
    QVERIFY(connection);
    QCOMPARE(connection->side(), Connection::Side::Server); // `conn`, the accepted end
    QCOMPARE(last.at(1).value<Direction>(), Direction::Rx);
    QCOMPARE(last.at(2).value<qint64>(), qint64(0)); // the message starts at offset 0
    // The row of the observation whose callout shows is the current one.
    const int row = m_pane->stepTable()->currentIndex().row();
    QCOMPARE(model->lineOf(row), lineOf(QStringLiteral("expect conn message \"HELLO")));
    QVERIFY(m_pane->connectionIds().contains(id));
    saveShot(QStringLiteral("lessonpane-%1.png").arg(QLatin1String(QTest::currentDataTag())));
}

void tst_LessonPane::nextRunsOneStep()
{
    ScenarioStepModel *model = m_pane->stepModel();
    const int steps = model->rowCount();
    m_pane->next();
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->isPaused(), 10000);
    QCOMPARE(model->count(StepState::Passed), 1);
    QCOMPARE(model->count(StepState::Next), 1);
    QCOMPARE(model->count(StepState::Pending), steps - 2);
    QVERIFY(
        m_pane->stage()->summaryLabel()->text().startsWith(QLatin1String("Paused before line")));
    // listen, connect, accept, then the first `say`.
    for (int step = 2; step <= 4; ++step) {
        m_pane->next();
        QTRY_COMPARE_WITH_TIMEOUT(model->count(StepState::Passed), step, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(m_pane->isPaused(), 10000);
    }
    QCOMPARE(m_pane->stage()->narrationLabel()->text(),
             QStringLiteral("The client writes the first piece of a line: HELL."));
    QVERIFY(m_pane->stage()->calloutLabel()->isHidden());
    QCOMPARE(model->count(StepState::Pending), steps - 5);
    // Reset in the middle: the run ends, its connections go, all pending.
    QTRY_COMPARE_WITH_TIMEOUT(m_workbench->connections().size(), 2, 5000);
    m_pane->reset();
    QVERIFY(!m_pane->isRunning());
    QCOMPARE(model->count(StepState::Pending), steps);
    QTRY_VERIFY_WITH_TIMEOUT(m_workbench->connections().isEmpty(), 5000);
    QVERIFY(m_pane->stage()->narrationLabel()->text().startsWith(QLatin1String("Press Next")));
}

void tst_LessonPane::keysRunTheNextStep()
{
    m_pane->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_pane.get()));
    m_pane->stepTable()->setFocus();
    QTest::keyClick(m_pane->stepTable(), Qt::Key_PageDown);
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->isPaused(), 10000);
    QCOMPARE(m_pane->stepModel()->count(StepState::Passed), 1);
    QTest::keyClick(m_pane->stepTable(), Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->stepModel()->count(StepState::Passed), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->isPaused(), 10000);
    // The window's menu: Run all (Shift+F8) goes on to the end.
    QSignalSpy finished(m_pane.get(), &LessonPane::runFinished);
    QCOMPARE(m_pane->menuActions().size(), 4);
    QCOMPARE(m_pane->menuActions().at(1)->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_F8));
    QTest::keyClick(m_pane->stepTable(), Qt::Key_F8, Qt::ShiftModifier);
    QVERIFY(finished.wait(20000) || !finished.isEmpty());
    QCOMPARE(finished.first().at(0).toBool(), true);
}

void tst_LessonPane::runsAgain()
{
    ScenarioStepModel *model = m_pane->stepModel();
    QVERIFY(runToEnd());
    const QSet<quint64> first = m_pane->connectionIds();
    QCOMPARE(first.size(), 2); // cli and conn
    QSignalSpy finished(m_pane.get(), &LessonPane::runFinished);
    m_pane->runAgain();
    QCOMPARE(model->count(StepState::Passed), 0);
    QVERIFY(m_pane->stage()->calloutLabel()->isHidden());
    QVERIFY(finished.wait(20000) || !finished.isEmpty());
    QCOMPARE(finished.first().at(0).toBool(), true);
    QCOMPARE(model->count(StepState::Passed), model->rowCount());
    // The first run's connections are gone from the window, the second's listed.
    QTRY_COMPARE_WITH_TIMEOUT(m_workbench->connections().size(), 2, 5000);
    for (quint64 id : first)
        QVERIFY(!m_workbench->connectionById(id));
}

void tst_LessonPane::resetRemovesOnlyTheLessonsConnections()
{
    // The user's own connection, ended (refused): Reset must leave it.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    ClientOptions options;
    options.target.host = QStringLiteral("127.0.0.1");
    options.target.hostGiven = true;
    options.target.port = closed.serverPort();
    closed.close();
    m_workbench->connectTo(options);
    QTRY_COMPARE_WITH_TIMEOUT(m_workbench->connections().size(), 1, 5000);
    Connection *own = m_workbench->connections().first();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(own->state()), 5000);

    QVERIFY(runToEnd());
    QTRY_COMPARE_WITH_TIMEOUT(m_workbench->connections().size(), 3, 5000);
    QSignalSpy restore(m_pane.get(), &LessonPane::windowStateRestoreRequested);
    m_pane->reset();
    QTRY_COMPARE_WITH_TIMEOUT(m_workbench->connections().size(), 1, 5000);
    QCOMPARE(m_workbench->connections().first(), own);
    QTRY_VERIFY(m_pane->connectionIds().isEmpty());
    QCOMPARE(restore.size(), 1);
    ScenarioStepModel *model = m_pane->stepModel();
    QCOMPARE(model->count(StepState::Pending), model->rowCount());
    QVERIFY(m_pane->stage()->calloutLabel()->isHidden());
    QCOMPARE(m_pane->stage()->summaryLabel()->text(), QStringLiteral("15 steps, 5 observations."));
}

void tst_LessonPane::showsChinese()
{
    m_pane->setLanguage(QStringLiteral("zh_CN"));
    const Lesson *lesson = m_pane->currentLesson();
    QCOMPARE(m_pane->stage()->goalLabel()->text(), lesson->goal.zh);
    QVERIFY(m_pane->lessonChooser()->currentText().startsWith(QLatin1String("10. ")));
    QVERIFY(m_pane->lessonChooser()->currentText().contains(lesson->title.zh));
    QVERIFY(m_pane->explanationView()->toPlainText().contains(QStringLiteral("字节流")));
    QVERIFY(runToEnd());
    QCOMPARE(m_pane->stage()->calloutLabel()->text(), lastCalloutZh);
    QCOMPARE(m_pane->stage()->narrationLabel()->text(),
             QStringLiteral("另外两段随后到达，间隔 20 毫秒。"));
    saveShot(QStringLiteral("lessonpane-zh.png"));
    // Back to English: the same run, its texts in English.
    m_pane->setLanguage(QStringLiteral("en"));
    QCOMPARE(m_pane->stage()->calloutLabel()->text(), lastCallout);
    QCOMPARE(m_pane->stage()->goalLabel()->text(), lesson->goal.en);
}

void tst_LessonPane::saysWhichObservationDidNotHold()
{
    // partial-reads with its first observation made wrong, in a folder of its own.
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString builtIn = LessonCatalog::builtInDirectory() + QLatin1Char('/') + lessonId;
    QVERIFY(QFile::copy(builtIn + QLatin1String(".lesson"),
                        directory.filePath(QStringLiteral("wrong-reads.lesson"))));
    QFile scenario(builtIn + QLatin1String(".scn"));
    QVERIFY(scenario.open(QIODevice::ReadOnly));
    QByteArray text = scenario.readAll();
    QVERIFY(text.contains("expect conn chunks 1 "));
    text.replace("expect conn chunks 1 ", "expect conn chunks 7 within=200ms ");
    QFile wrong(directory.filePath(QStringLiteral("wrong-reads.scn")));
    QVERIFY(wrong.open(QIODevice::WriteOnly));
    wrong.write(text);
    wrong.close();
    QStringList errors;
    const LessonCatalog catalog = LessonCatalog::load(directory.path(), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    m_pane->setCatalog(catalog);
    QCOMPARE(m_pane->currentLessonId(), QStringLiteral("wrong-reads"));

    bool passed = true;
    QVERIFY(runToEnd(&passed));
    QVERIFY(!passed);
    const QString summary = m_pane->stage()->summaryLabel()->text();
    QVERIFY2(summary.startsWith(QStringLiteral("Observation on line %1 did not hold: expected ")
                                    .arg(lineOf(QStringLiteral("expect conn chunks 7")))),
             qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("got ")), qPrintable(summary));
    QVERIFY(m_pane->stage()->calloutLabel()->isHidden());
    QCOMPARE(m_pane->stepModel()->count(StepState::Failed), 1);
    saveShot(QStringLiteral("lessonpane-failed.png"));
}

void tst_LessonPane::unknownLessonOnTheCommandLine()
{
    QProcess app;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(environment);
    app.start(QStringLiteral(TCPI_APP_BINARY),
              {QStringLiteral("--lesson"), QStringLiteral("no-such-lesson")});
    QVERIFY(app.waitForFinished(30000));
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.exitCode(), 2);
    const QString errors = QString::fromUtf8(app.readAllStandardError());
    QVERIFY2(errors.contains(QLatin1String("no-such-lesson")), qPrintable(errors));
    QVERIFY2(errors.contains(lessonId), qPrintable(errors));
}

QTEST_MAIN(tst_LessonPane)
#include "tst_lessonpane.moc"
