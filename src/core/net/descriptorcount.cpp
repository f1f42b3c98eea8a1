// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/descriptorcount.h"

#include <cerrno>
#include <climits>

#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>

namespace TcpInspector {

int openDescriptorCount()
{
    // Linux 6.2 and later report the count as the folder's size: no
    // descriptor to open, no entries to walk, right at EMFILE too.
    struct stat folder
    { };
    if (::stat("/proc/self/fd", &folder) == 0 && folder.st_size > 0)
        return int(folder.st_size);
    return listedDescriptorCount(); // older kernels say 0
}

int listedDescriptorCount()
{
    // readdir() rather than QDir: the status bar asks twice a second, and
    // thousands of entries need no QString each.
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
