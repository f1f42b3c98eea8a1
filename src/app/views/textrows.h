// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/rowmodel.h"
#include "views/textlineindex.h"

#include <vector>

namespace TcpInspector {

/// The rows of the text view: the lines of a TextLineIndex, which it builds
/// by reading the stream, only as far as asked (a gigabyte takes about a
/// second), so the rows may cover less than the stream.
class TextRows : public RowModel
{
public:
    const TextLineIndex &index() const { return m_index; }
    int wrapWidth() const { return m_index.wrapWidth(); }
    /// Forgets the lines; they are read again as far as needed.
    void setWrapWidth(int bytes) { m_index.reset(bytes); }

    // RowModel API
    qint64 rowCount() const override { return m_index.lineCount(); }
    qint64 rowStart(qint64 row) const override { return m_index.lineStart(row); }
    qint64 rowEnd(qint64 row) const override { return m_index.lineEnd(row); }
    qint64 rowOf(qint64 offset) const override { return m_index.lineOf(offset); }
    qint64 shownBytes() const override { return m_index.indexedBytes(); }
    /// The start of the last line, which may still grow.
    qint64 settledEnd() const override;
    void reset(const StreamStore *store) override;
    void setStreamSize(qint64 size) override { m_size = size; }
    void catchUp(int milliseconds) override;
    bool reach(qint64 offset) override;

private:
    /// Indexes the next read of the stream; false when there was nothing to read.
    bool step();

    const StreamStore *m_store = nullptr;
    qint64 m_size = 0;
    TextLineIndex m_index;
    std::vector<char> m_buffer;
};

} // namespace TcpInspector
