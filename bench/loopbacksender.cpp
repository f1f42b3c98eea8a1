// SPDX-License-Identifier: GPL-3.0-or-later
#include "loopbacksender.h"

#include "streampattern.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <thread>
#include <vector>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

namespace TcpInspector {

namespace {

sockaddr_in loopback(quint16 port)
{
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    return address;
}

/// A TCP socket bound to 127.0.0.1 on a port the kernel chose, written to *port.
int boundLoopbackSocket(quint16 *port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address = loopback(0);
    socklen_t length = sizeof address;
    ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    *port = ntohs(address.sin_port);
    return fd;
}

int connectWithRetry(quint16 port, const std::function<bool()> &receiverAlive)
{
    const sockaddr_in address = loopback(port);
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 20000 && receiverAlive()) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0)
            return fd;
        ::close(fd);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return -1;
}

// After our FIN: the receiver's close ends the wait (read returns 0 or a reset).
bool waitForClose(int fd)
{
    char sink[4096];
    pollfd p {fd, POLLIN, 0};
    while (::poll(&p, 1, 120000) > 0) {
        const ssize_t n = ::read(fd, sink, sizeof sink);
        if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
            return true;
    }
    return false;
}

} // namespace

SendResult sendStream(quint16 port, StreamPattern &pattern, qint64 total,
                      const std::function<bool()> &receiverAlive)
{
    SendResult result;
    const int fd = connectWithRetry(port, receiverAlive);
    if (fd < 0)
        return result;
    result.connected = true;
    QElapsedTimer timer;
    timer.start();
    for (qint64 index = 0; result.sent < total; ++index) {
        const QByteArray &piece = pattern.piece(index);
        const char *data = piece.constData();
        qint64 left = std::min<qint64>(piece.size(), total - result.sent);
        while (left > 0) {
            const ssize_t n = ::send(fd, data, size_t(left), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                result.ns = timer.nsecsElapsed();
                ::close(fd);
                return result;
            }
            data += n;
            left -= n;
            result.sent += n;
        }
    }
    ::shutdown(fd, SHUT_WR);
    result.closedByReceiver = waitForClose(fd);
    result.ns = timer.nsecsElapsed();
    ::close(fd);
    return result;
}

DiscardResult sendToDiscardingReader(StreamPattern &pattern, qint64 total)
{
    quint16 port = 0;
    const int listener = boundLoopbackSocket(&port);
    ::listen(listener, 1);
    DiscardResult result;
    std::thread reader([listener, &result] {
        const int fd = ::accept(listener, nullptr, nullptr);
        std::vector<char> buffer(256 * 1024);
        for (ssize_t n = 1; n > 0;) {
            n = ::read(fd, buffer.data(), buffer.size());
            result.received += std::max<ssize_t>(n, 0);
        }
        ::close(fd);
        timespec cpu {};
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
        result.readerCpuSeconds = double(cpu.tv_sec) + double(cpu.tv_nsec) / 1e9;
    });
    result.sent = sendStream(port, pattern, total, [] { return true; });
    reader.join();
    ::close(listener);
    return result;
}

quint16 freeLoopbackPort()
{
    quint16 port = 0;
    ::close(boundLoopbackSocket(&port));
    return port;
}

} // namespace TcpInspector
