// SPDX-License-Identifier: GPL-3.0-or-later
// The File menu's sessions and exports on a real loopback exchange: what is
// saved opens again as the same bytes, chunks and events, beside the live
// connections; a damaged file says what is wrong; exports write what the
// views show.
#include "net/recordedconnection.h"
#include "recording/sessionreplay.h"
#include "session/workbench.h"
#include "widgets/connectionview.h"
#include "widgets/mainwindow.h"
#include "widgets/replaybar.h"
#include "widgets/sessionfiles.h"

#include "windowfixture.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

class tst_SessionFiles : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void menuHoldsTheActions();
    void savedSessionOpensAsItWas();
    void damagedFileSaysWhatIsWrong();
    void exportsWriteWhatWasRecorded();
    void replayRevealsTheSessionAgain();

private:
    /// A client that sends three lines in three writes to the echo server,
    /// reads them back and closes.
    void exchange();
    static void compareRecordings(const Connection &live, const Connection &recorded);

    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
};

void tst_SessionFiles::init()
{
    m_window = makeTestWindow();
    QVERIFY(testWindowReady(m_window.get()));
}

void tst_SessionFiles::cleanup()
{
    m_window.reset();
}

void tst_SessionFiles::exchange()
{
    Workbench *bench = m_window->workbench();
    ClientOptions options;
    options.target = bench->boundAddress();
    options.connection.rxFraming = QStringLiteral("line");
    bench->connectTo(options);
    QTRY_COMPARE(bench->connections(Connection::Side::Client).size(), 1);
    Connection *client = bench->connections(Connection::Side::Client).first();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ConnectionState::Established, 5000);
    for (const char *line : {"one\n", "two\n", "three\n"}) {
        SendRequest request;
        request.bytes = QByteArray(line);
        bench->send(client, request);
        QTest::qWait(20); // separate writes, separate chunks
    }
    QTRY_COMPARE_WITH_TIMEOUT(client->rx().store().size(), qint64(14), 5000);
    bench->close(client);
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(client->state()), 5000);
    QTRY_COMPARE(bench->connections(Connection::Side::Server).size(), 1);
    Connection *server = bench->connections(Connection::Side::Server).first();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(server->state()), 5000);
}

void tst_SessionFiles::compareRecordings(const Connection &live, const Connection &recorded)
{
    QCOMPARE(recorded.id(), live.id());
    QCOMPARE(recorded.side(), live.side());
    QCOMPARE(recorded.state(), live.state());
    QCOMPARE(recorded.localAddress(), live.localAddress());
    QCOMPARE(recorded.peerAddress(), live.peerAddress());
    for (const Direction direction : {Direction::Rx, Direction::Tx}) {
        const StreamChannel &a = direction == Direction::Rx ? live.rx() : live.tx();
        const StreamChannel &b = direction == Direction::Rx ? recorded.rx() : recorded.tx();
        QCOMPARE(b.store().size(), a.store().size());
        QCOMPARE(b.store().read(0, a.store().size()), a.store().read(0, a.store().size()));
        QCOMPARE(b.store().chunkCount(), a.store().chunkCount());
        for (qint64 i = 0; i < a.store().chunkCount(); ++i)
            QCOMPARE(b.store().chunk(i), a.store().chunk(i));
        QCOMPARE(b.framing(), a.framing());
        QCOMPARE(b.frameCount(), a.frameCount());
        QCOMPARE(b.finishedAtNs(), a.finishedAtNs());
    }
    // The live one may have gone on after the save (TIME_WAIT samples).
    QVERIFY(recorded.timeline().count() >= 3);
    QVERIFY(recorded.timeline().count() <= live.timeline().count());
    for (qint64 i = 0; i < recorded.timeline().count(); ++i) {
        const TimelineEvent a = live.timeline().at(i);
        const TimelineEvent b = recorded.timeline().at(i);
        QCOMPARE(b.timeNs, a.timeNs);
        QCOMPARE(b.type, a.type);
        QCOMPARE(b.state, a.state);
        QCOMPARE(b.code, a.code);
        QCOMPARE(b.text, a.text);
        QCOMPARE(b.kernel.state, a.kernel.state);
        QCOMPARE(b.kernel.rttUs, a.kernel.rttUs);
    }
}

void tst_SessionFiles::menuHoldsTheActions()
{
    SessionFiles *files = m_window->sessionFiles();
    QVERIFY(files);
    auto *fileMenu = m_window->menuBar()->findChild<QMenu *>(QStringLiteral("menuFile"));
    QVERIFY(fileMenu);
    const QList<QAction *> actions = fileMenu->actions();
    QVERIFY(actions.contains(files->saveAction()));
    QVERIFY(actions.contains(files->openAction()));
    QVERIFY(actions.contains(files->saveAsAction()));
    QVERIFY(actions.contains(files->exportMenu()->menuAction()));
    QCOMPARE(files->saveAction()->shortcut(), QKeySequence(QKeySequence::Save));
    QCOMPARE(files->exportMenu()->actions().size(), 5);
    QVERIFY(!files->recentMenu()->isEnabled()); // nothing opened yet
}

