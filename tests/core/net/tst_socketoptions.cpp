// SPDX-License-Identifier: GPL-3.0-or-later
// The socket options of a connection on real descriptors: what is asked for
// is set, what the kernel refuses comes back with its errno, and nothing is
// tried on a missing descriptor.
#include "net/socketoptions.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <cerrno>
#include <memory>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace TcpInspector;

class tst_SocketOptions : public QObject
{
    Q_OBJECT

private slots:
    void connectionOptionsAreSet();
    void refusedOptionsComeBack();
    void keepalive();
    void resetOnClose();
    void unacknowledgedBytesOfAMissingSocket();
    void nothingWithoutADescriptor();
};

namespace {

int intOption(int fd, int level, int name)
{
    int value = -1;
    socklen_t length = sizeof value;
    if (::getsockopt(fd, level, name, &value, &length) != 0)
        return -1;
    return value;
}

/// A TCP socket that was never connected: options can still be set on it.
struct TcpFd
{
    TcpFd() : fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) { }
    ~TcpFd() { ::close(fd); }
    int fd;
};

} // namespace

void tst_SocketOptions::connectionOptionsAreSet()
{
    TcpFd socket;
    QVERIFY(socket.fd >= 0);
    ConnectionOptions options;
    options.noDelay = true;
    options.receiveBuffer = 64 * 1024;
    options.synRetries = 2;
    QVERIFY(applyConnectionOptions(socket.fd, options).empty());
    QCOMPARE(intOption(socket.fd, IPPROTO_TCP, TCP_NODELAY), 1);
    // Linux doubles the size it was given, for its own bookkeeping.
    QCOMPARE(intOption(socket.fd, SOL_SOCKET, SO_RCVBUF), 2 * 64 * 1024);
    QCOMPARE(intOption(socket.fd, IPPROTO_TCP, TCP_SYNCNT), 2);
}

void tst_SocketOptions::refusedOptionsComeBack()
{
    // TCP options on a UDP socket: each refused, each reported, none stops the rest.
    const int udp = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    QVERIFY(udp >= 0);
    ConnectionOptions options;
    options.noDelay = true;
    options.sendBuffer = 32 * 1024;
    options.maxSegment = 1000;
    const std::vector<SocketOptionFailure> failures = applyConnectionOptions(udp, options);
    QCOMPARE(failures.size(), size_t(2));
    QCOMPARE(failures[0].name, QStringLiteral("TCP_NODELAY"));
    QCOMPARE(failures[0].value, 1);
    QVERIFY(failures[0].sysErrno != 0);
    QCOMPARE(failures[1].name, QStringLiteral("TCP_MAXSEG"));
    QCOMPARE(failures[1].value, 1000);
    // The buffer size between them was set all the same.
    QCOMPARE(intOption(udp, SOL_SOCKET, SO_SNDBUF), 2 * 32 * 1024);
    ::close(udp);
}

void tst_SocketOptions::keepalive()
{
    TcpFd socket;
    KeepaliveOptions keepalive;
    keepalive.enabled = true;
    keepalive.idleSeconds = 7;
    keepalive.intervalSeconds = 3;
    keepalive.count = 4;
    QVERIFY(applyKeepalive(socket.fd, keepalive, 2500).empty());
    QCOMPARE(intOption(socket.fd, SOL_SOCKET, SO_KEEPALIVE), 1);
    QCOMPARE(intOption(socket.fd, IPPROTO_TCP, TCP_KEEPIDLE), 7);
    QCOMPARE(intOption(socket.fd, IPPROTO_TCP, TCP_KEEPINTVL), 3);
    QCOMPARE(intOption(socket.fd, IPPROTO_TCP, TCP_KEEPCNT), 4);
    QCOMPARE(intOption(socket.fd, IPPROTO_TCP, TCP_USER_TIMEOUT), 2500);

    TcpFd plain;
    QVERIFY(applyKeepalive(plain.fd, KeepaliveOptions(), 0).empty());
    QCOMPARE(intOption(plain.fd, SOL_SOCKET, SO_KEEPALIVE), 0);
}

void tst_SocketOptions::resetOnClose()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(client.waitForConnected(5000));
    QVERIFY(server.waitForNewConnection(5000));
    std::unique_ptr<QTcpSocket> accepted(server.nextPendingConnection());
    const int fd = int(accepted->socketDescriptor());
    setResetOnClose(fd);
    linger value {};
    socklen_t length = sizeof value;
    QCOMPARE(::getsockopt(fd, SOL_SOCKET, SO_LINGER, &value, &length), 0);
    QCOMPARE(value.l_onoff, 1);
    QCOMPARE(value.l_linger, 0);
    // Closing now sends an RST: the client reads a reset, not an EOF.
    accepted->close();
    QTRY_COMPARE(client.error(), QAbstractSocket::RemoteHostClosedError);
    QCOMPARE(unacknowledgedBytes(int(client.socketDescriptor())), qint64(0));
}

void tst_SocketOptions::unacknowledgedBytesOfAMissingSocket()
{
    QCOMPARE(unacknowledgedBytes(-1), qint64(0));
    TcpFd never;
    QCOMPARE(unacknowledgedBytes(never.fd), qint64(0));
}

void tst_SocketOptions::nothingWithoutADescriptor()
{
    ConnectionOptions options;
    options.noDelay = true;
    QVERIFY(applyConnectionOptions(-1, options).empty());
    KeepaliveOptions keepalive;
    keepalive.enabled = true;
    QVERIFY(applyKeepalive(-1, keepalive, 100).empty());
    setResetOnClose(-1); // must not crash
}

QTEST_GUILESS_MAIN(tst_SocketOptions)
#include "tst_socketoptions.moc"
