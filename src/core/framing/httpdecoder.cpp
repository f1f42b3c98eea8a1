// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpdecoder.h"
#include "text/tr.h"

#include "builtindecoders.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace TcpInspector {

namespace {

// RFC 9110 tchar: the bytes a method or header name may hold.
constexpr bool isTcharSlow(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '!'
           || c == '#' || c == '$' || c == '%' || c == '&' || c == '\'' || c == '*' || c == '+'
           || c == '-' || c == '.' || c == '^' || c == '_' || c == '`' || c == '|' || c == '~';
}

struct TcharTable
{
    bool values[256] = {};
    constexpr TcharTable()
    {
        for (int c = 0; c < 256; ++c)
            values[c] = isTcharSlow(static_cast<unsigned char>(c));
    }
};
constexpr TcharTable tcharTable;

inline bool isTchar(char c)
{
    return tcharTable.values[static_cast<unsigned char>(c)];
}

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

inline bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

inline char toLower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
}

/// Compares text with a lower-case ASCII literal of the same length, ignoring case.
bool equalsLower(const char *text, const char *lowerLiteral, qint64 length)
{
    for (qint64 i = 0; i < length; ++i) {
        if (toLower(text[i]) != lowerLiteral[i])
            return false;
    }
    return true;
}

/// Strips optional whitespace from both ends of [begin, end).
void trimOws(const char *&begin, const char *&end)
{
    while (begin < end && isOws(*begin))
        ++begin;
    while (end > begin && isOws(end[-1]))
        --end;
}

/// Narrows [begin, end), a Transfer-Encoding value, to its last coding:
/// only that one decides whether the body is chunked.
void lastTransferCoding(const char *&begin, const char *&end)
{
    const char *last = end;
    while (last > begin && (isOws(last[-1]) || last[-1] == ','))
        --last;
    const char *first = last;
    while (first > begin && first[-1] != ',')
        --first;
    while (first < last && isOws(*first))
        ++first;
    begin = first;
    end = last;
}

/// Wire bytes for an error message: Latin-1, cut short, so a huge or binary
/// value cannot flood the message.
QString quoted(const char *text, qint64 length)
{
    constexpr qint64 kMaxShown = 40;
    QString shown = QString::fromLatin1(text, int(std::min(length, kMaxShown)));
    for (QChar &c : shown) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = QLatin1Char('?');
    }
    if (length > kMaxShown)
        shown += QStringLiteral("...");
    return shown;
}

} // namespace

HttpDecoder::HttpDecoder(qint64 maxHead, qint64 maxBody, bool failOnOversize)
    : m_maxHead(maxHead), m_maxBody(maxBody), m_failOnOversize(failOnOversize)
{ }

PartialFrame HttpDecoder::partial() const
{
    const qint64 held = position() - m_frameStart;
    const qint64 needed = held > 0 && m_state == State::Body ? m_remaining : -1;
    return {m_frameStart, held, needed};
}

void HttpDecoder::notePeerFrame(const char *data, qint64 size)
{
    const char *p = data;
    const char *const end = data + size;
    while (p < end && (*p == '\r' || *p == '\n'))
        ++p;
    // Only a request line counts: "METHOD SP". Responses (this decoder reads
    // requests) and tunnel bytes from the peer are ignored.
    const char *method = p;
    while (p < end && isTchar(*p))
        ++p;
    // "HTTP/" stops at '/', which no method holds, so responses end here.
    if (p == method || p == end || *p != ' ')
        return;
    const qint64 length = p - method;
    Method kind = Method::Other;
    if (length == 4 && std::memcmp(method, "HEAD", 4) == 0)
        kind = Method::Head;
    else if (length == 7 && std::memcmp(method, "CONNECT", 7) == 0)
        kind = Method::Connect;
    m_peerMethods.push_back(kind);
}

void HttpDecoder::resetMessage(qint64 start)
{
    m_state = State::StartLine;
    m_frameStart = start;
    m_lineStart = start;
    m_limitBase = start;
    m_headerLength = 0;
    m_remaining = 0;
    m_bodyData = 0;
    m_contentLength = -1;
    m_status = 0;
    m_response = false;
    m_transferEncoding = false;
    m_chunked = false;
    m_upgrade = false;
    m_connect = false;
    m_lastHeaderFraming = false;
    m_discarding = false;
}

