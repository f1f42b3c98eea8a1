// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framedecoder.h"

namespace TcpInspector {

/// Lines ended by LF, CRLF or either, like bufio.Reader.ReadString('\n') or
/// Netty's LineBasedFrameDecoder. A frame holds its terminator; the payload
/// leaves it out unless terminator=keep.
///
/// Oversize (content longer than max): skip discards through the next
/// terminator and reports the discarded bytes; fail stops at the line's start.
class LineDecoder final : public FrameDecoder
{
public:
    enum class Eol { Lf, CrLf, Any };

    LineDecoder(Eol eol, qint64 max, bool keepTerminator, bool failOnOversize);
    PartialFrame partial() const override;

protected:
    void decode(const char *data, qint64 size, qint64 offset, FrameSink &sink) override;
    void decodeEof(qint64 end, FrameSink &sink) override;

private:
    /// A terminator ends at (excluding) end; termLength is 1 or 2.
    void emitLine(qint64 termStart, qint64 end, FrameSink &sink);
    void failOversize(FrameSink &sink);

    Eol m_eol;
    qint64 m_max;
    bool m_keep;
    bool m_failOnOversize;
    qint64 m_frameStart = 0;
    bool m_lastWasCr = false;  ///< the byte before the current chunk was '\r'
    bool m_discarding = false; ///< inside an oversize line, waiting for its terminator
};

} // namespace TcpInspector
