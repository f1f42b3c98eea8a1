// SPDX-License-Identifier: GPL-3.0-or-later
#include "respdecoder.h"
#include "text/tr.h"

#include "builtindecoders.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

namespace TcpInspector {

namespace {

// White space as redis-server's sdssplitargs() sees it: an inline line of only
// these has no arguments, and redis skips it without a reply.
bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

// A decimal number with an optional '-', as redis' string2ll() takes it, of at
// most maxDigits digits. By hand: this runs for every header line.
bool parseNumber(const char *p, qint64 n, int maxDigits, qint64 *value)
{
    bool negative = false;
    if (n > 0 && *p == '-') {
        negative = true;
        ++p;
        --n;
    }
    if (n <= 0 || n > maxDigits)
        return false;
    quint64 v = 0;
    for (qint64 i = 0; i < n; ++i) {
        const unsigned digit = unsigned(static_cast<unsigned char>(p[i])) - unsigned('0');
        if (digit > 9)
            return false;
        v = v * 10 + digit;
    }
    const quint64 limit = quint64(std::numeric_limits<qint64>::max()) + (negative ? 1 : 0);
    if (v > limit)
        return false;
    *value = negative ? qint64(0 - v) : qint64(v);
    return true;
}

// Lengths and counts get 18 digits at most, so that offsets plus lengths and
// map counts times two cannot overflow; integers (':') get the full 64 bits.
constexpr int kLengthDigits = 18;
constexpr int kIntegerDigits = 19;

QString byteName(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f)
        return QStringLiteral("'%1'").arg(QLatin1Char(c));
    return QStringLiteral("0x%1").arg(u, 2, 16, QLatin1Char('0'));
}

} // namespace

RespDecoder::RespDecoder(qint64 max, qint64 maxLine, int maxDepth, bool failOnOversize)
    : m_max(max), m_maxLine(maxLine), m_maxDepth(maxDepth), m_failOnOversize(failOnOversize)
{
    // Real replies nest a few levels; reserving a little keeps the common case
    // free of allocations without paying for depth=4096 up front.
    m_stack.reserve(size_t(std::min(maxDepth, 16)));
}

RespDecoder::LineClass RespDecoder::classOf(char first)
{
    static constexpr std::array<LineClass, 256> table = [] {
        std::array<LineClass, 256> t {}; // LineClass::Invalid
        for (const unsigned char c : {'+', '-', ',', '('})
            t[c] = LineClass::Text;
        for (const unsigned char c : {'$', '!', '='})
            t[c] = LineClass::Bulk;
        for (const unsigned char c : {'*', '%', '~', '>'})
            t[c] = LineClass::Aggregate;
        t[size_t(':')] = LineClass::Integer;
        t[size_t('_')] = LineClass::Null;
        t[size_t('#')] = LineClass::Boolean;
        t[size_t('|')] = LineClass::Attribute;
        t[size_t(';')] = LineClass::Chunk;
        t[size_t('.')] = LineClass::End;
        return t;
    }();
    return table[static_cast<unsigned char>(first)];
}

PartialFrame RespDecoder::partial() const
{
    const qint64 held = position() - m_frameStart;
    if (held == 0 || hasFailed())
        return {m_frameStart, held, -1};
    // Inside a bulk string the missing bytes are known when nothing else
    // follows it: it is the last element of every enclosing aggregate.
    if (m_state == State::Line || m_bulkIsChunk)
        return {m_frameStart, held, -1};
    for (const Level &level : m_stack) {
        if (level.kind != LevelKind::Aggregate || level.remaining != 1)
            return {m_frameStart, held, -1};
    }
    qint64 needed = 1;
    if (m_state == State::BulkData)
        needed = m_bulkRemaining + 2;
    else if (m_state == State::BulkCr)
        needed = 2;
    return {m_frameStart, held, needed};
}

