// SPDX-License-Identifier: GPL-3.0-or-later
// No reply lost by default, through the window's server side: a Workbench
// listening with an echo reply (as the server panel sets it up) against 300
// clients that each send a line and half-close, with every engine.
#include "net/connection.h"
#include "session/workbench.h"
#include "shared/halfcloseclients.h"

#include <QTest>

using namespace TcpInspector;

Q_DECLARE_METATYPE(TcpInspector::EngineKind)

class tst_WorkbenchReplies : public QObject
{
    Q_OBJECT

private slots:
    void everyEchoReachesAHalfClosingClient_data();
    void everyEchoReachesAHalfClosingClient();
};

namespace {
constexpr int clientCount = 300;
constexpr int parallel = 20;
constexpr int clientsTimeoutMs = 150000;
} // namespace

void tst_WorkbenchReplies::everyEchoReachesAHalfClosingClient_data()
{
    QTest::addColumn<EngineKind>("engine");
    QTest::addColumn<bool>("flushWrites");
    QTest::newRow("qt (default)") << EngineKind::Qt << true;
    QTest::newRow("native") << EngineKind::Native << true;
    QTest::newRow("qt, no flush: plain Qt") << EngineKind::Qt << false;
}

void tst_WorkbenchReplies::everyEchoReachesAHalfClosingClient()
{
    QFETCH(EngineKind, engine);
    QFETCH(bool, flushWrites);
    if (!HalfCloseClients::available())
        QSKIP("socat is not installed (scripts/lib/common.sh installs it for the tests)");
    Workbench bench;
    ServerOptions options; // the server panel's defaults, with an echo
    options.address
        = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
    options.reply = *ReplyPolicy::parse(QStringLiteral("echo"), nullptr);
    options.connection.engine = engine;
    options.connection.qtFlushWrites = flushWrites;
    SocketErrorInfo error;
    QVERIFY(bench.listen(options, &error));

    const HalfCloseClients::Result clients
        = HalfCloseClients::run(bench.boundAddress().port, clientCount, parallel, clientsTimeoutMs);
    QCOMPARE(clients.finished, clientCount);
    qInfo("%d of %d echoes arrived", clients.echoed, clientCount);
    QTRY_COMPARE_WITH_TIMEOUT(bench.connections(Connection::Side::Server).size(), clientCount,
                              10000);
    const auto allEnded = [&] {
        for (const Connection *c : bench.connections(Connection::Side::Server)) {
            if (!isFinalState(c->state()))
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allEnded(), 10000);

    // What the window reads from each connection adds up to what the
    // clients really got: sent is what reached the kernel, the rest of each
    // echo is counted as discarded.
    qint64 received = 0;
    qint64 sent = 0;
    qint64 discarded = 0;
    for (const Connection *c : bench.connections(Connection::Side::Server)) {
        received += c->rx().store().size();
        sent += c->sentBytes();
        discarded += c->discardedBytes();
    }
    QCOMPARE(received, 2 * qint64(clientCount));
    QCOMPARE(sent, 2 * qint64(clients.echoed));
    QCOMPARE(sent + discarded, 2 * qint64(clientCount));
    if (flushWrites) {
        QCOMPARE(clients.echoed, clientCount);
        QCOMPARE(discarded, qint64(0));
    }
}

QTEST_GUILESS_MAIN(tst_WorkbenchReplies)
#include "tst_workbenchreplies.moc"
