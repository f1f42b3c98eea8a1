// SPDX-License-Identifier: GPL-3.0-or-later
// ServerOptions::acceptMode on 127.0.0.1 (S3): the broken servers of the
// article. Once accepts one connection and no more; OneAtATime accepts the
// next only after the current one has closed. Later clients complete the
// handshake in the kernel and wait in the backlog meanwhile.
#include "net/connection.h"
#include "net/serverendpoint.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace TcpInspector;

Q_DECLARE_METATYPE(TcpInspector::AcceptMode)

namespace {

constexpr int waitMs = 300; // long enough for an accept that should not happen

ServerOptions serverOptions(AcceptMode mode)
{
    ServerOptions options;
    options.address
        = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
    options.acceptMode = mode;
    return options;
}

std::unique_ptr<QTcpSocket> connectedClient(const ServerEndpoint &server)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QStringLiteral("127.0.0.1"), server.boundAddress().port);
    return socket;
}

bool hasNote(const Timeline &timeline, const QString &code)
{
    for (const TimelineEvent &e : timeline.since(0)) {
        if (e.type == TimelineEvent::Note && (code.isEmpty() || e.code == code))
            return true;
    }
    return false;
}

} // namespace

class tst_AcceptMode : public QObject
{
    Q_OBJECT

private slots:
    void keys_data();
    void keys();
    void manyServesBothAtOnce();
    void onceLeavesTheSecondInTheBacklog();
    void oneAtATimeAcceptsTheNextAfterTheFirstCloses();
};

void tst_AcceptMode::keys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<AcceptMode>("mode");
    QTest::newRow("many") << "many" << true << AcceptMode::Many;
    QTest::newRow("once") << "once" << true << AcceptMode::Once;
    QTest::newRow("one-at-a-time") << "one-at-a-time" << true << AcceptMode::OneAtATime;
    QTest::newRow("unknown") << "twice" << false << AcceptMode::Many;
    QTest::newRow("case matters") << "Once" << false << AcceptMode::Many;
}

void tst_AcceptMode::keys()
{
    QFETCH(QString, key);
    QFETCH(bool, valid);
    QFETCH(AcceptMode, mode);
    const std::optional<AcceptMode> parsed = acceptModeFromKey(key);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(*parsed, mode);
        QCOMPARE(acceptModeKey(mode), key);
    }
    QCOMPARE(ServerOptions().acceptMode, AcceptMode::Many);
}

void tst_AcceptMode::manyServesBothAtOnce()
{
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY2(server.listen(serverOptions(AcceptMode::Many), &error), qPrintable(error.message));
    QSignalSpy accepted(&server, &ServerEndpoint::connectionAccepted);
    const auto first = connectedClient(server);
    const auto second = connectedClient(server);
    QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 2, 5000);
    QVERIFY(!hasNote(server.timeline(), QStringLiteral("accept_once")));
}

void tst_AcceptMode::onceLeavesTheSecondInTheBacklog()
{
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY2(server.listen(serverOptions(AcceptMode::Once), &error), qPrintable(error.message));
    QVERIFY(hasNote(server.timeline(), QStringLiteral("accept_once")));
    QSignalSpy accepted(&server, &ServerEndpoint::connectionAccepted);
    const auto first = connectedClient(server);
    QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 5000);
    auto *served = accepted.at(0).at(0).value<Connection *>();
    QVERIFY(hasNote(served->timeline(), QString()));

    // The kernel completes the handshake: the client is established and its
    // bytes wait in the receive queue of a socket nobody accepts.
    const auto second = connectedClient(server);
    QTRY_COMPARE_WITH_TIMEOUT(second->state(), QAbstractSocket::ConnectedState, 5000);
    second->write("waiting\n");
    QTest::qWait(waitMs);
    QCOMPARE(accepted.count(), 1);
    QVERIFY(server.isListening());

    // Even once the first has gone: one Accept, no loop.
    first->disconnectFromHost();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(served->state()), 5000);
    QTest::qWait(waitMs);
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(second->state(), QAbstractSocket::ConnectedState);

    // Listening again starts over.
    QVERIFY(server.listen(serverOptions(AcceptMode::Once), &error));
    const auto third = connectedClient(server);
    QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 2, 5000);
}

void tst_AcceptMode::oneAtATimeAcceptsTheNextAfterTheFirstCloses()
{
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY2(server.listen(serverOptions(AcceptMode::OneAtATime), &error),
             qPrintable(error.message));
    QVERIFY(hasNote(server.timeline(), QStringLiteral("one_at_a_time")));
    QSignalSpy accepted(&server, &ServerEndpoint::connectionAccepted);
    const auto first = connectedClient(server);
    QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 5000);

    const auto second = connectedClient(server);
    QTRY_COMPARE_WITH_TIMEOUT(second->state(), QAbstractSocket::ConnectedState, 5000);
    second->write("second\n");
    QTest::qWait(waitMs);
    QCOMPARE(accepted.count(), 1);

    // The first ends (EOF, the server closes it): now the second is served,
    // and what it sent while it waited is there to read.
    first->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 2, 5000);
    auto *servedFirst = accepted.at(0).at(0).value<Connection *>();
    QVERIFY(isFinalState(servedFirst->state()));
    auto *servedSecond = accepted.at(1).at(0).value<Connection *>();
    QTRY_COMPARE_WITH_TIMEOUT(servedSecond->rx().store().size(), qint64(7), 5000);
}

QTEST_GUILESS_MAIN(tst_AcceptMode)
#include "tst_acceptmode.moc"