void HttpDecoder::startTunnel(qint64 at)
{
    resetMessage(at);
    m_state = State::Tunnel;
    m_mayTunnel = false;
}

void HttpDecoder::failMalformed(const QString &message, FrameSink &sink)
{
    fail(sink, FrameError::at(FrameError::Malformed, m_frameStart, 0, message));
}

void HttpDecoder::failOversize(const QString &message, FrameSink &sink)
{
    fail(sink, FrameError::at(FrameError::Oversize, m_frameStart, 0, message));
}

void HttpDecoder::reportOversizeSkip(qint64 end, bool byEof, FrameSink &sink)
{
    const QString message
        = byEof ? Tr::tr("Message with a body longer than max=%1 bytes ran to the end of "
                         "the stream; discarded it.")
                      .arg(m_maxBody)
                : Tr::tr("Message with a body longer than max=%1 bytes; discarded it.")
                      .arg(m_maxBody);
    sink.errors.push_back(
        FrameError::at(FrameError::Oversize, m_frameStart, end - m_frameStart, message));
}

void HttpDecoder::finishMessage(qint64 end, Frame::Status status, FrameSink &sink)
{
    if (m_discarding) {
        reportOversizeSkip(end, status == Frame::EndedByEof, sink);
    } else {
        Frame frame;
        frame.offset = m_frameStart;
        frame.length = end - m_frameStart;
        frame.headerLength = qint32(m_headerLength);
        frame.payloadOffset = m_frameStart + m_headerLength;
        frame.payloadLength = frame.length - m_headerLength;
        frame.kind = m_response ? Response : Request;
        // The flag says how the body was framed, so only a body read as chunks
        // has it (not a HEAD reply that merely announces chunked).
        if (m_state == State::Trailers)
            frame.kind |= ChunkedFlag;
        frame.status = status;
        sink.frames.push_back(frame);
    }
    // A CONNECT or Upgrade request may be the last HTTP this side sends.
    const bool mayTunnel = !m_response && (m_connect || m_upgrade);
    resetMessage(end);
    m_mayTunnel = mayTunnel;
}

bool HttpDecoder::rejectStartLine(qint64 at, FrameSink &sink)
{
    if (m_mayTunnel) {
        startTunnel(at);
        return true;
    }
    failMalformed(Tr::tr("The bytes at offset %1 do not start an HTTP/1 request or status line; "
                         "HTTP/1 cannot resynchronise, so decoding stopped.")
                      .arg(at),
                  sink);
    return false;
}

void HttpDecoder::failSectionTooLong(FrameSink &sink)
{
    // Whole sentences per case, so translators never see a fragment.
    QString text;
    switch (m_state) {
    case State::ChunkSize:
        text = Tr::tr("A chunk-size line of the message at offset %1 is longer than maxhead=%2 "
                      "bytes; stopped decoding.");
        break;
    case State::Trailers:
        text = Tr::tr("The trailer section of the message at offset %1 is longer than maxhead=%2 "
                      "bytes; stopped decoding.");
        break;
    default:
        text = Tr::tr("The head of the message at offset %1 is longer than maxhead=%2 bytes; "
                      "stopped decoding (raise maxhead for larger headers).");
        break;
    }
    failOversize(text.arg(m_frameStart).arg(m_maxHead), sink);
}

bool HttpDecoder::bodyTooLarge(FrameSink &sink)
{
    if (m_failOnOversize) {
        failOversize(Tr::tr("Message at offset %1 has a body longer than max=%2 bytes; stopped "
                            "decoding.")
                         .arg(m_frameStart)
                         .arg(m_maxBody),
                     sink);
        return false;
    }
    m_discarding = true;
    return true;
}

