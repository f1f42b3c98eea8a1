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
///
/// A relay's two legs sit together too, the server leg above the client leg
/// (the upstream above, as a server is above its client), and so do the
/// chains they make with the window's own ends: the server panel's
/// connection, the relay's server leg, its client leg, the client panel's
/// connection, top to bottom.
class LaneOrder
{
public:
    struct Entry
    {
        Connection::Side side = Connection::Side::Client;
        QString localAddress; ///< empty while unknown
        QString peerAddress;
        quint64 relayPair = 0; ///< a relay's leg: its pair; 0 for any other
    };

    /// The indexes of entries (which are in arrival order) in display order.
    static std::vector<int> order(const std::vector<Entry> &entries);
    /// The same, from partners(entries) and relayPartners(entries) computed
    /// already.
    static std::vector<int> order(const std::vector<Entry> &entries,
                                  const std::vector<int> &partner,
                                  const std::vector<int> &relayPartner);
    /// For each entry, the index of its other end, or -1.
    static std::vector<int> partners(const std::vector<Entry> &entries);
    /// For each relay leg, the index of the other leg of its pair, or -1.
    static std::vector<int> relayPartners(const std::vector<Entry> &entries);
};

} // namespace TcpInspector