void tst_SessionFiles::savedSessionOpensAsItWas()
{
    exchange();
    Workbench *bench = m_window->workbench();
    const QList<Connection *> live = bench->connections();
    QCOMPARE(live.size(), 2);
    const QString path = m_dir.filePath(QStringLiteral("echo.tcpsession"));
    QString error;
    QVERIFY2(m_window->sessionFiles()->save(path, &error), qPrintable(error));
    QVERIFY(QFile::exists(path));
    QVERIFY(!QFile::exists(path + QLatin1String(".part")));

    QStringList problems;
    QVERIFY(m_window->sessionFiles()->open(path, &problems));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QCOMPARE(m_window->sessionFiles()->recentFiles().value(0), QFileInfo(path).absoluteFilePath());
    const QList<Connection *> all = bench->connections();
    QCOMPARE(all.size(), 4);
    for (Connection *connection : live) {
        const Connection *recorded = nullptr;
        for (Connection *candidate : all)
            if (candidate->isRecorded() && candidate->id() == connection->id()
                && candidate->side() == connection->side())
                recorded = candidate;
        QVERIFY(recorded);
        compareRecordings(*connection, *recorded);
    }
    // A recording shows in the views and can be decoded another way.
    Connection *recordedClient = nullptr;
    for (Connection *candidate : all)
        if (candidate->isRecorded() && candidate->side() == Connection::Side::Client)
            recordedClient = candidate;
    QVERIFY(recordedClient);
    m_window->selectInPanel(recordedClient);
    QTRY_COMPARE(m_window->currentConnection(), recordedClient);
    // The view says it is a recording, not a live connection.
    auto *title = m_window->connectionView()->findChild<QLabel *>(QStringLiteral("titleLabel"));
    QVERIFY(title);
    QTRY_VERIFY(title->text().contains(QLatin1String("client side, recorded")));
    QVERIFY(
        bench->setFraming(recordedClient, Direction::Rx, QStringLiteral("fixed:len=2"), &error));
    QTRY_COMPARE_WITH_TIMEOUT(recordedClient->rx().frameCount(), qint64(7), 5000);

    // Opening again replaces the recording, and Clear closed removes it.
    QVERIFY(m_window->sessionFiles()->open(path, &problems));
    QCOMPARE(bench->connections().size(), 4);
    QCOMPARE(bench->removeRecorded(), 2);
    QCOMPARE(bench->connections().size(), 2);
}

void tst_SessionFiles::damagedFileSaysWhatIsWrong()
{
    exchange();
    const QString path = m_dir.filePath(QStringLiteral("whole.tcpsession"));
    QString error;
    QVERIFY2(m_window->sessionFiles()->save(path, &error), qPrintable(error));
    QFile whole(path);
    QVERIFY(whole.open(QIODevice::ReadOnly));
    const QByteArray bytes = whole.readAll();

    // Cut in the middle: what comes before opens, the problem names where.
    const QString cut = m_dir.filePath(QStringLiteral("cut.tcpsession"));
    QFile truncated(cut);
    QVERIFY(truncated.open(QIODevice::WriteOnly));
    truncated.write(bytes.left(bytes.size() * 2 / 3));
    truncated.close();
    QStringList problems;
    m_window->sessionFiles()->open(cut, &problems);
    QVERIFY(!problems.isEmpty());
    QVERIFY2(problems.join(QLatin1Char(' ')).contains(QLatin1String("offset")),
             qPrintable(problems.join(QLatin1Char('\n'))));

    // Not a session at all.
    const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile notes(text);
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("just some notes\n");
    notes.close();
    problems.clear();
    QVERIFY(!m_window->sessionFiles()->open(text, &problems));
    QVERIFY(!problems.isEmpty());
}

void tst_SessionFiles::exportsWriteWhatWasRecorded()
{
    exchange();
    Workbench *bench = m_window->workbench();
    Connection *client = bench->connections(Connection::Side::Client).first();
    m_window->selectInPanel(client);
    QTRY_COMPARE(m_window->currentConnection(), client);
    SessionFiles *files = m_window->sessionFiles();
    QString error;

    const QString raw = m_dir.filePath(QStringLiteral("rx.bin"));
    QVERIFY2(files->exportTo(SessionFiles::ExportKind::RawRx, raw, &error), qPrintable(error));
    QFile rawFile(raw);
    QVERIFY(rawFile.open(QIODevice::ReadOnly));
    QCOMPARE(rawFile.readAll(), QByteArray("one\ntwo\nthree\n"));

    const QString csv = m_dir.filePath(QStringLiteral("messages.csv"));
    QVERIFY2(files->exportTo(SessionFiles::ExportKind::MessagesCsv, csv, &error),
             qPrintable(error));
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = csvFile.readAll().trimmed().split('\n');
    // A header, the three lines sent (raw: a message a write) and received.
    QCOMPARE(rows.size(), 1 + 3 + 3);
    QVERIFY(rows.last().contains("7468726565")); // "three" in hex, received last

    const QString pcapng = m_dir.filePath(QStringLiteral("capture.pcapng"));
    QVERIFY2(files->exportTo(SessionFiles::ExportKind::Pcapng, pcapng, &error), qPrintable(error));
    QFile capture(pcapng);
    QVERIFY(capture.open(QIODevice::ReadOnly));
    QCOMPARE(capture.read(4), QByteArray("\x0a\x0d\x0d\x0a", 4)); // a section header block

    QVERIFY(!files->exportTo(SessionFiles::ExportKind::RawRx,
                             m_dir.filePath(QStringLiteral("missing/folder/rx.bin")), &error));
    QVERIFY(!error.isEmpty());
}

