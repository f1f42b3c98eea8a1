// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel's view of real loopback connections: TCP_INFO and the queue
// ioctls on open descriptors, sock_diag for what is left after close, and the
// Kernel events a connection records on its timeline.
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/kernelinfo.h"
#include "net/serverendpoint.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpServer>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <utility>
#include <vector>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace TcpInspector;

namespace {

// Keeps accepted descriptors raw: a QTcpSocket would read EOF and close on
// its own, and the states under test would not hold still.
class DescriptorServer : public QTcpServer
{
public:
    ~DescriptorServer() override
    {
        for (int fd : std::as_const(m_descriptors))
            ::close(fd);
    }
    /// The next accepted descriptor, now owned by the caller; -1 after 5 s.
    int takeNext()
    {
        if (!QTest::qWaitFor([this] { return !m_descriptors.isEmpty(); }, 5000))
            return -1;
        return m_descriptors.takeFirst();
    }

protected:
    void incomingConnection(qintptr descriptor) override { m_descriptors.append(int(descriptor)); }

private:
    QList<int> m_descriptors;
};

// A descriptor closed when the test is done with it, whatever fails first.
class Fd
{
public:
    explicit Fd(int fd = -1) : m_fd(fd) { }
    ~Fd() { reset(); }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const { return m_fd; }
    void reset(int fd = -1)
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = fd;
    }

private:
    int m_fd;
};

QString endpointText(const sockaddr_storage &storage)
{
    const QHostAddress address(reinterpret_cast<const sockaddr *>(&storage));
    quint16 port = 0;
    if (storage.ss_family == AF_INET)
        port = ntohs(reinterpret_cast<const sockaddr_in *>(&storage)->sin_port);
    else if (storage.ss_family == AF_INET6)
        port = ntohs(reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_port);
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
    return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

QString localText(int fd)
{
    sockaddr_storage storage {};
    socklen_t length = sizeof storage;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length);
    return endpointText(storage);
}

QString peerText(int fd)
{
    sockaddr_storage storage {};
    socklen_t length = sizeof storage;
    ::getpeername(fd, reinterpret_cast<sockaddr *>(&storage), &length);
    return endpointText(storage);
}

// A blocking connect: loopback completes the handshake without an accept().
int connectRaw(const QHostAddress &host, quint16 port)
{
    sockaddr_storage storage {};
    socklen_t length = 0;
    if (host.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *v6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = host.toIPv6Address();
        std::memcpy(&v6->sin6_addr, bytes.c, sizeof bytes.c);
        length = sizeof *v6;
    } else {
        auto *v4 = reinterpret_cast<sockaddr_in *>(&storage);
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        v4->sin_addr.s_addr = htonl(host.toIPv4Address());
        length = sizeof *v4;
    }
    const int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&storage), length) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

QString stateOf(int fd)
{
    const std::optional<KernelSample> sample = sampleKernel(fd);
    return sample ? kernelStateKey(sample->state) : QStringLiteral("(none)");
}

QString lookedUpState(const QString &local, const QString &peer)
{
    const std::optional<KernelSample> sample = lookupKernelState(local, peer);
    return sample ? kernelStateKey(sample->state) : QStringLiteral("(none)");
}

bool ipv6Available()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHostIPv6, 0);
}

// Reads exactly size bytes from a blocking descriptor, waiting at most 5 s.
bool readExactly(int fd, qint64 size)
{
    char buffer[4096];
    QElapsedTimer timer;
    timer.start();
    while (size > 0 && timer.elapsed() < 5000) {
        pollfd waiting {fd, POLLIN, 0};
        if (::poll(&waiting, 1, 100) <= 0)
            continue;
        const ssize_t n = ::recv(fd, buffer, std::min<qint64>(size, sizeof buffer), 0);
        if (n <= 0)
            return false;
        size -= n;
    }
    return size == 0;
}

qsizetype openDescriptors()
{
    return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size();
}

qint64 medianNs(std::vector<qint64> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

} // namespace

