// SPDX-License-Identifier: GPL-3.0-or-later
// ConversationIndex over real stores: the merge by time (ties: rx first), a
// chunk that comes to light late, bounded work per update, hex and text
// rows, and stores that let bytes go (ring mode) or never kept them (a cap).
#include "views/conversationindex.h"

#include <QElapsedTimer>
#include <QTest>

using namespace TcpInspector;

namespace {
using Turn = ConversationIndex::Turn;

QList<QPair<int, qint64>> turnList(const ConversationIndex &index)
{
    QList<QPair<int, qint64>> list;
    for (const Turn &turn : index.turns())
        list.append({turn.direction == Direction::Rx ? 0 : 1, turn.bytes});
    return list;
}

QByteArray rowBytes(const ConversationIndex &index, ConversationIndex::Mode mode, qint64 row,
                    const StreamStore &rx, const StreamStore &tx)
{
    const ConversationIndex::Row r = index.rowAt(mode, row);
    const StreamStore &store = r.direction == Direction::Rx ? rx : tx;
    return store.read(r.from, r.to - r.from);
}
} // namespace

class tst_ConversationIndex : public QObject
{
    Q_OBJECT

private slots:
    void mergesByTimeRxFirstOnTies();
    void lateChunkRewindsTheTail();
    void updateIsBounded();
    void aMillionChunksInTimedSteps();
    void hexRowsStartAtEachChunk();
    void textRowsEndAtNewlinesAndChunks();
    void entryOfFindsEveryChunk();
    void ringModeDropsTheFront();
    void capCountsWhatWasNotKept();
};

void tst_ConversationIndex::mergesByTimeRxFirstOnTies()
{
    StreamStore rx;
    StreamStore tx;
    rx.append("GET /\n", 100);
    tx.append("200 OK\n", 200);
    tx.append("body\n", 210);
    rx.append("GET /2\n", 300);
    tx.append("same time, tx\n", 400);
    rx.append("same time, rx\n", 400);
    ConversationIndex index;
    index.reset(&rx, &tx);
    index.update();
    QVERIFY(index.caughtUp());
    // Rx turns 2 and 3 are one turn: consecutive chunks of one direction.
    QCOMPARE(turnList(index), (QList<QPair<int, qint64>> {{0, 6}, {1, 12}, {0, 21}, {1, 14}}));
    QCOMPARE(index.endEntry(), 6);
    QCOMPARE(index.at(3).direction, Direction::Rx);
    QCOMPARE(index.at(4).direction, Direction::Rx);
    QCOMPARE(index.at(5).direction, Direction::Tx);
}

void tst_ConversationIndex::lateChunkRewindsTheTail()
{
    StreamStore rx;
    StreamStore tx;
    rx.append("a", 100);
    tx.append("b", 300);
    ConversationIndex index;
    index.reset(&rx, &tx);
    index.update();
    QCOMPARE(turnList(index), (QList<QPair<int, qint64>> {{0, 1}, {1, 1}}));
    // An rx chunk read at 200 published after the tx one of 300 was merged.
    rx.append("cc", 200);
    const ConversationIndex::Changes changes = index.update();
    QCOMPARE(changes.rewound, 1);
    QCOMPARE(changes.appended, 2);
    QCOMPARE(turnList(index), (QList<QPair<int, qint64>> {{0, 3}, {1, 1}}));
    QCOMPARE(index.rowCount(ConversationIndex::Mode::Hex), 3);
}

void tst_ConversationIndex::updateIsBounded()
{
    StreamStore rx;
    StreamStore tx;
    for (int i = 0; i < 5000; ++i) {
        rx.append("q", 10 * i);
        tx.append("rr", 10 * i + 5);
    }
    ConversationIndex index;
    index.reset(&rx, &tx);
    QCOMPARE(index.update(1000).appended, 1000);
    QVERIFY(!index.caughtUp());
    qint64 calls = 1;
    while (!index.caughtUp()) {
        QVERIFY(index.update(1000).appended <= 1000);
        ++calls;
    }
    QCOMPARE(calls, 10);
    QCOMPARE(index.turns().size(), size_t(10000));
    QCOMPARE(index.rowCount(ConversationIndex::Mode::Hex), 10000);
}

void tst_ConversationIndex::aMillionChunksInTimedSteps()
{
    // A chatty peer: a million one-line chunks, a reply to each.
    StreamStore rx;
    StreamStore tx;
    for (int i = 0; i < 500000; ++i) {
        rx.append("GET\n", 2 * i);
        tx.append("OK\n", 2 * i + 1);
    }
    ConversationIndex index;
    index.reset(&rx, &tx);
    QElapsedTimer clock;
    clock.start();
    int calls = 0;
    while (!index.caughtUp()) {
        index.update(std::numeric_limits<qint64>::max(), 6);
        ++calls;
    }
    const qint64 mergeMs = clock.restart();
    QCOMPARE(index.endEntry(), 1000000);
    QCOMPARE(index.turns().size(), size_t(1000000));
    while (index.layOutText(8)) { }
    const qint64 layoutMs = clock.elapsed();
    QCOMPARE(index.rowCount(ConversationIndex::Mode::Text), 1000000);
    QCOMPARE(index.rowAt(ConversationIndex::Mode::Text, 999999).to
                 - index.rowAt(ConversationIndex::Mode::Text, 999999).from,
             3);
    qInfo("merged 1e6 chunks in %lld ms over %d timed calls; text rows in %lld ms", mergeMs, calls,
          layoutMs);
}

