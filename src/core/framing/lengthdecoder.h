// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lengthprefixeddecoder.h"

namespace TcpInspector {

/// Frames that carry their length in a header field, a superset of Netty's
/// LengthFieldBasedFrameDecoder. The field of `bytes` bytes sits `offset`
/// bytes into the frame; a frame is offset + bytes + value + adjust bytes
/// long, its header (Frame::headerLength) is offset + bytes, and its payload
/// starts `strip` bytes into the frame. `max` bounds the whole frame.
/// Frame::kind is always 0.
///
/// Oversize: skip discards the whole frame the header claims and reads the
/// next header after it, reporting the error once the frame's bytes are all
/// there (at EOF, with the bytes that came); fail stops at the frame.
/// Malformed: a value that makes the frame shorter than its header, or
/// shorter than strip. A length-prefixed stream has no resync marker, so skip
/// does what Netty does: it discards just the header (or, for a frame
/// shorter than strip, the frame) and reads the next header after it; fail
/// stops. A claimed length beyond what any stream can hold always stops.
class LengthDecoder final : public LengthPrefixedDecoder
{
public:
    struct Options
    {
        int fieldBytes = 4; ///< 1, 2, 3, 4 or 8
        bool bigEndian = true;
        qint64 fieldOffset = 0;
        qint64 adjust = 0;
        qint64 strip = 0;
        qint64 max = 16 << 20;
        bool failOnError = false;
    };

    explicit LengthDecoder(const Options &options);

protected:
    void decode(const char *data, qint64 size, qint64 offset, FrameSink &sink) override;
    QString skipEndedByEof(const FrameError &error, qint64 discarded) const override;

private:
    friend class LengthPrefixedDecoder; // calls parseHeader()

    bool parseHeader(const char *data, qint64 offset, qint64 end, FrameSink &sink);
    /// The header is complete in m_field: check it and choose the next state.
    void startFrame(FrameSink &sink);

    Options m_options;
    qint64 m_headerLength;
    unsigned char m_field[8] = {};
    int m_fieldHave = 0; ///< bytes of the length field copied so far
};

} // namespace TcpInspector
