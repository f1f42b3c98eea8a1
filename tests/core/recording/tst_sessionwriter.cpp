// SPDX-License-Identifier: GPL-3.0-or-later
// Session files written from real loopback connections and read back: byte
// for byte, chunk for chunk, event for event; big streams past the store's
// budget; a disk that fills up.
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/serverendpoint.h"
#include "recording/sessioncodec.h"
#include "recording/sessionloader.h"
#include "recording/sessionwriter.h"

#include "eventtext.h"
#include "loopbackpair.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <thread>

#include <sys/resource.h>

using namespace TcpInspector;

namespace {

const RecordedConnection *findLoaded(const LoadedSession &session, quint64 id)
{
    for (const auto &c : session.connections) {
        if (c->id() == id)
            return c.get();
    }
    return nullptr;
}

} // namespace

class tst_SessionWriter : public QObject
{
    Q_OBJECT

private slots:
    void roundTripOfARealRecording();
    void bigStreamsStayWithinTheBudget();
    void saveWhileTheConnectionRuns();
    void fullDiskLeavesNoPartFile();
    void cancelRemovesThePartFile();
};

void tst_SessionWriter::roundTripOfARealRecording()
{
    Pair pair;
    QVERIFY(pair.start(StreamStore::Options(), ReplyPolicy::Kind::Echo, 10));
    pair.c->sendFragmented("hello there\nsecond line\nthird", 7, 5);
    QTRY_COMPARE(pair.s->rx().store().size(), qint64(29));
    pair.c->send(" and last\n");
    QTRY_COMPARE(pair.c->rx().store().size(), qint64(39));
    pair.c->halfClose();
    QTRY_VERIFY(isFinalState(pair.s->state()));
    QTRY_VERIFY(isFinalState(pair.c->state()));
    QTest::qWait(30); // a kernel sample or two after the end
    QVERIFY(pair.s->rx().store().chunkCount() >= 4);
    QVERIFY(pair.c->tx().finishedAtNs() > 0);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("round.tcpis"));
    SessionError error;
    QVERIFY2(save(path, pair, &error), qPrintable(error.toString()));
    QVERIFY(!QFile::exists(path + QStringLiteral(".part")));

    LoadedSession loaded;
    QVERIFY(loadSession(path, &loaded));
    for (const SessionError &p : loaded.problems)
        qWarning("%s", qPrintable(p.toString()));
    QVERIFY(loaded.problems.isEmpty());
    QVERIFY(loaded.info.finalized);
    QCOMPARE(loaded.info.meta.value(QStringLiteral("writer")).toString(),
             QStringLiteral("tst_sessionwriter"));
    QCOMPARE(loaded.connections.size(), size_t(2));
    for (const Connection *live : {pair.s, pair.c}) {
        const RecordedConnection *back = findLoaded(loaded, live->id());
        QVERIFY(back);
        compareConnection(*live, *back);
        if (QTest::currentTestFailed())
            return;
    }
    bool sampled = false;
    for (const TimelineEvent &e : pair.c->timeline().since(0))
        sampled = sampled || e.type == TimelineEvent::Kernel;
    QVERIFY(sampled);
    compareTimeline(pair.server.timeline().since(0), loaded.listenerEvents);

    // Settings: every option, and what the endpoint added.
    const size_t ci = loaded.connections[0]->id() == pair.c->id() ? 0 : 1;
    const QJsonObject settings = loaded.recorded[ci].settings;
    QJsonObject expected = SessionCodec::optionsToJson(pair.c->optionsSnapshot());
    expected.insert(QStringLiteral("target"), pair.server.boundAddress().toString());
    QCOMPARE(settings, expected);
    QCOMPARE(SessionCodec::optionsFromJson(settings).kernelSampleMs, 10);
    QCOMPARE(loaded.lines.size(), size_t(1));
    QCOMPARE(loaded.lines[0].connection, pair.c->id());
    QCOMPARE(loaded.lines[0].json, QByteArray(R"({"event":"summary"})"));
}

void tst_SessionWriter::bigStreamsStayWithinTheBudget()
{
    // 64 MiB + a bit through a 4 MiB budget: the live store spills, the
    // writer reads it back 1 MiB at a time, the loader's store spills again.
    constexpr qint64 budget = qint64(4) << 20;
    constexpr qint64 total = (qint64(64) << 20) + 12345;
    StreamStore::Options store;
    store.memoryBudget = budget;
    Pair pair;
    QVERIFY(pair.start(store, ReplyPolicy::Kind::None, 0));
    QByteArray piece(1 << 20, Qt::Uninitialized);
    QRandomGenerator random(14);
    for (qint64 sent = 0; sent < total; sent += piece.size()) {
        piece.resize(int(std::min<qint64>(total - sent, 1 << 20)));
        random.fillRange(reinterpret_cast<quint32 *>(piece.data()), piece.size() / 4);
        pair.c->send(piece);
    }
    QTRY_COMPARE_WITH_TIMEOUT(pair.s->rx().store().size(), total, 60000);
    pair.c->close();
    QTRY_VERIFY(isFinalState(pair.s->state()));
    QTRY_VERIFY(isFinalState(pair.c->state()));
    pair.s->rx().store().waitForSpill();
    QVERIFY(pair.s->rx().store().spilledBytes() > 0);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.tcpis"));
    SessionError error;
    std::atomic<qint64> written {0};
    QElapsedTimer timer;
    timer.start();
    {
        SessionWriter writer;
        writer.setProgress(&written, nullptr);
        QVERIFY2(writer.open(path, testMeta(), &error) && writer.addConnection(*pair.s, {}, &error)
                     && writer.addConnection(*pair.c, {}, &error) && writer.commit(&error),
                 qPrintable(error.toString()));
    }
    const qint64 saveMs = timer.restart();
    QCOMPARE(written.load(), QFileInfo(path).size());
    QVERIFY(written.load() > 2 * total);

    LoadOptions options;
    options.store = StreamStore::Options();
    options.store->memoryBudget = budget;
    LoadedSession loaded;
    std::atomic<qint64> progress {0};
    QVERIFY(loadSession(path, &loaded, options, &progress));
    qInfo("%lld MiB saved in %lld ms, loaded in %lld ms (4 MiB budget)", written.load() >> 20,
          saveMs, timer.elapsed());
    QVERIFY(loaded.problems.isEmpty());
    QCOMPARE(progress.load(), 2 * total);
    for (const Connection *live : {pair.s, pair.c}) {
        const RecordedConnection *back = findLoaded(loaded, live->id());
        QVERIFY(back);
        for (Direction d : {Direction::Rx, Direction::Tx}) {
            const StreamStore &s = (d == Direction::Rx ? back->rx() : back->tx()).store();
            s.waitForSpill();
            QVERIFY2(s.residentBytes() <= budget, qPrintable(QString::number(s.residentBytes())));
        }
        compareConnection(*live, *back);
        if (QTest::currentTestFailed())
            return;
    }
    QVERIFY(findLoaded(loaded, pair.s->id())->rx().store().spilledBytes() > 0);
}