void tst_ConversationIndex::hexRowsStartAtEachChunk()
{
    StreamStore rx;
    StreamStore tx;
    rx.append(QByteArray(40, 'a'), 1); // 3 rows: 16, 16, 8
    tx.append(QByteArray(16, 'b'), 2); // 1 row
    rx.append(QByteArray(1, 'c'), 3);  // 1 row, not after the 8 of the first chunk
    ConversationIndex index;
    index.reset(&rx, &tx);
    index.update();
    const auto hex = ConversationIndex::Mode::Hex;
    QCOMPARE(index.rowCount(hex), 5);
    QCOMPARE(rowBytes(index, hex, 2, rx, tx), QByteArray(8, 'a'));
    QCOMPARE(rowBytes(index, hex, 3, rx, tx), QByteArray(16, 'b'));
    QCOMPARE(rowBytes(index, hex, 4, rx, tx), QByteArray("c"));
    QCOMPARE(index.rowAt(hex, 4).rowInEntry, 0);
    QCOMPARE(index.firstRow(hex, 2), 4);
    QCOMPARE(index.rowAt(hex, 5).entry, -1);
}

void tst_ConversationIndex::textRowsEndAtNewlinesAndChunks()
{
    StreamStore rx;
    StreamStore tx;
    rx.append("one\ntwo\nthr", 1);
    tx.append("replying\n", 2); // wraps after 8 bytes
    rx.append("ee\nfour\n", 3); // "three" runs across two chunks: two rows
    ConversationIndex index;
    index.reset(&rx, &tx);
    index.setWrapWidth(8);
    index.update();
    const auto text = ConversationIndex::Mode::Text;
    QCOMPARE(index.rowCount(text), 0); // not laid out yet
    QVERIFY(index.layOutText(-1));
    const QList<QByteArray> expected {"one\n", "two\n", "thr", "replying", "\n", "ee\n", "four\n"};
    QCOMPARE(index.rowCount(text), expected.size());
    for (int row = 0; row < expected.size(); ++row)
        QCOMPARE(rowBytes(index, text, row, rx, tx), expected.at(row));
    QCOMPARE(index.firstRow(text, 2), 5);
    QCOMPARE(index.laidOutEnd(text), 3);
}

void tst_ConversationIndex::entryOfFindsEveryChunk()
{
    StreamStore rx;
    StreamStore tx;
    for (int i = 0; i < 1000; ++i) {
        // Bursts with equal times, across both directions.
        rx.append("x", i / 3);
        if (i % 2)
            tx.append("y", i / 3);
    }
    ConversationIndex index;
    index.reset(&rx, &tx);
    index.update();
    for (qint64 entry = index.firstEntry(); entry < index.endEntry(); ++entry) {
        const ConversationIndex::Entry e = index.at(entry);
        QCOMPARE(index.entryOf(e.direction, e.chunk), entry);
    }
    QCOMPARE(index.entryOf(Direction::Tx, 500), -1);
}

void tst_ConversationIndex::ringModeDropsTheFront()
{
    StreamStore::Options options;
    options.blockSize = 64;
    options.keepBytes = 128;
    StreamStore rx(options);
    StreamStore tx;
    ConversationIndex index;
    index.reset(&rx, &tx);
    for (int i = 0; i < 8; ++i) {
        rx.append(QByteArray(32, char('a' + i)), 10 * i);
        tx.append("ok", 10 * i + 5);
        index.update();
    }
    QVERIFY(rx.evictedBytes() > 0);
    QVERIFY(index.hiddenBytes(Direction::Rx) >= rx.evictedBytes());
    QCOMPARE(index.hiddenBytes(Direction::Rx),
             rx.chunk(index.at(index.firstEntry()).direction == Direction::Rx
                          ? index.at(index.firstEntry()).chunk
                          : index.at(index.firstEntry() + 1).chunk)
                 .offset);
    // tx let nothing go, but its chunks older than rx's first are not listed.
    QCOMPARE(tx.evictedBytes(), 0);
    QVERIFY(index.hiddenBytes(Direction::Tx) > 0);
    const ConversationIndex::Entry front = index.at(index.firstEntry());
    // The front is the first chunk still kept; nothing older is listed.
    QVERIFY(index.firstEntry() > 0);
    QVERIFY(front.direction == Direction::Tx || front.chunk >= rx.firstChunk());
    for (qint64 e = index.firstEntry(); e < index.endEntry(); ++e) {
        if (index.at(e).direction == Direction::Rx)
            QVERIFY(index.at(e).chunk >= rx.firstChunk());
    }
    // Rows count from the front: row 0 reads bytes that are still kept.
    const auto hex = ConversationIndex::Mode::Hex;
    QVERIFY(!rowBytes(index, hex, 0, rx, tx).isEmpty());
    QVERIFY(index.layOutText(-1));
    QVERIFY(!rowBytes(index, ConversationIndex::Mode::Text, 0, rx, tx).isEmpty());
}

void tst_ConversationIndex::capCountsWhatWasNotKept()
{
    StreamStore::Options options;
    options.maxBytes = 10;
    StreamStore rx(options);
    StreamStore tx;
    rx.append("0123456789abc", 1);
    rx.append("more", 2);
    tx.append("reply", 3);
    ConversationIndex index;
    index.reset(&rx, &tx);
    index.update();
    QCOMPARE(turnList(index), (QList<QPair<int, qint64>> {{0, 10}, {1, 5}}));
    QCOMPARE(index.droppedBytes(Direction::Rx), 7);
    QCOMPARE(index.droppedBytes(Direction::Tx), 0);
}

QTEST_GUILESS_MAIN(tst_ConversationIndex)
#include "tst_conversationindex.moc"