void RespDecoder::malformed(qint64 at, Problem problem, FrameSink &sink)
{
    QString message;
    switch (problem) {
    case Problem::BadByte:
        message = Tr::tr("Byte %1 cannot start a RESP value; the stream is not RESP or a length "
                         "before it is wrong.")
                      .arg(byteName(m_lineType));
        break;
    case Problem::BadByteAfterAttribute:
        message = Tr::tr("Byte %1 cannot start the value that a RESP attribute annotates.")
                      .arg(byteName(m_lineType));
        break;
    case Problem::NotAChunk:
        message = Tr::tr("Byte %1 inside a streamed RESP string, where a ';' chunk was expected.")
                      .arg(byteName(m_lineType));
        break;
    case Problem::NumberLineTooLong:
        message = Tr::tr("RESP line of type %1 is longer than %2 bytes; it cannot hold a valid "
                         "number.")
                      .arg(byteName(m_lineType))
                      .arg(kNumberLine);
        break;
    case Problem::NoCr:
        message = Tr::tr("RESP line ended by LF without CR.");
        break;
    case Problem::BadInteger:
        message = Tr::tr("RESP integer is not a 64-bit decimal number.");
        break;
    case Problem::NullWithContent:
        message = Tr::tr("RESP null ('_') with content.");
        break;
    case Problem::BadBoolean:
        message = Tr::tr("RESP boolean that is neither #t nor #f.");
        break;
    case Problem::EndWithContent:
        message = Tr::tr("RESP stream end ('.') with content.");
        break;
    case Problem::CannotStream:
        message = Tr::tr("RESP type %1 cannot be streamed ('?').").arg(byteName(m_lineType));
        break;
    case Problem::BadLength:
        message = Tr::tr("RESP line of type %1 has no valid length or count.")
                      .arg(byteName(m_lineType));
        break;
    case Problem::TooDeep:
        message = Tr::tr("RESP value nested deeper than depth=%1; raise depth if this is real.")
                      .arg(m_maxDepth);
        break;
    case Problem::NoCrlfAfterBulk:
        message = Tr::tr("RESP bulk string not followed by CRLF; its length is wrong or bytes "
                         "are missing.");
        break;
    }
    fail(sink, FrameError::at(FrameError::Malformed, at, 0, message));
}

bool RespDecoder::oversize(OversizeCause cause, qint64 value, FrameSink &sink)
{
    const bool stop = m_failOnOversize;
    QString message;
    switch (cause) {
    case OversizeCause::Line:
        message
            = stop ? Tr::tr("Line longer than maxline=%1 bytes; stopped decoding.").arg(m_maxLine)
                   : Tr::tr("Line longer than maxline=%1 bytes; discarded the RESP frame that "
                            "holds it.")
                         .arg(m_maxLine);
        break;
    case OversizeCause::Frame:
        message = stop ? Tr::tr("RESP frame longer than max=%1 bytes; stopped decoding.").arg(m_max)
                       : Tr::tr("RESP frame longer than max=%1 bytes; discarded it.").arg(m_max);
        break;
    case OversizeCause::Bulk:
        message = stop ? Tr::tr("RESP bulk string of %1 bytes is longer than max=%2; stopped "
                                "decoding.")
                             .arg(value)
                             .arg(m_max)
                       : Tr::tr("RESP bulk string of %1 bytes is longer than max=%2; discarded "
                                "the frame that holds it.")
                             .arg(value)
                             .arg(m_max);
        break;
    }
    if (stop) {
        fail(sink, FrameError::at(FrameError::Oversize, m_frameStart, 0, message));
        return false;
    }
    // Followed to its end by its counts, then reported instead of emitted: the
    // counts are the only safe way to find where the next frame starts.
    m_discarding = true;
    m_discardMessage = message;
    return true;
}

