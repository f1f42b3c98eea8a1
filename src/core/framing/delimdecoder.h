// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framedecoder.h"

#include <QByteArray>
#include <QList>

#include <vector>

namespace TcpInspector {

/// Frames ended by one of several byte strings, like Netty's
/// DelimiterBasedFrameDecoder: the delimiter that starts first wins (the
/// shortest frame), and of delimiters starting at the same byte the one listed
/// first. A frame holds its delimiter; the payload leaves it out unless
/// terminator=keep. Frame::kind is the index of the delimiter that ended the
/// frame (0 for the first hex= given).
///
/// Oversize (content before the delimiter longer than max): skip discards
/// through the next delimiter and reports the discarded bytes (at EOF, through
/// the end); fail stops at the frame's start. Nothing else is malformed.
class DelimDecoder final : public FrameDecoder
{
public:
    /// The longest delimiter accepted; it bounds what the decoder holds.
    static constexpr qsizetype MaxDelimiterLength = 256;

    DelimDecoder(const QList<QByteArray> &delimiters, qint64 max, bool keepTerminator,
                 bool failOnOversize);
    PartialFrame partial() const override;

protected:
    void decode(const char *data, qint64 size, qint64 offset, FrameSink &sink) override;
    void decodeEof(qint64 end, FrameSink &sink) override;

private:
    static constexpr int NoMatch = -1;
    static constexpr int NeedMore = -2;

    /// Which delimiter starts at `at` (avail bytes readable there), NoMatch, or
    /// NeedMore when a delimiter that would win is cut off by the end of data.
    int matchAt(const char *at, qint64 avail, bool eof) const;
    /// Looks for delimiters starting in buf[from, to); buf holds bufLen bytes
    /// from stream offset bufOffset. Returns the index scanning goes on from;
    /// *pending says it stopped at a possible delimiter cut off by bufLen.
    qint64 scan(const char *buf, qint64 bufOffset, qint64 bufLen, qint64 from, qint64 to, bool eof,
                bool *pending, FrameSink &sink);
    /// No delimiter starts in [m_frameStart, decidedEnd): act on oversize.
    void checkOversize(qint64 decidedEnd, FrameSink &sink);
    void endFrame(qint64 delimStart, int which, FrameSink &sink);

    std::vector<QByteArray> m_delimiters;
    qsizetype m_maxDelimiterLength = 1;
    /// Few distinct first bytes: memchr for each finds candidates; more: a table.
    static constexpr int MaxMemchrBytes = 4;
    bool m_isFirstByte[256] = {};
    int m_firstByteCount = 0; ///< distinct first bytes
    char m_firstBytes[MaxMemchrBytes] = {};
    qint64 m_max;
    bool m_keep;
    bool m_failOnOversize;
    qint64 m_frameStart = 0;
    bool m_discarding = false; ///< inside an oversize frame, waiting for its delimiter
    /// Bytes from the first position not yet decided (a delimiter may start
    /// there but runs past what arrived): fewer than the longest delimiter.
    QByteArray m_carry;
    qint64 m_carryOffset = 0;
    QByteArray m_joined; ///< m_carry plus the head of the next chunk, reused
};

} // namespace TcpInspector
