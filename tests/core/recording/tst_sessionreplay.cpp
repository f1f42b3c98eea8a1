// SPDX-License-Identifier: GPL-3.0-or-later
// A session file recorded from a real loopback exchange, played back chunk by
// chunk: the order is the recorded time order across connections and
// directions, each step reveals one chunk with the events before it, going
// back and seeking start again, playing reaches the end, and what a replay
// ends with equals what opening the file loads.
#include "recording/sessionloader.h"
#include "recording/sessionreplay.h"

#include "loopbackpair.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace TcpInspector;

namespace {

/// The connections a replay hands over, as a view's owner keeps them.
struct Shown
{
    std::vector<std::unique_ptr<RecordedConnection>> connections;
    int discards = 0;

    SessionReplay::Adopt adopt()
    {
        return [this](std::unique_ptr<RecordedConnection> c) {
            connections.push_back(std::move(c));
        };
    }
    SessionReplay::Discard discard()
    {
        return [this](const QList<RecordedConnection *> &gone) {
            ++discards;
            for (RecordedConnection *c : gone) {
                connections.erase(std::find_if(connections.begin(), connections.end(),
                                               [c](const auto &kept) { return kept.get() == c; }));
            }
        };
    }
    const RecordedConnection *byId(quint64 id) const
    {
        for (const auto &c : connections) {
            if (c->id() == id)
                return c.get();
        }
        return nullptr;
    }
    qint64 chunks() const
    {
        qint64 n = 0;
        for (const auto &c : connections)
            n += c->rx().store().chunkCount() + c->tx().store().chunkCount();
        return n;
    }
};

struct ChunkAt
{
    qint64 timeNs;
    quint64 id;
    Direction direction;
};

/// Every chunk of the loaded session, in the order a replay must reveal
/// them: by time, rx before tx at the same time.
std::vector<ChunkAt> chunkOrder(const LoadedSession &session)
{
    std::vector<ChunkAt> order;
    for (const auto &c : session.connections) {
        for (Direction d : {Direction::Rx, Direction::Tx}) {
            const StreamStore &store = (d == Direction::Rx ? c->rx() : c->tx()).store();
            for (qint64 i = 0; i < store.chunkCount(); ++i)
                order.push_back({store.chunk(i).timestampNs, c->id(), d});
        }
    }
    std::stable_sort(order.begin(), order.end(), [](const ChunkAt &a, const ChunkAt &b) {
        return a.timeNs != b.timeNs ? a.timeNs < b.timeNs : int(a.direction) < int(b.direction);
    });
    return order;
}

} // namespace

class tst_SessionReplay : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void stepsRevealOneChunkInTimeOrder();
    void endEqualsOpening();
    void backAndSeekStartAgain();
    void playReachesTheEnd();
    void framingChosenForAConnection();
    void unreadableFileOpensNothing();

private:
    QTemporaryDir m_dir;
    QString m_path;
    LoadedSession m_loaded;
    std::vector<ChunkAt> m_order;
};

void tst_SessionReplay::initTestCase()
{
    Pair pair;
    QVERIFY(pair.start(StreamStore::Options(), ReplyPolicy::Kind::Echo, 0));
    pair.c->sendFragmented("one\ntwo\nthree\nfour", 5, 20);
    QTRY_COMPARE(pair.c->rx().store().size(), qint64(18));
    pair.c->halfClose();
    QTRY_VERIFY(isFinalState(pair.s->state()));
    QTRY_VERIFY(isFinalState(pair.c->state()));
    m_path = m_dir.filePath(QStringLiteral("replay.tcpis"));
    SessionError error;
    QVERIFY2(save(m_path, pair, &error), qPrintable(error.toString()));
    QVERIFY(loadSession(m_path, &m_loaded));
    QVERIFY(m_loaded.problems.isEmpty());
    m_order = chunkOrder(m_loaded);
    // Four writes of at most 5 bytes, each read and echoed: a chunk per
    // read and per write on both sides.
    QVERIFY(m_order.size() >= 12);
}

