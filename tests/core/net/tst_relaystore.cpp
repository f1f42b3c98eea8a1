// SPDX-License-Identifier: GPL-3.0-or-later
// A relayed byte is stored once: the leg that writes it reads it from the
// store of the leg that read it, at the same offset. Byte for byte with
// slicing and with a limit, in ring mode, after one leg is deleted, after a
// send of our own in between, in a saved session, and in what 256 MiB
// through the relay costs in memory and on disk.
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/relay.h"
#include "net/serverendpoint.h"
#include "recording/sessionloader.h"
#include "recording/sessionwriter.h"

#include <QDir>
#include <QPointer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace TcpInspector;

namespace {

ConnectionOptions native(const StreamStore::Options &store = {})
{
    ConnectionOptions options;
    options.engine = EngineKind::Native;
    options.kernelSampleMs = 0;
    options.store = store;
    return options;
}

HostPort loopbackAny()
{
    return *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
}

QByteArray all(const StreamStore &store)
{
    return store.read(0, store.size());
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(15);
    for (char &c : bytes)
        c = char(generator.bounded(256));
    return bytes;
}

/// Bytes the files in dir take on disk (a spill file is sparse).
qint64 diskBytesIn(const QString &dir)
{
    qint64 total = 0;
    for (const QFileInfo &info : QDir(dir).entryInfoList(QDir::Files)) {
        struct stat st
        { };
        if (::stat(QFile::encodeName(info.filePath()).constData(), &st) == 0)
            total += qint64(st.st_blocks) * 512;
    }
    return total;
}

} // namespace

class tst_RelayStore : public QObject
{
    Q_OBJECT

private slots:
    void writtenSideReadsTheReadSidesBytes();
    void slicedWritesKeepTheirChunks();
    void limitKeepsAPrefix();
    void ringModeShowsLetGoBytesAsNotKept();
    void bytesOutliveTheLegThatReadThem();
    void ownSendEndsTheSharing();
    void savedSessionHasBothLegsBytes();
    void relayedBytesAreKeptOnce();

private:
    /// Relay (legs with store options) in front of an upstream that echoes
    /// unless told; a client connected through it. Both legs known.
    bool connectThrough(const RelayFaults &faults = {}, const StreamStore::Options &store = {},
                        ReplyPolicy::Kind reply = ReplyPolicy::Kind::Echo);

    StreamStore::Options m_upstreamStore;
    std::unique_ptr<ServerEndpoint> m_upstream;
    std::unique_ptr<Relay> m_relay;
    std::unique_ptr<ClientEndpoint> m_clients;
    Connection *m_client = nullptr;
    QPointer<Connection> m_clientLeg;
    QPointer<Connection> m_serverLeg;
};

bool tst_RelayStore::connectThrough(const RelayFaults &faults, const StreamStore::Options &store,
                                    ReplyPolicy::Kind reply)
{
    m_upstream = std::make_unique<ServerEndpoint>();
    ServerOptions upstream;
    upstream.address = loopbackAny();
    upstream.reply.kind = reply;
    upstream.closeAtPeerEof = false;
    upstream.connection = native(m_upstreamStore);
    SocketErrorInfo error;
    if (!m_upstream->listen(upstream, &error))
        return false;
    m_relay = std::make_unique<Relay>();
    RelayOptions options;
    options.listen.address = loopbackAny();
    options.listen.connection = native(store);
    options.upstream.target = m_upstream->boundAddress();
    options.upstream.connection = native(store);
    options.faults = faults;
    if (!m_relay->listen(options, &error))
        return false;
    QSignalSpy started(m_relay.get(), &Relay::pairStarted);
    QSignalSpy upstreamStarted(m_relay.get(), &Relay::upstreamStarted);
    m_clients = std::make_unique<ClientEndpoint>();
    ClientOptions client;
    client.target = m_relay->boundAddress();
    client.connection = native();
    m_client = m_clients->connectTo(client);
    if (!QTest::qWaitFor([&] { return upstreamStarted.count() == 1; }, 5000)
        || !QTest::qWaitFor([&] { return m_upstream->connections().size() == 1; }, 5000))
        return false;
    m_clientLeg = started.first().at(1).value<Connection *>();
    m_serverLeg = upstreamStarted.first().at(1).value<Connection *>();
    return QTest::qWaitFor([&] { return m_client->state() == ConnectionState::Established; }, 5000);
}

