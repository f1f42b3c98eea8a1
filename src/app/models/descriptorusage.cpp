// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/descriptorusage.h"

#include "net/descriptorcount.h"
#include "text/tr.h"

#include <climits>

namespace TcpInspector {

DescriptorUsage DescriptorUsage::current()
{
    return DescriptorUsage(openDescriptorCount(), descriptorLimit());
}

QString DescriptorUsage::text() const
{
    if (m_open < 0)
        return Tr::tr("fds ?");
    if (m_limit <= 0 || m_limit == INT_MAX)
        return Tr::tr("fds %1").arg(m_open);
    return Tr::tr("fds %1 / %2").arg(m_open).arg(m_limit);
}

QString DescriptorUsage::toolTip() const
{
    return Tr::tr("Descriptors this process has open (sockets, files, pipes) against its soft "
                  "limit (ulimit -n). At the limit, accept() and connect() fail with EMFILE: "
                  "connections that are never closed end there.");
}

bool DescriptorUsage::nearLimit() const
{
    if (m_open < 0 || m_limit <= 0 || m_limit == INT_MAX)
        return false;
    // In 64 bits: a limit near INT_MAX times 5 must not overflow.
    return qint64(m_open) * 5 > qint64(m_limit) * 4;
}

} // namespace TcpInspector