void RespDecoder::finishFrame(qint64 end, FrameSink &sink)
{
    if (Q_UNLIKELY(m_discarding)) {
        sink.errors.push_back(FrameError::at(FrameError::Oversize, m_frameStart, end - m_frameStart,
                                             m_discardMessage));
        m_discarding = false;
    } else {
        Frame frame;
        frame.offset = m_frameStart;
        frame.length = end - m_frameStart;
        frame.headerLength = m_headerLength;
        frame.kind = m_kind;
        frame.payloadOffset = m_payloadOffset;
        switch (m_payloadEnd) {
        case PayloadEnd::Fixed:
            frame.payloadLength = m_payloadLength;
            break;
        case PayloadEnd::FrameEnd:
            frame.payloadLength = end - m_payloadOffset;
            break;
        case PayloadEnd::LastLine:
            // The ";0" or "." line that ended a streamed value is not content.
            frame.payloadLength = m_lineStart - m_payloadOffset;
            break;
        }
        sink.frames.push_back(frame);
    }
    m_frameStart = end;
}

void RespDecoder::valueComplete(qint64 end, FrameSink &sink)
{
    for (;;) {
        if (m_stack.empty()) {
            finishFrame(end, sink);
            return;
        }
        Level &top = m_stack.back();
        if (top.kind == LevelKind::StreamedAggregate)
            return; // only its '.' line ends it
        if (--top.remaining > 0)
            return;
        const bool attribute = top.kind == LevelKind::Attribute;
        m_stack.pop_back();
        // An attribute annotates the value after it and is no element of its
        // parent; at the top level the frame goes on with that value.
        if (attribute)
            return;
    }
}

bool RespDecoder::push(qint64 count, LevelKind kind, FrameSink &sink)
{
    if (Q_UNLIKELY(int(m_stack.size()) >= m_maxDepth)) {
        malformed(m_lineStart, Problem::TooDeep, sink);
        return false;
    }
    m_stack.push_back({count, kind});
    return true;
}

void RespDecoder::startTopValue(qint64 payloadOffset, qint64 payloadLength, PayloadEnd payloadEnd)
{
    m_kind = quint16(static_cast<unsigned char>(m_lineType));
    m_payloadOffset = payloadOffset;
    m_payloadLength = payloadLength;
    m_payloadEnd = payloadEnd;
}

bool RespDecoder::beginLine(char first, FrameSink &sink)
{
    m_lineType = first;
    m_lastWasCr = false;
    LineClass lineClass = classOf(first);
    // Chunk and End mark the parts of streamed values; they start no value.
    const bool valueByte = lineClass != LineClass::Invalid && lineClass < LineClass::Chunk;
    if (m_stack.empty()) {
        if (m_lineStart == m_frameStart) {
            if (!valueByte) {
                lineClass = LineClass::Inline;
                m_inlineBlank = true;
            }
        } else if (!valueByte) {
            malformed(m_lineStart, Problem::BadByteAfterAttribute, sink);
            return false;
        }
    } else if (Q_UNLIKELY(!valueByte)) {
        const LevelKind top = m_stack.back().kind;
        const bool expected
            = (lineClass == LineClass::Chunk && top == LevelKind::StreamedString)
              || (lineClass == LineClass::End && top == LevelKind::StreamedAggregate);
        if (!expected) {
            malformed(m_lineStart,
                      top == LevelKind::StreamedString ? Problem::NotAChunk : Problem::BadByte,
                      sink);
            return false;
        }
    } else if (Q_UNLIKELY(m_stack.back().kind == LevelKind::StreamedString)) {
        malformed(m_lineStart, Problem::NotAChunk, sink);
        return false;
    }
    m_lineClass = lineClass;
    return true;
}

bool RespDecoder::lineTooLong(qint64 seen, bool trailingCr, FrameSink &sink)
{
    if (isNumberLine(m_lineClass)) {
        if (Q_LIKELY(seen <= kNumberLine))
            return true;
        malformed(m_lineStart, Problem::NumberLineTooLong, sink);
        return false;
    }
    // A trailing '\r' may be the start of the line's terminator.
    const qint64 content = seen - (trailingCr ? 1 : 0);
    if (Q_LIKELY(content <= m_maxLine) || m_discarding)
        return true;
    return oversize(OversizeCause::Line, content, sink);
}

