// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/kernelinfo.h"

#include "net/hostport.h"

#include <QHostAddress>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <limits>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace TcpInspector {

namespace {

// The longest a lookup may block the thread it runs on. The kernel answers an
// exact sock_diag lookup inside sendto() (tens of microseconds); the bound is
// only for a kernel that does not answer at all.
constexpr int lookupTimeoutMs = 200;

// Linux's TCP_NEW_SYN_RECV: a request socket, reported as SYN_RECV.
constexpr int tcpNewSynRecv = 12;

// One end of a connection in the form inet_diag_sockid wants.
struct SockEnd
{
    int family = AF_UNSPEC;
    std::array<quint8, 16> address {}; // network byte order; IPv4 uses the first 4 bytes
    quint16 port = 0;
    quint32 interfaceIndex = 0; // IPv6 link-local scope; 0 otherwise
};

std::optional<SockEnd> parseEnd(const QString &text)
{
    // Listen accepts any port, 0 included; the addresses come from getsockname
    // and getpeername, so nothing here is ever looked up by name.
    QString error;
    const std::optional<HostPort> hostPort = HostPort::parse(text, HostPort::Use::Listen, &error);
    if (!hostPort)
        return std::nullopt;
    QHostAddress address;
    if (!address.setAddress(hostPort->host))
        return std::nullopt;
    SockEnd end;
    end.port = hostPort->port;
    bool isV4 = false;
    // An IPv4-mapped IPv6 address ("::ffff:127.0.0.1", what a dual-stack
    // listener reports) is asked for as IPv4: the kernel hashes such
    // connections by their IPv4 addresses, and the peer string may be plain IPv4.
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4) {
        end.family = AF_INET;
        const quint32 networkOrder = htonl(v4);
        std::memcpy(end.address.data(), &networkOrder, sizeof networkOrder);
        return end;
    }
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return std::nullopt;
    end.family = AF_INET6;
    const Q_IPV6ADDR v6 = address.toIPv6Address();
    std::memcpy(end.address.data(), v6.c, end.address.size());
    const QString scope = address.scopeId();
    if (!scope.isEmpty()) {
        bool numeric = false;
        end.interfaceIndex = scope.toUInt(&numeric);
        if (!numeric)
            end.interfaceIndex = ::if_nametoindex(scope.toLocal8Bit().constData());
    }
    return end;
}

// What getsockname() or getpeername() says, as parseEnd() would have it.
std::optional<SockEnd> endOf(const sockaddr_storage &address)
{
    SockEnd end;
    if (address.ss_family == AF_INET) {
        const auto &v4 = reinterpret_cast<const sockaddr_in &>(address);
        end.family = AF_INET;
        end.port = ntohs(v4.sin_port);
        std::memcpy(end.address.data(), &v4.sin_addr, sizeof v4.sin_addr);
        return end;
    }
    if (address.ss_family != AF_INET6)
        return std::nullopt;
    const auto &v6 = reinterpret_cast<const sockaddr_in6 &>(address);
    end.port = ntohs(v6.sin6_port);
    if (IN6_IS_ADDR_V4MAPPED(&v6.sin6_addr)) {
        end.family = AF_INET; // asked for as IPv4, as in parseEnd()
        std::memcpy(end.address.data(), &v6.sin6_addr.s6_addr[12], 4);
        return end;
    }
    end.family = AF_INET6;
    std::memcpy(end.address.data(), v6.sin6_addr.s6_addr, end.address.size());
    end.interfaceIndex = v6.sin6_scope_id;
    return end;
}

// One netlink socket per thread for every lookup: a new socket per lookup
// cost two more system calls, as much as the lookup itself, and the sampler
// asks for the timer at every sample. Requests carry increasing sequence
// numbers, so a late answer to one that timed out is told apart.
class DiagSocket
{
public:
    DiagSocket() = default;
    ~DiagSocket() { reset(); }
    DiagSocket(const DiagSocket &) = delete;
    DiagSocket &operator=(const DiagSocket &) = delete;

    static DiagSocket &forThisThread()
    {
        thread_local DiagSocket socket;
        return socket;
    }
    /// The socket, opened on first use; -1 when it cannot be.
    int get()
    {
        if (m_fd < 0)
            m_fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
                            NETLINK_SOCK_DIAG);
        return m_fd;
    }
    quint32 nextSequence() { return ++m_sequence; }
    /// After a failure: the next lookup starts on a fresh socket.
    void reset()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd = -1;
    quint32 m_sequence = 0;
};

