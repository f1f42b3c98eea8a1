// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace TcpInspector {

/// Open descriptors against the limit, as the status bar says it: past 80 %
/// of the limit a server is a few accepts away from EMFILE (S4, S7).
class DescriptorUsage
{
public:
    DescriptorUsage(int open, int limit) : m_open(open), m_limit(limit) { }
    /// Reads /proc/self/fd and RLIMIT_NOFILE now.
    static DescriptorUsage current();

    int open() const { return m_open; }
    int limit() const { return m_limit; }
    /// "fds 123 / 1024"; "fds 123" when the limit is unknown or unlimited,
    /// "fds ?" when the count is unknown.
    QString text() const;
    /// What the numbers mean and what happens at the limit.
    QString toolTip() const;
    /// More than 80 % of the limit in use: show it in the warning colour.
    bool nearLimit() const;

private:
    int m_open;
    int m_limit;
};

} // namespace TcpInspector