// Long: one case per RESP3 line class, each checking its own grammar.
bool RespDecoder::endLine(const char *line, qint64 length, qint64 lineEnd, bool cr, FrameSink &sink)
{
    // The order of these checks matches what decode() checks at the end of a
    // chunk, so that chunking cannot change which error is reported.
    if (!lineTooLong(length, cr, sink))
        return false;
    if (Q_UNLIKELY(lineEnd - m_frameStart > m_max) && !m_discarding
        && !oversize(OversizeCause::Frame, lineEnd - m_frameStart, sink)) {
        return false;
    }
    if (Q_UNLIKELY(!cr) && m_lineClass != LineClass::Inline) {
        malformed(m_lineStart, Problem::NoCr, sink);
        return false;
    }
    if (m_lineStart == m_frameStart)
        m_headerLength = qint32(lineEnd - m_lineStart);
    const bool topValue = m_stack.empty() && m_lineClass != LineClass::Attribute;

    switch (m_lineClass) {
    case LineClass::Bulk:
    case LineClass::Aggregate:
    case LineClass::Attribute:
    case LineClass::Chunk:
        return handleLength(line, length - 2, lineEnd, sink);
    case LineClass::Inline:
        if (m_inlineBlank && !m_discarding) {
            m_frameStart = lineEnd; // redis skips it too, without a reply
            return true;
        }
        m_lineType = 0;
        startTopValue(m_lineStart, length - (cr ? 1 : 0), PayloadEnd::Fixed);
        finishFrame(lineEnd, sink);
        return true;
    case LineClass::Text:
        break;
    case LineClass::Integer: {
        qint64 value = 0;
        if (!parseNumber(line + 1, length - 2, kIntegerDigits, &value)) {
            malformed(m_lineStart, Problem::BadInteger, sink);
            return false;
        }
        break;
    }
    case LineClass::Null:
        if (length != 2) {
            malformed(m_lineStart, Problem::NullWithContent, sink);
            return false;
        }
        break;
    case LineClass::Boolean:
        if (length != 3 || (line[1] != 't' && line[1] != 'f')) {
            malformed(m_lineStart, Problem::BadBoolean, sink);
            return false;
        }
        break;
    case LineClass::End:
        if (length != 2) {
            malformed(m_lineStart, Problem::EndWithContent, sink);
            return false;
        }
        m_stack.pop_back();
        valueComplete(lineEnd, sink);
        return true;
    case LineClass::Invalid:
        Q_UNREACHABLE();
        return false;
    }
    // A one-line value: + - , ( : _ #
    if (topValue)
        startTopValue(m_lineStart + 1, length - 2, PayloadEnd::Fixed);
    valueComplete(lineEnd, sink);
    return true;
}

