// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stream/linking.h"

#include <vector>

namespace TcpInspector {

class ChunkTableModel;
class MessageTableModel;

/// The part of a hex view's byte window that one chunk or message covers.
struct LinkSpan
{
    qint64 from = 0;     ///< first byte inside the window
    qint64 to = 0;       ///< one past the last byte inside the window
    int row = -1;        ///< the chunk's or the message's row in its model
    bool opens = false;  ///< it starts inside the window (draw the opening)
    bool closes = false; ///< it ends inside the window (draw the closing)
    friend bool operator==(const LinkSpan &a, const LinkSpan &b)
    {
        return a.from == b.from && a.to == b.to && a.row == b.row && a.opens == b.opens
               && a.closes == b.closes;
    }
};

/// What selecting a row in one stream table highlights in the other table and
/// in the hex view: the chunks a message was built from, the messages a chunk
/// touches, and the chunk bands and message brackets of a byte window.
///
/// Works on rows as the two models announced them, so it never names a row a
/// view does not have yet. Both models must show the same channel.
class StreamLinks
{
public:
    StreamLinks(const ChunkTableModel &chunks, const MessageTableModel &messages);

    /// The chunk rows holding a message row's bytes (an error: the bytes it
    /// discarded, or the byte where it stopped decoding; the partial row: the
    /// bytes held).
    IndexRange chunkRowsOfMessage(int messageRow) const;
    /// The message rows (messages, errors, the partial tail) sharing a byte
    /// with a chunk row.
    IndexRange messageRowsOfChunk(int chunkRow) const;
    /// The message row (a message, an error's discarded bytes, the partial
    /// tail) holding the byte at offset, or -1.
    int messageRowAt(qint64 offset) const;

    /// The chunks inside the byte window [from, to), for alternating bands.
    std::vector<LinkSpan> chunkBands(qint64 from, qint64 to) const;
    /// The message rows inside the byte window [from, to), in stream order.
    std::vector<LinkSpan> messageBrackets(qint64 from, qint64 to) const;

private:
    bool sameChannel() const;
    /// The frames sharing a byte with [from, to), among those announced.
    IndexRange announcedFramesTouching(qint64 from, qint64 to) const;
    qint64 announcedBytes() const;

    const ChunkTableModel &m_chunks;
    const MessageTableModel &m_messages;
};

} // namespace TcpInspector
