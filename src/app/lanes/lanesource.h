// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connection.h"
#include "stream/streamstore.h"
#include "timeline/timeline.h"

#include <QString>

namespace TcpInspector {

/// What one lane of the timeline is drawn from: a connection's events and the
/// chunk indexes of its two directions, with the names that label it. The
/// timeline logic and view read lanes only through this, so tests and
/// benchmarks can feed them recorded or synthetic data without sockets.
///
/// Every call may come from the GUI thread while another thread appends.
class LaneSource
{
public:
    virtual ~LaneSource() = default;

    virtual quint64 id() const = 0;
    virtual Connection::Side side() const = 0;
    /// "qt" or "native".
    virtual QString engineName() const = 0;
    /// "127.0.0.1:51234"; empty until the connection is established.
    virtual QString localAddress() const = 0;
    virtual QString peerAddress() const = 0;
    virtual const Timeline &timeline() const = 0;
    virtual const StreamStore &store(Direction direction) const = 0;
    /// A relay's leg: its pair (from 1); 0 for any other connection.
    virtual quint64 relayPair() const { return 0; }
    /// The connection behind the lane, or nullptr for recorded data.
    virtual Connection *connection() const { return nullptr; }
};

} // namespace TcpInspector
