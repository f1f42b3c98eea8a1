// SPDX-License-Identifier: GPL-3.0-or-later
// File > Autosave Session on a real loopback exchange: off by default; on,
// the file appears within the interval and loads back as what was
// recorded; a file left by a crash is offered at the next start and opens;
// a running instance's is not; a normal end removes it; a failing write is
// said once and the recording goes on.
#include "net/recordedconnection.h"
#include "recording/autosaver.h"
#include "recording/sessionloader.h"
#include "session/workbench.h"
#include "widgets/autosave.h"
#include "widgets/mainwindow.h"
#include "widgets/sessionfiles.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <csignal>

#include <sys/resource.h>

using namespace TcpInspector;

class tst_Autosave : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void offByDefaultWritesNothing();
    void writesWithinTheIntervalAndLoadsBack();
    void crashedSessionIsOfferedAndOpens();
    void runningInstanceIsNotOffered();
    void discardAndKeepForLater();
    void turningOffAndClosingRemoveTheFile();
    void failingWriteIsSaidOnceAndRecordingGoesOn();
    void longWritesBackOff();
    void removingConnectionsCancelsAWrite();

private:
    std::unique_ptr<MainWindow> makeWindow();
    /// A client that sends three lines in three writes to the echo server
    /// and reads them back; closed too unless keepOpen.
    Connection *exchange(MainWindow *window, bool keepOpen = false);
    /// Turns autosave on with a short interval; the file exists afterwards.
    void enableAndWaitForFile(MainWindow *window);
    QStringList sessionFiles() const;
    QString crashedCopy(const QString &from);

    QTemporaryDir m_dir;
    QString m_folder;
    std::unique_ptr<MainWindow> m_window;
};

void tst_Autosave::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // RLIMIT_FSIZE makes a write fail with EFBIG instead of killing us.
    std::signal(SIGXFSZ, SIG_IGN);
}

void tst_Autosave::init()
{
    static int round = 0;
    m_folder = m_dir.filePath(QStringLiteral("autosave-%1").arg(++round));
    m_window = makeWindow();
}

void tst_Autosave::cleanup()
{
    m_window.reset();
}

std::unique_ptr<MainWindow> tst_Autosave::makeWindow()
{
    MainWindow::Options options;
    options.useSettings = false;
    options.autosaveFolder = m_folder;
    auto window = std::make_unique<MainWindow>(options);
    window->resize(1024, 768);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    QTest::qWait(50); // the recovery offer comes once the event loop runs
    return window;
}

QStringList tst_Autosave::sessionFiles() const
{
    return QDir(m_folder).entryList({QStringLiteral("*.tcpsession")}, QDir::Files);
}

QString tst_Autosave::crashedCopy(const QString &from)
{
    // What a crashed instance leaves: the file and no lock anyone holds.
    const QString path = QDir(m_folder).filePath(QStringLiteral("session-crashed.tcpsession"));
    QFile::remove(path);
    return QFile::copy(from, path) ? path : QString();
}

Connection *tst_Autosave::exchange(MainWindow *window, bool keepOpen)
{
    Workbench *bench = window->workbench();
    if (!QTest::qWaitFor([bench] { return bench->isListening(); }, 5000))
        return nullptr;
    ClientOptions options;
    options.target = bench->boundAddress();
    const int before = int(bench->connections(Connection::Side::Client).size());
    bench->connectTo(options);
    if (!QTest::qWaitFor(
            [&] { return bench->connections(Connection::Side::Client).size() > before; }, 5000))
        return nullptr;
    Connection *client = bench->connections(Connection::Side::Client).last();
    if (!QTest::qWaitFor([client] { return client->state() == ConnectionState::Established; },
                         5000))
        return nullptr;
    for (const char *line : {"one\n", "two\n", "three\n"}) {
        SendRequest request;
        request.bytes = QByteArray(line);
        bench->send(client, request);
        QTest::qWait(20); // separate writes, separate chunks
    }
    if (!QTest::qWaitFor([client] { return client->rx().store().size() == 14; }, 5000))
        return nullptr;
    if (!keepOpen) {
        bench->close(client);
        if (!QTest::qWaitFor([client] { return isFinalState(client->state()); }, 5000))
            return nullptr;
    }
    return client;
}

void tst_Autosave::enableAndWaitForFile(MainWindow *window)
{
    Autosave *autosave = window->autosave();
    QVERIFY(autosave->saver());
    autosave->saver()->setIntervalMs(300);
    autosave->action()->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(autosave->path()), 5000);
}

