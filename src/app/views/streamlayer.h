// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connection.h"

namespace TcpInspector {

/// Which of a TLS connection's two recordings a view shows: the plaintext
/// the application read and wrote, or the records as they crossed the socket.
enum class StreamLayer { Plaintext, Wire };

/// The channel a view of @p layer shows: the wire's records when the
/// connection has them, else the plaintext (without TLS there is only that).
inline const StreamChannel *layerChannel(const Connection *connection, Direction direction,
                                         StreamLayer layer)
{
    if (!connection)
        return nullptr;
    if (layer == StreamLayer::Wire) {
        if (const StreamChannel *wire = connection->wire(direction))
            return wire;
    }
    return direction == Direction::Rx ? &connection->rx() : &connection->tx();
}

/// Whether @p connection has a wire layer to show.
inline bool hasWireLayer(const Connection *connection)
{
    return connection && connection->wire(Direction::Rx) && connection->wire(Direction::Tx);
}

} // namespace TcpInspector