void tst_SessionReplay::stepsRevealOneChunkInTimeOrder()
{
    Shown shown;
    SessionReplay replay(shown.adopt(), shown.discard());
    QList<SessionError> problems;
    QVERIFY(replay.open(m_path, {}, &problems));
    QVERIFY(problems.isEmpty());
    QCOMPARE(replay.chunkCount(), qint64(m_order.size()));
    QCOMPARE(replay.position(), qint64(0));
    QVERIFY(shown.connections.empty()); // nothing is revealed before the first step

    QSignalSpy positions(&replay, &SessionReplay::positionChanged);
    for (size_t i = 0; i < m_order.size(); ++i) {
        const ChunkAt &next = m_order[i];
        replay.stepForward();
        QCOMPARE(replay.position(), qint64(i + 1));
        QCOMPARE(shown.chunks(), qint64(i + 1));
        QCOMPARE(replay.clockNs(), next.timeNs);
        const RecordedConnection *c = shown.byId(next.id);
        QVERIFY(c);
        const StreamStore &store = (next.direction == Direction::Rx ? c->rx() : c->tx()).store();
        QCOMPARE(store.chunk(store.chunkCount() - 1).timestampNs, next.timeNs);
        // The views' clock: the replay's cursor, not this process's.
        QCOMPARE(c->nowNs(), next.timeNs);
        // Every event before the chunk is revealed with it, none after.
        const std::vector<TimelineEvent> events = c->timeline().since(0);
        QVERIFY(!events.empty());
        QVERIFY(events.back().timeNs <= next.timeNs);
    }
    QCOMPARE(positions.count(), int(m_order.size()));
    QCOMPARE(shown.connections.size(), size_t(2));
    replay.stepForward(); // the ends and the closing events
    QVERIFY(replay.atEnd());
    QCOMPARE(replay.position(), replay.chunkCount());
}

void tst_SessionReplay::endEqualsOpening()
{
    Shown shown;
    SessionReplay replay(shown.adopt(), shown.discard());
    QList<SessionError> problems;
    QVERIFY(replay.open(m_path, {}, &problems));
    // A view watching a replica hears what it hears from a live one.
    replay.stepForward();
    QVERIFY(!shown.connections.empty());
    QSignalSpy chunks(shown.connections.front().get(), &Connection::chunkRecorded);
    QSignalSpy states(shown.connections.front().get(), &Connection::stateChanged);
    QSignalSpy finished(shown.connections.front().get(), &Connection::finished);
    replay.revealAll();
    QVERIFY(replay.atEnd());
    QVERIFY(chunks.count() > 0);
    QVERIFY(states.count() > 0);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(shown.connections.size(), m_loaded.connections.size());
    for (const auto &opened : m_loaded.connections) {
        const RecordedConnection *replayed = shown.byId(opened->id());
        QVERIFY(replayed);
        compareConnection(*opened, *replayed);
        if (QTest::currentTestFailed())
            return;
    }
    QVERIFY(replay.problems().isEmpty());
}

void tst_SessionReplay::backAndSeekStartAgain()
{
    Shown shown;
    SessionReplay replay(shown.adopt(), shown.discard());
    QList<SessionError> problems;
    QVERIFY(replay.open(m_path, {}, &problems));
    QSignalSpy restarts(&replay, &SessionReplay::restarted);
    for (int i = 0; i < 5; ++i)
        replay.stepForward();
    replay.stepBack();
    QCOMPARE(restarts.count(), 1);
    QCOMPARE(shown.discards, 1);
    QCOMPARE(replay.position(), qint64(4));
    QCOMPARE(shown.chunks(), qint64(4));
    QCOMPARE(replay.clockNs(), m_order[3].timeNs);

    replay.seek(9);
    QCOMPARE(restarts.count(), 1); // forward: no need to start again
    QCOMPARE(shown.chunks(), qint64(9));
    replay.seek(2);
    QCOMPARE(restarts.count(), 2);
    QCOMPARE(shown.chunks(), qint64(2));
    QCOMPARE(replay.clockNs(), m_order[1].timeNs);
    replay.seek(-5);
    QCOMPARE(replay.position(), qint64(0));
    QVERIFY(shown.connections.empty());
    replay.seek(1 << 20);
    QCOMPARE(replay.position(), replay.chunkCount());
    replay.restart();
    QCOMPARE(replay.position(), qint64(0));
    QVERIFY(shown.connections.empty());
}