void tst_Autosave::offByDefaultWritesNothing()
{
    Autosave *autosave = m_window->autosave();
    auto *fileMenu = m_window->menuBar()->findChild<QMenu *>(QStringLiteral("menuFile"));
    QVERIFY(fileMenu);
    QVERIFY(fileMenu->actions().contains(autosave->action()));
    QVERIFY(autosave->action()->isCheckable());
    QVERIFY(!autosave->action()->isChecked());
    QVERIFY(autosave->statusLabel()->isHidden());
    autosave->saver()->setIntervalMs(100);
    QVERIFY(exchange(m_window.get()));
    QTest::qWait(600);
    QCOMPARE(sessionFiles(), QStringList());
    QCOMPARE(autosave->saver()->writeCount(), 0);

    // Without a folder (a test, a script) there is nothing to turn on.
    MainWindow::Options options;
    options.useSettings = false;
    MainWindow plain(options);
    QVERIFY(!plain.autosave()->saver());
    QVERIFY(!plain.autosave()->action()->isEnabled());
}

void tst_Autosave::writesWithinTheIntervalAndLoadsBack()
{
    Autosave *autosave = m_window->autosave();
    autosave->saver()->setIntervalMs(500);
    autosave->action()->setChecked(true);
    QTest::qWait(700);
    // Nothing recorded yet: nothing worth a file.
    QCOMPARE(sessionFiles(), QStringList());
    QVERIFY(exchange(m_window.get()));
    // The server's end too has read the FIN and closed (under load its EOF
    // came after the client's close).
    QTRY_VERIFY([this] {
        const QList<Connection *> all = m_window->workbench()->connections();
        return std::all_of(all.cbegin(), all.cend(),
                           [](const Connection *c) { return isFinalState(c->state()); });
    }());
    // Their last event, the newest change a write must have seen.
    qint64 recorded = 0;
    for (const Connection *c : m_window->workbench()->connections()) {
        const std::vector<TimelineEvent> events = c->timeline().since(0);
        recorded = std::max(recorded, events.empty() ? 0 : events.back().timeNs);
    }
    // A write that started after it (lastWrittenNs() is when a write ended),
    // within the interval, the tick and the write itself. A write that began
    // before it was already under way when the last event came.
    QTRY_VERIFY_WITH_TIMEOUT(
        autosave->saver()->lastWrittenNs() - autosave->saver()->lastDurationNs() > recorded, 5000);
    QCOMPARE(sessionFiles().size(), 1);
    QVERIFY(autosave->statusLabel()->isVisible());
    QVERIFY2(autosave->statusLabel()->text().startsWith(QLatin1String("Autosaved")),
             qPrintable(autosave->statusLabel()->text()));

    LoadedSession session;
    QVERIFY(loadSession(autosave->path(), &session));
    QVERIFY(session.problems.isEmpty());
    QCOMPARE(session.connections.size(), size_t(2));
    for (const auto &loaded : session.connections) {
        const Connection *live = nullptr;
        for (const Connection *c : m_window->workbench()->connections())
            if (c->id() == loaded->id() && c->side() == loaded->side())
                live = c;
        QVERIFY(live);
        for (Direction d : {Direction::Rx, Direction::Tx}) {
            const StreamStore &a = (d == Direction::Rx ? live->rx() : live->tx()).store();
            const StreamStore &b = (d == Direction::Rx ? loaded->rx() : loaded->tx()).store();
            QCOMPARE(b.size(), qint64(14));
            QCOMPARE(b.read(0, b.size()), a.read(0, a.size()));
            QCOMPARE(b.chunkCount(), a.chunkCount());
        }
        QVERIFY(loaded->timeline().count() >= 3);
    }
}