class tst_KernelInfo : public QObject
{
    Q_OBJECT

private slots:
    void stateNames_data();
    void stateNames();
    void badDescriptorGivesNothing();
    void listenerHasNoQueues();
    void closeSequence_data();
    void closeSequence();
    void rttOnceDataFlowed();
    void queuesGrowWithASlowReader();
    void unusedTupleIsNotFound();
    void ipv4MappedAddresses();
    void lookupTime();
    void connectionTimelineShowsKernelStates();
};

void tst_KernelInfo::stateNames_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("name");
    const char *names[]
        = {"ESTABLISHED", "SYN_SENT",   "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
           "CLOSE",       "CLOSE_WAIT", "LAST_ACK", "LISTEN",    "CLOSING"};
    for (int i = 0; i < int(std::size(names)); ++i)
        QTest::newRow(names[i]) << i + 1 << QString::fromLatin1(names[i]);
    // TCP_NEW_SYN_RECV is the kernel's request socket: a SYN_RECV to people.
    QTest::newRow("NEW_SYN_RECV") << 12 << QStringLiteral("SYN_RECV");
    // An enum cannot keep the number: 99 is just a state Linux does not define.
    QTest::newRow("unknown") << 99 << QStringLiteral("UNKNOWN");
}

void tst_KernelInfo::stateNames()
{
    QFETCH(int, state);
    QFETCH(QString, name);
    QCOMPARE(kernelStateKey(kernelStateFromLinux(state)), name);
}

void tst_KernelInfo::badDescriptorGivesNothing()
{
    QVERIFY(!sampleKernel(-1));
    // A descriptor that was just closed.
    const int closed = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(closed >= 0);
    ::close(closed);
    QVERIFY(!sampleKernel(closed));
    // Descriptors that are not TCP sockets.
    int pipeEnds[2];
    QCOMPARE(::pipe(pipeEnds), 0);
    const Fd readEnd(pipeEnds[0]);
    const Fd writeEnd(pipeEnds[1]);
    QVERIFY(!sampleKernel(readEnd.get()));
    const Fd udp(::socket(AF_INET, SOCK_DGRAM, 0));
    QVERIFY(udp.get() >= 0);
    QVERIFY(!sampleKernel(udp.get()));
}

void tst_KernelInfo::listenerHasNoQueues()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const std::optional<KernelSample> sample = sampleKernel(int(server.socketDescriptor()));
    QVERIFY(sample);
    QCOMPARE(sample->state, KernelState::Listen);
    QCOMPARE(sample->sendQueue, qint64(-1));
    QCOMPARE(sample->recvQueue, qint64(-1));
}

void tst_KernelInfo::closeSequence_data()
{
    QTest::addColumn<QHostAddress>("host");
    QTest::newRow("ipv4") << QHostAddress(QHostAddress::LocalHost);
    QTest::newRow("ipv6") << QHostAddress(QHostAddress::LocalHostIPv6);
}