void tst_SessionReplay::playReachesTheEnd()
{
    Shown shown;
    SessionReplay replay(shown.adopt(), shown.discard());
    QList<SessionError> problems;
    QVERIFY(replay.open(m_path, {}, &problems));
    replay.setSpeed(50);
    QCOMPARE(replay.speed(), 10.0);
    replay.setSpeed(0.01);
    QCOMPARE(replay.speed(), 0.1);
    replay.setSpeed(10);
    QSignalSpy playing(&replay, &SessionReplay::playingChanged);
    replay.play();
    QVERIFY(replay.isPlaying());
    // The exchange lasted some 100 ms: at 10x it plays in about 10.
    QTRY_VERIFY_WITH_TIMEOUT(replay.atEnd(), 5000);
    QTRY_VERIFY(!replay.isPlaying());
    QCOMPARE(playing.count(), 2);
    QCOMPARE(shown.chunks(), qint64(m_order.size()));

    // Paused half way, nothing more is revealed.
    replay.restart();
    replay.setSpeed(0.1);
    replay.stepForward();
    replay.play();
    QTest::qWait(100);
    replay.pause();
    // (How far it got depends on the machine's load; that it stays is the point.)
    const qint64 at = replay.position();
    QVERIFY(!replay.isPlaying());
    QTest::qWait(100);
    QCOMPARE(replay.position(), at);
}

void tst_SessionReplay::framingChosenForAConnection()
{
    Shown shown;
    SessionReplay replay(shown.adopt(), shown.discard());
    QList<SessionError> problems;
    QVERIFY(replay.open(m_path, {}, &problems));
    const quint64 id = m_loaded.connections.front()->id();
    replay.setFramings(id, QStringLiteral("fixed:len=2"), QString());
    replay.revealAll();
    const RecordedConnection *c = shown.byId(id);
    QCOMPARE(c->rx().framing(), QStringLiteral("fixed:len=2"));
    QCOMPARE(c->tx().framing(), QStringLiteral("line")); // empty: as recorded
    QCOMPARE(c->rx().frameCount(), c->rx().store().size() / 2);
    // Chosen again, it applies to the connections revealed after it.
    replay.clearFramings();
    replay.restart();
    replay.revealAll();
    QCOMPARE(shown.byId(id)->rx().framing(), QStringLiteral("line"));
}

void tst_SessionReplay::unreadableFileOpensNothing()
{
    Shown shown;
    SessionReplay replay(shown.adopt(), shown.discard());
    QList<SessionError> problems;
    QVERIFY(!replay.open(m_dir.filePath(QStringLiteral("missing.tcpis")), {}, &problems));
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems.first().toString().contains(QStringLiteral("missing.tcpis")));
    const QString foreign = m_dir.filePath(QStringLiteral("foreign.txt"));
    QFile file(foreign);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("GET / HTTP/1.1\r\n\r\n");
    file.close();
    problems.clear();
    QVERIFY(!replay.open(foreign, {}, &problems));
    QVERIFY(!problems.isEmpty());
    QVERIFY(!replay.isOpen());
    replay.stepForward(); // nothing to do, no crash
    replay.play();
    QVERIFY(!replay.isPlaying());
    QVERIFY(shown.connections.empty());
}

QTEST_GUILESS_MAIN(tst_SessionReplay)
#include "tst_sessionreplay.moc"
