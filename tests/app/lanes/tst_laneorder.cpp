// SPDX-License-Identifier: GPL-3.0-or-later
// Lane order: both ends of a loopback connection side by side, server above
// client, at the place of the earlier one; unmatched lanes keep their order.
#include "lanes/laneorder.h"

#include <QTest>

using namespace TcpInspector;

class tst_LaneOrder : public QObject
{
    Q_OBJECT

private slots:
    void pairsSitTogether();
    void unknownAddressesKeepArrivalOrder();
    void reusedPortPairsPairInOrder();
    void manyLanes();
    void relayLegsChainWithTheirEnds();
};

namespace {

LaneOrder::Entry server(int clientPort, int serverPort = 45001)
{
    return {Connection::Side::Server, QStringLiteral("127.0.0.1:%1").arg(serverPort),
            QStringLiteral("127.0.0.1:%1").arg(clientPort)};
}

LaneOrder::Entry client(int clientPort, int serverPort = 45001)
{
    return {Connection::Side::Client, QStringLiteral("127.0.0.1:%1").arg(clientPort),
            QStringLiteral("127.0.0.1:%1").arg(serverPort)};
}

LaneOrder::Entry leg(Connection::Side side, quint64 pair, int local, int peer)
{
    return {side, QStringLiteral("127.0.0.1:%1").arg(local),
            QStringLiteral("127.0.0.1:%1").arg(peer), pair};
}

} // namespace

void tst_LaneOrder::relayLegsChainWithTheirEnds()
{
    // The window's client (port 5001) through the relay (listening on 7000)
    // to the window's server (45001), arriving: client, relay client leg,
    // relay server leg (from 6001), server end; then a second pair whose
    // client and server are outside programs, and a plain lane.
    const std::vector<LaneOrder::Entry> entries {
        client(5001, 7000),
        leg(Connection::Side::Server, 1, 7000, 5001),
        leg(Connection::Side::Client, 1, 6001, 45001),
        server(6001),
        leg(Connection::Side::Server, 2, 7000, 5900),
        client(8000, 80),
        leg(Connection::Side::Client, 2, 6002, 9000),
    };
    // Top to bottom: the server's end, the server leg, the client leg, the
    // client's end; pair 2 server leg above its client leg, where it began.
    QCOMPARE(LaneOrder::order(entries), (std::vector<int> {3, 2, 1, 0, 6, 4, 5}));
    QCOMPARE(LaneOrder::relayPartners(entries), (std::vector<int> {-1, 2, 1, -1, 6, -1, 4}));
    QCOMPARE(LaneOrder::partners(entries), (std::vector<int> {1, 0, 3, 2, -1, -1, -1}));
    // A leg whose partner is not there yet stays where it came.
    const std::vector<LaneOrder::Entry> alone {leg(Connection::Side::Server, 3, 7000, 5901),
                                               client(8001, 80)};
    QCOMPARE(LaneOrder::order(alone), (std::vector<int> {0, 1}));
}

void tst_LaneOrder::pairsSitTogether()
{
    // Arrival: client A, client B, server of B, server of A, an outside client.
    const std::vector<LaneOrder::Entry> entries {client(5001), client(5002), server(5002),
                                                 server(5001), client(6000, 80)};
    QCOMPARE(LaneOrder::order(entries), (std::vector<int> {3, 0, 2, 1, 4}));
    QCOMPARE(LaneOrder::partners(entries), (std::vector<int> {3, 2, 1, 0, -1}));
}

void tst_LaneOrder::unknownAddressesKeepArrivalOrder()
{
    // A client still connecting has no local address yet; a server on another
    // port is no partner.
    std::vector<LaneOrder::Entry> entries {client(5001), server(5001, 45002), server(7000)};
    entries[0].localAddress.clear();
    QCOMPARE(LaneOrder::order(entries), (std::vector<int> {0, 1, 2}));
    entries[0].localAddress = QStringLiteral("127.0.0.1:5001");
    QCOMPARE(LaneOrder::order(entries), (std::vector<int> {0, 1, 2})); // ports 45001 vs 45002
    entries[1] = server(5001);
    QCOMPARE(LaneOrder::order(entries), (std::vector<int> {1, 0, 2}));
}

void tst_LaneOrder::reusedPortPairsPairInOrder()
{
    // The same local port bound twice, after TIME_WAIT (S14): first with first.
    const std::vector<LaneOrder::Entry> entries {client(5001), server(5001), client(5001),
                                                 server(5001)};
    QCOMPARE(LaneOrder::partners(entries), (std::vector<int> {1, 0, 3, 2}));
    QCOMPARE(LaneOrder::order(entries), (std::vector<int> {1, 0, 3, 2}));
}

void tst_LaneOrder::manyLanes()
{
    // 500 clients, then their 500 server ends in reverse: every pair adjacent.
    std::vector<LaneOrder::Entry> entries;
    for (int i = 0; i < 500; ++i)
        entries.push_back(client(10000 + i));
    for (int i = 499; i >= 0; --i)
        entries.push_back(server(10000 + i));
    const std::vector<int> order = LaneOrder::order(entries);
    QCOMPARE(order.size(), size_t(1000));
    for (int i = 0; i < 500; ++i) {
        QCOMPARE(order[size_t(2 * i)], 999 - i); // the server end of client i
        QCOMPARE(order[size_t(2 * i + 1)], i);
    }
}

QTEST_GUILESS_MAIN(tst_LaneOrder)
#include "tst_laneorder.moc"