void tst_RelayStore::writtenSideReadsTheReadSidesBytes()
{
    QVERIFY(connectThrough());
    const QByteArray bytes = randomBytes(3 << 20);
    m_client->send(bytes);
    QTRY_COMPARE_WITH_TIMEOUT(m_client->rx().store().size(), qint64(bytes.size()), 20000);
    for (Connection *leg : {m_clientLeg.data(), m_serverLeg.data()}) {
        QVERIFY(leg->tx().store().sharesBytes());
        QVERIFY(!leg->rx().store().sharesBytes());
        // Its own writes, none of the bytes.
        QVERIFY(leg->tx().store().chunkCount() >= 1);
        QCOMPARE(leg->tx().store().residentBytes(), qint64(0));
        QCOMPARE(leg->tx().store().spilledBytes(), qint64(0));
    }
    QCOMPARE(all(m_clientLeg->rx().store()), bytes);
    QCOMPARE(all(m_serverLeg->tx().store()), bytes);
    QCOMPARE(all(m_serverLeg->rx().store()), bytes);
    QCOMPARE(all(m_clientLeg->tx().store()), bytes);
    // Each write reads back as what was written there, chunk by chunk.
    const StreamStore &tx = m_serverLeg->tx().store();
    for (qint64 i = 0; i < tx.chunkCount(); ++i) {
        const ChunkRecord chunk = tx.chunk(i);
        QCOMPARE(tx.read(chunk.offset, chunk.size), bytes.mid(chunk.offset, chunk.size));
    }
}

void tst_RelayStore::slicedWritesKeepTheirChunks()
{
    RelayFaults faults;
    QString error;
    QVERIFY(
        RelayFaults::parse(QStringLiteral("slice"), QStringLiteral("c2s:1000:1"), &faults, &error));
    QVERIFY(connectThrough(faults));
    const QByteArray bytes = randomBytes(10000);
    m_client->send(bytes);
    QTRY_COMPARE(m_serverLeg->tx().store().size(), qint64(bytes.size()));
    // One read on the client leg (or few), ten writes on the server leg,
    // over the same bytes.
    const StreamStore &tx = m_serverLeg->tx().store();
    QVERIFY(tx.sharesBytes());
    QCOMPARE(tx.chunkCount(), qint64(10));
    QVERIFY(m_clientLeg->rx().store().chunkCount() < tx.chunkCount());
    for (qint64 i = 0; i < tx.chunkCount(); ++i) {
        QCOMPARE(tx.chunk(i).offset, i * 1000);
        QCOMPARE(tx.read(i * 1000, 1000), bytes.mid(i * 1000, 1000));
    }
    QCOMPARE(all(tx), all(m_clientLeg->rx().store()));
    QCOMPARE(tx.residentBytes(), qint64(0));
}

void tst_RelayStore::limitKeepsAPrefix()
{
    RelayFaults faults;
    faults.direction[RelayFaults::ClientToServer].limitBytes = 10;
    QVERIFY(connectThrough(faults, {}, ReplyPolicy::Kind::None));
    const QByteArray bytes = randomBytes(100);
    m_client->send(bytes);
    QTRY_VERIFY(m_client->rx().finished());
    // Read more, wrote 10: the written side is a prefix of the read side.
    const QByteArray read = all(m_clientLeg->rx().store());
    QVERIFY(read.size() > 10);
    QCOMPARE(read, bytes.left(read.size()));
    QCOMPARE(m_serverLeg->tx().store().size(), qint64(10));
    QCOMPARE(all(m_serverLeg->tx().store()), bytes.left(10));
    QCOMPARE(all(m_upstream->connections().first()->rx().store()), bytes.left(10));
}

void tst_RelayStore::ringModeShowsLetGoBytesAsNotKept()
{
    StreamStore::Options ring;
    ring.blockSize = 4096;
    ring.keepBytes = 16384;
    RelayFaults faults;
    faults.direction[RelayFaults::ClientToServer].sliceBytes = 1000;
    QVERIFY(connectThrough(faults, ring, ReplyPolicy::Kind::None));
    const QByteArray bytes = randomBytes(200000);
    m_client->send(bytes);
    QTRY_COMPARE_WITH_TIMEOUT(m_serverLeg->tx().store().size(), qint64(bytes.size()), 20000);
    const StreamStore &rx = m_clientLeg->rx().store();
    const StreamStore &tx = m_serverLeg->tx().store();
    QVERIFY(rx.firstOffset() > 0);
    QCOMPARE(tx.firstOffset(), rx.firstOffset());
    // Before the first byte kept: nothing, never other bytes.
    QCOMPARE(tx.read(0, 100), QByteArray());
    QCOMPARE(tx.read(tx.firstOffset() - 1, 1), QByteArray());
    QCOMPARE(tx.read(tx.firstOffset(), 1 << 20), bytes.mid(tx.firstOffset()));
    // Every chunk still listed reads whole, as written.
    QVERIFY(tx.firstChunk() > 0);
    QCOMPARE(tx.chunk(tx.firstChunk() - 1), ChunkRecord());
    for (qint64 i = tx.firstChunk(); i < tx.chunkCount(); ++i) {
        const ChunkRecord chunk = tx.chunk(i);
        QVERIFY(chunk.offset >= tx.firstOffset());
        QCOMPARE(tx.read(chunk.offset, chunk.size), bytes.mid(chunk.offset, chunk.size));
    }
    QVERIFY(tx.chunkCount() - tx.firstChunk() >= 10);
}

void tst_RelayStore::bytesOutliveTheLegThatReadThem()
{
    QVERIFY(connectThrough({}, {}, ReplyPolicy::Kind::None));
    const QByteArray bytes = randomBytes(500000);
    m_client->send(bytes);
    QTRY_COMPARE(m_serverLeg->tx().store().size(), qint64(bytes.size()));
    m_client->abortWithReset();
    QTRY_VERIFY(isFinalState(m_clientLeg->state()));
    // The window removes a closed leg while the other is still shown.
    delete m_clientLeg.data();
    QVERIFY(m_serverLeg);
    QCOMPARE(all(m_serverLeg->tx().store()), bytes);
}

