// SPDX-License-Identifier: GPL-3.0-or-later
// FragmentedSender: bytes go into the queue whole or in timed fragments, and
// sends asked for meanwhile wait their turn, so bytes leave in order.
#include "net/fragmentedsender.h"

#include <QElapsedTimer>
#include <QTest>

using namespace TcpInspector;

class tst_FragmentedSender : public QObject
{
    Q_OBJECT

private slots:
    void wholeSendQueuesAtOnce();
    void fragments_data();
    void fragments();
    void laterSendsWaitTheirTurn();
    void stopKeepsWhatIsHeld();
    void clearDropsEverything();
};

namespace {

/// Plays the socket: takes everything queued, and remembers each take.
struct Taker
{
    explicit Taker(FragmentedSender *from) : sender(from)
    {
        QObject::connect(from, &FragmentedSender::bytesQueued, from, [this] { take(); });
    }
    void take()
    {
        const QByteArray piece(sender->data(), int(sender->queued()));
        pieces.append(piece);
        taken += piece;
        sender->consume(piece.size());
    }
    FragmentedSender *sender;
    QList<QByteArray> pieces;
    QByteArray taken;
};

} // namespace

void tst_FragmentedSender::wholeSendQueuesAtOnce()
{
    FragmentedSender sender;
    int queuedSignals = 0;
    connect(&sender, &FragmentedSender::bytesQueued, this, [&] { ++queuedSignals; });
    QVERIFY(sender.isIdle());
    sender.send(QByteArrayLiteral("hello"));
    sender.send(QByteArray()); // nothing to send, nothing said
    QCOMPARE(queuedSignals, 1);
    QCOMPARE(sender.queued(), qint64(5));
    QCOMPARE(sender.queuedAnywhere(), qint64(5));
    QCOMPARE(QByteArray(sender.data(), 5), QByteArrayLiteral("hello"));
    QVERIFY(!sender.isIdle());
    sender.consume(2);
    QCOMPARE(sender.unsent(), qint64(3));
    QCOMPARE(sender.queuedAnywhere(), qint64(3));
    sender.consume(3);
    QVERIFY(sender.isIdle());
    QCOMPARE(sender.queuedAnywhere(), qint64(0));
}

void tst_FragmentedSender::fragments_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("fragmentSize");
    QTest::addColumn<int>("delayMs");
    QTest::addColumn<QList<int>>("sizes");
    QTest::newRow("3 by 3, last short")
        << QByteArrayLiteral("0123456789") << qint64(3) << 0 << QList<int> {3, 3, 3, 1};
    QTest::newRow("even") << QByteArrayLiteral("abcdef") << qint64(2) << 5 << QList<int> {2, 2, 2};
    QTest::newRow("one piece holds all: whole")
        << QByteArrayLiteral("abc") << qint64(3) << 50 << QList<int> {3};
    QTest::newRow("no size: whole")
        << QByteArrayLiteral("abc") << qint64(0) << 50 << QList<int> {3};
}

void tst_FragmentedSender::fragments()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, fragmentSize);
    QFETCH(int, delayMs);
    QFETCH(QList<int>, sizes);
    FragmentedSender sender;
    Taker taker(&sender);
    QElapsedTimer clock;
    clock.start();
    sender.sendFragmented(bytes, fragmentSize, delayMs);
    QCOMPARE(taker.pieces.size(), 1); // the first fragment goes in at once
    QTRY_COMPARE(taker.taken, bytes);
    QList<int> taken;
    for (const QByteArray &piece : taker.pieces)
        taken.append(int(piece.size()));
    QCOMPARE(taken, sizes);
    // One delay between each two fragments.
    QVERIFY(clock.elapsed() >= qint64(delayMs) * (sizes.size() - 1));
    QVERIFY(sender.isIdle());
}

void tst_FragmentedSender::laterSendsWaitTheirTurn()
{
    FragmentedSender sender;
    Taker taker(&sender);
    int fragmentSignals = 0;
    connect(&sender, &FragmentedSender::fragmentsDone, this, [&] { ++fragmentSignals; });
    sender.sendFragmented(QByteArrayLiteral("aaaaaa"), 2, 20);
    sender.send(QByteArrayLiteral("BB"));
    sender.sendFragmented(QByteArrayLiteral("cccc"), 1, 0);
    sender.send(QByteArrayLiteral("D"));
    QCOMPARE(taker.taken, QByteArrayLiteral("aa"));
    QCOMPARE(sender.unsent(), qint64(4 + 2 + 4 + 1));
    QTRY_COMPARE(taker.taken, QByteArrayLiteral("aaaaaaBBccccD"));
    QVERIFY(sender.isIdle());
    QCOMPARE(fragmentSignals, 2); // once per fragmented send
}

void tst_FragmentedSender::stopKeepsWhatIsHeld()
{
    FragmentedSender sender;
    Taker taker(&sender);
    sender.sendFragmented(QByteArrayLiteral("0123456789"), 2, 30);
    sender.send(QByteArrayLiteral("later"));
    sender.stop();
    QTest::qWait(120);
    QCOMPARE(taker.taken, QByteArrayLiteral("01"));
    QCOMPARE(sender.unsent(), qint64(8 + 5));
}

void tst_FragmentedSender::clearDropsEverything()
{
    FragmentedSender sender;
    sender.sendFragmented(QByteArrayLiteral("0123456789"), 4, 30);
    sender.send(QByteArrayLiteral("later"));
    QCOMPARE(sender.queued(), qint64(4));
    sender.clear();
    QVERIFY(sender.isIdle());
    QCOMPARE(sender.queuedAnywhere(), qint64(0));
    QTest::qWait(100);
    QVERIFY(sender.isIdle());            // no fragment came back
    sender.send(QByteArrayLiteral("x")); // and it sends again
    QCOMPARE(sender.queued(), qint64(1));
}

QTEST_GUILESS_MAIN(tst_FragmentedSender)
#include "tst_fragmentedsender.moc"
