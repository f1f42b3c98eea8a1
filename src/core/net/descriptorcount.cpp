// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/descriptorcount.h"

#include <cerrno>
#include <climits>
#include <cstdio>

#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>

namespace TcpInspector {

namespace {

int clampedLimit(rlim_t value)
{
    return value == RLIM_INFINITY || value > rlim_t(INT_MAX) ? INT_MAX : int(value);
}

/// fs.nr_open: setrlimit() refuses more than this with EPERM, even when the
/// hard limit says unlimited.
rlim_t kernelDescriptorCeiling()
{
    unsigned long value = 0;
    if (FILE *file = std::fopen("/proc/sys/fs/nr_open", "re")) {
        if (std::fscanf(file, "%lu", &value) != 1)
            value = 0;
        std::fclose(file);
    }
    return value > 0 ? rlim_t(value) : rlim_t(1024 * 1024);
}

} // namespace

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
    return clampedLimit(limit.rlim_cur);
}

DescriptorLimitRaise raiseDescriptorLimit()
{
    DescriptorLimitRaise result;
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        result.sysErrno = errno;
        return result;
    }
    result.before = clampedLimit(limit.rlim_cur);
    rlim_t target = limit.rlim_max;
    if (target == RLIM_INFINITY)
        target = kernelDescriptorCeiling();
    result.target = clampedLimit(target);
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < target) {
        limit.rlim_cur = target;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
            result.sysErrno = errno;
    }
    result.after = descriptorLimit();
    return result;
}

} // namespace TcpInspector
