// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connection.h"

#include <QString>

#include <vector>

namespace TcpInspector {

/// The order lanes are shown in: as they came, except that the server and
/// client ends of one loopback connection sit together, server above client,
/// where the earlier of the two came, so both ends line up in time. The two
/// ends are recognised by their addresses: the server's peer is the client's
/// local address and the client's peer the server's local one.
class LaneOrder
{
public:
    struct Entry
    {
        Connection::Side side = Connection::Side::Client;
        QString localAddress; ///< empty while unknown
        QString peerAddress;
    };

    /// The indexes of entries (which are in arrival order) in display order.
    static std::vector<int> order(const std::vector<Entry> &entries);
    /// The same, from partners(entries) computed already.
    static std::vector<int> order(const std::vector<Entry> &entries,
                                  const std::vector<int> &partner);
    /// For each entry, the index of its other end, or -1.
    static std::vector<int> partners(const std::vector<Entry> &entries);
};

} // namespace TcpInspector