void tst_KernelInfo::closeSequence()
{
    QFETCH(QHostAddress, host);
    if (host.protocol() == QAbstractSocket::IPv6Protocol && !ipv6Available())
        QSKIP("no IPv6 loopback here");
    DescriptorServer server;
    QVERIFY(server.listen(host, 0));
    Fd client(connectRaw(host, server.serverPort()));
    QVERIFY(client.get() >= 0);
    Fd accepted(server.takeNext());
    QVERIFY(accepted.get() >= 0);
    const QString clientLocal = localText(client.get());
    const QString clientPeer = peerText(client.get());
    if (host.protocol() == QAbstractSocket::IPv6Protocol)
        QVERIFY2(clientLocal.startsWith(QLatin1String("[::1]:")), qPrintable(clientLocal));

    // Both ends established, seen through the descriptors and through sock_diag.
    QCOMPARE(stateOf(client.get()), QStringLiteral("ESTABLISHED"));
    QCOMPARE(stateOf(accepted.get()), QStringLiteral("ESTABLISHED"));
    const std::optional<KernelSample> live = lookupKernelState(clientLocal, clientPeer);
    QVERIFY(live);
    QCOMPARE(live->state, KernelState::Established);
    QVERIFY2(live->rttUs > 0, "sock_diag brings tcp_info along for a live socket");
    QCOMPARE(live->timeWaitMs, qint64(-1));
    QCOMPARE(lookedUpState(clientPeer, clientLocal), QStringLiteral("ESTABLISHED"));

    // S13: the client half-closes. Its FIN is acknowledged, the server has
    // not closed yet: FIN_WAIT2 on one side, CLOSE_WAIT on the other.
    QCOMPARE(::shutdown(client.get(), SHUT_WR), 0);
    QTRY_COMPARE(stateOf(client.get()), QStringLiteral("FIN_WAIT2"));
    QTRY_COMPARE(stateOf(accepted.get()), QStringLiteral("CLOSE_WAIT"));
    QCOMPARE(lookedUpState(clientPeer, clientLocal), QStringLiteral("CLOSE_WAIT"));

    // The server closes too. The client, which closed first, holds TIME_WAIT;
    // its descriptor now points at a socket that TCP_INFO calls CLOSE, because
    // the kernel moved the connection to a separate TIME_WAIT entry.
    accepted.reset();
    QTRY_COMPARE(lookedUpState(clientLocal, clientPeer), QStringLiteral("TIME_WAIT"));
    QCOMPARE(stateOf(client.get()), QStringLiteral("CLOSE"));
    client.reset();
    const std::optional<KernelSample> timeWait = lookupKernelState(clientLocal, clientPeer);
    QVERIFY(timeWait);
    QCOMPARE(timeWait->state, KernelState::TimeWait);
    // Linux keeps TIME_WAIT for 60 s (TCP_TIMEWAIT_LEN).
    QVERIFY2(timeWait->timeWaitMs > 0 && timeWait->timeWaitMs <= 60000,
             qPrintable(QString::number(timeWait->timeWaitMs)));
    QCOMPARE(timeWait->rttUs, qint64(-1));
    // The passive closer is gone for good once the last ACK arrived.
    QTRY_VERIFY(!lookupKernelState(clientPeer, clientLocal));
}

void tst_KernelInfo::rttOnceDataFlowed()
{
    DescriptorServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const Fd client(connectRaw(QHostAddress::LocalHost, server.serverPort()));
    QVERIFY(client.get() >= 0);
    const Fd accepted(server.takeNext());
    QVERIFY(accepted.get() >= 0);

    const QByteArray bytes(1000, 'x');
    QCOMPARE(::send(client.get(), bytes.constData(), bytes.size(), MSG_NOSIGNAL),
             ssize_t(bytes.size()));
    QVERIFY(readExactly(accepted.get(), bytes.size()));
    // Everything sent was acknowledged: nothing queued, nothing in flight.
    QTRY_COMPARE(sampleKernel(client.get())->sendQueue, qint64(0));
    const std::optional<KernelSample> sample = sampleKernel(client.get());
    QVERIFY(sample);
    QVERIFY2(sample->rttUs > 0, qPrintable(QString::number(sample->rttUs)));
    QVERIFY(sample->rttVarUs >= 0);
    QVERIFY(sample->cwnd > 0);
    QCOMPARE(sample->unacked, qint64(0));
    QVERIFY(sample->retransmits >= 0);
    QCOMPARE(sample->recvQueue, qint64(0));
}

