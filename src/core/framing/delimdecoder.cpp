// SPDX-License-Identifier: GPL-3.0-or-later
#include "delimdecoder.h"
#include "text/tr.h"

#include "builtindecoders.h"

#include <algorithm>
#include <cstring>

namespace TcpInspector {

DelimDecoder::DelimDecoder(const QList<QByteArray> &delimiters, qint64 max, bool keepTerminator,
                           bool failOnOversize)
    : m_delimiters(delimiters.begin(), delimiters.end()),
      m_max(max),
      m_keep(keepTerminator),
      m_failOnOversize(failOnOversize)
{
    for (const QByteArray &delimiter : m_delimiters) {
        m_maxDelimiterLength = std::max(m_maxDelimiterLength, delimiter.size());
        const auto first = uchar(delimiter.front());
        if (!m_isFirstByte[first]) {
            m_isFirstByte[first] = true;
            if (m_firstByteCount < MaxMemchrBytes)
                m_firstBytes[m_firstByteCount] = char(first);
            ++m_firstByteCount;
        }
    }
}

PartialFrame DelimDecoder::partial() const
{
    return {m_frameStart, position() - m_frameStart, -1};
}

int DelimDecoder::matchAt(const char *at, qint64 avail, bool eof) const
{
    // In list order: an earlier delimiter that might still match at this
    // byte outranks a later one that already does, so it decides or we wait.
    for (size_t i = 0; i < m_delimiters.size(); ++i) {
        const QByteArray &delimiter = m_delimiters[i];
        if (delimiter.front() != *at)
            continue;
        const qint64 length = delimiter.size();
        if (avail >= length) {
            if (std::memcmp(at, delimiter.constData(), size_t(length)) == 0)
                return int(i);
        } else if (!eof && std::memcmp(at, delimiter.constData(), size_t(avail)) == 0) {
            return NeedMore;
        }
    }
    return NoMatch;
}

void DelimDecoder::checkOversize(qint64 decidedEnd, FrameSink &sink)
{
    if (m_discarding || decidedEnd - m_frameStart <= m_max)
        return;
    if (m_failOnOversize) {
        fail(sink, FrameError::at(
                       FrameError::Oversize, m_frameStart, 0,
                       Tr::tr("No delimiter within max=%1 bytes; stopped decoding.").arg(m_max)));
        return;
    }
    m_discarding = true;
}

void DelimDecoder::endFrame(qint64 delimStart, int which, FrameSink &sink)
{
    const qint64 end = delimStart + m_delimiters[size_t(which)].size();
    if (m_discarding) {
        sink.errors.push_back(FrameError::at(FrameError::Oversize, m_frameStart, end - m_frameStart,
                                             Tr::tr("Frame of %1 bytes is longer than max=%2; "
                                                    "discarded it through its delimiter.")
                                                 .arg(delimStart - m_frameStart)
                                                 .arg(m_max)));
        m_discarding = false;
    } else {
        Frame frame = Frame::at(m_frameStart, end - m_frameStart, 0, 0, quint16(which));
        if (!m_keep)
            frame.payloadLength = delimStart - m_frameStart;
        sink.frames.push_back(frame);
    }
    m_frameStart = end;
}

qint64 DelimDecoder::scan(const char *buf, qint64 bufOffset, qint64 bufLen, qint64 from, qint64 to,
                          bool eof, bool *pending, FrameSink &sink)
{
    *pending = false;
    const char *cursor = buf + from;
    const char *const stop = buf + to;
    // Where each first byte occurs next (stop: nowhere). A byte's memchr
    // reruns only once the cursor passed its last hit, so each byte value
    // scans the buffer once: linear, and fast when a byte is rare (00 next
    // to 0a, say).
    const bool useMemchr = m_firstByteCount <= MaxMemchrBytes;
    const char *next[MaxMemchrBytes] = {};
    while (cursor < stop) {
        const char *candidate = stop;
        if (useMemchr) {
            for (int i = 0; i < m_firstByteCount; ++i) {
                if (!next[i] || next[i] < cursor) {
                    const void *hit = std::memchr(cursor, m_firstBytes[i], size_t(stop - cursor));
                    next[i] = hit ? static_cast<const char *>(hit) : stop;
                }
                candidate = std::min(candidate, next[i]);
            }
        } else {
            candidate = cursor;
            while (candidate < stop && !m_isFirstByte[uchar(*candidate)])
                ++candidate;
        }
        if (candidate == stop) {
            cursor = stop;
            break;
        }
        const qint64 candidateOffset = bufOffset + (candidate - buf);
        // Every byte before the candidate starts no delimiter: the frame is
        // at least that long, whatever the chunking.
        checkOversize(candidateOffset, sink);
        if (hasFailed())
            return candidate - buf;
        const int which = matchAt(candidate, bufLen - (candidate - buf), eof);
        if (which == NeedMore) {
            *pending = true;
            return candidate - buf;
        }
        if (which == NoMatch) {
            cursor = candidate + 1;
            continue;
        }
        endFrame(candidateOffset, which, sink);
        cursor = candidate + m_delimiters[size_t(which)].size();
    }
    // cursor may lie past `to` when a delimiter that starts before it ends after it.
    checkOversize(bufOffset + (cursor - buf), sink);
    return cursor - buf;
}

void DelimDecoder::decode(const char *data, qint64 size, qint64 offset, FrameSink &sink)
{
    qint64 from = 0;
    bool pending = false;
    if (!m_carry.isEmpty()) {
        // A delimiter that may start in the carry ends at most
        // maxDelimiterLength - 1 bytes into this chunk: join only that much.
        const qint64 carryLength = m_carry.size();
        const qint64 take = std::min<qint64>(size, m_maxDelimiterLength - 1);
        m_joined.resize(0);
        m_joined.append(m_carry);
        m_joined.append(data, take);
        const qint64 next = scan(m_joined.constData(), m_carryOffset, m_joined.size(), 0,
                                 carryLength, false, &pending, sink);
        if (hasFailed())
            return;
        if (pending) {
            // Still cut off, so the whole chunk is in m_joined (take == size).
            m_carryOffset += next;
            m_carry = m_joined.mid(next);
            return;
        }
        m_carry.clear();
        from = m_carryOffset + next - offset;
    }
    const qint64 next = scan(data, offset, size, from, size, false, &pending, sink);
    if (hasFailed() || !pending)
        return;
    m_carryOffset = offset + next;
    m_carry = QByteArray(data + next, size - next);
}

void DelimDecoder::decodeEof(qint64 end, FrameSink &sink)
{
    if (!m_carry.isEmpty()) {
        // EOF settles what the carry waited for: a delimiter cut off by the
        // end does not match, and a shorter one after it still may.
        bool pending = false;
        const QByteArray carry = m_carry;
        m_carry.clear();
        scan(carry.constData(), m_carryOffset, carry.size(), 0, carry.size(), true, &pending, sink);
        if (hasFailed())
            return;
    }
    if (!m_discarding)
        return;
    const QString message = Tr::tr("Frame longer than max=%1 bytes ran to the "
                                   "end of the stream; discarded it.")
                                .arg(m_max);
    sink.errors.push_back(oversizeAtEof(m_frameStart, end, message));
    m_discarding = false;
    m_frameStart = end;
}

DecoderInfo delimDecoderInfo()
{
    DecoderInfo info(QStringLiteral("delim"),
                     QStringLiteral("frames ended by one of several byte strings"),
                     QStringLiteral("delim:hex=00,hex=0d0a,max=64K"));
    OptionInfo hex;
    hex.key = QStringLiteral("hex");
    hex.type = OptionInfo::Hex;
    hex.required = true;
    hex.repeatable = true;
    hex.help = QStringLiteral("a delimiter in hex; repeat for several, the first listed wins ties");
    info.options
        = {hex, maxOption(),
           terminatorOption(QStringLiteral("leave the delimiter out of the payload or keep it")),
           oversizeOption()};
    info.create = [](const DecoderOptions &options, QString *error) {
        const QList<QByteArray> delimiters = options.hexes(QStringLiteral("hex"));
        for (const QByteArray &delimiter : delimiters) {
            if (delimiter.size() > DelimDecoder::MaxDelimiterLength) {
                *error = Tr::tr("A delimiter of %1 bytes is too long; "
                                "give at most %2 bytes.")
                             .arg(delimiter.size())
                             .arg(DelimDecoder::MaxDelimiterLength);
                return std::unique_ptr<FrameDecoder>();
            }
        }
        return std::unique_ptr<FrameDecoder>(
            new DelimDecoder(delimiters, options.size(QStringLiteral("max")),
                             options.choice(QStringLiteral("terminator")) == QLatin1String("keep"),
                             options.choice(QStringLiteral("oversize")) == QLatin1String("fail")));
    };
    return info;
}

} // namespace TcpInspector