// Long: each sized type (bulk, aggregate, attribute, streamed) reads its length its own way.
bool RespDecoder::handleLength(const char *line, qint64 contentLength, qint64 lineEnd,
                               FrameSink &sink)
{
    const bool topValue = m_stack.empty() && m_lineClass != LineClass::Attribute;
    const char *digits = line + 1;
    qint64 value = 0;
    if (Q_UNLIKELY(contentLength == 1 && digits[0] == '?')) {
        if (m_lineType == '$') {
            if (!push(0, LevelKind::StreamedString, sink))
                return false;
        } else if (m_lineClass == LineClass::Aggregate) {
            if (!push(0, LevelKind::StreamedAggregate, sink))
                return false;
        } else {
            malformed(m_lineStart, Problem::CannotStream, sink);
            return false;
        }
        if (topValue)
            startTopValue(lineEnd, 0, PayloadEnd::LastLine);
        return true;
    }
    const bool nullable = m_lineClass == LineClass::Bulk || m_lineClass == LineClass::Aggregate;
    if (Q_UNLIKELY(!parseNumber(digits, contentLength, kLengthDigits, &value)
                   || value < (nullable ? -1 : 0))) {
        malformed(m_lineStart, Problem::BadLength, sink);
        return false;
    }
    if (Q_UNLIKELY(value == -1)) { // RESP2's null bulk string ($-1) and null array (*-1)
        if (topValue)
            startTopValue(lineEnd, 0, PayloadEnd::Fixed);
        valueComplete(lineEnd, sink);
        return true;
    }

    switch (m_lineClass) {
    case LineClass::Chunk:
        if (value == 0) { // ";0" ends a streamed string
            m_stack.pop_back();
            valueComplete(lineEnd, sink);
            return true;
        }
        Q_FALLTHROUGH();
    case LineClass::Bulk:
        if (!m_discarding) {
            if (Q_UNLIKELY(value > m_max)) {
                if (!oversize(OversizeCause::Bulk, value, sink))
                    return false;
            } else if (Q_UNLIKELY(lineEnd + value + 2 - m_frameStart > m_max)
                       && !oversize(OversizeCause::Frame, lineEnd + value + 2 - m_frameStart,
                                    sink)) {
                return false;
            }
        }
        if (topValue)
            startTopValue(lineEnd, value, PayloadEnd::Fixed);
        m_bulkRemaining = value;
        m_bulkEnd = lineEnd + value;
        m_bulkIsChunk = m_lineClass == LineClass::Chunk;
        m_state = State::BulkData;
        return true;
    case LineClass::Aggregate: {
        const qint64 count = m_lineType == '%' ? value * 2 : value;
        if (topValue)
            startTopValue(lineEnd, 0, PayloadEnd::FrameEnd);
        if (count == 0) {
            valueComplete(lineEnd, sink);
            return true;
        }
        return push(count, LevelKind::Aggregate, sink);
    }
    case LineClass::Attribute:
        // "|0" annotates with nothing; the value it precedes comes next either way.
        return value == 0 || push(value * 2, LevelKind::Attribute, sink);
    default:
        Q_UNREACHABLE();
        return false;
    }
}

// Inlined: it is the per-line path of decode(), where it stood before it had a name.
Q_ALWAYS_INLINE bool RespDecoder::scanLine(const char *&p, const char *stop, const char *data,
                                           qint64 offset, FrameSink &sink)
{
    if (m_lineSeen == 0) {
        m_lineStart = offset + (p - data);
        if (!beginLine(*p, sink))
            return false;
    }
    const bool number = isNumberLine(m_lineClass);
    const char *nl = nullptr;
    const char *segmentEnd = stop;
    if (number) {
        // A few bytes at most: a plain loop beats memchr's call and set-up,
        // and it stops as soon as the line is too long to be a number.
        const qint64 room = kNumberLine + 1 - m_lineSeen;
        const char *limit = stop - p > room ? p + room : stop;
        const char *q = p;
        while (q < limit && *q != '\n')
            ++q;
        if (q < limit)
            nl = q;
        segmentEnd = q;
    } else {
        nl = static_cast<const char *>(std::memchr(p, '\n', size_t(stop - p)));
        if (nl)
            segmentEnd = nl;
        if (m_lineClass == LineClass::Inline && m_inlineBlank)
            m_inlineBlank = std::all_of(p, segmentEnd, isBlank);
    }
    const qint64 n = segmentEnd - p;
    if (!nl) {
        // Keep only what a number line needs; a longer one fails just below.
        if (number && m_lineSeen + n <= kNumberLine)
            std::memcpy(m_buffer + m_lineSeen, p, size_t(n));
        m_lineSeen += n;
        m_lastWasCr = segmentEnd[-1] == '\r';
        lineTooLong(m_lineSeen, m_lastWasCr, sink);
        return false;
    }
    const char *line = p;
    if (m_lineSeen > 0) {
        line = m_buffer;
        if (number && m_lineSeen + n <= kNumberLine)
            std::memcpy(m_buffer + m_lineSeen, p, size_t(n));
    }
    const qint64 length = m_lineSeen + n;
    const bool cr = n > 0 ? nl[-1] == '\r' : m_lastWasCr;
    m_lineSeen = 0;
    p = nl + 1;
    return endLine(line, length, offset + (p - data), cr, sink);
}

