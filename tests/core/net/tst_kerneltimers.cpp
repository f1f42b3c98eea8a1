// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel's timers and counters in samples of real loopback sockets: the
// keepalive timer of an idle connection, the zero-window probes of a sender
// whose peer does not read, and the SYN retransmissions of a connect to a
// full backlog. Nothing needs a firewall: each is the kernel's own doing.
#include "net/kernelinfo.h"
#include "shared/fullbacklog.h"

#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

using namespace TcpInspector;

namespace {

// A descriptor closed when the test is done with it, whatever fails first.
class Fd
{
public:
    explicit Fd(int fd = -1) : m_fd(fd) { }
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

/// A connected loopback pair: client, and the server's accepted end. The
/// listener may be IPv6 and dual-stack, where an IPv4 client's peer shows
/// as ::ffff:127.0.0.1 on the accepted end.
struct Pair
{
    int client = -1;
    int accepted = -1;
    std::vector<int> all;
    ~Pair()
    {
        for (int fd : all)
            ::close(fd);
    }
};

bool connectPair(int listenFamily, int clientFamily, int serverRcvBuf, Pair *pair)
{
    const int listener = ::socket(listenFamily, SOCK_STREAM | SOCK_CLOEXEC, 0);
    pair->all.push_back(listener);
    if (serverRcvBuf > 0) // inherited by the accepted socket, before the window is offered
        ::setsockopt(listener, SOL_SOCKET, SO_RCVBUF, &serverRcvBuf, sizeof serverRcvBuf);
    sockaddr_storage where {};
    socklen_t length = 0;
    if (listenFamily == AF_INET6) {
        auto &v6 = reinterpret_cast<sockaddr_in6 &>(where);
        v6.sin6_family = AF_INET6;
        v6.sin6_addr = in6addr_any;
        const int off = 0; // dual-stack: IPv4 clients too
        ::setsockopt(listener, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
        length = sizeof v6;
    } else {
        auto &v4 = reinterpret_cast<sockaddr_in &>(where);
        v4.sin_family = AF_INET;
        v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        length = sizeof v4;
    }
    if (::bind(listener, reinterpret_cast<sockaddr *>(&where), length) != 0
        || ::listen(listener, 4) != 0
        || ::getsockname(listener, reinterpret_cast<sockaddr *>(&where), &length) != 0)
        return false;
    const quint16 port = listenFamily == AF_INET6
                             ? ntohs(reinterpret_cast<sockaddr_in6 &>(where).sin6_port)
                             : ntohs(reinterpret_cast<sockaddr_in &>(where).sin_port);
    pair->client = ::socket(clientFamily, SOCK_STREAM | SOCK_CLOEXEC, 0);
    pair->all.push_back(pair->client);
    sockaddr_storage target {};
    if (clientFamily == AF_INET6) {
        auto &v6 = reinterpret_cast<sockaddr_in6 &>(target);
        v6.sin6_family = AF_INET6;
        v6.sin6_addr = in6addr_loopback;
        v6.sin6_port = htons(port);
        length = sizeof v6;
    } else {
        auto &v4 = reinterpret_cast<sockaddr_in &>(target);
        v4.sin_family = AF_INET;
        v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        v4.sin_port = htons(port);
        length = sizeof v4;
    }
    if (::connect(pair->client, reinterpret_cast<sockaddr *>(&target), length) != 0)
        return false;
    pair->accepted = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    pair->all.push_back(pair->accepted);
    return pair->accepted >= 0;
}

void keepAlive(int fd, int idleSeconds)
{
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idleSeconds, sizeof idleSeconds);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &idleSeconds, sizeof idleSeconds);
}

} // namespace

class tst_KernelTimers : public QObject
{
    Q_OBJECT

private slots:
    void keepaliveTimerWhileIdle_data();
    void keepaliveTimerWhileIdle();
    void zeroWindowProbes();
    void synRetransmissions();
    void timerKeys();
};

void tst_KernelTimers::keepaliveTimerWhileIdle_data()
{
    QTest::addColumn<int>("listenFamily");
    QTest::addColumn<int>("clientFamily");
    QTest::newRow("ipv4") << int(AF_INET) << int(AF_INET);
    QTest::newRow("ipv6") << int(AF_INET6) << int(AF_INET6);
    // The accepted end's addresses are IPv4-mapped: asked for as IPv4.
    QTest::newRow("v4-mapped") << int(AF_INET6) << int(AF_INET);
}

