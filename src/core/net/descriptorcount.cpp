// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/descriptorcount.h"

#include <cerrno>
#include <climits>

#include <dirent.h>
#include <sys/resource.h>

namespace TcpInspector {

int openDescriptorCount()
{
    // readdir() rather than QDir: the status bar asks twice a second, and a
    // process near its limit has thousands of entries that need no names,
    // no sorting and no QString each.
    DIR *fds = ::opendir("/proc/self/fd");
    if (!fds) {
        // EMFILE: every number below the limit is taken, which is the count
        // the user most needs to see, not an error.
        return errno == EMFILE ? descriptorLimit() : -1;
    }
    int count = 0;
    while (const dirent *entry = ::readdir(fds)) {
        if (entry->d_name[0] != '.')
            ++count;
    }
    ::closedir(fds);
    // The listing opens one descriptor of its own; leave it out.
    return count - 1;
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
