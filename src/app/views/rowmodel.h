// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace TcpInspector {

class StreamStore;

/// Which bytes of a stream each row of a byte view holds: fixed-width hex
/// rows or text lines. The view scrolls, selects and paints through this,
/// without asking which of the two it shows.
class RowModel
{
public:
    virtual ~RowModel() = default;

    /// Rows so far.
    virtual qint64 rowCount() const = 0;
    virtual qint64 rowStart(qint64 row) const = 0;
    /// One past the row's last byte.
    virtual qint64 rowEnd(qint64 row) const = 0;
    /// The row holding offset, or -1 when no row holds it (yet).
    virtual qint64 rowOf(qint64 offset) const = 0;
    /// The bytes the rows cover, from offset 0.
    virtual qint64 shownBytes() const = 0;
    /// Below this offset rows never change as the stream grows.
    virtual qint64 settledEnd() const = 0;

    /// Forgets every row: the bytes now come from store (nullptr for none).
    virtual void reset(const StreamStore *store) = 0;
    /// The bytes of the store that rows may cover, from offset 0.
    virtual void setStreamSize(qint64 size) = 0;
    /// Lays out rows for what setStreamSize() added, for at most milliseconds.
    virtual void catchUp(int milliseconds) = 0;
    /// Lays out rows at least as far as offset, however long that takes.
    /// Returns whether there are new rows.
    virtual bool reach(qint64 offset) = 0;
};

} // namespace TcpInspector