void tst_RelayStore::ownSendEndsTheSharing()
{
    QVERIFY(connectThrough({}, {}, ReplyPolicy::Kind::None));
    const QByteArray first = randomBytes(70000);
    m_client->send(first);
    QTRY_COMPARE(m_serverLeg->tx().store().size(), qint64(first.size()));
    // The user sends on the server leg in between: those bytes are not
    // the client leg's, and neither are the relayed ones after them there.
    m_serverLeg->send("our own");
    m_client->send("more");
    const QByteArray expected = first + "our own" + "more";
    Connection *upstream = m_upstream->connections().first();
    QTRY_COMPARE(upstream->rx().store().size(), qint64(expected.size()));
    QCOMPARE(all(upstream->rx().store()), expected);
    QCOMPARE(all(m_serverLeg->tx().store()), expected);
    QCOMPARE(all(m_clientLeg->rx().store()), first + "more");
}

void tst_RelayStore::savedSessionHasBothLegsBytes()
{
    QVERIFY(connectThrough());
    const QByteArray bytes = randomBytes(300000);
    m_client->send(bytes);
    QTRY_COMPARE(m_client->rx().store().size(), qint64(bytes.size()));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("relay.tcpis"));
    SessionWriter writer;
    SessionError error;
    QVERIFY(writer.open(path, SessionMeta(), &error));
    QVERIFY2(writer.addConnection(*m_clientLeg, {}, &error), qPrintable(error.toString()));
    QVERIFY2(writer.addConnection(*m_serverLeg, {}, &error), qPrintable(error.toString()));
    QVERIFY2(writer.commit(&error), qPrintable(error.toString()));

    LoadedSession loaded;
    QVERIFY(loadSession(path, &loaded));
    QVERIFY(loaded.problems.isEmpty());
    QCOMPARE(loaded.connections.size(), size_t(2));
    for (const auto &leg : loaded.connections) {
        QCOMPARE(all(leg->rx().store()), bytes);
        QCOMPARE(all(leg->tx().store()), bytes);
        const Connection *live = leg->id() == m_clientLeg->id() ? m_clientLeg : m_serverLeg;
        QCOMPARE(leg->tx().store().chunkCount(), live->tx().store().chunkCount());
        QCOMPARE(leg->tx().store().chunk(0), live->tx().store().chunk(0));
    }
}

void tst_RelayStore::relayedBytesAreKeptOnce()
{
    const QString socat = QStandardPaths::findExecutable(QStringLiteral("socat"));
    if (socat.isEmpty())
        QSKIP("socat is not installed");
    QTemporaryDir spill;
    StreamStore::Options store;
    store.memoryBudget = qint64(16) << 20;
    store.spillDirectory = spill.path();
    m_upstreamStore.maxBytes = 0; // the sink keeps nothing
    QVERIFY(connectThrough({}, store, ReplyPolicy::Kind::None));
    // The client connected above stays idle; socat sends the bytes.
    constexpr qint64 total = qint64(256) << 20;
    QProcess sender;
    sender.start(QStringLiteral("sh"),
                 {QStringLiteral("-c"), QStringLiteral("head -c %1 /dev/zero | %2 -u - TCP:%3")
                                            .arg(total)
                                            .arg(socat, m_relay->boundAddress().toString())});
    QVERIFY(sender.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(m_relay->server().connections().size(), qsizetype(2), 10000);
    Connection *readLeg = m_relay->server().connections().last();
    Connection *writeLeg = m_relay->partnerOf(readLeg);
    QVERIFY(writeLeg);
    QTRY_COMPARE_WITH_TIMEOUT(writeLeg->tx().store().size(), total, 60000);
    QTRY_COMPARE(sender.state(), QProcess::NotRunning);
    QCOMPARE(sender.exitCode(), 0);
    readLeg->rx().store().waitForSpill();
    const StreamStore &rx = readLeg->rx().store();
    const StreamStore &tx = writeLeg->tx().store();
    // One copy: the reads hold the bytes, in memory up to the budget and
    // on disk past it; the writes hold none.
    QCOMPARE(rx.residentBytes() + rx.spilledBytes(), total);
    QCOMPARE(tx.residentBytes() + tx.spilledBytes(), qint64(0));
    QVERIFY(rx.spilledBytes() >= total - 2 * store.memoryBudget);
    const qint64 onDisk = diskBytesIn(spill.path());
    QVERIFY2(
        onDisk >= rx.spilledBytes() && onDisk < rx.spilledBytes() + (qint64(8) << 20),
        qPrintable(
            QStringLiteral("%1 bytes spilled, %2 on disk").arg(rx.spilledBytes()).arg(onDisk)));
    QCOMPARE(tx.read(total - 4096, 4096), QByteArray(4096, '\0'));
}

QTEST_GUILESS_MAIN(tst_RelayStore)
#include "tst_relaystore.moc"
