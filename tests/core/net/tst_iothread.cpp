// SPDX-License-Identifier: GPL-3.0-or-later
// The app's arrangement (docs/ARCHITECTURE.md, "Threads"): sockets on an I/O thread, and
// another thread reading the recorded bytes, chunks, frames and timeline
// while they grow, without ever waiting on the I/O thread.
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/serverendpoint.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace TcpInspector;

class tst_IoThread : public QObject
{
    Q_OBJECT

private slots:
    void readerSeesAConsistentPrefixWhileTheStreamGrows_data();
    void readerSeesAConsistentPrefixWhileTheStreamGrows();
};

namespace {
QByteArray lineNumber(int i)
{
    // 100-byte lines whose content says where they belong.
    QByteArray line = QByteArray::number(i).rightJustified(8, '0') + ' ';
    return line + QByteArray(99 - line.size(), char('a' + i % 26)) + '\n';
}
} // namespace

void tst_IoThread::readerSeesAConsistentPrefixWhileTheStreamGrows_data()
{
    QTest::addColumn<EngineKind>("engine");
    QTest::newRow("qt") << EngineKind::Qt;
    QTest::newRow("native") << EngineKind::Native;
}

void tst_IoThread::readerSeesAConsistentPrefixWhileTheStreamGrows()
{
    QFETCH(EngineKind, engine);
    QThread io;
    io.start();
    auto *server = new ServerEndpoint;
    auto *client = new ClientEndpoint;
    server->moveToThread(&io);
    client->moveToThread(&io);

    // Pointers cross threads through atomics (release, then acquire) as well
    // as through Qt's queued calls: ThreadSanitizer cannot see Qt's own
    // synchronisation (Debian's Qt is not instrumented), but it sees these.
    std::atomic<Connection *> senderSlot {nullptr};
    std::atomic<Connection *> receiverSlot {nullptr};
    QMetaObject::invokeMethod(
        server,
        [&] {
            ServerOptions options;
            options.address
                = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
            options.connection.engine = engine;
            options.connection.rxFraming = QStringLiteral("line");
            SocketErrorInfo error;
            server->listen(options, &error);
            ClientOptions c;
            c.target = server->boundAddress();
            c.connection.engine = engine;
            senderSlot.store(client->connectTo(c), std::memory_order_release);
        },
        Qt::BlockingQueuedConnection);
    Connection *sender = senderSlot.load(std::memory_order_acquire);
    QVERIFY(sender);

    QTRY_VERIFY([&] {
        QMetaObject::invokeMethod(
            server,
            [&] {
                if (!server->connections().isEmpty())
                    receiverSlot.store(server->connections().first(), std::memory_order_release);
            },
            Qt::BlockingQueuedConnection);
        return receiverSlot.load(std::memory_order_acquire) != nullptr;
    }());
    Connection *receiver = receiverSlot.load(std::memory_order_acquire);

    const int lines = 40000; // 4 MB
    QMetaObject::invokeMethod(sender, [sender] {
        QByteArray all;
        for (int i = 0; i < lines; ++i)
            all += lineNumber(i);
        // Fragments, so the stream grows in many steps while it is read.
        sender->sendFragmented(all, 64 * 1024, 1);
    });

    // This thread plays the GUI: it only reads what is published.
    qint64 checkedFrames = 0;
    qint64 lastSize = 0;
    qint64 polls = 0;
    QElapsedTimer timer;
    timer.start();
    const StreamChannel &rx = receiver->rx();
    while (checkedFrames < lines && timer.elapsed() < 30000) {
        const qint64 size = rx.store().size();
        QVERIFY(size >= lastSize);
        lastSize = size;
        const qint64 frameCount = rx.frameCount();
        for (const Frame &frame : rx.frames(checkedFrames, frameCount - checkedFrames)) {
            QCOMPARE(frame.offset, checkedFrames * 100);
            QVERIFY(frame.end() <= rx.store().size());
            QCOMPARE(rx.store().read(frame.offset, frame.length), lineNumber(int(checkedFrames)));
            ++checkedFrames;
        }
        const qint64 chunks = rx.store().chunkCount();
        if (chunks > 0)
            QVERIFY(rx.store().chunk(chunks - 1).end() <= rx.store().size());
        rx.partial(); // must not block or tear
        receiver->timeline().since(0);
        ++polls;
        QThread::msleep(1);
    }
    QCOMPARE(checkedFrames, qint64(lines));
    QVERIFY(polls > 1);

    QMetaObject::invokeMethod(
        server,
        [server, client] {
            delete client;
            delete server;
        },
        Qt::BlockingQueuedConnection);
    io.quit();
    QVERIFY(io.wait(5000));
}

QTEST_GUILESS_MAIN(tst_IoThread)
#include "tst_iothread.moc"
