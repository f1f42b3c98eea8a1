// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framedecoder.h"

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
class LengthDecoder final : public FrameDecoder
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
    PartialFrame partial() const override;

protected:
    void decode(const char *data, qint64 size, qint64 offset, FrameSink &sink) override;
    void decodeEof(qint64 end, FrameSink &sink) override;

private:
    enum class State { Header, Body, Skip };

    /// The header is complete in m_field: check it and choose the next state.
    void startFrame(FrameSink &sink);
    /// Reports error; returns false when that stopped the decoder.
    bool report(FrameSink &sink, FrameError error);
    /// Skips the frame for error, reported once its bytes are all there.
    void skipFrame(FrameSink &sink, const FrameError &error);

    Options m_options;
    qint64 m_headerLength;
    State m_state = State::Header;
    qint64 m_frameStart = 0;
    qint64 m_frameEnd = 0;  ///< in Body and Skip
    FrameError m_skipError; ///< in Skip: reported when the skip ends
    unsigned char m_field[8] = {};
    int m_fieldHave = 0; ///< bytes of the length field copied so far
};

} // namespace TcpInspector
