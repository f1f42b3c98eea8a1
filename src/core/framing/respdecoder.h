// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framedecoder.h"

#include <vector>

namespace TcpInspector {

/// Redis' RESP2 and RESP3, both directions: one frame is one top-level value
/// (a whole command or a whole reply, nested aggregates included) or one
/// inline command. Bulk strings are skipped by their length, never scanned, so
/// CRLF inside them is harmless; only a number line cut by a chunk boundary is
/// copied, kNumberLine bytes at most.
///
/// A top-level line that starts with a RESP3 type byte (+ - : $ * _ , # ! = ( % ~ > |)
/// is a value; any other line is an inline command ended by LF (CR optional),
/// as redis-server accepts them. A blank inline line (empty or white space only)
/// is skipped without a frame, as redis skips it without a reply, so requests
/// and replies still pair up. Attributes ('|') belong to the frame of the value
/// they annotate, at any depth, and are no aggregate elements. Streamed strings
/// ($? with ;N chunks) and aggregates (*? %? ~? >? ended by '.') are decoded.
///
/// Frame fields: headerLength is the frame's first line with its terminator
/// (the attribute's line when one leads). kind is the type byte of the
/// top-level value after any attributes ('*', '$', '+', '%', '>' ...), or 0 for
/// an inline command. The payload is that value's content: a simple line's text
/// without type byte and CRLF, a bulk string's data (empty for $-1), an
/// aggregate's elements after its header line (without a streamed terminator),
/// an inline command without its line ending. Status is always Complete: EOF
/// ends no RESP value.
///
/// Errors: a bulk length over max, a frame over max, or a simple/inline line
/// over maxline is Oversize. oversize=skip follows the frame to its end by its
/// counts and discards it whole (one error at its start, discarded = its
/// length); oversize=fail stops at the frame's start. Malformed input (a byte
/// that cannot start a value inside one, a bad number, a missing CRLF, nesting
/// deeper than depth) is fatal at the offending line or byte: bulk data may
/// hold anything, so no resynchronisation point can be trusted.
class RespDecoder final : public FrameDecoder
{
public:
    /// Longest number line ("$123\r\n", ":-5\r\n") without its LF.
    static constexpr int kNumberLine = 32;

    RespDecoder(qint64 max, qint64 maxLine, int maxDepth, bool failOnOversize);
    PartialFrame partial() const override;
    QString kindName(quint16 kind) const override { return kindKey(kind); }
    /// The RESP3 name of a type byte ("array", "bulk_string"), "inline" for 0.
    static QString kindKey(quint16 kind);

protected:
    void decode(const char *data, qint64 size, qint64 offset, FrameSink &sink) override;
    void decodeEof(qint64 end, FrameSink &sink) override;

private:
    /// What a line's first byte makes of it.
    enum class LineClass : quint8 {
        Invalid,
        Inline,    ///< a top-level line without type byte
        Text,      ///< + - , ( free text up to maxline
        Integer,   ///< :
        Null,      ///< _
        Boolean,   ///< #
        Bulk,      ///< $ ! =
        Aggregate, ///< * % ~ >
        Attribute, ///< |
        Chunk,     ///< ; (inside a streamed string)
        End,       ///< . (ends a streamed aggregate)
    };
    enum class State : quint8 { Line, BulkData, BulkCr, BulkLf };
    enum class LevelKind : quint8 { Aggregate, Attribute, StreamedAggregate, StreamedString };
    enum class PayloadEnd : quint8 { Fixed, FrameEnd, LastLine };

    struct Level
    {
        qint64 remaining; ///< elements still to come, the current one included
        LevelKind kind;
    };

    /// What went wrong, for the one place that words the message.
    enum class Problem : quint8 {
        BadByte,
        BadByteAfterAttribute,
        NotAChunk,
        NumberLineTooLong,
        NoCr,
        BadInteger,
        NullWithContent,
        BadBoolean,
        EndWithContent,
        CannotStream,
        BadLength,
        TooDeep,
        NoCrlfAfterBulk,
    };
    enum class OversizeCause : quint8 { Line, Frame, Bulk };

    static LineClass classOf(char first);
    static bool isNumberLine(LineClass lineClass)
    {
        return lineClass != LineClass::Text && lineClass != LineClass::Inline;
    }

    /// State::Line: reads the line at p (up to stop) and handles it once its
    /// LF is in; false when decode() must stop (the chunk ends or a fatal error).
    bool scanLine(const char *&p, const char *stop, const char *data, qint64 offset,
                  FrameSink &sink);
    bool beginLine(char first, FrameSink &sink);
    bool endLine(const char *line, qint64 length, qint64 lineEnd, bool cr, FrameSink &sink);
    bool lineTooLong(qint64 seen, bool trailingCr, FrameSink &sink);
    bool handleLength(const char *line, qint64 contentLength, qint64 lineEnd, FrameSink &sink);
    void startTopValue(qint64 payloadOffset, qint64 payloadLength, PayloadEnd payloadEnd);
    bool push(qint64 count, LevelKind kind, FrameSink &sink);
    void valueComplete(qint64 end, FrameSink &sink);
    void finishFrame(qint64 end, FrameSink &sink);
    // Errors are rare: kept out of line so that the paths above stay small.
    Q_DECL_COLD_FUNCTION bool oversize(OversizeCause cause, qint64 value, FrameSink &sink);
    Q_DECL_COLD_FUNCTION void malformed(qint64 at, Problem problem, FrameSink &sink);

    qint64 m_max;
    qint64 m_maxLine;
    int m_maxDepth;
    bool m_failOnOversize;

    State m_state = State::Line;
    std::vector<Level> m_stack;

    // The frame being decoded.
    qint64 m_frameStart = 0;
    qint32 m_headerLength = 0;
    quint16 m_kind = 0;
    PayloadEnd m_payloadEnd = PayloadEnd::Fixed;
    qint64 m_payloadOffset = 0;
    qint64 m_payloadLength = 0;
    bool m_discarding = false; ///< oversize with skip: followed, then dropped
    QString m_discardMessage;

    // The line being read.
    qint64 m_lineStart = 0;
    qint64 m_lineSeen = 0; ///< bytes of it before this chunk, its LF excluded
    LineClass m_lineClass = LineClass::Invalid;
    char m_lineType = 0;
    bool m_lastWasCr = false;   ///< the line's last byte so far is '\r'
    bool m_inlineBlank = true;  ///< an inline line holds only white space so far
    char m_buffer[kNumberLine]; ///< a number line cut by a chunk boundary

    // The bulk string or stream chunk being skipped.
    qint64 m_bulkRemaining = 0;
    qint64 m_bulkEnd = 0; ///< where its CRLF starts
    bool m_bulkIsChunk = false;
};

} // namespace TcpInspector
