// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framedecoder.h"

#include <QByteArray>

#include <deque>

namespace TcpInspector {

/// HTTP/1.x messages, requests and responses told apart per message (a
/// response starts with "HTTP/"), framed like RFC 9112 section 6: a frame is
/// the start line, the headers through the empty line (headerLength) and the
/// body as it is on the wire (the payload; for chunked bodies the chunk-size
/// lines, data, last chunk and trailers). Bodies come from Content-Length,
/// Transfer-Encoding: chunked or, for responses only, the end of the stream
/// (Frame::EndedByEof). Requests without either have no body; 1xx, 204, 304
/// and responses to HEAD never have one. Empty lines before a start line are
/// skipped (RFC 9112 section 2.2) and belong to no frame. Line ends may be
/// CRLF or a bare LF.
///
/// HEAD and CONNECT are only known from the other direction: notePeerFrame()
/// takes the requests, in order, and the response side pops one method per
/// final (non-1xx) response. Without peer frames every response is taken as
/// a reply to GET.
///
/// After a 101 response, a 2xx reply to CONNECT, or a CONNECT or Upgrade
/// request followed by bytes that are not an HTTP/1 start line, the rest of the
/// stream is one Tunnel frame that EOF ends.
///
/// Errors. Going past maxhead (head, chunk-size line or trailer section) and
/// every malformed message (bad start line, header without a colon, bad or
/// disagreeing Content-Length, Transfer-Encoding with Content-Length, a request
/// Transfer-Encoding not ending in chunked, a bad chunk size, chunk data not
/// followed by CRLF) are fatal, reported at the message's start: HTTP/1 cannot
/// resynchronise safely, as the next message starts where the rejected head
/// says, and a guess could turn body bytes into fake messages (the root of
/// request smuggling). A body longer than max (Content-Length, sum of chunk
/// sizes, or bytes until EOF) follows oversize: skip reads past the whole
/// message by count or by chunks and reports its bytes as discarded; fail stops.
class HttpDecoder final : public FrameDecoder
{
public:
    /// Frame::kind: the low byte says what the frame is, flags are or'ed in.
    enum Kind : quint16 {
        Request = 1,
        Response = 2,
        Tunnel = 3,          ///< bytes after a protocol switch, ended by EOF
        ChunkedFlag = 0x100, ///< the body is Transfer-Encoding: chunked
    };

    HttpDecoder(qint64 maxHead, qint64 maxBody, bool failOnOversize);
    PartialFrame partial() const override;
    QString kindName(quint16 kind) const override { return kindKey(kind); }
    /// "request", "response", "tunnel"; "request_chunked" and
    /// "response_chunked" with ChunkedFlag.
    static QString kindKey(quint16 kind);
    void notePeerFrame(const char *data, qint64 size) override;
    bool wantsPeerFrames() const override { return true; }

protected:
    void decode(const char *data, qint64 size, qint64 offset, FrameSink &sink) override;
    void decodeEof(qint64 end, FrameSink &sink) override;

private:
    enum class State : quint8 {
        StartLine, ///< before or inside a start line (empty lines are skipped)
        Headers,   ///< header lines up to the empty line
        Body,      ///< m_remaining bytes of Content-Length body
        ChunkSize, ///< a chunk-size line
        ChunkData, ///< m_remaining bytes of chunk data
        ChunkCr,   ///< the CRLF (or bare LF) after chunk data
        ChunkLf,   ///< the LF after that CR
        Trailers,  ///< trailer lines up to the empty line
        UntilEof,  ///< a response body that EOF ends
        Tunnel,    ///< not HTTP any more; one frame that EOF ends
    };
    enum class Method : quint8 { Other, Head, Connect };

    /// Handles one complete line (without its '\n') starting at lineOffset.
    /// Returns false after a fatal error.
    bool handleLine(const char *line, qint64 length, qint64 lineOffset, qint64 nlOffset,
                    FrameSink &sink);
    bool handleStartLine(const char *line, qint64 length, FrameSink &sink);
    bool handleHeader(const char *line, qint64 length, qint64 lineOffset, FrameSink &sink);
    /// Content-Length's value, trimmed: sets m_contentLength or fails.
    bool parseContentLength(const char *value, const char *valueEnd, qint64 lineOffset,
                            FrameSink &sink);
    bool handleHeadEnd(qint64 end, FrameSink &sink);
    bool handleChunkSize(const char *line, qint64 length, qint64 lineOffset, qint64 nlOffset,
                         FrameSink &sink);
    /// A body longer than max: fail, or discard the message. False after fail().
    bool bodyTooLarge(FrameSink &sink);
    void finishMessage(qint64 end, Frame::Status status, FrameSink &sink);
    void startTunnel(qint64 at);
    void resetMessage(qint64 start);
    void reportOversizeSkip(qint64 end, bool byEof, FrameSink &sink);
    void failMalformed(const QString &message, FrameSink &sink);
    void failOversize(const QString &message, FrameSink &sink);
    /// A head, chunk-size line or trailer section went past maxhead.
    void failSectionTooLong(FrameSink &sink);
    /// The start line was not HTTP: a tunnel if one may follow, else fatal.
    bool rejectStartLine(qint64 at, FrameSink &sink);

    qint64 m_maxHead;
    qint64 m_maxBody;
    bool m_failOnOversize;

    State m_state = State::StartLine;
    qint64 m_frameStart = 0; ///< first byte of the current message (or of what comes next)
    qint64 m_lineStart = 0;  ///< first byte of the line being read in a line state
    qint64 m_limitBase = 0;  ///< where the maxhead-limited section started
    QByteArray m_line;       ///< the current line when it spans reads (at most maxhead)

    // The message being decoded.
    qint64 m_headerLength = 0;
    qint64 m_remaining = 0;      ///< Body/ChunkData bytes still to come
    qint64 m_bodyData = 0;       ///< sum of chunk sizes so far, for max
    qint64 m_contentLength = -1; ///< -1: none seen
    int m_status = 0;            ///< response status code, 0 for requests
    bool m_response = false;
    bool m_transferEncoding = false;
    bool m_chunked = false;           ///< Transfer-Encoding ends with chunked
    bool m_upgrade = false;           ///< a request with an Upgrade header
    bool m_connect = false;           ///< a CONNECT request
    bool m_lastHeaderFraming = false; ///< the previous header line was Content-Length or TE
    bool m_discarding = false;        ///< oversize=skip: drop this message when it ends
    /// The previous request may switch protocols (CONNECT or Upgrade): if what
    /// follows is not HTTP, it is a tunnel rather than an error.
    bool m_mayTunnel = false;

    std::deque<Method> m_peerMethods; ///< methods of requests not answered yet
};

} // namespace TcpInspector
