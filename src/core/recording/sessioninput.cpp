// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/sessioninput.h"

#include "stream/fileio.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace TcpInspector {

SessionInput::~SessionInput() = default;

FileInput::~FileInput()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool FileInput::open(const QString &path)
{
    m_path = path;
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    struct stat st = {};
    if (::fstat(m_fd, &st) != 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    m_size = st.st_size;
    return true;
}

qint64 FileInput::read(qint64 at, char *out, qint64 n) const
{
    if (at < 0 || n < 0)
        return -1;
    return FileIo::readAll(m_fd, out, n, at); // errno says why on -1
}

qint64 MemoryInput::read(qint64 at, char *out, qint64 n) const
{
    if (at < 0 || n < 0)
        return -1;
    const qint64 count = std::clamp<qint64>(m_bytes.size() - at, 0, n);
    if (count > 0)
        std::memcpy(out, m_bytes.constData() + at, size_t(count));
    return count;
}

} // namespace TcpInspector