// The kernel's figures are unsigned 32 bits; none comes near 2^31 in practice
// (an RTT of 35 minutes, 2 GiB queued), but a wrap must not read as unknown.
qint32 figure(quint32 value)
{
    return qint32(std::min<quint32>(value, quint32(std::numeric_limits<qint32>::max())));
}

// This libc's tcp_info stops at tcpi_total_retrans; Linux's goes on with
// the counters that tell a keepalive probe (a segment without data) from
// data. The layout is the kernel's ABI, which only ever grows at the end.
struct TcpInfoCounters
{
    tcp_info base;
    quint64 pacingRate;
    quint64 maxPacingRate;
    quint64 bytesAcked;
    quint64 bytesReceived;
    quint32 segsOut;
    quint32 segsIn;
    quint32 notsentBytes;
    quint32 minRtt;
    quint32 dataSegsIn;
    quint32 dataSegsOut;
};
static_assert(offsetof(TcpInfoCounters, segsOut) == 136, "Linux's tcp_info layout");

constexpr size_t tcpInfoBaseLength = offsetof(tcp_info, tcpi_total_retrans) + sizeof(quint32);

void fillCounters(const TcpInfoCounters &counters, size_t length, KernelCounters *out)
{
    const tcp_info &info = counters.base;
    out->idleMs = figure(std::min(info.tcpi_last_data_sent, info.tcpi_last_data_recv));
    if (length >= offsetof(TcpInfoCounters, dataSegsOut) + sizeof counters.dataSegsOut) {
        out->segsOut = counters.segsOut;
        out->dataSegsOut = counters.dataSegsOut;
        out->dataSegsIn = counters.dataSegsIn;
    }
}

void fillFromTcpInfo(const TcpInfoCounters &counters, KernelSample *sample)
{
    const tcp_info &info = counters.base;
    sample->rttUs = figure(info.tcpi_rtt);
    sample->rttVarUs = figure(info.tcpi_rttvar);
    sample->cwnd = figure(info.tcpi_snd_cwnd);
    sample->unacked = figure(info.tcpi_unacked);
    sample->retransmits = figure(info.tcpi_total_retrans);
    sample->consecutiveRetransmits = info.tcpi_retransmits;
    sample->probes = info.tcpi_probes;
    sample->backoff = info.tcpi_backoff;
}

// The timer of a socket that still exists: which one, and when it fires.
void fillTimer(const inet_diag_msg &msg, KernelSample *sample)
{
    sample->timer = kernelTimerFromDiag(msg.idiag_timer);
    sample->timerMs = sample->timer == KernelTimer::None ? -1 : figure(msg.idiag_expires);
}

// One inet_diag_msg (and its attributes) into a sample.
KernelSample sampleFromDiag(const inet_diag_msg &msg, const rtattr *attributes, int attributeBytes)
{
    KernelSample sample;
    sample.state = kernelStateFromLinux(msg.idiag_state);
    if (msg.idiag_state == TCP_TIME_WAIT) {
        // A TIME_WAIT entry holds no queues, no RTT: only its remaining time.
        sample.timeWaitMs = figure(msg.idiag_expires);
        sample.timer = KernelTimer::TimeWait;
        sample.timerMs = sample.timeWaitMs;
        return sample;
    }
    if (msg.idiag_state != TCP_LISTEN && msg.idiag_state != tcpNewSynRecv) {
        // For a connection these are the SIOCINQ / SIOCOUTQ figures; for a
        // listener they would be backlog counts instead, so they stay unknown.
        sample.recvQueue = figure(msg.idiag_rqueue);
        sample.sendQueue = figure(msg.idiag_wqueue);
    }
    fillTimer(msg, &sample);
    for (const rtattr *attr = attributes; RTA_OK(attr, attributeBytes);
         attr = RTA_NEXT(attr, attributeBytes)) {
        if (attr->rta_type != INET_DIAG_INFO)
            continue;
        // The kernel's tcp_info may be longer or shorter than ours.
        TcpInfoCounters info {};
        const size_t length = std::min<size_t>(RTA_PAYLOAD(attr), sizeof info);
        std::memcpy(&info, RTA_DATA(attr), length);
        if (length >= tcpInfoBaseLength)
            fillFromTcpInfo(info, &sample);
    }
    return sample;
}

