// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lengthprefixeddecoder.h"

namespace TcpInspector {

/// Messages behind a protobuf base-128 varint length, as written by
/// writeDelimitedTo() (or Netty's ProtobufVarint32LengthFieldPrepender, with
/// 64-bit lengths). The header (Frame::headerLength) is the varint, 1 to 10
/// bytes; the payload is the message after it. `max` bounds the varint's
/// value, the message length. Frame::kind is always 0.
///
/// Oversize: skip discards the varint and the message it announces and
/// reports the error once they are all there (at EOF, with the bytes that
/// came); fail stops at the varint. Malformed (a tenth byte that still has
/// the continuation bit): skip discards those ten bytes and reads a varint
/// right after them, like the length decoder discarding a bad header; fail
/// stops. A length beyond what any stream can hold always stops.
class VarintDecoder final : public LengthPrefixedDecoder
{
public:
    static constexpr int MaxVarintBytes = 10;

    VarintDecoder(qint64 max, bool failOnError) : LengthPrefixedDecoder(failOnError), m_max(max) { }

protected:
    void decode(const char *data, qint64 size, qint64 offset, FrameSink &sink) override;
    QString skipEndedByEof(const FrameError &error, qint64 discarded) const override;

private:
    friend class LengthPrefixedDecoder; // calls parseHeader()

    bool parseHeader(const char *data, qint64 offset, qint64 end, FrameSink &sink);
    /// The varint ended at m_frameStart + m_varintBytes: check it.
    void startFrame(FrameSink &sink);
    /// The tenth byte still continued.
    void malformedVarint(FrameSink &sink);

    qint64 m_max;
    quint64 m_value = 0;     ///< the varint so far
    bool m_overflow = false; ///< the varint has bits past 64
    int m_varintBytes = 0;   ///< varint bytes read so far
    int m_headerLength = 0;  ///< the finished varint's length
};

} // namespace TcpInspector
