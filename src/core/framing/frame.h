// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <vector>

namespace TcpInspector {

/// One message that a decoder reassembled. It refers to the stream by offsets
/// and owns no bytes: the bytes stay in the StreamStore.
struct Frame
{
    enum Status : quint8 {
        Complete,   ///< ended where its framing said it ends
        EndedByEof, ///< its framing lets EOF end it (an HTTP body without length)
    };

    qint64 offset = 0;        ///< stream offset of its first byte
    qint64 length = 0;        ///< all its bytes: header, payload, terminator
    qint64 payloadOffset = 0; ///< what an application would see, after strip/terminator rules
    qint64 payloadLength = 0;
    qint32 headerLength
        = 0;          ///< bytes of header at the front (length field, HTTP head, RESP type line)
    quint16 kind = 0; ///< decoder-specific tag (see each decoder's header)
    Status status = Complete;

    qint64 end() const { return offset + length; }
    /// length bytes at offset, the payload from payloadStart bytes in to the
    /// end: the shape of every frame whose header (if any) is its only overhead.
    static Frame at(qint64 offset, qint64 length, qint64 payloadStart = 0, qint32 headerLength = 0,
                    quint16 kind = 0)
    {
        Frame frame;
        frame.offset = offset;
        frame.length = length;
        frame.payloadOffset = offset + payloadStart;
        frame.payloadLength = length - payloadStart;
        frame.headerLength = headerLength;
        frame.kind = kind;
        return frame;
    }
    friend bool operator==(const Frame &a, const Frame &b)
    {
        return a.offset == b.offset && a.length == b.length && a.payloadOffset == b.payloadOffset
               && a.payloadLength == b.payloadLength && a.headerLength == b.headerLength
               && a.kind == b.kind && a.status == b.status;
    }
    friend bool operator!=(const Frame &a, const Frame &b) { return !(a == b); }
};

/// A framing problem at a place in the stream, and what the decoder did about it.
struct FrameError
{
    enum Kind : quint8 {
        Oversize,  ///< a frame longer than the decoder's max
        Malformed, ///< bytes that break the framing's grammar
    };

    Kind kind = Malformed;
    qint64 offset = 0;    ///< where the problem starts
    qint64 discarded = 0; ///< bytes thrown away to resynchronise (0 when fatal)
    bool fatal = false;   ///< the decoder stopped; later bytes are not decoded
    QString message;      ///< one sentence, for people

    /// An error of kind at offset that threw discarded bytes away (0 when
    /// none were, or the error is fatal).
    static FrameError at(Kind kind, qint64 offset, qint64 discarded, const QString &message)
    {
        FrameError error;
        error.kind = kind;
        error.offset = offset;
        error.discarded = discarded;
        error.message = message;
        return error;
    }
    friend bool operator==(const FrameError &a, const FrameError &b)
    {
        return a.kind == b.kind && a.offset == b.offset && a.discarded == b.discarded
               && a.fatal == b.fatal;
    }
};

/// The unfinished tail: bytes after the last frame that do not make a frame yet.
struct PartialFrame
{
    qint64 offset = 0;  ///< where the unfinished frame starts
    qint64 held = 0;    ///< bytes of it received so far (0: nothing pending)
    qint64 needed = -1; ///< bytes still missing when the framing says, -1 when unknown
};

/// Where a decoder puts its output. Plain vectors, because a decoder may emit
/// tens of millions of frames a second and the caller drains them in batches.
struct FrameSink
{
    std::vector<Frame> frames;
    std::vector<FrameError> errors;

    void clear()
    {
        frames.clear();
        errors.clear();
    }
};

QString frameErrorKindName(FrameError::Kind kind);

} // namespace TcpInspector