// What a datagram from the kernel said about the connection asked for.
enum class Reply { Pending, Gone, Found };

bool sendDiagRequest(int fd, quint32 sequence, const SockEnd &src, const SockEnd &dst)
{
    // An exact lookup (no NLM_F_DUMP): the kernel finds the 4-tuple in its
    // hash tables, TIME_WAIT entries included, and answers with one message
    // or with ENOENT. No root is needed to ask.
    struct
    {
        nlmsghdr header;
        inet_diag_req_v2 request;
    } message {};
    static_assert(sizeof message == NLMSG_LENGTH(sizeof(inet_diag_req_v2)));
    message.header.nlmsg_len = sizeof message;
    message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    message.header.nlmsg_flags = NLM_F_REQUEST;
    message.header.nlmsg_seq = sequence;
    inet_diag_req_v2 &request = message.request;
    request.sdiag_family = quint8(src.family);
    request.sdiag_protocol = IPPROTO_TCP;
    request.idiag_states = ~0U; // every state; an exact lookup does not filter anyway
    request.idiag_ext = 1U << (INET_DIAG_INFO - 1); // tcp_info too, for a live socket
    inet_diag_sockid &id = request.id;
    id.idiag_sport = htons(src.port); // ports in network byte order, unlike the rest
    id.idiag_dport = htons(dst.port);
    std::memcpy(id.idiag_src, src.address.data(), src.address.size());
    std::memcpy(id.idiag_dst, dst.address.data(), dst.address.size());
    id.idiag_if = src.interfaceIndex;
    // No cookie: match by addresses alone (a cookie would demand this very socket).
    id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
    id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;

    sockaddr_nl kernel {};
    kernel.nl_family = AF_NETLINK;
    ssize_t sent = -1;
    do {
        sent = ::sendto(fd, &message, sizeof message, 0,
                        reinterpret_cast<const sockaddr *>(&kernel), sizeof kernel);
    } while (sent < 0 && errno == EINTR);
    return sent == ssize_t(sizeof message);
}

Reply readDiagReply(const char *buffer, int length, quint32 sequence, const SockEnd &src,
                    const SockEnd &dst, std::optional<KernelSample> *sample)
{
    for (const auto *header = reinterpret_cast<const nlmsghdr *>(buffer); NLMSG_OK(header, length);
         header = NLMSG_NEXT(header, length)) {
        if (header->nlmsg_seq != sequence)
            continue;
        if (header->nlmsg_type == NLMSG_DONE)
            return Reply::Gone;
        if (header->nlmsg_type == NLMSG_ERROR) {
            // ENOENT: the kernel no longer knows the connection. An error
            // of 0 is a plain acknowledgement; the answer may still come.
            const auto *error = static_cast<const nlmsgerr *>(NLMSG_DATA(header));
            if (header->nlmsg_len < NLMSG_LENGTH(sizeof *error) || error->error != 0)
                return Reply::Gone;
            continue;
        }
        if (header->nlmsg_type != SOCK_DIAG_BY_FAMILY
            || header->nlmsg_len < NLMSG_LENGTH(sizeof(inet_diag_msg)))
            continue;
        const auto *diag = static_cast<const inet_diag_msg *>(NLMSG_DATA(header));
        // Without a connection the kernel's lookup falls back to the
        // listener on the local address: the answer, but not our socket.
        if (ntohs(diag->id.idiag_sport) != src.port || ntohs(diag->id.idiag_dport) != dst.port)
            return Reply::Gone;
        const int attributeBytes = int(header->nlmsg_len - NLMSG_LENGTH(sizeof *diag));
        const auto *attributes = reinterpret_cast<const rtattr *>(
            reinterpret_cast<const char *>(diag) + NLMSG_ALIGN(sizeof *diag));
        *sample = sampleFromDiag(*diag, attributes, attributeBytes);
        return Reply::Found;
    }
    return Reply::Pending;
}