bool HttpDecoder::handleStartLine(const char *line, qint64 length, FrameSink &sink)
{
    if (length >= 5 && std::memcmp(line, "HTTP/", 5) == 0) {
        // "HTTP/1.1 200 OK"; the reason phrase (and its space) may be missing.
        const bool ok = length >= 12 && line[5] == '1' && line[6] == '.' && isDigit(line[7])
                        && line[8] == ' ' && isDigit(line[9]) && line[9] != '0' && isDigit(line[10])
                        && isDigit(line[11]) && (length == 12 || line[12] == ' ');
        if (!ok)
            return rejectStartLine(m_frameStart, sink);
        m_response = true;
        m_status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    } else {
        // "METHOD SP target SP HTTP/1.x". The target is whatever lies between
        // the first and the last space: some clients send unescaped spaces.
        const char *const end = line + length;
        const char *p = line;
        while (p < end && isTchar(*p))
            ++p;
        const qint64 methodLength = p - line;
        // The shortest is "M / HTTP/1.1": method, space, target, space, 8 bytes.
        const bool longEnough = methodLength > 0 && length >= methodLength + 11;
        const char *version = longEnough ? end - 8 : end;
        const bool ok = longEnough && *p == ' ' && version - 1 > p + 1 && version[-1] == ' '
                        && std::memcmp(version, "HTTP/1.", 7) == 0 && isDigit(version[7]);
        if (!ok)
            return rejectStartLine(m_frameStart, sink);
        m_connect = methodLength == 7 && std::memcmp(line, "CONNECT", 7) == 0;
    }
    m_mayTunnel = false;
    m_state = State::Headers;
    return true;
}

bool HttpDecoder::handleHeader(const char *line, qint64 length, qint64 lineOffset, FrameSink &sink)
{
    if (isOws(line[0])) {
        // obs-fold: a continuation of the previous header. Harmless unless it
        // would change the framing, which RFC 9112 says to reject.
        if (m_lastHeaderFraming) {
            failMalformed(Tr::tr("A folded header line at offset %1 continues Content-Length or "
                                 "Transfer-Encoding; stopped decoding.")
                              .arg(lineOffset),
                          sink);
            return false;
        }
        return true;
    }
    const char *const end = line + length;
    const char *colon = static_cast<const char *>(std::memchr(line, ':', size_t(length)));
    if (!colon || colon == line) {
        failMalformed(Tr::tr("Header line '%1' at offset %2 has no field name and colon; stopped "
                             "decoding.")
                          .arg(quoted(line, length))
                          .arg(lineOffset),
                      sink);
        return false;
    }
    m_lastHeaderFraming = false;
    qint64 nameLength = colon - line;
    const bool spaceBeforeColon = isOws(colon[-1]);
    if (spaceBeforeColon) {
        while (nameLength > 0 && isOws(line[nameLength - 1]))
            --nameLength;
    }
    // Only three names matter for framing; the length test rejects nearly every
    // other header before any byte is compared.
    enum { None, ContentLength, TransferEncoding, Upgrade } which = None;
    if (nameLength == 14 && equalsLower(line, "content-length", 14))
        which = ContentLength;
    else if (nameLength == 17 && equalsLower(line, "transfer-encoding", 17))
        which = TransferEncoding;
    else if (nameLength == 7 && equalsLower(line, "upgrade", 7))
        which = Upgrade;
    if (which == None)
        return true;
    if (spaceBeforeColon && which != Upgrade) {
        // "Content-Length :" is read differently by different servers: a
        // classic smuggling vector, so refuse to pick a reading.
        failMalformed(Tr::tr("Whitespace before the colon of '%1' at offset %2; stopped decoding.")
                          .arg(quoted(line, length))
                          .arg(lineOffset),
                      sink);
        return false;
    }
    const char *value = colon + 1;
    const char *valueEnd = end;
    trimOws(value, valueEnd);

    if (which == Upgrade) {
        m_upgrade = m_upgrade || (!m_response && value < valueEnd);
        return true;
    }
    m_lastHeaderFraming = true;
    if (which == TransferEncoding) {
        // Only the last coding matters: chunked there means chunked framing.
        m_transferEncoding = true;
        const char *first = value;
        const char *last = valueEnd;
        lastTransferCoding(first, last);
        m_chunked = last - first == 7 && equalsLower(first, "chunked", 7);
        return true;
    }
    return parseContentLength(value, valueEnd, lineOffset, sink);
}