void tst_KernelTimers::keepaliveTimerWhileIdle()
{
    QFETCH(int, listenFamily);
    QFETCH(int, clientFamily);
    Pair pair;
    QVERIFY(connectPair(listenFamily, clientFamily, 0, &pair));

    // Without SO_KEEPALIVE an idle connection has no timer at all.
    const std::optional<KernelSample> plain = sampleKernel(pair.accepted);
    QVERIFY(plain);
    QCOMPARE(plain->timer, KernelTimer::None);
    QCOMPARE(plain->timerMs, -1);
    QCOMPARE(plain->probes, qint16(0));
    QCOMPARE(plain->retransmits, 0);

    // With it, the keepalive timer runs and fires within the idle time.
    keepAlive(pair.accepted, 1);
    const std::optional<KernelSample> idle = sampleKernel(pair.accepted);
    QVERIFY(idle);
    QCOMPARE(idle->state, KernelState::Established);
    QCOMPARE(idle->timer, KernelTimer::Keepalive);
    QVERIFY2(idle->timerMs >= 0 && idle->timerMs <= 1000,
             qPrintable(QString::number(idle->timerMs)));
    QCOMPARE(idle->backoff, qint16(0));
    QCOMPARE(idle->consecutiveRetransmits, qint16(0));
}

void tst_KernelTimers::zeroWindowProbes()
{
    // The server never reads and offers a small window: the client's writes
    // fill it, and its kernel probes the zero window on the persist timer,
    // waiting twice as long each time. On loopback each probe is answered
    // at once, so tcpi_probes drops back to 0; the backoff stays raised.
    Pair pair;
    QVERIFY(connectPair(AF_INET, AF_INET, 2048, &pair));
    const int flags = ::fcntl(pair.client, F_GETFL);
    QVERIFY(::fcntl(pair.client, F_SETFL, flags | O_NONBLOCK) == 0);
    const std::vector<char> block(4096, 'x');
    qint64 written = 0;
    for (int i = 0; i < 10000; ++i) {
        const ssize_t n = ::send(pair.client, block.data(), block.size(), MSG_NOSIGNAL);
        if (n < 0)
            break;
        written += n;
    }
    QCOMPARE(errno, EAGAIN);
    QVERIFY(written > 0);

    // Backoff 1 after the first probe, about 0.2-0.5 s in.
    std::optional<KernelSample> sample;
    QTRY_VERIFY_WITH_TIMEOUT((sample = sampleKernel(pair.client), sample && sample->backoff >= 1),
                             3000);
    QCOMPARE(sample->timer, KernelTimer::ZeroWindowProbe);
    QVERIFY(sample->timerMs >= 0);
    QVERIFY(sample->sendQueue > 0);
    QCOMPARE(sample->retransmits, 0); // a probe is not a retransmission
}

void tst_KernelTimers::synRetransmissions()
{
    // A full backlog drops our SYN; the kernel sends it again after 1 s.
    FullBacklogListener listener;
    QVERIFY(listener.isListening());
    listener.fill(3);
    QTest::qWait(50);
    Fd client(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    sockaddr_in target {};
    target.sin_family = AF_INET;
    target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    target.sin_port = htons(listener.port());
    QCOMPARE(::connect(client.get(), reinterpret_cast<sockaddr *>(&target), sizeof target), -1);
    QCOMPARE(errno, EINPROGRESS);
    const std::optional<KernelSample> first = sampleKernel(client.get());
    QVERIFY(first);
    QCOMPARE(first->state, KernelState::SynSent);
    QCOMPARE(first->retransmits, 0);

    std::optional<KernelSample> sample;
    QTRY_VERIFY_WITH_TIMEOUT(
        (sample = sampleKernel(client.get()), sample && sample->retransmits >= 1), 2500);
    QCOMPARE(sample->state, KernelState::SynSent);
    QVERIFY(sample->consecutiveRetransmits >= 1);
    // Not connected: no peer address to ask sock_diag with, so no timer.
    QCOMPARE(sample->timer, KernelTimer::Unknown);
}

void tst_KernelTimers::timerKeys()
{
    QCOMPARE(kernelTimerFromDiag(0), KernelTimer::None);
    QCOMPARE(kernelTimerFromDiag(1), KernelTimer::Retransmit);
    QCOMPARE(kernelTimerFromDiag(2), KernelTimer::Keepalive);
    QCOMPARE(kernelTimerFromDiag(3), KernelTimer::TimeWait);
    QCOMPARE(kernelTimerFromDiag(4), KernelTimer::ZeroWindowProbe);
    QCOMPARE(kernelTimerFromDiag(5), KernelTimer::Unknown);
    QCOMPARE(kernelTimerKey(KernelTimer::ZeroWindowProbe), QStringLiteral("zero_window_probe"));
    QCOMPARE(kernelTimerKey(KernelTimer::Keepalive), QStringLiteral("keepalive"));
    QCOMPARE(kernelTimerKey(KernelTimer::Unknown), QString());
    // Kept small: one is stored with every kernel event (the 52nd byte
    // came with the keepalive probe count).
    QVERIFY(sizeof(KernelSample) <= 52);
}

QTEST_GUILESS_MAIN(tst_KernelTimers)
#include "tst_kerneltimers.moc"
