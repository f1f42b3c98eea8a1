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

void HeldTail::hold(int fd, const char *data, qint64 size)
{
    if (m_sending || size <= 0)
        return;
    // Qt's buffer only ever holds the rest of the last write: a copy of that
    // covers whatever part of it Qt still has when it closes.
    m_bytes = QByteArray(data, qsizetype(size));
    m_sent = 0;
    if (m_fd < 0 && fd >= 0)
        m_fd = ::fcntl(fd, F_DUPFD_CLOEXEC, 0); // EMFILE: Qt's own behaviour, counted
}

void HeldTail::release()
{
    if (m_sending)
        return;
    m_bytes.clear();
    m_sent = 0;
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

bool HeldTail::startSending(qint64 unsent)
{
    if (m_fd < 0 || unsent <= 0 || unsent > m_bytes.size())
        return false;
    m_sent = m_bytes.size() - unsent;
    m_sending = true;
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &HeldTail::sendSome);
    return true;
}

void HeldTail::append(const char *data, qint64 size)
{
    if (!m_sending || size <= 0)
        return;
    m_bytes.append(data, qsizetype(size));
    m_notifier->setEnabled(true);
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
    if (m_fd >= 0 && pending() == 0) {
        abandon();
        emit finished();
    }
}

void HeldTail::abandon()
{
    // Often called from the notifier's own activation: never deleted under it.
    if (m_notifier) {
        m_notifier->setEnabled(false);
        m_notifier->deleteLater();
        m_notifier = nullptr;
    }
    m_sending = false;
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

} // namespace TcpInspector