bool HttpDecoder::parseContentLength(const char *value, const char *valueEnd, qint64 lineOffset,
                                     FrameSink &sink)
{
    // Content-Length: digits, or a list of equal values ("5, 5") which
    // RFC 9110 section 8.6 lets a recipient accept.
    const char *p = value;
    bool ok = p < valueEnd;
    bool more = true;
    while (ok && more) {
        const char *element = p;
        const char *comma = static_cast<const char *>(std::memchr(p, ',', size_t(valueEnd - p)));
        const char *elementEnd = comma ? comma : valueEnd;
        more = comma != nullptr;
        p = comma ? comma + 1 : valueEnd;
        trimOws(element, elementEnd);
        // An empty element ("5,", ",5") is refused; 18 digits always fit a qint64.
        qint64 number = 0;
        ok = element < elementEnd && elementEnd - element <= 18;
        for (const char *d = element; ok && d < elementEnd; ++d) {
            ok = isDigit(*d);
            number = number * 10 + (*d - '0');
        }
        if (!ok)
            break;
        if (m_contentLength >= 0 && number != m_contentLength) {
            failMalformed(Tr::tr("Content-Length values %1 and %2 disagree in the message at "
                                 "offset %3; stopped decoding.")
                              .arg(m_contentLength)
                              .arg(number)
                              .arg(m_frameStart),
                          sink);
            return false;
        }
        m_contentLength = number;
    }
    if (!ok) {
        failMalformed(Tr::tr("Content-Length '%1' at offset %2 is not a length; stopped decoding.")
                          .arg(quoted(value, valueEnd - value))
                          .arg(lineOffset),
                      sink);
        return false;
    }
    return true;
}

// Long: RFC 9112 section 6.3's message-length rules, in the RFC's order.
bool HttpDecoder::handleHeadEnd(qint64 end, FrameSink &sink)
{
    m_headerLength = end - m_frameStart;
    if (m_response) {
        if (m_status < 200) {
            // 101 answers the Upgrade request and ends HTTP on this connection;
            // other 1xx are interim and leave the request waiting.
            const bool switching = m_status == 101;
            if (switching && !m_peerMethods.empty())
                m_peerMethods.pop_front();
            finishMessage(end, Frame::Complete, sink);
            if (switching)
                startTunnel(end);
            return true;
        }
        Method method = Method::Other;
        if (!m_peerMethods.empty()) {
            method = m_peerMethods.front();
            m_peerMethods.pop_front();
        }
        if (method == Method::Head || m_status == 204 || m_status == 304) {
            finishMessage(end, Frame::Complete, sink);
            return true;
        }
        if (method == Method::Connect && m_status / 100 == 2) {
            finishMessage(end, Frame::Complete, sink);
            startTunnel(end);
            return true;
        }
    }
    if (m_transferEncoding && m_contentLength >= 0) {
        failMalformed(Tr::tr("The message at offset %1 has both Transfer-Encoding and "
                             "Content-Length; stopped decoding.")
                          .arg(m_frameStart),
                      sink);
        return false;
    }
    if (m_transferEncoding) {
        if (m_chunked) {
            m_state = State::ChunkSize;
            m_lineStart = end;
            m_limitBase = end;
            return true;
        }
        if (!m_response) {
            failMalformed(Tr::tr("The request at offset %1 has a Transfer-Encoding that does not "
                                 "end with chunked, so its length is unknown; stopped decoding.")
                              .arg(m_frameStart),
                          sink);
            return false;
        }
        m_state = State::UntilEof;
        return true;
    }
    if (m_contentLength >= 0) {
        if (m_contentLength > m_maxBody && !bodyTooLarge(sink))
            return false;
        if (m_contentLength == 0) {
            finishMessage(end, Frame::Complete, sink);
        } else {
            m_state = State::Body;
            m_remaining = m_contentLength;
        }
        return true;
    }
    if (m_response)
        m_state = State::UntilEof;
    else
        finishMessage(end, Frame::Complete, sink);
    return true;
}