std::optional<KernelSample> diagLookup(const SockEnd &src, const SockEnd &dst)
{
    if (src.family != dst.family)
        return std::nullopt;
    DiagSocket &socket = DiagSocket::forThisThread();
    const int fd = socket.get();
    const quint32 sequence = socket.nextSequence();
    if (fd < 0 || !sendDiagRequest(fd, sequence, src, dst)) {
        socket.reset();
        return std::nullopt;
    }

    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(lookupTimeoutMs);
    // Aligned for nlmsghdr; 8 KiB holds the one reply with tcp_info many times over.
    alignas(nlmsghdr) char buffer[8192];
    for (;;) {
        const ssize_t received = ::recv(fd, buffer, sizeof buffer, 0);
        if (received < 0) {
            if (errno == EINTR)
                continue;
            const auto left
                = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            pollfd waiting {fd, POLLIN, 0};
            if ((errno != EAGAIN && errno != EWOULDBLOCK) || left.count() <= 0
                || (::poll(&waiting, 1, int(left.count())) < 0 && errno != EINTR)) {
                socket.reset();
                return std::nullopt;
            }
            continue;
        }
        std::optional<KernelSample> sample;
        switch (readDiagReply(buffer, int(received), sequence, src, dst, &sample)) {
        case Reply::Found:
            return sample;
        case Reply::Gone:
            return std::nullopt;
        case Reply::Pending:
            break;
        }
    }
}

// The timer of an open socket: TCP_INFO does not tell it, sock_diag does.
void lookUpTimer(int fd, KernelSample *sample)
{
    sockaddr_storage local {};
    sockaddr_storage peer {};
    socklen_t localLength = sizeof local;
    socklen_t peerLength = sizeof peer;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &localLength) != 0
        || ::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &peerLength) != 0)
        return; // not connected (yet): no timer worth a lookup
    const std::optional<SockEnd> src = endOf(local);
    const std::optional<SockEnd> dst = endOf(peer);
    if (!src || !dst)
        return;
    if (const std::optional<KernelSample> diag = diagLookup(*src, *dst)) {
        sample->timer = diag->timer;
        sample->timerMs = diag->timerMs;
    }
}

} // namespace

std::optional<KernelSample> sampleKernel(int fd, KernelCounters *counters)
{
    if (fd < 0)
        return std::nullopt;
    TcpInfoCounters info {};
    socklen_t length = sizeof info;
    // Fails for a closed descriptor (EBADF) and for anything but a TCP socket.
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0 || length < tcpInfoBaseLength)
        return std::nullopt;
    KernelSample sample;
    sample.state = kernelStateFromLinux(info.base.tcpi_state);
    fillFromTcpInfo(info, &sample);
    if (counters)
        fillCounters(info, length, counters);
    // A listener has no queues in this sense: both ioctls fail with EINVAL
    // there, and the figures stay -1 (unknown).
    int queued = 0;
    if (::ioctl(fd, SIOCOUTQ, &queued) == 0)
        sample.sendQueue = queued;
    if (::ioctl(fd, SIOCINQ, &queued) == 0)
        sample.recvQueue = queued;
    if (sample.state != KernelState::Listen)
        lookUpTimer(fd, &sample);
    return sample;
}

std::optional<KernelSample> lookupKernelState(const QString &local, const QString &peer)
{
    const std::optional<SockEnd> src = parseEnd(local);
    const std::optional<SockEnd> dst = parseEnd(peer);
    if (!src || !dst)
        return std::nullopt;
    return diagLookup(*src, *dst);
}

KernelState kernelStateFromLinux(int state)
{
    // The numbering of the kernel's include/net/tcp_states.h, which glibc copies.
    switch (state) {
    case TCP_ESTABLISHED:
        return KernelState::Established;
    case TCP_SYN_SENT:
        return KernelState::SynSent;
    case TCP_SYN_RECV:
        return KernelState::SynRecv;
    case TCP_FIN_WAIT1:
        return KernelState::FinWait1;
    case TCP_FIN_WAIT2:
        return KernelState::FinWait2;
    case TCP_TIME_WAIT:
        return KernelState::TimeWait;
    case TCP_CLOSE:
        return KernelState::Close;
    case TCP_CLOSE_WAIT:
        return KernelState::CloseWait;
    case TCP_LAST_ACK:
        return KernelState::LastAck;
    case TCP_LISTEN:
        return KernelState::Listen;
    case TCP_CLOSING:
        return KernelState::Closing;
    case tcpNewSynRecv:
        return KernelState::SynRecv;
    default:
        return KernelState::Unknown;
    }
}

} // namespace TcpInspector