void RespDecoder::decode(const char *data, qint64 size, qint64 offset, FrameSink &sink)
{
    const char *p = data;
    const char *const stop = data + size;
    while (p < stop) {
        switch (m_state) {
        case State::BulkData:
            // Skipped by count: bulk data may hold CRLF or anything else.
            if (stop - p < m_bulkRemaining) {
                m_bulkRemaining -= stop - p;
                return;
            }
            p += m_bulkRemaining;
            m_bulkRemaining = 0;
            if (stop - p < 2) {
                m_state = State::BulkCr;
                break;
            }
            // The common case: the CRLF is in this chunk too.
            if (Q_UNLIKELY(p[0] != '\r' || p[1] != '\n')) {
                malformed(m_bulkEnd, Problem::NoCrlfAfterBulk, sink);
                return;
            }
            p += 2;
            m_state = State::Line;
            if (!m_bulkIsChunk)
                valueComplete(offset + (p - data), sink);
            break;
        case State::BulkCr:
            if (*p != '\r') {
                malformed(m_bulkEnd, Problem::NoCrlfAfterBulk, sink);
                return;
            }
            ++p;
            m_state = State::BulkLf;
            break;
        case State::BulkLf:
            if (*p != '\n') {
                malformed(m_bulkEnd, Problem::NoCrlfAfterBulk, sink);
                return;
            }
            ++p;
            m_state = State::Line;
            if (!m_bulkIsChunk)
                valueComplete(offset + (p - data), sink);
            break;
        case State::Line:
            if (!scanLine(p, stop, data, offset, sink))
                return;
            break;
        }
    }
}

QString RespDecoder::kindKey(quint16 kind)
{
    switch (kind) {
    case 0:
        return QStringLiteral("inline");
    case '+':
        return QStringLiteral("simple_string");
    case '-':
        return QStringLiteral("simple_error");
    case ':':
        return QStringLiteral("integer");
    case '$':
        return QStringLiteral("bulk_string");
    case '*':
        return QStringLiteral("array");
    case '_':
        return QStringLiteral("null");
    case ',':
        return QStringLiteral("double");
    case '#':
        return QStringLiteral("boolean");
    case '!':
        return QStringLiteral("bulk_error");
    case '=':
        return QStringLiteral("verbatim_string");
    case '(':
        return QStringLiteral("big_number");
    case '%':
        return QStringLiteral("map");
    case '~':
        return QStringLiteral("set");
    case '>':
        return QStringLiteral("push");
    }
    return QString();
}

void RespDecoder::decodeEof(qint64 end, FrameSink &sink)
{
    if (!m_discarding)
        return; // nothing in RESP is ended by EOF; the tail stays in partial()
    sink.errors.push_back(
        oversizeAtEof(m_frameStart, end,
                      Tr::tr("Oversize RESP frame ran to the end of the stream; discarded it.")));
    m_discarding = false;
    m_frameStart = end;
    m_stack.clear();
    m_state = State::Line;
    m_lineSeen = 0;
}

DecoderInfo respDecoderInfo()
{
    DecoderInfo info(QStringLiteral("resp"),
                     QStringLiteral("Redis RESP2/RESP3 commands and replies, inline commands"),
                     QStringLiteral("resp:max=1M"));
    const OptionInfo maxLine = numberOption(
        OptionInfo::Size, QStringLiteral("maxline"), QStringLiteral("64K"), 1, qint64(1) << 30,
        QStringLiteral("longest simple string, error or inline command line"));
    const OptionInfo depth
        = numberOption(OptionInfo::Integer, QStringLiteral("depth"), QStringLiteral("128"), 1, 4096,
                       QStringLiteral("deepest nesting of aggregates and attributes"));
    info.options = {maxOption(), maxLine, depth, oversizeOption()};
    info.create = [](const DecoderOptions &options, QString *) {
        return std::unique_ptr<FrameDecoder>(new RespDecoder(
            options.size(QStringLiteral("max")), options.size(QStringLiteral("maxline")),
            int(options.integer(QStringLiteral("depth"))),
            options.choice(QStringLiteral("oversize")) == QLatin1String("fail")));
    };
    info.kindName = &RespDecoder::kindKey;
    return info;
}

} // namespace TcpInspector
