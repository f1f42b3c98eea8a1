// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes/laneorder.h"

#include <QHash>

#include <array>
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

std::vector<int> LaneOrder::relayPartners(const std::vector<Entry> &entries)
{
    std::vector<int> partner(entries.size(), -1);
    QHash<quint64, int> seen; // pair -> the first leg of it
    for (size_t i = 0; i < entries.size(); ++i) {
        const quint64 pair = entries[i].relayPair;
        if (pair == 0)
            continue;
        const auto it = seen.constFind(pair);
        if (it == seen.cend()) {
            seen.insert(pair, int(i));
            continue;
        }
        // Two legs of a pair are two sides; anything else is no pair.
        if (entries[size_t(*it)].side != entries[i].side && partner[size_t(*it)] < 0) {
            partner[size_t(*it)] = int(i);
            partner[i] = *it;
        }
    }
    return partner;
}

std::vector<int> LaneOrder::order(const std::vector<Entry> &entries)
{
    return order(entries, partners(entries), relayPartners(entries));
}

namespace {

/// Whether going from entry a to its link b moves down the display: a
/// loopback pair shows its server end above its client end, a relay pair
/// its server leg (a client) above its client leg (a server).
bool goesDown(const std::vector<LaneOrder::Entry> &entries, size_t a, bool relayLink)
{
    const bool aIsServer = entries[a].side == Connection::Side::Server;
    return relayLink ? !aIsServer : aIsServer;
}

} // namespace

std::vector<int> LaneOrder::order(const std::vector<Entry> &entries,
                                  const std::vector<int> &partner,
                                  const std::vector<int> &relayPartner)
{
    std::vector<int> result;
    result.reserve(entries.size());
    std::vector<bool> placed(entries.size(), false);
    const auto links = [&](size_t i) {
        return std::array<int, 2> {partner[i], relayPartner.empty() ? -1 : relayPartner[i]};
    };
    for (size_t i = 0; i < entries.size(); ++i) {
        if (placed[i])
            continue;
        // Each lane has at most two links, so its group is a chain: walk up
        // to its top (the end no link goes down to), then down from there.
        size_t top = i;
        std::vector<bool> walked(entries.size(), false);
        walked[top] = true;
        for (bool moved = true; moved;) {
            moved = false;
            for (int k = 0; k < 2; ++k) {
                const int up = links(top)[size_t(k)];
                if (up >= 0 && !walked[size_t(up)] && goesDown(entries, size_t(up), k == 1)) {
                    top = size_t(up);
                    walked[top] = true;
                    moved = true;
                    break;
                }
            }
        }
        for (int at = int(top); at >= 0 && !placed[size_t(at)];) {
            result.push_back(at);
            placed[size_t(at)] = true;
            const std::array<int, 2> next = links(size_t(at));
            at = next[0] >= 0 && !placed[size_t(next[0])]   ? next[0]
                 : next[1] >= 0 && !placed[size_t(next[1])] ? next[1]
                                                            : -1;
        }
    }
    return result;
}

} // namespace TcpInspector
