// SPDX-License-Identifier: GPL-3.0-or-later
// What the panel tests read from a real connection's socket.
#pragma once

#include "net/connection.h"

#include <QMetaObject>

#include <sys/socket.h>

namespace TcpInspector {

/// The connection's descriptor, asked on its own (the I/O) thread.
inline int descriptorOf(Connection *connection)
{
    int fd = -1;
    QMetaObject::invokeMethod(
        connection, [&] { fd = connection->socketDescriptor(); }, Qt::BlockingQueuedConnection);
    return fd;
}

/// An int socket option, or -1 when the kernel will not say.
inline int intOption(int fd, int level, int name)
{
    int value = 0;
    socklen_t length = sizeof value;
    return ::getsockopt(fd, level, name, &value, &length) == 0 ? value : -1;
}

} // namespace TcpInspector