bool HttpDecoder::handleChunkSize(const char *line, qint64 length, qint64 lineOffset,
                                  qint64 nlOffset, FrameSink &sink)
{
    // chunk-size [BWS ";" chunk-ext] CRLF; extensions are not read.
    const char *const end = line + length;
    const char *p = line;
    qint64 size = 0;
    bool ok = p < end;
    for (; p < end; ++p) {
        const char c = toLower(*p);
        int digit;
        if (isDigit(c))
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else
            break;
        if (size > (std::numeric_limits<qint64>::max() >> 4)) {
            ok = false;
            break;
        }
        size = size * 16 + digit;
    }
    ok = ok && p > line;
    while (ok && p < end && isOws(*p))
        ++p;
    ok = ok && (p == end || *p == ';');
    if (!ok) {
        failMalformed(Tr::tr("Bad chunk size line '%1' at offset %2; stopped decoding.")
                          .arg(quoted(line, length))
                          .arg(lineOffset),
                      sink);
        return false;
    }
    if (size == 0) {
        m_state = State::Trailers;
        m_lineStart = nlOffset + 1;
        m_limitBase = nlOffset + 1;
        return true;
    }
    if (!m_discarding) {
        // Compared by subtraction: a size near 2^63 must not overflow the sum.
        if (size > m_maxBody - m_bodyData) {
            if (!bodyTooLarge(sink))
                return false;
        } else {
            m_bodyData += size;
        }
    }
    m_state = State::ChunkData;
    m_remaining = size;
    return true;
}

bool HttpDecoder::handleLine(const char *line, qint64 length, qint64 lineOffset, qint64 nlOffset,
                             FrameSink &sink)
{
    if (length > 0 && line[length - 1] == '\r')
        --length;
    switch (m_state) {
    case State::StartLine:
        if (length == 0) {
            // RFC 9112 section 2.2: ignore empty lines before a request line.
            resetMessage(nlOffset + 1);
            return true;
        }
        return handleStartLine(line, length, sink);
    case State::Headers:
        if (length == 0)
            return handleHeadEnd(nlOffset + 1, sink);
        return handleHeader(line, length, lineOffset, sink);
    case State::ChunkSize:
        return handleChunkSize(line, length, lineOffset, nlOffset, sink);
    case State::Trailers:
        if (length == 0)
            finishMessage(nlOffset + 1, Frame::Complete, sink);
        return true;
    default:
        return true;
    }
}

