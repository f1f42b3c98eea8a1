// SPDX-License-Identifier: GPL-3.0-or-later
#include "stream/fileio.h"

#include <cerrno>

#include <unistd.h>

namespace TcpInspector::FileIo {

bool writeAll(int fd, const void *data, qint64 size, qint64 at)
{
    const auto *bytes = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::pwrite(fd, bytes, size_t(size), at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0)
            errno = EIO; // not expected of a regular file; errno must say something
        if (n <= 0)
            return false;
        bytes += n;
        size -= n;
        at += n;
    }
    return true;
}

qint64 readAll(int fd, void *data, qint64 size, qint64 at)
{
    auto *bytes = static_cast<char *>(data);
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd, bytes + done, size_t(size - done), at + done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break; // the end of the file
        done += n;
    }
    return done;
}

} // namespace TcpInspector::FileIo
