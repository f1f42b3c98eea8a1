// SPDX-License-Identifier: GPL-3.0-or-later
// The qt engine's writes: flushed at once by default, so a reply is in the
// kernel before Qt reads the peer's FIN and closes; left in QTcpSocket's
// buffer with qtFlushWrites off, where Qt throws them away. Whatever is
// thrown away is counted (discardedBytes(), a Discarded event) and not sent.
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/serverendpoint.h"

#include <QTest>

#include <linux/sockios.h>
#include <sys/ioctl.h>

using namespace TcpInspector;

class tst_QtWrites : public QObject
{
    Q_OBJECT

private slots:
    void replyBeforeTheFin_data();
    void replyBeforeTheFin();
    void onlyWhatTheKernelCannotTakeWaits();
    void replyHeldAtThePeersFinStillArrives();
    void qtBufferThrownAwayIsCounted_data();
    void qtBufferThrownAwayIsCounted();
};

namespace {

struct Pair
{
    ServerEndpoint server;
    ClientEndpoint client;
    Connection *c = nullptr;
    Connection *s = nullptr;
};

/// A qt-engine server with the given reply and write mode, a native client.
bool open(Pair &pair, ReplyPolicy::Kind reply, bool flushWrites)
{
    ServerOptions server;
    server.address
        = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
    server.reply.kind = reply;
    server.connection.engine = EngineKind::Qt;
    server.connection.qtFlushWrites = flushWrites;
    server.connection.sendBuffer = 16 * 1024;
    SocketErrorInfo error;
    if (!pair.server.listen(server, &error))
        return false;
    ClientOptions client;
    client.target = pair.server.boundAddress();
    client.connection.engine = EngineKind::Native;
    client.connection.receiveBuffer = 16 * 1024;
    pair.c = pair.client.connectTo(client);
    if (!QTest::qWaitFor([&] { return pair.server.connections().size() == 1; }, 5000))
        return false;
    pair.s = pair.server.connections().first();
    return QTest::qWaitFor(
        [&] {
            return pair.c->state() == ConnectionState::Established
                   && pair.s->state() == ConnectionState::Established;
        },
        5000);
}

int kernelSendQueue(const Connection *connection)
{
    int queued = -1;
    if (connection->socketDescriptor() < 0
        || ::ioctl(connection->socketDescriptor(), SIOCOUTQ, &queued) != 0)
        return -1;
    return queued;
}

qint64 discardedEvents(const Connection *connection, const QString &code)
{
    qint64 bytes = 0;
    for (const TimelineEvent &e : connection->timeline().since(0)) {
        if (e.type == TimelineEvent::Discarded && e.code == code)
            bytes += e.bytes;
    }
    return bytes;
}

} // namespace

void tst_QtWrites::replyBeforeTheFin_data()
{
    QTest::addColumn<bool>("flushWrites");
    QTest::newRow("flush (default)") << true;
    QTest::newRow("no flush: plain Qt") << false;
}

void tst_QtWrites::replyBeforeTheFin()
{
    // The line and the FIN leave together, so the server reads both in one
    // turn of its event loop: its echo comes before it reads the FIN, but
    // plain Qt only writes it when the socket next shows writable, and the
    // read of the FIN, which closes the socket, comes first.
    QFETCH(bool, flushWrites);
    Pair pair;
    QVERIFY(open(pair, ReplyPolicy::Kind::Echo, flushWrites));
    pair.c->send("x\n");
    pair.c->halfClose();
    QTRY_VERIFY(isFinalState(pair.s->state()));
    QTRY_VERIFY(isFinalState(pair.c->state()));

    // Either way the echo was recorded as handed to the engine...
    QCOMPARE(pair.s->tx().store().size(), qint64(2));
    const qint64 reached = flushWrites ? 2 : 0;
    // ... but only what reached the kernel counts as sent, and the peer got
    // exactly that; the rest is counted apart, with an event that says so.
    QCOMPARE(pair.c->rx().store().size(), reached);
    QCOMPARE(pair.s->sentBytes(), reached);
    QCOMPARE(pair.s->discardedBytes(), 2 - reached);
    QCOMPARE(discardedEvents(pair.s, QStringLiteral("engine_buffer")), 2 - reached);
}

