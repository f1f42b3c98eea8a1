// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing lost on the way in: a plain socket on another thread writes a few MB
// of numbered lines as fast as loopback takes them; each engine records them,
// past a small memory budget so that most go to the spill file, and the
// stored stream read back has the sender's SHA-256 and every line as a message.
#include "net/connection.h"
#include "net/serverendpoint.h"

#include <QCryptographicHash>
#include <QTest>

#include <cstdio>
#include <thread>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace TcpInspector;

Q_DECLARE_METATYPE(TcpInspector::EngineKind)

namespace {

constexpr int lineCount = 128 * 1024; // 8 MiB of 64-byte lines

// Each line carries its number: a lost, doubled or reordered piece changes the hash.
QByteArray numberedLines()
{
    QByteArray bytes;
    bytes.reserve(qsizetype(lineCount) * 64);
    char line[65];
    for (int i = 0; i < lineCount; ++i) {
        std::snprintf(line, sizeof line, "line %010d of the ingest test, padded to 64 bytes..\n",
                      i);
        bytes.append(line, 64);
    }
    return bytes;
}

/// Blocking writes of bytes to 127.0.0.1:port, then close.
void sendAll(quint16 port, const QByteArray &bytes)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0) {
        for (qsizetype at = 0; at < bytes.size();) {
            const ssize_t n
                = ::send(fd, bytes.constData() + at, size_t(bytes.size() - at), MSG_NOSIGNAL);
            if (n <= 0)
                break;
            at += n;
        }
    }
    ::close(fd);
}

QByteArray storedSha256(const StreamStore &store)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (qint64 at = 0; at < store.size(); at += 1 << 20)
        hash.addData(store.read(at, 1 << 20));
    return hash.result();
}

} // namespace

class tst_Ingest : public QObject
{
    Q_OBJECT

private slots:
    void everyByteIsStored_data();
    void everyByteIsStored();
};

void tst_Ingest::everyByteIsStored_data()
{
    QTest::addColumn<EngineKind>("engine");
    QTest::addColumn<qint64>("slice");
    QTest::newRow("qt") << EngineKind::Qt << qint64(0);
    QTest::newRow("qt, 1000-byte reads") << EngineKind::Qt << qint64(1000);
    QTest::newRow("native") << EngineKind::Native << qint64(0);
    QTest::newRow("native, 1000-byte reads") << EngineKind::Native << qint64(1000);
}

void tst_Ingest::everyByteIsStored()
{
    QFETCH(EngineKind, engine);
    QFETCH(qint64, slice);
    const QByteArray sent = numberedLines();
    ServerEndpoint server;
    ServerOptions options;
    options.address
        = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
    options.connection.engine = engine;
    options.connection.rxFraming = QStringLiteral("line");
    options.connection.readSlice = slice;
    options.connection.store.memoryBudget = 1024 * 1024;
    SocketErrorInfo error;
    QVERIFY2(server.listen(options, &error), qPrintable(error.message));
    Connection *received = nullptr;
    connect(&server, &ServerEndpoint::connectionAccepted, this,
            [&received](Connection *c) { received = c; });

    std::thread sender(sendAll, server.boundAddress().port, sent);
    QTRY_VERIFY_WITH_TIMEOUT(received && received->rx().store().size() >= sent.size()
                                 && received->rx().frameCount() >= lineCount,
                             30000);
    sender.join();

    const StreamStore &store = received->rx().store();
    QCOMPARE(store.size(), qint64(sent.size()));
    QCOMPARE(store.droppedBytes(), qint64(0));
    store.waitForSpill();
    QVERIFY(store.spilledBytes() > 0); // the hash covers bytes read back from the spill file
    QCOMPARE(storedSha256(store).toHex(),
             QCryptographicHash::hash(sent, QCryptographicHash::Sha256).toHex());
    QCOMPARE(received->rx().frameCount(), qint64(lineCount));
    qint64 largest = 0;
    for (qint64 i = 0; i < store.chunkCount(); ++i)
        largest = std::max(largest, store.chunk(i).size);
    QVERIFY(largest > 0);
    if (slice > 0)
        QVERIFY(largest <= slice);
}

QTEST_GUILESS_MAIN(tst_Ingest)
#include "tst_ingest.moc"
