// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/socketoptions.h"

#include <cerrno>

#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

namespace TcpInspector {

namespace {

/// Collects the options the kernel refuses instead of stopping at the first:
/// one refused buffer size must not keep nodelay from being set.
class OptionSetter
{
public:
    explicit OptionSetter(int fd) : m_fd(fd) { }

    void set(int level, int name, int value, const char *what)
    {
        if (::setsockopt(m_fd, level, name, &value, sizeof value) != 0)
            m_failures.push_back({QString::fromLatin1(what), value, errno});
    }
    /// For the options where 0 means "the kernel's default": sets value if it
    /// is positive, else leaves the option alone.
    void setPositive(int level, int name, int value, const char *what)
    {
        if (value > 0)
            set(level, name, value, what);
    }
    std::vector<SocketOptionFailure> failures() const { return m_failures; }

private:
    const int m_fd;
    std::vector<SocketOptionFailure> m_failures;
};

} // namespace

std::vector<SocketOptionFailure> applyConnectionOptions(int fd, const ConnectionOptions &options)
{
    if (fd < 0)
        return {};
    OptionSetter setter(fd);
    if (options.noDelay)
        setter.set(IPPROTO_TCP, TCP_NODELAY, 1, "TCP_NODELAY");
    setter.setPositive(SOL_SOCKET, SO_RCVBUF, options.receiveBuffer, "SO_RCVBUF");
    setter.setPositive(SOL_SOCKET, SO_SNDBUF, options.sendBuffer, "SO_SNDBUF");
    setter.setPositive(IPPROTO_TCP, TCP_MAXSEG, options.maxSegment, "TCP_MAXSEG");
    setter.setPositive(IPPROTO_TCP, TCP_SYNCNT, options.synRetries, "TCP_SYNCNT");
    return setter.failures();
}

std::vector<SocketOptionFailure> applyKeepalive(int fd, const KeepaliveOptions &keepalive,
                                                int userTimeoutMs)
{
    if (fd < 0)
        return {};
    OptionSetter setter(fd);
    if (keepalive.enabled) {
        setter.set(SOL_SOCKET, SO_KEEPALIVE, 1, "SO_KEEPALIVE");
        setter.setPositive(IPPROTO_TCP, TCP_KEEPIDLE, keepalive.idleSeconds, "TCP_KEEPIDLE");
        setter.setPositive(IPPROTO_TCP, TCP_KEEPINTVL, keepalive.intervalSeconds, "TCP_KEEPINTVL");
        setter.setPositive(IPPROTO_TCP, TCP_KEEPCNT, keepalive.count, "TCP_KEEPCNT");
    }
    setter.setPositive(IPPROTO_TCP, TCP_USER_TIMEOUT, userTimeoutMs, "TCP_USER_TIMEOUT");
    return setter.failures();
}

void setResetOnClose(int fd)
{
    if (fd < 0)
        return;
    const linger reset {1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
}

qint64 unacknowledgedBytes(int fd)
{
    int queued = 0;
    if (fd < 0 || ::ioctl(fd, SIOCOUTQ, &queued) != 0)
        return 0;
    return queued;
}

} // namespace TcpInspector