void tst_KernelInfo::queuesGrowWithASlowReader()
{
    DescriptorServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    // Accepted sockets inherit the listener's buffer sizes, and the window
    // they advertise from the first SYN-ACK on.
    const int small = 4096;
    QCOMPARE(
        ::setsockopt(int(server.socketDescriptor()), SOL_SOCKET, SO_RCVBUF, &small, sizeof small),
        0);
    const Fd client(connectRaw(QHostAddress::LocalHost, server.serverPort()));
    QVERIFY(client.get() >= 0);
    const Fd reader(server.takeNext());
    QVERIFY(reader.get() >= 0);

    // Write until the kernel takes no more; the reader never reads.
    const QByteArray block(64 * 1024, 'q');
    qint64 written = 0;
    while (written < 64 * 1024 * 1024) {
        const ssize_t n
            = ::send(client.get(), block.constData(), block.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            QVERIFY2(errno == EAGAIN || errno == EWOULDBLOCK, strerror(errno));
            break;
        }
        written += n;
    }
    QVERIFY(written > 0);
    QTRY_VERIFY(sampleKernel(client.get())->sendQueue > 0);
    QTRY_VERIFY(sampleKernel(reader.get())->recvQueue > 0);
    const KernelSample sender = *sampleKernel(client.get());
    const KernelSample receiver = *sampleKernel(reader.get());
    // Every byte written is unacknowledged (the sender still holds it) or
    // acknowledged and so waiting at the reader; bytes the reader has but not
    // yet acknowledged count twice.
    QVERIFY2(sender.sendQueue + receiver.recvQueue >= written,
             qPrintable(QStringLiteral("%1 + %2 < %3")
                            .arg(sender.sendQueue)
                            .arg(receiver.recvQueue)
                            .arg(written)));
    // sock_diag reports the reader's queue as well.
    const std::optional<KernelSample> diag
        = lookupKernelState(localText(reader.get()), peerText(reader.get()));
    QVERIFY(diag);
    QCOMPARE(diag->recvQueue, receiver.recvQueue);
}

void tst_KernelInfo::unusedTupleIsNotFound()
{
    // Ports 1 and 2 are below the ephemeral range and nobody listens there.
    QVERIFY(!lookupKernelState(QStringLiteral("127.0.0.1:1"), QStringLiteral("127.0.0.1:2")));
    QVERIFY(!lookupKernelState(QStringLiteral("[::1]:1"), QStringLiteral("[::1]:2")));
    // Text that is not two IP literals of one family is not looked up at all.
    QVERIFY(!lookupKernelState(QString(), QString()));
    QVERIFY(!lookupKernelState(QStringLiteral("5000"), QStringLiteral("127.0.0.1:5001")));
    QVERIFY(!lookupKernelState(QStringLiteral("localhost:5000"), QStringLiteral("127.0.0.1:1")));
    QVERIFY(!lookupKernelState(QStringLiteral("127.0.0.1:5000"), QStringLiteral("[::1]:5001")));

    // A connection that existed, closed by the server first: the client was
    // the passive closer, so nothing is left of its 4-tuple afterwards.
    DescriptorServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Fd client(connectRaw(QHostAddress::LocalHost, server.serverPort()));
    QVERIFY(client.get() >= 0);
    Fd accepted(server.takeNext());
    QVERIFY(accepted.get() >= 0);
    const QString local = localText(client.get());
    const QString peer = peerText(client.get());
    accepted.reset();
    QTRY_COMPARE(stateOf(client.get()), QStringLiteral("CLOSE_WAIT"));
    client.reset();
    QTRY_VERIFY(!lookupKernelState(local, peer));

    // When no connection matches, the kernel falls back to the listener on
    // the local address. That is an answer too: nothing, at once, not after
    // the timeout.
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!lookupKernelState(peer, QStringLiteral("127.0.0.1:1")));
    QVERIFY2(timer.elapsed() < 150, qPrintable(QString::number(timer.elapsed())));
}

void tst_KernelInfo::ipv4MappedAddresses()
{
    if (!ipv6Available())
        QSKIP("no IPv6 here");
    // A dual-stack listener sees an IPv4 client as ::ffff:127.0.0.1.
    DescriptorServer server;
    QVERIFY(server.listen(QHostAddress::Any, 0));
    const Fd client(connectRaw(QHostAddress::LocalHost, server.serverPort()));
    QVERIFY(client.get() >= 0);
    const Fd accepted(server.takeNext());
    QVERIFY(accepted.get() >= 0);
    const QString local = localText(accepted.get());
    const QString peer = peerText(accepted.get());
    QVERIFY2(local.startsWith(QLatin1String("[::ffff:127.0.0.1]:")), qPrintable(local));
    QCOMPARE(lookedUpState(local, peer), QStringLiteral("ESTABLISHED"));
    // The same peer spelled as plain IPv4, as the client itself reports it.
    QCOMPARE(lookedUpState(local, localText(client.get())), QStringLiteral("ESTABLISHED"));
}

