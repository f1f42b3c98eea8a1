// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes/laneorder.h"

#include <QHash>

#include <deque>

namespace TcpInspector {

std::vector<int> LaneOrder::partners(const std::vector<Entry> &entries)
{
    std::vector<int> partner(entries.size(), -1);
    // Clients waiting for their server end, by "local|peer". A port pair can
    // come back (a fixed local port reused after TIME_WAIT): the earliest
    // unmatched client pairs with the next server.
    QHash<QString, std::deque<int>> clients;
    for (size_t i = 0; i < entries.size(); ++i) {
        const Entry &e = entries[i];
        if (e.side == Connection::Side::Client && !e.localAddress.isEmpty()
            && !e.peerAddress.isEmpty())
            clients[e.localAddress + QLatin1Char('|') + e.peerAddress].push_back(int(i));
    }
    for (size_t i = 0; i < entries.size(); ++i) {
        const Entry &e = entries[i];
        if (e.side != Connection::Side::Server || e.localAddress.isEmpty()
            || e.peerAddress.isEmpty())
            continue;
        auto it = clients.find(e.peerAddress + QLatin1Char('|') + e.localAddress);
        if (it == clients.end() || it->empty())
            continue;
        const int client = it->front();
        it->pop_front();
        partner[i] = client;
        partner[size_t(client)] = int(i);
    }
    return partner;
}

std::vector<int> LaneOrder::order(const std::vector<Entry> &entries)
{
    return order(entries, partners(entries));
}

std::vector<int> LaneOrder::order(const std::vector<Entry> &entries,
                                  const std::vector<int> &partner)
{
    std::vector<int> result;
    result.reserve(entries.size());
    std::vector<bool> placed(entries.size(), false);
    for (size_t i = 0; i < entries.size(); ++i) {
        if (placed[i])
            continue;
        const int other = partner[i];
        if (other < 0) {
            result.push_back(int(i));
            placed[i] = true;
            continue;
        }
        const bool serverFirst = entries[i].side == Connection::Side::Server;
        result.push_back(serverFirst ? int(i) : other);
        result.push_back(serverFirst ? other : int(i));
        placed[i] = placed[size_t(other)] = true;
    }
    return result;
}

} // namespace TcpInspector
