// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

/// A loopback listener that never accepts, with a backlog of 0 (S5): the
/// kernel completes the first handshakes on its own and then drops further
/// SYNs, so a connect() to it hangs until someone's timeout. fill() takes up
/// the queue first, for a test whose own connection must find it full.
class FullBacklogListener
{
public:
    FullBacklogListener()
    {
        m_where.sin_family = AF_INET;
        m_where.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        socklen_t length = sizeof m_where;
        m_listening = m_fd >= 0 && ::bind(m_fd, address(), length) == 0 && ::listen(m_fd, 0) == 0
                      && ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&m_where), &length) == 0;
    }
    ~FullBacklogListener()
    {
        for (int fd : m_fillers)
            ::close(fd);
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FullBacklogListener(const FullBacklogListener &) = delete;
    FullBacklogListener &operator=(const FullBacklogListener &) = delete;

    bool isListening() const { return m_listening; }
    quint16 port() const { return ntohs(m_where.sin_port); }

    /// Starts count non-blocking connects that fill the accept queue.
    void fill(int count)
    {
        for (int i = 0; i < count; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            ::connect(fd, address(), sizeof m_where);
            m_fillers.push_back(fd);
        }
    }

private:
    const sockaddr *address() const { return reinterpret_cast<const sockaddr *>(&m_where); }

    int m_fd = -1;
    bool m_listening = false;
    sockaddr_in m_where {};
    std::vector<int> m_fillers;
};
