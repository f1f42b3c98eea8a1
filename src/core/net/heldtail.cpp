// SPDX-License-Identifier: GPL-3.0-or-later
#include "heldtail.h"

#include <QSocketNotifier>

#include <cerrno>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace TcpInspector {

HeldTail::HeldTail(QObject *parent) : QObject(parent) { }

HeldTail::~HeldTail()
{
    abandon();
}

bool HeldTail::hold(int fd, const char *data, qint64 size)
{
    if (size <= 0)
        return true;
    if (m_fd < 0) {
        m_fd = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (m_fd < 0)
            return false;
        m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &HeldTail::sendSome);
    }
    append(data, size);
    return true;
}

void HeldTail::append(const char *data, qint64 size)
{
    if (m_fd < 0 || size <= 0)
        return;
    // Drop what has left before growing, so that a tail fed while it drains
    // holds what is unsent, not everything it was ever given.
    if (m_sent > 0 && m_sent >= m_bytes.size() / 2) {
        m_bytes.remove(0, qsizetype(m_sent));
        m_sent = 0;
    }
    m_bytes.append(data, qsizetype(size));
    m_notifier->setEnabled(true);
}

void HeldTail::sendNow()
{
    if (m_fd >= 0 && pending() > 0)
        sendSome();
}

void HeldTail::sendSome()
{
    while (m_fd >= 0 && pending() > 0) {
        const ssize_t n = ::send(m_fd, m_bytes.constData() + m_sent, size_t(pending()),
                                 MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return; // the notifier says when the kernel has room again
        if (n <= 0) {
            const int error = errno;
            const qint64 unsent = pending();
            abandon();
            emit failed(error, unsent);
            return;
        }
        m_sent += n;
        emit bytesSent(n);
    }
    if (m_fd < 0)
        return;
    // Closing the second descriptor while the owner's is open sends nothing;
    // after the owner's close it is the last one, and the FIN goes.
    const bool last = m_ownerClosed;
    abandon();
    if (last)
        emit finished();
    else
        emit drained();
}

void HeldTail::abandon()
{
    // Often called from the notifier's own activation: never deleted under it.
    if (m_notifier) {
        m_notifier->setEnabled(false);
        m_notifier->deleteLater();
        m_notifier = nullptr;
    }
    m_bytes.clear();
    m_sent = 0;
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

} // namespace TcpInspector