void tst_KernelInfo::lookupTime()
{
    DescriptorServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const Fd client(connectRaw(QHostAddress::LocalHost, server.serverPort()));
    QVERIFY(client.get() >= 0);
    const Fd accepted(server.takeNext());
    QVERIFY(accepted.get() >= 0);
    const QString local = localText(client.get());
    const QString peer = peerText(client.get());

    const qsizetype descriptorsBefore = openDescriptors();
    QVERIFY(descriptorsBefore >= 3); // stdin, stdout, stderr at least: the count works
    const int rounds = 100;
    std::vector<qint64> found;
    std::vector<qint64> missing;
    QElapsedTimer timer;
    for (int i = 0; i < rounds; ++i) {
        timer.start();
        const bool ok = lookupKernelState(local, peer).has_value();
        found.push_back(timer.nsecsElapsed());
        QVERIFY(ok);
        timer.start();
        const bool none
            = !lookupKernelState(QStringLiteral("127.0.0.1:1"), QStringLiteral("127.0.0.1:2"));
        missing.push_back(timer.nsecsElapsed());
        QVERIFY(none);
    }
    const qint64 foundMedian = medianNs(found);
    const qint64 missingMedian = medianNs(missing);
    qInfo("sock_diag lookup, median of %d: %.1f us found, %.1f us not found (max %.1f / %.1f us)",
          rounds, foundMedian / 1000.0, missingMedian / 1000.0,
          *std::max_element(found.begin(), found.end()) / 1000.0,
          *std::max_element(missing.begin(), missing.end()) / 1000.0);
    // Bounded by the 200 ms poll timeout even on a loaded machine; typically
    // tens of microseconds.
    QVERIFY(foundMedian < 200 * 1000 * 1000);
    QVERIFY(missingMedian < 200 * 1000 * 1000);
    // Every lookup closed its netlink socket.
    QCOMPARE(openDescriptors(), descriptorsBefore);
}

void tst_KernelInfo::connectionTimelineShowsKernelStates()
{
    ServerEndpoint server;
    ServerOptions serverOptions;
    serverOptions.address
        = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
    serverOptions.reply.kind = ReplyPolicy::Kind::Echo;
    SocketErrorInfo error;
    QVERIFY2(server.listen(serverOptions, &error), qPrintable(error.explanation));

    ClientEndpoint clients;
    ClientOptions options;
    options.target = server.boundAddress();
    options.connection.kernelSampleMs = 20;
    Connection *c = clients.connectTo(options);
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    c->send("hello, kernel\n");
    QTRY_COMPARE(c->rx().store().size(), qint64(14));

    c->close();
    QTRY_VERIFY(isFinalState(c->state()));
    // The connection looks the 4-tuple up once, shortly after its socket is gone.
    auto kernelStates = [c] {
        QStringList states;
        for (const TimelineEvent &e : c->timeline().since(0)) {
            if (e.type == TimelineEvent::Kernel)
                states.append(kernelStateKey(e.kernel.state));
        }
        return states;
    };
    QTRY_COMPARE(kernelStates().value(kernelStates().size() - 1), QStringLiteral("TIME_WAIT"));
    const QStringList states = kernelStates();
    QCOMPARE(states.first(), QStringLiteral("ESTABLISHED"));
    QCOMPARE(states.count(QStringLiteral("TIME_WAIT")), 1);
    const TimelineEvent last = c->timeline().at(c->timeline().count() - 1);
    QCOMPARE(last.type, TimelineEvent::Kernel);
    QVERIFY(last.kernel.timeWaitMs > 0);
    bool sawRtt = false;
    for (const TimelineEvent &e : c->timeline().since(0))
        sawRtt = sawRtt || (e.type == TimelineEvent::Kernel && e.kernel.rttUs > 0);
    QVERIFY(sawRtt);
}

QTEST_GUILESS_MAIN(tst_KernelInfo)
#include "tst_kernelinfo.moc"