// Long: one switch over the wire states (lines, body, chunks, EOF, tunnel), a few lines each.
void HttpDecoder::decode(const char *data, qint64 size, qint64 offset, FrameSink &sink)
{
    const char *const stop = data + size;
    const char *cursor = data;
    auto offsetOf = [data, offset](const char *p) {
        return offset + (p - data);
    };

    while (cursor < stop) {
        switch (m_state) {
        case State::Body:
        case State::ChunkData: {
            const qint64 take = std::min<qint64>(m_remaining, stop - cursor);
            cursor += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                if (m_state == State::Body)
                    finishMessage(offsetOf(cursor), Frame::Complete, sink);
                else
                    m_state = State::ChunkCr;
            }
            break;
        }
        case State::ChunkCr:
        case State::ChunkLf:
            if (*cursor == '\r' && m_state == State::ChunkCr) {
                m_state = State::ChunkLf;
                ++cursor;
            } else if (*cursor == '\n') {
                ++cursor;
                m_state = State::ChunkSize;
                m_lineStart = offsetOf(cursor);
                m_limitBase = m_lineStart;
            } else {
                failMalformed(Tr::tr("Chunk data is not followed by CRLF at offset %1; stopped "
                                     "decoding.")
                                  .arg(offsetOf(cursor)),
                              sink);
                return;
            }
            break;
        case State::UntilEof:
            cursor = stop;
            if (!m_discarding && position() - m_frameStart - m_headerLength > m_maxBody
                && !bodyTooLarge(sink))
                return;
            break;
        case State::Tunnel:
            cursor = stop;
            break;
        case State::StartLine:
        case State::Headers:
        case State::ChunkSize:
        case State::Trailers: {
            // A message cannot start with a byte no method or "HTTP/" starts
            // with: say so at once rather than after maxhead bytes of binary.
            if (m_state == State::StartLine && offsetOf(cursor) == m_lineStart && *cursor != '\r'
                && *cursor != '\n' && !isTchar(*cursor)) {
                if (!rejectStartLine(m_lineStart, sink))
                    return;
                break;
            }
            const char *nl
                = static_cast<const char *>(std::memchr(cursor, '\n', size_t(stop - cursor)));
            // Decide about maxhead from where the section must end at the
            // earliest, which does not depend on how the bytes were cut.
            const qint64 earliestEnd = nl ? offsetOf(nl) + 1 : position() + 1;
            if (earliestEnd - m_limitBase > m_maxHead) {
                if (m_state == State::StartLine && m_mayTunnel) {
                    m_line.clear(); // a tunnel reads no lines
                    startTunnel(m_lineStart);
                    break;
                }
                failSectionTooLong(sink);
                return;
            }
            if (!nl) {
                m_line.append(cursor, qsizetype(stop - cursor));
                cursor = stop;
                break;
            }
            const qint64 lineOffset = m_lineStart;
            const qint64 nlOffset = offsetOf(nl);
            m_lineStart = nlOffset + 1;
            bool ok;
            if (m_line.isEmpty()) {
                ok = handleLine(cursor, nl - cursor, lineOffset, nlOffset, sink);
            } else {
                m_line.append(cursor, qsizetype(nl - cursor));
                ok = handleLine(m_line.constData(), m_line.size(), lineOffset, nlOffset, sink);
                m_line.resize(0);
            }
            cursor = nl + 1;
            if (!ok)
                return;
            break;
        }
        }
    }
}

void HttpDecoder::decodeEof(qint64 end, FrameSink &sink)
{
    switch (m_state) {
    case State::UntilEof:
        finishMessage(end, Frame::EndedByEof, sink);
        break;
    case State::Tunnel:
        if (end > m_frameStart) {
            Frame frame;
            frame.offset = m_frameStart;
            frame.length = end - m_frameStart;
            frame.payloadOffset = m_frameStart;
            frame.payloadLength = frame.length;
            frame.kind = Tunnel;
            frame.status = Frame::EndedByEof;
            sink.frames.push_back(frame);
        }
        m_frameStart = end;
        break;
    default:
        if (m_discarding) {
            reportOversizeSkip(end, true, sink);
            resetMessage(end);
        }
        break;
    }
}

QString HttpDecoder::kindKey(quint16 kind)
{
    const bool chunked = kind & ChunkedFlag;
    switch (kind & 0xff) {
    case Request:
        return chunked ? QStringLiteral("request_chunked") : QStringLiteral("request");
    case Response:
        return chunked ? QStringLiteral("response_chunked") : QStringLiteral("response");
    case Tunnel:
        return QStringLiteral("tunnel");
    }
    return QString();
}

DecoderInfo httpDecoderInfo()
{
    DecoderInfo info(QStringLiteral("http"),
                     QStringLiteral("HTTP/1.x requests and responses (head and body)"),
                     QStringLiteral("http:maxhead=16K,max=1M"));
    // Frame::headerLength is 32 bits.
    const OptionInfo maxHead
        = numberOption(OptionInfo::Size, QStringLiteral("maxhead"), QStringLiteral("64K"), 16,
                       qint64(1) << 30, QStringLiteral("longest start line plus headers accepted"));
    OptionInfo max = maxOption();
    max.help = QStringLiteral("longest body accepted");
    info.options = {maxHead, max, oversizeOption()};
    info.create = [](const DecoderOptions &options, QString *) {
        return std::unique_ptr<FrameDecoder>(new HttpDecoder(
            options.size(QStringLiteral("maxhead")), options.size(QStringLiteral("max")),
            options.choice(QStringLiteral("oversize")) == QLatin1String("fail")));
    };
    info.kindName = &HttpDecoder::kindKey;
    return info;
}

} // namespace TcpInspector
