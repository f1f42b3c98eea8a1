// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/descriptorcount.h"

#include <QDir>

#include <climits>

#include <sys/resource.h>

namespace TcpInspector {

int openDescriptorCount()
{
    const QDir fds(QStringLiteral("/proc/self/fd"));
    if (!fds.exists())
        return -1;
    // Listing the folder opens one descriptor of its own; leave it out.
    return int(fds.entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot).size()) - 1;
}

int descriptorLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    return limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > rlim_t(INT_MAX)
               ? INT_MAX
               : int(limit.rlim_cur);
}

} // namespace TcpInspector
