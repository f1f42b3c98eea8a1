// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framedecoder.h"

namespace TcpInspector {

/// The loop that frames behind a length header share (LengthDecoder,
/// VarintDecoder): a subclass reads the header at m_frameStart and says how
/// long the frame is; this class waits for the frame's last byte, then
/// emits it (Body) or reports the error that skipped it (Skip), and reads
/// the next header. A skip that EOF cuts short reports the bytes that came.
class LengthPrefixedDecoder : public FrameDecoder
{
public:
    PartialFrame partial() const override;

protected:
    explicit LengthPrefixedDecoder(bool failOnError) : m_failOnError(failOnError) { }

    void decodeEof(qint64 end, FrameSink &sink) final;

    /// The loop, for a subclass's decode(). Derived::parseHeader(data, offset,
    /// end, sink) reads header bytes of the frame at m_frameStart; once the
    /// header is whole it calls startBody(), skipFrame() or fail(), or moves
    /// m_frameStart past a bad header, and returns true; false when it needs
    /// bytes after end. A template, not a virtual call, so that parseHeader()
    /// inlines into the loop as before the split: it runs once a frame.
    template<class Derived>
    void decodeFrames(Derived &self, const char *data, qint64 size, qint64 offset, FrameSink &sink)
    {
        const qint64 end = offset + size;
        for (;;) {
            if (m_state == State::Header) {
                if (!self.parseHeader(data, offset, end, sink) || hasFailed())
                    return;
                continue;
            }
            if (end < m_frameEnd)
                return;
            endFrame(sink);
        }
    }

    /// The message of error, a skip that EOF ended after discarded bytes.
    virtual QString skipEndedByEof(const FrameError &error, qint64 discarded) const = 0;

    /// The frame at m_frameStart is length bytes long, with a header of
    /// headerLength and the payload from payloadStart bytes into it.
    void startBody(qint64 length, qint32 headerLength, qint64 payloadStart)
    {
        m_frameEnd = m_frameStart + length;
        m_headerLength = headerLength;
        m_payloadStart = payloadStart;
        m_state = State::Body;
    }
    /// Skips the length bytes at m_frameStart for error, which is reported
    /// once they are all there; with oversize=fail stops at once instead.
    void skipFrame(qint64 length, FrameSink &sink, const FrameError &error);
    /// Reports error; returns false when that stopped the decoder.
    bool report(FrameSink &sink, const FrameError &error);
    bool failOnError() const { return m_failOnError; }
    /// The frame's last byte is in: emits it, or ends its skip.
    void endFrame(FrameSink &sink)
    {
        if (m_state == State::Body) {
            sink.frames.push_back(
                Frame::at(m_frameStart, m_frameEnd - m_frameStart, m_payloadStart, m_headerLength));
        } else {
            m_skipError.discarded = m_frameEnd - m_frameStart;
            sink.errors.push_back(m_skipError);
        }
        m_frameStart = m_frameEnd;
        m_state = State::Header;
    }

    qint64 m_frameStart = 0;
    qint64 m_frameEnd = 0; ///< in Body and Skip

private:
    enum class State { Header, Body, Skip };

    bool m_failOnError;
    State m_state = State::Header;
    qint32 m_headerLength = 0; ///< in Body
    qint64 m_payloadStart = 0; ///< in Body
    FrameError m_skipError;    ///< in Skip: reported when the skip ends
};

} // namespace TcpInspector