void tst_SessionWriter::saveWhileTheConnectionRuns()
{
    Pair pair;
    QVERIFY(pair.start(StreamStore::Options(), ReplyPolicy::Kind::Echo, 0));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("live.tcpis"));
    std::atomic<bool> saved {false};
    bool ok = false;
    SessionError error;
    // The writer runs on its own thread while this one keeps sending.
    std::thread saver([&] {
        QThread::msleep(30);
        SessionWriter writer;
        ok = writer.open(path, testMeta(), &error) && writer.addConnection(*pair.c, {}, &error)
             && writer.addConnection(*pair.s, {}, &error) && writer.commit(&error);
        saved = true;
    });
    int n = 0;
    while (!saved.load()) {
        pair.c->send(QByteArray::number(n++) + '\n');
        QTest::qWait(1);
    }
    saver.join();
    QVERIFY2(ok, qPrintable(error.toString()));
    QVERIFY(n > 5);

    LoadedSession loaded;
    QVERIFY(loadSession(path, &loaded));
    for (const SessionError &p : loaded.problems)
        qWarning("%s", qPrintable(p.toString()));
    QVERIFY(loaded.problems.isEmpty());
    // What was saved is a prefix of what the live connection has now.
    for (const Connection *live : {pair.s, pair.c}) {
        const RecordedConnection *back = findLoaded(loaded, live->id());
        QVERIFY(back);
        for (Direction d : {Direction::Rx, Direction::Tx}) {
            const StreamStore &a = (d == Direction::Rx ? live->rx() : live->tx()).store();
            const StreamStore &b = (d == Direction::Rx ? back->rx() : back->tx()).store();
            QVERIFY(b.chunkCount() <= a.chunkCount());
            for (qint64 i = 0; i < b.chunkCount(); ++i)
                QCOMPARE(b.chunk(i), a.chunk(i));
            QCOMPARE(b.read(0, b.size()), a.read(0, b.size()));
        }
        QVERIFY(back->timeline().count() <= live->timeline().count());
    }
}

void tst_SessionWriter::fullDiskLeavesNoPartFile()
{
    // RLIMIT_FSIZE with SIGXFSZ ignored: a write past the limit fails with
    // EFBIG, as a full disk fails with ENOSPC, at a known offset.
    Pair pair;
    QVERIFY(pair.start(StreamStore::Options(), ReplyPolicy::Kind::None, 0));
    const QByteArray bytes(512 * 1024, 'x');
    pair.c->send(bytes);
    QTRY_COMPARE(pair.s->rx().store().size(), qint64(bytes.size()));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("full.tcpis"));
    rlimit old {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old;
    small.rlim_cur = 200 * 1024;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    SessionError error;
    SessionWriter writer;
    const bool ok = writer.open(path, testMeta(), &error)
                    && writer.addConnection(*pair.s, {}, &error) && writer.commit(&error);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);
    QVERIFY(!ok);
    QCOMPARE(error.kind, SessionError::Kind::Io);
    QVERIFY2(error.message.contains(QStringLiteral("File too large")), qPrintable(error.message));
    QVERIFY2(error.message.contains(path), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("at offset ")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("(connection %1, rx)").arg(pair.s->id())),
             qPrintable(error.message));
    QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
    QVERIFY(!QFile::exists(path));
    // The recording is as it was.
    QCOMPARE(pair.s->rx().store().read(0, bytes.size()), bytes);
    // The writer stays failed.
    QVERIFY(!writer.commit(&error));
}

void tst_SessionWriter::cancelRemovesThePartFile()
{
    Pair pair;
    QVERIFY(pair.start(StreamStore::Options(), ReplyPolicy::Kind::None, 0));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cancel.tcpis"));
    std::atomic<bool> cancel {false};
    SessionWriter writer;
    writer.setProgress(nullptr, &cancel);
    SessionError error;
    QVERIFY(writer.open(path, testMeta(), &error));
    QVERIFY(QFile::exists(path + QStringLiteral(".part")));
    cancel = true;
    QVERIFY(!writer.addConnection(*pair.c, {}, &error));
    QCOMPARE(error.kind, SessionError::Kind::Cancelled);
    QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(tst_SessionWriter)
#include "tst_sessionwriter.moc"