void tst_QtWrites::onlyWhatTheKernelCannotTakeWaits()
{
    // A reader that does not read: the first write fills the kernel and Qt
    // keeps the rest, so a second one waits in the connection's queue rather
    // than behind it in Qt's buffer. Once the reader reads, all of it comes.
    Pair pair;
    QVERIFY(open(pair, ReplyPolicy::Kind::None, true));
    pair.c->setReadPaused(true);
    const QByteArray first(2 * 1024 * 1024, 'a');
    const QByteArray second(512 * 1024, 'b');
    pair.s->send(first);
    QTRY_VERIFY(pair.s->bufferedInEngine() > 0);
    pair.s->send(second);
    QCOMPARE(pair.s->tx().store().size(), qint64(first.size()));
    QCOMPARE(pair.s->pendingBytes(), qint64(second.size()));

    pair.c->setReadPaused(false);
    const qint64 total = first.size() + second.size();
    QTRY_COMPARE_WITH_TIMEOUT(pair.c->rx().store().size(), total, 20000);
    QCOMPARE(pair.c->rx().store().read(total - 1, 1), QByteArray("b"));
    QCOMPARE(pair.s->tx().store().size(), total);
    QCOMPARE(pair.s->sentBytes(), total);
    QCOMPARE(pair.s->discardedBytes(), qint64(0));
}

void tst_QtWrites::replyHeldAtThePeersFinStillArrives()
{
    // A reply larger than the kernel takes, and the peer's FIN before it
    // reads a byte: Qt holds the rest of the reply and closes its socket when
    // it reads the FIN. The bytes it held still go, then our FIN (an echo
    // server lost 0.9 MB of 8 MB this way under load before the held tail).
    Pair pair;
    QVERIFY(open(pair, ReplyPolicy::Kind::None, true));
    Connection *c = pair.c;
    Connection *s = pair.s;
    c->setReadPaused(true);
    const qint64 total = 4 * 1024 * 1024;
    QByteArray reply(total, '\0');
    for (qint64 i = 0; i < total; ++i)
        reply[i] = char('a' + i % 26);
    s->send(reply);
    QTRY_VERIFY(s->bufferedInEngine() > 0);
    c->halfClose();
    // The server closes at the peer's EOF by default: it waits for the held bytes.
    const auto held = [s] {
        for (const TimelineEvent &e : s->timeline().since(0)) {
            if (e.text.contains(QLatin1String("kept the connection open")))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(held(), 20000);
    QTest::qWait(50);
    QVERIFY(!isFinalState(s->state()));
    QVERIFY(s->bufferedInEngine() > 0); // the held bytes wait for the reader
    c->setReadPaused(false);
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(c->state()), 20000);
    QCOMPARE(c->rx().store().size(), total);
    QCOMPARE(c->rx().store().read(0, total), reply);
    QTRY_COMPARE(s->state(), ConnectionState::Closed);
    QCOMPARE(s->discardedBytes(), qint64(0));
    QCOMPARE(s->sentBytes(), total);
}

void tst_QtWrites::qtBufferThrownAwayIsCounted_data()
{
    QTest::addColumn<QString>("ending");
    QTest::addColumn<bool>("lost");
    QTest::newRow("abort with reset") << QStringLiteral("reset") << true;
    QTest::newRow("peer FIN while closing") << QStringLiteral("fin") << true;
    QTest::newRow("graceful close") << QStringLiteral("close") << false;
}

void tst_QtWrites::qtBufferThrownAwayIsCounted()
{
    // Even flushed, what the kernel has no room for waits in QTcpSocket's
    // buffer. When the connection ends with bytes still there, they never
    // reach the peer: they are counted, and only then.
    QFETCH(QString, ending);
    QFETCH(bool, lost);
    Pair pair;
    QVERIFY(open(pair, ReplyPolicy::Kind::None, true));
    Connection *c = pair.c;
    Connection *s = pair.s;
    c->setReadPaused(true);

    const qint64 total = 4 * 1024 * 1024;
    s->send(QByteArray(total, 'q'));
    QTRY_VERIFY(kernelSendQueue(s) > 0);
    QTest::qWait(50);
    if (ending == QLatin1String("reset")) {
        s->abortWithReset();
    } else {
        s->close();
        QCOMPARE(s->state(), ConnectionState::Closing); // Qt's buffer is not empty
        if (ending == QLatin1String("fin"))
            c->halfClose();
        else
            c->setReadPaused(false);
    }
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(s->state()), 20000);
    if (!lost)
        QTRY_COMPARE_WITH_TIMEOUT(c->rx().store().size(), total, 20000);
    const qint64 counted = discardedEvents(s, QStringLiteral("engine_buffer"));
    QCOMPARE(counted > 0, lost);
    QCOMPARE(s->discardedBytes(), counted);
    QCOMPARE(s->sentBytes() + s->discardedBytes(), total);
    if (ending == QLatin1String("reset"))
        return; // the RST also throws away what the kernel held
    // What the peer got is what the kernel took, and not a byte of what was thrown away.
    c->setReadPaused(false);
    QTRY_COMPARE_WITH_TIMEOUT(c->rx().store().size(), s->sentBytes(), 20000);
}

QTEST_GUILESS_MAIN(tst_QtWrites)
#include "tst_qtwrites.moc"
