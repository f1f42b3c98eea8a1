// SPDX-License-Identifier: GPL-3.0-or-later
// A real loopback pair to record, a session file written from it, and the
// comparisons of a live connection with one read back: byte for byte, chunk
// for chunk, event for event. Shared by the session tests.
#pragma once

#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/serverendpoint.h"
#include "recording/sessionwriter.h"

#include "eventtext.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTest>

namespace TcpInspector {

inline void compareDirection(const StreamChannel &live, const StreamChannel &loaded)
{
    const StreamStore &a = live.store();
    const StreamStore &b = loaded.store();
    QCOMPARE(b.size(), a.size());
    QCOMPARE(b.chunkCount(), a.chunkCount());
    for (qint64 i = 0; i < a.chunkCount(); ++i)
        QCOMPARE(b.chunk(i), a.chunk(i));
    for (qint64 at = 0; at < a.size(); at += 1 << 20)
        QCOMPARE(b.read(at, 1 << 20), a.read(at, 1 << 20));
    QCOMPARE(b.droppedBytes(), a.droppedBytes());
    QCOMPARE(b.droppedChunks(), a.droppedChunks());
    QCOMPARE(loaded.framing(), live.framing());
    QCOMPARE(loaded.finished(), live.finished());
    QCOMPARE(loaded.finishedAtNs(), live.finishedAtNs());
    QCOMPARE(loaded.frameCount(), live.frameCount());
    QCOMPARE(loaded.frames(0, live.frameCount()), live.frames(0, live.frameCount()));
    QCOMPARE(loaded.errors(), live.errors());
}

inline void compareTimeline(const std::vector<TimelineEvent> &live,
                            const std::vector<TimelineEvent> &loaded)
{
    QCOMPARE(loaded.size(), live.size());
    for (size_t i = 0; i < live.size(); ++i)
        QCOMPARE(eventText(loaded[i]), eventText(live[i]));
}

inline void compareConnection(const Connection &live, const Connection &loaded)
{
    QVERIFY(loaded.isRecorded());
    QCOMPARE(loaded.id(), live.id());
    QCOMPARE(loaded.side(), live.side());
    QCOMPARE(loaded.engine(), live.engine());
    QCOMPARE(loaded.state(), live.state());
    QCOMPARE(loaded.localAddress(), live.localAddress());
    QCOMPARE(loaded.peerAddress(), live.peerAddress());
    QCOMPARE(loaded.discardedBytes(), live.discardedBytes());
    QCOMPARE(loaded.discardedFromTx(), live.discardedFromTx());
    compareDirection(live.rx(), loaded.rx());
    if (QTest::currentTestFailed())
        return;
    compareDirection(live.tx(), loaded.tx());
    if (QTest::currentTestFailed())
        return;
    compareTimeline(live.timeline().since(0), loaded.timeline().since(0));
}

inline SessionMeta testMeta()
{
    SessionMeta meta;
    meta.startMonotonicNs = monotonicNs();
    meta.startWallNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    meta.meta = QJsonObject {{QStringLiteral("writer"), QStringLiteral("tst_sessionwriter")}};
    return meta;
}

/// A server and a client on loopback, both native (half-close shows).
struct Pair
{
    ServerEndpoint server;
    ClientEndpoint client;
    Connection *c = nullptr;
    Connection *s = nullptr;

    bool start(const StreamStore::Options &store, ReplyPolicy::Kind reply, int sampleMs)
    {
        ServerOptions so;
        so.address
            = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
        so.reply.kind = reply;
        so.connection.engine = EngineKind::Native;
        so.connection.rxFraming = so.connection.txFraming = QStringLiteral("line");
        so.connection.store = store;
        SocketErrorInfo error;
        if (!server.listen(so, &error))
            return false;
        ClientOptions co;
        co.target = server.boundAddress();
        co.connection.engine = EngineKind::Native;
        co.connection.rxFraming = co.connection.txFraming = QStringLiteral("line");
        co.connection.kernelSampleMs = sampleMs;
        co.connection.noDelay = true;
        co.connection.store = store;
        c = client.connectTo(co);
        if (!QTest::qWaitFor([&] { return server.connections().size() == 1; }, 5000))
            return false;
        s = server.connections().first();
        return QTest::qWaitFor([&] { return c->state() == ConnectionState::Established; }, 5000);
    }
};

inline bool save(const QString &path, const Pair &pair, SessionError *error)
{
    SessionWriter writer;
    return writer.open(path, testMeta(), error)
           && writer.addTimeline(0, pair.server.timeline(), error)
           && writer.addConnection(
               *pair.s, {{QStringLiteral("address"), pair.server.boundAddress().toString()}}, error)
           && writer.addConnection(
               *pair.c, {{QStringLiteral("target"), pair.server.boundAddress().toString()}}, error)
           && writer.addLine(monotonicNs(), pair.c->id(), R"({"event":"summary"})", error)
           && writer.commit(error);
}

} // namespace TcpInspector