void tst_SessionFiles::replayRevealsTheSessionAgain()
{
    exchange();
    Workbench *bench = m_window->workbench();
    const quint64 clientId = bench->connections(Connection::Side::Client).first()->id();
    const qint64 clientRx
        = bench->connections(Connection::Side::Client).first()->rx().store().size();
    const QString path = m_dir.filePath(QStringLiteral("replay.tcpsession"));
    QString error;
    QVERIFY2(m_window->sessionFiles()->save(path, &error), qPrintable(error));
    QCOMPARE(bench->removeFinished(), 2);
    ReplayBar *bar = m_window->replayBar();
    QVERIFY(bar);
    QVERIFY(!bar->isVisible()); // nothing to replay yet

    QStringList problems;
    QVERIFY(m_window->sessionFiles()->open(path, &problems));
    QVERIFY(bar->isVisible());
    QVERIFY(bar->positionText().contains(QLatin1String("not started")));
    // The client is shown and decoded another way before the replay begins:
    // the replay shows it again, decoded that way.
    Connection *opened = nullptr;
    for (Connection *candidate : bench->connections(Connection::Side::Client))
        opened = candidate;
    QVERIFY(opened && opened->isRecorded());
    QVERIFY(bench->setFraming(opened, Direction::Rx, QStringLiteral("fixed:len=2"), &error));
    QTRY_COMPARE_WITH_TIMEOUT(opened->rx().frameCount(), qint64(7), 5000);
    m_window->selectInPanel(opened);
    QTRY_COMPARE(m_window->currentConnection(), opened);

    // The first step (F6) takes the whole session away and reveals its start.
    QTest::keyClick(m_window.get(), Qt::Key_F6);
    SessionReplay *replay = bar->replay();
    QCOMPARE(replay->position(), qint64(1));
    const qint64 total = replay->chunkCount();
    QCOMPARE(total, qint64(12)); // 3 writes and 3 reads on each side
    QCOMPARE(bar->slider()->maximum(), int(total));
    QCOMPARE(bar->slider()->value(), 1);
    QVERIFY(bar->positionText().startsWith(QLatin1String("chunk 1 of 12")));
    const QList<Connection *> revealed = bench->connections();
    QVERIFY(!revealed.isEmpty());
    qint64 chunks = 0;
    for (const Connection *c : revealed) {
        QVERIFY(c->isRecorded());
        QCOMPARE(c->thread(), m_window->thread()); // filled where it is watched
        chunks += c->rx().store().chunkCount() + c->tx().store().chunkCount();
    }
    QCOMPARE(chunks, qint64(1));
    QVERIFY(bar->stepBackAction()->isEnabled());

    // The connection shown before is shown again, as the replay has it.
    QTRY_VERIFY(m_window->currentConnection() && m_window->currentConnection()->id() == clientId);
    Connection *client = m_window->currentConnection();
    QVERIFY(client->isRecorded());
    QCOMPARE(client->rx().framing(), QStringLiteral("fixed:len=2"));

    // Playing at 10x reveals the rest; the views end as the session ended.
    bar->speedBox()->setCurrentIndex(bar->speedBox()->count() - 1);
    QCOMPARE(replay->speed(), 10.0);
    bar->playAction()->trigger();
    QVERIFY(replay->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(replay->atEnd(), 10000);
    QTRY_VERIFY(!replay->isPlaying());
    QVERIFY(!bar->showAllAction()->isEnabled());
    client = m_window->currentConnection();
    QVERIFY(client && client->id() == clientId);
    QCOMPARE(client->rx().store().size(), clientRx);
    QCOMPARE(client->rx().frameCount(), qint64(7));
    QVERIFY(isFinalState(client->state()));
    QCOMPARE(bar->slider()->value(), int(total));

    // Back one chunk: from the start again, one chunk short.
    bar->stepBackAction()->trigger();
    QCOMPARE(replay->position(), total - 1);
    QTRY_VERIFY(m_window->currentConnection() && m_window->currentConnection()->id() == clientId);
    chunks = 0;
    for (const Connection *c : bench->connections())
        chunks += c->rx().store().chunkCount() + c->tx().store().chunkCount();
    QCOMPARE(chunks, total - 1);
    bar->showAllAction()->trigger();
    QVERIFY(replay->atEnd());
}

QTEST_MAIN(tst_SessionFiles)
#include "tst_sessionfiles.moc"