void tst_Autosave::crashedSessionIsOfferedAndOpens()
{
    QVERIFY(exchange(m_window.get()));
    enableAndWaitForFile(m_window.get());
    const QString own = m_window->autosave()->path();
    const QString crashed = crashedCopy(own);
    QVERIFY(!crashed.isEmpty());
    m_window.reset();
    QVERIFY(!QFile::exists(own)); // a normal end
    QCOMPARE(sessionFiles(), QStringList {QStringLiteral("session-crashed.tcpsession")});

    m_window = makeWindow();
    QVERIFY(m_window);
    QMessageBox *box = nullptr;
    QTRY_VERIFY(box = m_window->findChild<QMessageBox *>(QStringLiteral("autosaveRecovery")));
    QVERIFY(box->isVisible());
    QVERIFY(!box->isModal()); // the window goes on recording meanwhile
    QVERIFY2(box->text().contains(QLatin1String("did not quit normally")), qPrintable(box->text()));
    auto *open = box->findChild<QPushButton *>(QStringLiteral("recoverOpen"));
    QVERIFY(open);
    open->click();
    Workbench *bench = m_window->workbench();
    QTRY_COMPARE(bench->connections().size(), 2);
    for (const Connection *c : bench->connections()) {
        QVERIFY(c->isRecorded());
        QCOMPARE(c->rx().store().read(0, 14), QByteArray("one\ntwo\nthree\n"));
    }
    // Not the user's file: Open Recent does not list it, Save asks where.
    QVERIFY(m_window->sessionFiles()->recentFiles().isEmpty());
    QVERIFY(m_window->sessionFiles()->currentPath().isEmpty());
    // Held while this one runs, gone at its normal end.
    QVERIFY(QFile::exists(crashed));
    m_window.reset();
    QVERIFY(!QFile::exists(crashed));
    QCOMPARE(sessionFiles(), QStringList());
}

void tst_Autosave::runningInstanceIsNotOffered()
{
    QVERIFY(exchange(m_window.get()));
    enableAndWaitForFile(m_window.get());
    std::unique_ptr<MainWindow> second = makeWindow();
    QVERIFY(second);
    QTest::qWait(200);
    QVERIFY(!second->findChild<QMessageBox *>(QStringLiteral("autosaveRecovery")));
    QCOMPARE(second->autosave()->takeOrphans(), QStringList());
    QVERIFY(QFile::exists(m_window->autosave()->path()));
}

void tst_Autosave::discardAndKeepForLater()
{
    QVERIFY(exchange(m_window.get()));
    enableAndWaitForFile(m_window.get());
    const QString crashed = crashedCopy(m_window->autosave()->path());
    m_window.reset();

    // Keep for Later: it stays, unlocked, and is offered again.
    m_window = makeWindow();
    QMessageBox *box = nullptr;
    QTRY_VERIFY(box = m_window->findChild<QMessageBox *>(QStringLiteral("autosaveRecovery")));
    box->findChild<QPushButton *>(QStringLiteral("recoverKeep"))->click();
    QTRY_VERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("autosaveRecovery")));
    QVERIFY(QFile::exists(crashed));
    QVERIFY(!QFile::exists(crashed + QLatin1String(".lock")));
    QCOMPARE(m_window->workbench()->connections().size(), 0);
    m_window.reset();
    QVERIFY(QFile::exists(crashed));

    // Discard: gone, lock and all.
    m_window = makeWindow();
    box = nullptr;
    QTRY_VERIFY(box = m_window->findChild<QMessageBox *>(QStringLiteral("autosaveRecovery")));
    box->findChild<QPushButton *>(QStringLiteral("recoverDiscard"))->click();
    QTRY_VERIFY(!QFile::exists(crashed));
    QVERIFY(!QFile::exists(crashed + QLatin1String(".lock")));
    QCOMPARE(m_window->workbench()->connections().size(), 0);
    m_window.reset();
    m_window = makeWindow();
    QTest::qWait(200);
    QVERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("autosaveRecovery")));
}

void tst_Autosave::turningOffAndClosingRemoveTheFile()
{
    QVERIFY(exchange(m_window.get()));
    enableAndWaitForFile(m_window.get());
    const QString path = m_window->autosave()->path();
    m_window->autosave()->action()->setChecked(false);
    QVERIFY(!QFile::exists(path));
    QVERIFY(m_window->autosave()->statusLabel()->isHidden());
    QTest::qWait(600);
    QVERIFY(!QFile::exists(path));

    m_window->autosave()->action()->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 5000);
    QVERIFY(m_window->close());
    m_window.reset();
    QCOMPARE(QDir(m_folder).entryList(QDir::Files | QDir::NoDotAndDotDot), QStringList());
}

