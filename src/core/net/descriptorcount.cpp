// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/descriptorcount.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>

#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <vector>

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

namespace {

// Calls take(fd) for each open descriptor but the listing's own; false when
// /proc/self/fd cannot be opened (errno says why). readdir() rather than
// QDir: the status bar asks twice a second, and thousands of entries need
// no QString each.
template<typename Take>
bool forEachOpenDescriptor(Take take)
{
    DIR *fds = ::opendir("/proc/self/fd");
    if (!fds)
        return false;
    const int own = ::dirfd(fds);
    while (const dirent *entry = ::readdir(fds)) {
        if (entry->d_name[0] == '.')
            continue;
        const int fd = std::atoi(entry->d_name);
        if (fd != own)
            take(fd);
    }
    ::closedir(fds);
    return true;
}

} // namespace

int listedDescriptorCount()
{
    int count = 0;
    if (!forEachOpenDescriptor([&count](int) { ++count; })) {
        // EMFILE: every number below the limit is taken, which is the count
        // the user most needs to see, not an error.
        return errno == EMFILE ? descriptorLimit() : -1;
    }
    return count;
}

int limitLeavingFree(int more)
{
    std::vector<int> open;
    if (!forEachOpenDescriptor([&open](int fd) { open.push_back(fd); }))
        return -1;
    std::sort(open.begin(), open.end());
    int limit = 0;
    int free = 0;
    for (int fd : open) {
        // Numbers below fd that nobody holds are free.
        if (free + (fd - limit) > more)
            break;
        free += fd - limit;
        limit = fd + 1;
    }
    return limit + (more - free);
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
