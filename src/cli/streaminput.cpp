// SPDX-License-Identifier: GPL-3.0-or-later
#include "streaminput.h"
#include "clitr.h"

#include <QByteArray>
#include <QFile>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace TcpInspector {

namespace {

// The texts were written for `decode` and keep its context.
} // namespace

StreamInput::~StreamInput()
{
    if (m_owned)
        ::close(m_fd);
}

bool StreamInput::open(const QString &path, QString *error)
{
    if (path == QLatin1String("-")) {
        m_fd = STDIN_FILENO;
        return true;
    }
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
        *error = CliTr::tr("Cannot open '%1': %2. Check the path and that you may read it.")
                     .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_owned = true;
    return true;
}

qint64 StreamInput::read(char *buffer, qint64 size, QString *error)
{
    for (;;) {
        const ssize_t n = ::read(m_fd, buffer, size_t(size));
        if (n >= 0)
            return n;
        if (errno == EINTR)
            continue;
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return -1;
    }
}

bool StreamInput::forEachRead(qint64 chunkSize, QString *error,
                              const std::function<void(const char *, qint64)> &consume)
{
    const qint64 bufferSize = qint64(64) * 1024;
    QByteArray buffer(bufferSize, Qt::Uninitialized);
    QByteArray pending; // only with a chunkSize: bytes waiting to make a whole read
    for (;;) {
        const qint64 n = read(buffer.data(), bufferSize, error);
        if (n < 0)
            return false;
        if (n == 0)
            break;
        if (chunkSize <= 0) {
            consume(buffer.constData(), n);
            continue;
        }
        pending.append(buffer.constData(), n);
        qint64 at = 0;
        while (pending.size() - at >= chunkSize) {
            consume(pending.constData() + at, chunkSize);
            at += chunkSize;
        }
        pending.remove(0, at);
    }
    if (!pending.isEmpty())
        consume(pending.constData(), pending.size());
    return true;
}

} // namespace TcpInspector