void tst_Autosave::failingWriteIsSaidOnceAndRecordingGoesOn()
{
    Connection *client = exchange(m_window.get(), true);
    QVERIFY(client);
    Autosave *autosave = m_window->autosave();
    QSignalSpy reported(autosave, &Autosave::reported);
    QSignalSpy failed(autosave->saver(), &Autosaver::failed);
    autosave->saver()->setIntervalMs(200);

    rlimit original {};
    QVERIFY(::getrlimit(RLIMIT_FSIZE, &original) == 0);
    rlimit small = original;
    small.rlim_cur = 100; // the header fits, the first record does not
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    autosave->action()->setChecked(true);
    // A failed write that took long pushes the next try back (10 times its
    // length): under ASan with a busy disk three tries took more than 5 s.
    const bool sawThree = QTest::qWaitFor([&] { return failed.size() >= 3; }, 20000);
    // The bytes keep coming while autosave fails.
    SendRequest request;
    request.bytes = QByteArray("four\n");
    m_window->workbench()->send(client, request);
    const bool echoed = QTest::qWaitFor([&] { return client->rx().store().size() == 19; }, 5000);
    ::setrlimit(RLIMIT_FSIZE, &original);
    QVERIFY(sawThree);
    QVERIFY(echoed);
    QVERIFY2(failed.first().first().toString().contains(QLatin1String("File too large")),
             qPrintable(failed.first().first().toString()));
    QCOMPARE(reported.size(), 1); // said once, not at every try
    QVERIFY(reported.first().at(1).toBool());
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(QLatin1String("Autosave failed")));
    QCOMPARE(autosave->statusLabel()->text(), QStringLiteral("Autosave failed"));
    QVERIFY(!QFile::exists(autosave->path()));
    QCOMPARE(sessionFiles(), QStringList());
    QVERIFY(QDir(m_folder).entryList({QStringLiteral("*.part")}, QDir::Files).isEmpty());

    // Room again: the next try writes it all.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(autosave->path()), 5000);
    QTRY_VERIFY(autosave->statusLabel()->text().startsWith(QLatin1String("Autosaved")));
    LoadedSession session;
    QVERIFY(loadSession(autosave->path(), &session));
    bool found = false;
    for (const auto &c : session.connections)
        if (c->side() == Connection::Side::Client)
            found = c->rx().store().read(0, 19) == QByteArray("one\ntwo\nthree\nfour\n");
    QVERIFY(found);
}

void tst_Autosave::longWritesBackOff()
{
    QCOMPARE(Autosaver::nextStartNs(1000, 10, 5000), qint64(6000));    // the interval
    QCOMPARE(Autosaver::nextStartNs(1000, 2000, 5000), qint64(21000)); // 10 x the write

    // A session big enough that writing it takes a while: the next write
    // waits for ten times as long, measured from when this one started.
    Connection *client = exchange(m_window.get(), true);
    QVERIFY(client);
    SendRequest request;
    request.bytes = QByteArray(16 << 20, 'x');
    m_window->workbench()->send(client, request);
    QTRY_COMPARE_WITH_TIMEOUT(client->rx().store().size(), qint64(14 + (16 << 20)), 20000);
    Autosaver *saver = m_window->autosave()->saver();
    saver->setIntervalMs(100);
    m_window->autosave()->action()->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(saver->writeCount() >= 1, 20000);
    const qint64 duration = saver->lastDurationNs();
    const qint64 started = saver->lastWrittenNs() - duration;
    QCOMPARE(saver->nextWriteNs(), Autosaver::nextStartNs(started, duration, 100 * 1000000LL));
    qInfo("autosave of 4 x 16 MiB: %lld ms, next write no sooner than %lld ms after it started",
          duration / 1000000, (saver->nextWriteNs() - started) / 1000000);
    QVERIFY(saver->nextWriteNs() - started >= 10 * duration);
}

void tst_Autosave::removingConnectionsCancelsAWrite()
{
    // Remove closed while a write reads them: the write stops first.
    Connection *client = exchange(m_window.get(), true);
    QVERIFY(client);
    Workbench *bench = m_window->workbench();
    SendRequest request;
    request.bytes = QByteArray(32 << 20, 'x');
    bench->send(client, request);
    QTRY_COMPARE_WITH_TIMEOUT(client->rx().store().size(), qint64(14 + (32 << 20)), 20000);
    bench->close(client);
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(client->state()), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(
        isFinalState(bench->connections(Connection::Side::Server).first()->state()), 5000);
    Autosaver *saver = m_window->autosave()->saver();
    saver->setIntervalMs(50);
    m_window->autosave()->action()->setChecked(true);
    QVERIFY(QTest::qWaitFor([saver] { return saver->isWriting(); }, 5000));
    QCOMPARE(bench->removeFinished(), 2);
    QVERIFY(!saver->isWriting());
    QCOMPARE(saver->writeCount(), 0); // cancelled, not failed
    QVERIFY(saver->lastError().isEmpty());
    // Nothing left to keep: no file, not even a .part.
    QTest::qWait(300);
    QCOMPARE(QDir(m_folder).entryList(QDir::Files),
             QStringList {QFileInfo(saver->path()).fileName() + QLatin1String(".lock")});
}

QTEST_MAIN(tst_Autosave)
#include "tst_autosave.moc"
