// SPDX-License-Identifier: GPL-3.0-or-later
#include "decodertestutil.h"

#include "framing/httpdecoder.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

using namespace TcpInspector;
using namespace TcpInspector::Testing;

namespace TcpInspector {
// Found by QCOMPARE through argument-dependent lookup: lists of frames that
// differ print as frames, not as <null>.
char *toString(const Frame &f)
{
    return qstrdup(
        QByteArray("frame(" + QByteArray::number(f.offset) + ", " + QByteArray::number(f.length)
                   + ", " + QByteArray::number(f.payloadOffset) + ", "
                   + QByteArray::number(f.payloadLength) + ", " + QByteArray::number(f.headerLength)
                   + ", 0x" + QByteArray::number(f.kind, 16) + ", "
                   + QByteArray::number(int(f.status)) + ")")
            .constData());
}
} // namespace TcpInspector

namespace {

constexpr quint16 kRequest = HttpDecoder::Request;
constexpr quint16 kResponse = HttpDecoder::Response;
constexpr quint16 kTunnel = HttpDecoder::Tunnel;
constexpr quint16 kChunked = HttpDecoder::ChunkedFlag;

/// Builds a stream message by message, with the frames it should yield, so
/// that the offsets in the expectations cannot drift from the bytes.
struct Stream
{
    QByteArray bytes;
    QList<Frame> frames;

    Stream &message(const QByteArray &head, const QByteArray &body, quint16 kind,
                    Frame::Status status = Frame::Complete)
    {
        const qint64 at = bytes.size();
        frames.append(frame(at, head.size() + body.size(), at + head.size(), body.size(),
                            head.size(), kind, status));
        bytes += head + body;
        return *this;
    }
    Stream &tunnel(const QByteArray &data)
    {
        frames.append(frame(bytes.size(), data.size(), bytes.size(), data.size(), 0, kTunnel,
                            Frame::EndedByEof));
        bytes += data;
        return *this;
    }
    /// Bytes that belong to no frame (empty lines before a start line).
    Stream &gap(const QByteArray &data)
    {
        bytes += data;
        return *this;
    }
};

const QByteArray kGet("GET /index.html HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n");
const QByteArray
    kOkHead("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n");
const QByteArray kChunkedHead("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
const QByteArray
    kChunkedBody("5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nExpires: never\r\n\r\n");

/// A literal that may hold NUL bytes.
template<size_t N>
QByteArray bin(const char (&text)[N])
{
    return QByteArray(text, qsizetype(N - 1));
}

QList<Frame> toList(const std::vector<Frame> &frames)
{
    return QList<Frame>(frames.begin(), frames.end());
}

/// The head of each frame, as an application would pass the requests of one
/// direction to the other direction's decoder.
QList<QByteArray> headsOf(const QByteArray &bytes, const std::vector<Frame> &frames)
{
    QList<QByteArray> heads;
    for (const Frame &f : frames)
        heads.append(bytes.mid(f.offset, f.headerLength));
    return heads;
}

QByteArray readData(const QString &name)
{
    QFile file(QStringLiteral(TCPI_TEST_DATA_DIR "/http/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    return file.readAll();
}

} // namespace

class tst_HttpDecoder : public QObject
{
    Q_OBJECT

private slots:
    void literalFrames();
    void frames_data();
    void frames();
    void fatalErrors_data();
    void fatalErrors();
    void oversizeBodySkip_data();
    void oversizeBodySkip();
    void oversizeBodyFail();
    void oversizeHeadIsFatal();
    void partialTails_data();
    void partialTails();
    void chunkingInvariance_data();
    void chunkingInvariance();
    void recordedCurl();
    void recordedPipelined();
    void recordedChunkingInvariance_data();
    void recordedChunkingInvariance();
    void largeBodiesAreLinear();
    void registryOptions();
    void throughput();
};

void tst_HttpDecoder::literalFrames()
{
    // The numbers spelled out once, for a reader who wants to see them.
    const DecodeRun run = decodeOneShot(
        "http", "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET / HTTP/1.0\n\n");
    QVERIFY2(run.createError.isEmpty(), qPrintable(run.createError));
    const QList<Frame> expected {frame(0, 42, 39, 3, 39, kRequest),
                                 frame(42, 16, 58, 0, 16, kRequest)};
    QCOMPARE(toList(run.frames), expected);
    QVERIFY(run.errors.empty());
    QCOMPARE(run.partial.held, 0);

    const DecodeRun response = decodeOneShot(
        "http", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"
                "HTTP/1.0 200 OK\r\n\r\nrest");
    const QList<Frame> expectedResponses {frame(0, 59, 47, 12, 47, kResponse | kChunked),
                                          frame(59, 23, 78, 4, 19, kResponse, Frame::EndedByEof)};
    QCOMPARE(toList(response.frames), expectedResponses);
}

void tst_HttpDecoder::frames_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<QByteArray>>("peers");
    QTest::addColumn<QList<Frame>>("expected");

    auto row = [](const char *name, const Stream &s, const QList<QByteArray> &peers = {},
                  const QString &spec = QStringLiteral("http")) {
        QTest::newRow(name) << spec << s.bytes << peers << s.frames;
    };

    row("get without body", Stream().message(kGet, {}, kRequest));
    row("post with content-length",
        Stream().message("POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 7\r\n\r\n", "a=1&b=2",
                         kRequest));
    row("pipelined requests",
        Stream()
            .message(kGet, {}, kRequest)
            .message("PUT /x HTTP/1.1\r\ncontent-length: 2\r\n\r\n", "{}", kRequest)
            .message("DELETE /x HTTP/1.1\r\n\r\n", {}, kRequest));
    row("chunked request",
        Stream().message("POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
                         "3\r\nabc\r\n0\r\n\r\n", kRequest | kChunked));
    row("response with content-length", Stream().message(kOkHead, "hello", kResponse));
    row("chunked with extensions and trailers",
        Stream().message(kChunkedHead, kChunkedBody, kResponse | kChunked));
    row("chunk sizes in upper and lower case hex",
        Stream().message(kChunkedHead, "A\r\n0123456789\r\nb \r\n0123456789a\r\n000\r\n\r\n",
                         kResponse | kChunked));
    row("transfer-encoding list ending in chunked",
        Stream().message("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n",
                         "1\r\nz\r\n0\r\n\r\n", kResponse | kChunked));
    row("response ended by eof",
        Stream().message("HTTP/1.0 200 OK\r\nServer: x\r\n\r\n",
                         "all of it\r\n\r\nHTTP/1.1 200 OK\r\n", kResponse, Frame::EndedByEof));
    row("empty body ended by eof",
        Stream().message("HTTP/1.1 200 OK\r\n\r\n", {}, kResponse, Frame::EndedByEof));
    row("transfer-encoding not chunked reads to eof",
        Stream().message("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "\x1f\x8b...",
                         kResponse, Frame::EndedByEof));
    row("status line without reason", Stream()
                                          .message("HTTP/1.1 204\r\n\r\n", {}, kResponse)
                                          .message("HTTP/1.1 200 \r\n"
                                                   "Content-Length: 1\r\n\r\n",
                                                   "x", kResponse));
    row("204 and 304 have no body even with a length",
        Stream()
            .message("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", {}, kResponse)
            .message("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n", {},
                     kResponse)
            .message(kOkHead, "hello", kResponse));
    row("head response has no body",
        Stream()
            .message("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", {}, kResponse)
            .message("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", {}, kResponse)
            .message(kOkHead, "hello", kResponse),
        {"HEAD / HTTP/1.1\r\n\r\n", "HEAD /x HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\n\r\n"});
    row("interim 1xx does not consume the head request",
        Stream()
            .message("HTTP/1.1 100 Continue\r\n\r\n", {}, kResponse)
            .message("HTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n", {}, kResponse)
            .message("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", {}, kResponse)
            .message(kOkHead, "hello", kResponse),
        {"HEAD / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n", "GET / HTTP/1.1\r\n\r\n"});
    row("peer responses and junk are not requests",
        Stream()
            .message("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", {}, kResponse)
            .message(kOkHead, "hello", kResponse),
        {"HTTP/1.1 200 OK\r\n\r\n", "\x16\x03\x01", "HEAD / HTTP/1.1\r\n\r\n",
         "GET / HTTP/1.1\r\n\r\n"});
    row("no peers: every response answers a get",
        Stream().message("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", "ok", kResponse));
    row("bare lf line ends",
        Stream()
            .message("GET / HTTP/1.1\nHost: a\nContent-Length: 2\n\n", "\r\n", kRequest)
            .message("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n", "2\nab\n0\n\n",
                     kResponse | kChunked));
    row("mixed line ends", Stream().message("GET / HTTP/1.1\r\nHost: a\n\r\n", {}, kRequest));
    row("empty lines before a request are skipped", Stream()
                                                        .gap("\r\n\n\r\n")
                                                        .message(kGet, {}, kRequest)
                                                        .gap("\r\n")
                                                        .message(kGet, {}, kRequest));
    row("header names in any case",
        Stream().message("POST / HTTP/1.1\r\nCONTENT-LENGTH: 3\r\n\r\n", "abc", kRequest));
    row("equal content-length values",
        Stream().message("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\ncontent-length:3\r\n\r\n",
                         "abc", kResponse));
    row("content-length zero",
        Stream()
            .message("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", {}, kResponse)
            .message(kOkHead, "hello", kResponse));
    row("folded ordinary header",
        Stream().message("GET / HTTP/1.1\r\nX-Long: a\r\n  b\r\n\tc\r\n\r\n", {}, kRequest));
    row("colon-less look-alikes are ordinary headers",
        Stream().message("GET / HTTP/1.1\r\nContent-Lengthy: 9\r\nX-Content-Length: 9\r\n\r\n", {},
                         kRequest));
    row("target with spaces",
        Stream().message("GET /a b c HTTP/1.1\r\nHost: a\r\n\r\n", {}, kRequest));
    row("101 switches to a tunnel",
        Stream()
            .message("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", {},
                     kResponse)
            .tunnel("\x81\x05hello\r\n\r\nHTTP/1.1 200 OK\r\n"),
        {"GET /chat HTTP/1.1\r\nUpgrade: websocket\r\n\r\n"});
    row("2xx to connect is a tunnel",
        Stream()
            .message("HTTP/1.1 200 Connection established\r\n\r\n", {}, kResponse)
            .tunnel(bin("\x16\x03\x03\x00\x10server hello")),
        {"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"});
    row("refused connect stays http",
        Stream()
            .message("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n", {},
                     kResponse)
            .message("HTTP/1.1 200 Connection established\r\n\r\n", {}, kResponse)
            .tunnel("\x16\x03\x03"),
        {"CONNECT a:443 HTTP/1.1\r\n\r\n",
         "CONNECT a:443 HTTP/1.1\r\nProxy-Authorization: x\r\n\r\n"});
    row("connect request then tls",
        Stream()
            .message("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", {},
                     kRequest)
            .tunnel(bin("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03")));
    row("upgrade request then websocket frames",
        Stream()
            .message("GET /chat HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", {},
                     kRequest)
            .tunnel("\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58"));
    row("upgrade request then h2c preface",
        Stream()
            .message(
                "GET / HTTP/1.1\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n"
                "\r\n",
                {}, kRequest)
            .tunnel("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
    row("refused upgrade: the next request is http",
        Stream()
            .message("GET /chat HTTP/1.1\r\nUpgrade: websocket\r\n\r\n", {}, kRequest)
            .message(kGet, {}, kRequest));
    row("small maxhead fits exactly",
        Stream()
            .message("GET / HTTP/1.1\r\n\r\n", {}, kRequest)
            .message("GET / HTTP/1.1\n\n", {}, kRequest),
        {}, "http:maxhead=18");
    row("max is inclusive",
        Stream().message("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "12345", kResponse), {},
        "http:max=5");
}

void tst_HttpDecoder::frames()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QFETCH(QList<QByteArray>, peers);
    QFETCH(QList<Frame>, expected);
    const DecodeRun run = decodeOneShot(spec, bytes, true, peers);
    QVERIFY2(run.createError.isEmpty(), qPrintable(run.createError));
    QVERIFY2(run.errors.empty(), describe(run).constData());
    QCOMPARE(toList(run.frames), expected);
    QCOMPARE(run.partial.held, 0);
    QVERIFY(checkChunkingInvariance(spec, bytes, 100, 20261128, peers));
}

void tst_HttpDecoder::fatalErrors_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("framesBefore");
    QTest::addColumn<FrameError::Kind>("kind");
    QTest::addColumn<qint64>("offset");

    const qint64 g = kGet.size();
    auto row = [&](const char *name, const QByteArray &bad,
                   FrameError::Kind kind = FrameError::Malformed,
                   const QString &spec = QStringLiteral("http")) {
        // Every bad message follows a good one, and a good one follows it: the
        // error must sit at the bad message and nothing after it may decode.
        QTest::newRow(name) << spec << (kGet + bad + kGet) << 1 << kind << g;
    };
    row("garbage start line", "HELLO THERE\r\n\r\n");
    row("binary first byte", QByteArray("\x00\x01\x02", 3));
    row("http/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    row("status line with bad code", "HTTP/1.1 2000 OK\r\n\r\n");
    row("status line with http/2", "HTTP/2 200\r\n\r\n");
    row("request without version", "GET /\r\n\r\n");
    row("request without target", "GET  HTTP/1.1\r\n\r\n");
    row("header without colon", "GET / HTTP/1.1\r\nHost a\r\n\r\n");
    row("header with empty name", "GET / HTTP/1.1\r\n: x\r\n\r\n");
    row("content-length not a number", "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n");
    row("content-length negative", "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n");
    row("content-length empty", "POST / HTTP/1.1\r\nContent-Length: \r\n\r\n");
    row("content-length trailing comma", "POST / HTTP/1.1\r\nContent-Length: 1,\r\n\r\n");
    row("content-length too long",
        "POST / HTTP/1.1\r\nContent-Length: 1234567890123456789\r\n\r\n");
    row("content-length list disagrees", "POST / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\n");
    row("content-length headers disagree",
        "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
    row("space before colon", "POST / HTTP/1.1\r\nContent-Length : 1\r\n\r\nx");
    row("folded content-length", "POST / HTTP/1.1\r\nContent-Length: 1\r\n 2\r\n\r\n");
    row("transfer-encoding and content-length",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n");
    row("request transfer-encoding not chunked",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n");
    row("bad chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    row("empty chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\r\n");
    row("chunk size with junk", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3 x\r\n");
    row("chunk size overflows",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n");
    row("chunk data without crlf",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n");
    row("chunk data with cr only",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\rX0\r\n\r\n");
    row("head longer than maxhead", "GET / HTTP/1.1\r\nX: " + QByteArray(100, 'x') + "\r\n\r\n",
        FrameError::Oversize, "http:maxhead=64");
    row("start line longer than maxhead", "GET /" + QByteArray(100, 'x') + " HTTP/1.1\r\n\r\n",
        FrameError::Oversize, "http:maxhead=64");
    row("chunk-size line longer than maxhead",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;" + QByteArray(100, 'e')
            + "\r\nx\r\n0\r\n\r\n",
        FrameError::Oversize, "http:maxhead=64");
    row("trailers longer than maxhead",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: " + QByteArray(40, 'a')
            + "\r\nB: " + QByteArray(40, 'b') + "\r\n\r\n",
        FrameError::Oversize, "http:maxhead=64");
}

void tst_HttpDecoder::fatalErrors()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QFETCH(int, framesBefore);
    QFETCH(FrameError::Kind, kind);
    QFETCH(qint64, offset);
    const DecodeRun run = decodeOneShot(spec, bytes);
    QVERIFY2(run.createError.isEmpty(), qPrintable(run.createError));
    QCOMPARE(int(run.frames.size()), framesBefore);
    QCOMPARE(run.errors.size(), size_t(1));
    const FrameError &error = run.errors[0];
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.offset, offset);
    QVERIFY(error.fatal);
    QCOMPARE(error.discarded, 0);
    QVERIFY(!error.message.isEmpty());
    QVERIFY(run.failed);
    // Recovery is "stop": everything from the bad message on is undecoded.
    QCOMPARE(run.undecoded, bytes.size() - offset);
    QVERIFY(checkChunkingInvariance(spec, bytes, 100));
}

void tst_HttpDecoder::oversizeBodySkip_data()
{
    QTest::addColumn<QByteArray>("big");
    QTest::addColumn<QList<QByteArray>>("peers");
    QTest::addColumn<bool>("toEof");

    QTest::newRow("content-length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world")
        << QList<QByteArray>() << false;
    QTest::newRow("chunked") << QByteArray(kChunkedHead + kChunkedBody) << QList<QByteArray>()
                             << false;
    QTest::newRow("ended by eof") << QByteArray("HTTP/1.1 200 OK\r\n\r\n0123456789ab")
                                  << QList<QByteArray>() << true;
}

void tst_HttpDecoder::oversizeBodySkip()
{
    // max=10: the 5-byte bodies around the big one decode; the big message goes
    // whole (head and body), reported once with its length.
    QFETCH(QByteArray, big);
    QFETCH(QList<QByteArray>, peers);
    QFETCH(bool, toEof);
    const QByteArray small = kOkHead + "hello";
    const QByteArray bytes = small + big + (toEof ? QByteArray() : small);
    const QString spec = QStringLiteral("http:max=10");
    const DecodeRun run = decodeOneShot(spec, bytes, true, peers);
    QVERIFY2(run.createError.isEmpty(), qPrintable(run.createError));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].kind, FrameError::Oversize);
    QCOMPARE(run.errors[0].offset, small.size());
    QCOMPARE(run.errors[0].discarded, big.size());
    QVERIFY(!run.errors[0].fatal);
    QList<Frame> expected {frame(0, small.size(), kOkHead.size(), 5, kOkHead.size(), kResponse)};
    if (!toEof)
        expected.append(frame(small.size() + big.size(), small.size(),
                              small.size() + big.size() + kOkHead.size(), 5, kOkHead.size(),
                              kResponse));
    QCOMPARE(toList(run.frames), expected);
    QCOMPARE(run.partial.held, 0);
    QVERIFY(!run.failed);
    QVERIFY(checkChunkingInvariance(spec, bytes, 200, 7, peers));
}

void tst_HttpDecoder::oversizeBodyFail()
{
    const QByteArray small = kOkHead + "hello";
    const QList<QByteArray> bigs {"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world",
                                  kChunkedHead + kChunkedBody,
                                  "HTTP/1.1 200 OK\r\n\r\n0123456789ab"};
    for (const QByteArray &big : bigs) {
        const QByteArray bytes = small + big + small;
        const QString spec = QStringLiteral("http:max=10,oversize=fail");
        const DecodeRun run = decodeOneShot(spec, bytes);
        QCOMPARE(run.frames.size(), size_t(1));
        QCOMPARE(run.errors.size(), size_t(1));
        QCOMPARE(run.errors[0].kind, FrameError::Oversize);
        QCOMPARE(run.errors[0].offset, small.size());
        QVERIFY(run.errors[0].fatal);
        QCOMPARE(run.undecoded, bytes.size() - small.size());
        QVERIFY(checkChunkingInvariance(spec, bytes, 100));
    }
}

void tst_HttpDecoder::oversizeHeadIsFatal()
{
    // Whatever oversize says: without the head there is no way to find the
    // next message.
    const QByteArray bytes
        = kGet + "GET / HTTP/1.1\r\nCookie: " + QByteArray(200, 'c') + "\r\n\r\n" + kGet;
    for (const char *spec : {"http:maxhead=100", "http:maxhead=100,oversize=fail"}) {
        const DecodeRun run = decodeOneShot(spec, bytes);
        QCOMPARE(run.frames.size(), size_t(1));
        QCOMPARE(run.errors.size(), size_t(1));
        QCOMPARE(run.errors[0].kind, FrameError::Oversize);
        QCOMPARE(run.errors[0].offset, kGet.size());
        QVERIFY(run.errors[0].fatal);
    }
    // A head that never ends is found oversize as soon as it passes maxhead,
    // without waiting for a line end.
    std::unique_ptr<FrameDecoder> decoder
        = DecoderRegistry::instance().create("http:maxhead=1K", nullptr);
    FrameSink sink;
    const QByteArray endless(600, 'a');
    decoder->feed(endless, sink);
    QVERIFY(sink.errors.empty());
    decoder->feed(endless, sink);
    QCOMPARE(sink.errors.size(), size_t(1));
    QVERIFY(decoder->hasFailed());
}

void tst_HttpDecoder::partialTails_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("frameCount");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("held");
    QTest::addColumn<qint64>("needed");
    QTest::addColumn<int>("errorCount");

    const qint64 g = kGet.size();
    QTest::newRow("nothing pending") << "http" << kGet << 1 << g << qint64(0) << qint64(-1) << 0;
    QTest::newRow("half a start line")
        << "http" << (kGet + "GET /ind") << 1 << g << qint64(8) << qint64(-1) << 0;
    QTest::newRow("head without its empty line")
        << "http" << (kGet + "GET / HTTP/1.1\r\nHost: a\r\n") << 1 << g << qint64(25) << qint64(-1)
        << 0;
    QTest::newRow("body needs bytes")
        << "http" << (kGet + "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123") << 1 << g
        << qint64(43) << qint64(6) << 0;
    QTest::newRow("chunked body unfinished")
        << "http" << (kChunkedHead + "5\r\nhel") << 0 << qint64(0)
        << qint64(kChunkedHead.size() + 6) << qint64(-1) << 0;
    QTest::newRow("chunked body before its last crlf")
        << "http" << (kChunkedHead + "0\r\n\r") << 0 << qint64(0) << qint64(kChunkedHead.size() + 4)
        << qint64(-1) << 0;
    QTest::newRow("a lone cr after a message")
        << "http" << (kGet + "\r") << 1 << g << qint64(1) << qint64(-1) << 0;
    QTest::newRow("oversize skip running into eof")
        << "http:max=4" << (kGet + "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123") << 1
        << qint64(g + 43) << qint64(0) << qint64(-1) << 1;
    QTest::newRow("oversize chunked skip running into eof")
        << "http:max=4" << (kChunkedHead + "5\r\nhel") << 0 << qint64(kChunkedHead.size() + 6)
        << qint64(0) << qint64(-1) << 1;
}

void tst_HttpDecoder::partialTails()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QFETCH(int, frameCount);
    QFETCH(qint64, offset);
    QFETCH(qint64, held);
    QFETCH(qint64, needed);
    QFETCH(int, errorCount);
    const DecodeRun run = decodeOneShot(spec, bytes);
    QCOMPARE(int(run.frames.size()), frameCount);
    QCOMPARE(int(run.errors.size()), errorCount);
    for (const FrameError &error : run.errors) {
        QVERIFY(!error.fatal);
        QCOMPARE(error.discarded, bytes.size() - error.offset);
    }
    QCOMPARE(run.partial.offset, offset);
    QCOMPARE(run.partial.held, held);
    QCOMPARE(run.partial.needed, needed);
    QVERIFY(checkChunkingInvariance(spec, bytes, 100));
}

void tst_HttpDecoder::chunkingInvariance_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<QByteArray>>("peers");

    const QByteArray requests = "\r\n" + kGet
                                + "POST /a HTTP/1.1\r\nContent-Length: 12\r\n\r\nhello world!"
                                + "HEAD /b HTTP/1.1\nHost: x\n\n"
                                + "PUT /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "4;x=y\r\nabcd\r\n10\r\n0123456789abcdef\r\n0\r\nT: 1\r\n\r\n"
                                + "GET /d HTTP/1.1\r\nX-Folded: a\r\n b\r\n\r\n"
                                + "POST /e HTTP/1.1\r\nContent-Length: 40\r\n\r\n"
                                + QByteArray(40, 'p') + "GET /tail HTTP/1.1\r\nHo";
    const QByteArray responses
        = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"
          "HTTP/1.1 100 Continue\r\n\r\n"
          "HTTP/1.1 201 Created\r\ncontent-length: 12\r\n\r\nhello world!"
          "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n" // the HEAD reply
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
          "1a; ext\r\nabcdefghijklmnopqrstuvwxyz\r\n3\nxyz\n0\r\nA: b\r\nC: d\r\n\r\n"
          "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n"
          "HTTP/1.0 200 OK\r\nServer: eof\r\n\r\nbody until the end\r\n";
    const QList<QByteArray> peers {"GET / HTTP/1.1\r\n\r\n",   "POST /a HTTP/1.1\r\n\r\n",
                                   "HEAD /b HTTP/1.1\r\n\r\n", "PUT /c HTTP/1.1\r\n\r\n",
                                   "GET /d HTTP/1.1\r\n\r\n",  "GET /e HTTP/1.1\r\n\r\n"};
    const QByteArray tunnel
        = "GET /ws HTTP/1.1\r\nUpgrade: websocket\r\n\r\n" + bin("\x81\x02hi\x88\x00");
    const QByteArray malformedLate = kGet
                                     + "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                       "3\r\nabc\r\nxyz\r\n"
                                     + kGet;

    for (const char *spec : {"http", "http:max=10", "http:max=10,oversize=fail", "http:maxhead=40",
                             "http:maxhead=64,max=12"}) {
        const QString s = QString::fromLatin1(spec);
        QTest::addRow("requests %s", spec) << s << requests << QList<QByteArray>();
        QTest::addRow("responses %s", spec) << s << responses << peers;
        QTest::addRow("responses without peers %s", spec) << s << responses << QList<QByteArray>();
        QTest::addRow("tunnel %s", spec) << s << tunnel << QList<QByteArray>();
        QTest::addRow("malformed late %s", spec) << s << malformedLate << QList<QByteArray>();
    }
}

void tst_HttpDecoder::chunkingInvariance()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QFETCH(QList<QByteArray>, peers);
    QVERIFY(checkChunkingInvariance(spec, bytes, 500, 20261128, peers));
}

void tst_HttpDecoder::recordedCurl()
{
    // scripts/record/http.sh: curl, one keep-alive connection through nginx.
    const QByteArray c2s = readData(QStringLiteral("curl-c2s.bin"));
    const QByteArray s2c = readData(QStringLiteral("curl-s2c.bin"));
    const DecodeRun requests = decodeOneShot("http", c2s);
    QVERIFY2(requests.errors.empty(), describe(requests).constData());
    QCOMPARE(requests.partial.held, 0);
    QCOMPARE(requests.frames.size(), size_t(9));
    // GET, HEAD, GET 404, GET gzip, GET 304, GET 204, POST 3000 bytes with
    // Expect: 100-continue, POST chunked, GET.
    const QList<quint16> requestKinds {kRequest, kRequest, kRequest, kRequest,
                                       kRequest, kRequest, kRequest, kRequest | kChunked,
                                       kRequest};
    const QList<qint64> requestBodies {0, 0, 0, 0, 0, 0, 3000, -1, 0};
    for (int i = 0; i < 9; ++i) {
        const Frame &f = requests.frames[size_t(i)];
        QCOMPARE(f.kind, requestKinds[i]);
        if (requestBodies[i] >= 0)
            QCOMPARE(f.payloadLength, requestBodies[i]);
    }
    const Frame &chunkedPost = requests.frames[7];
    QVERIFY(
        c2s.mid(chunkedPost.payloadOffset, chunkedPost.payloadLength).endsWith("\r\n0\r\n\r\n"));
    QVERIFY(chunkedPost.payloadLength > 3000);

    const DecodeRun responses = decodeOneShot("http", s2c, true, headsOf(c2s, requests.frames));
    QVERIFY2(responses.errors.empty(), describe(responses).constData());
    QCOMPARE(responses.partial.held, 0);
    QCOMPARE(responses.undecoded, 0);
    QCOMPARE(responses.frames.size(), size_t(10));
    // 200 small.txt, 200 to HEAD (Content-Length 10240, no body), 404, 200
    // chunked gzip, 304, 204, 100 Continue, 200 "posted\n", 200 "posted\n", 200 medium.bin.
    const QList<qint64> responseBodies {13, 0, 153, -1, 0, 0, 0, 7, 7, 10240};
    const QList<QByteArray> statuses {"200", "200", "404", "200", "304",
                                      "204", "100", "200", "200", "200"};
    qint64 at = 0;
    for (int i = 0; i < 10; ++i) {
        const Frame &f = responses.frames[size_t(i)];
        QCOMPARE(f.offset, at); // back to back, nothing skipped
        at = f.end();
        QCOMPARE(f.status, Frame::Complete);
        QCOMPARE(s2c.mid(f.offset + 9, 3), statuses[i]);
        QCOMPARE(f.kind, quint16(i == 3 ? kResponse | kChunked : kResponse));
        if (responseBodies[i] >= 0)
            QCOMPARE(f.payloadLength, responseBodies[i]);
    }
    QCOMPARE(at, s2c.size());
    QVERIFY(s2c.mid(responses.frames[1].offset, responses.frames[1].headerLength)
                .contains("Content-Length: 10240"));
    const Frame &gzip = responses.frames[3];
    QCOMPARE(s2c.mid(gzip.payloadOffset + gzip.payloadLength - 5, 5), QByteArray("0\r\n\r\n"));
}

void tst_HttpDecoder::recordedPipelined()
{
    // scripts/record/http.sh: five requests in one write; the HEAD reply has
    // neither length nor chunked, and the last reply ends when nginx closes.
    const QByteArray c2s = readData(QStringLiteral("pipelined-c2s.bin"));
    const QByteArray s2c = readData(QStringLiteral("pipelined-s2c.bin"));
    const DecodeRun requests = decodeOneShot("http", c2s);
    QVERIFY2(requests.errors.empty(), describe(requests).constData());
    QCOMPARE(requests.frames.size(), size_t(5));
    QCOMPARE(requests.partial.held, 0);
    for (const Frame &f : requests.frames) {
        QCOMPARE(f.kind, kRequest);
        QCOMPARE(f.payloadLength, 0);
    }
    QCOMPARE(requests.frames.back().end(), c2s.size());

    const DecodeRun responses = decodeOneShot("http", s2c, true, headsOf(c2s, requests.frames));
    QVERIFY2(responses.errors.empty(), describe(responses).constData());
    QCOMPARE(responses.partial.held, 0);
    QCOMPARE(responses.frames.size(), size_t(5));
    const QList<quint16> kinds {kResponse, kResponse, kResponse | kChunked, kResponse, kResponse};
    const QList<qint64> bodies {13, 0, -1, 153, -1};
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(responses.frames[size_t(i)].kind, kinds[i]);
        if (bodies[i] >= 0)
            QCOMPARE(responses.frames[size_t(i)].payloadLength, bodies[i]);
    }
    const Frame &last = responses.frames[4];
    QCOMPARE(last.status, Frame::EndedByEof);
    QCOMPARE(last.end(), s2c.size());
    QVERIFY(s2c.mid(last.payloadOffset, 2) == "\x1f\x8b"); // gzip magic
    QCOMPARE(responses.frames[2].end(), responses.frames[3].offset);

    // Without the requests the HEAD reply looks like a body running to EOF:
    // the reason the response side needs its peer's frames.
    const DecodeRun blind = decodeOneShot("http", s2c);
    QCOMPARE(blind.frames.size(), size_t(2));
    QCOMPARE(blind.frames[1].status, Frame::EndedByEof);
    QCOMPARE(blind.frames[1].end(), s2c.size());
}

void tst_HttpDecoder::recordedChunkingInvariance_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("peerFile");
    QTest::newRow("curl requests") << "curl-c2s.bin" << QString();
    QTest::newRow("curl responses") << "curl-s2c.bin"
                                    << "curl-c2s.bin";
    QTest::newRow("pipelined requests") << "pipelined-c2s.bin" << QString();
    QTest::newRow("pipelined responses") << "pipelined-s2c.bin"
                                         << "pipelined-c2s.bin";
}

void tst_HttpDecoder::recordedChunkingInvariance()
{
    QFETCH(QString, file);
    QFETCH(QString, peerFile);
    QList<QByteArray> peers;
    if (!peerFile.isEmpty()) {
        const QByteArray peerBytes = readData(peerFile);
        peers = headsOf(peerBytes, decodeOneShot("http", peerBytes).frames);
    }
    const QByteArray bytes = readData(file);
    QVERIFY(checkChunkingInvariance("http", bytes, 100, 20261128, peers));
    QVERIFY(checkChunkingInvariance("http:max=100", bytes, 100, 20261128, peers));
}

void tst_HttpDecoder::largeBodiesAreLinear()
{
    // 64 MB bodies fed in 4 KiB reads, as Content-Length, as one huge chunk,
    // and as 4 KiB chunks: each read must cost the same whatever came before.
    const qint64 total = 64 * 1024 * 1024;
    const qint64 chunk = 4096;
    const QByteArray block(chunk, 'x');
    const QByteArray chunkLine = QByteArray::number(chunk, 16) + "\r\n";
    struct Case
    {
        QByteArray head;
        QByteArray before;
        QByteArray after;
        QByteArray tail;
    };
    const QList<Case> cases {
        {"HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(total) + "\r\n\r\n",
         {},
         {},
         {}},
        {kChunkedHead + QByteArray::number(total, 16) + "\r\n", {}, {}, "\r\n0\r\n\r\n"},
        {kChunkedHead, chunkLine, "\r\n", "0\r\n\r\n"},
    };
    for (const Case &c : cases) {
        std::unique_ptr<FrameDecoder> decoder
            = DecoderRegistry::instance().create("http:max=128M", nullptr);
        QVERIFY(decoder);
        FrameSink sink;
        QElapsedTimer timer;
        timer.start();
        decoder->feed(c.head, sink);
        for (qint64 at = 0; at < total; at += chunk) {
            decoder->feed(c.before, sink);
            decoder->feed(block, sink);
            decoder->feed(c.after, sink);
        }
        decoder->feed(c.tail, sink);
        const qint64 ms = timer.elapsed();
        QVERIFY2(sink.errors.empty(),
                 qPrintable(sink.errors.empty() ? QString() : sink.errors.front().message));
        QCOMPARE(sink.frames.size(), size_t(1));
        QCOMPARE(sink.frames[0].length, decoder->position());
        QVERIFY2(ms < 20000, qPrintable(QString::number(ms)));
    }
}

void tst_HttpDecoder::registryOptions()
{
    const DecoderInfo *info = DecoderRegistry::instance().find(QStringLiteral("http"));
    QVERIFY(info);
    QCOMPARE(info->synopsis(), QStringLiteral("http[:maxhead=SIZE,max=SIZE,oversize=skip|fail]"));
    QString error;
    QVERIFY(DecoderRegistry::instance().validate(info->example, &error));
    QVERIFY(!DecoderRegistry::instance().validate(QStringLiteral("http:maxhead=8"), &error));
    QVERIFY(error.contains(QLatin1String("maxhead")));
    QVERIFY(!DecoderRegistry::instance().validate(QStringLiteral("http:eol=lf"), &error));
    std::unique_ptr<FrameDecoder> decoder = DecoderRegistry::instance().create("http", &error);
    QVERIFY(decoder);
    QVERIFY(decoder->wantsPeerFrames());
}

void tst_HttpDecoder::throughput()
{
    // Small messages as curl and nginx write them; prints MB/s for both sides.
    const QByteArray request("GET /api/items/42 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
                             "User-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n");
    const QByteArray response("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\n"
                              "Date: Sat, 28 Nov 2026 07:08:29 GMT\r\nContent-Type: text/plain\r\n"
                              "Content-Length: 13\r\nConnection: keep-alive\r\n\r\nhello, world\n");
    // A browser's request: a dozen headers, long values.
    const QByteArray browser(
        "GET /assets/app.js?v=3 HTTP/1.1\r\nHost: www.example.com\r\n"
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0\r\n"
        "Accept: */*\r\nAccept-Language: en-US,en;q=0.5\r\n"
        "Accept-Encoding: gzip, deflate, br\r\nReferer: https://www.example.com/\r\n"
        "Connection: keep-alive\r\nCookie: session=0123456789abcdef0123456789abcdef\r\n"
        "Sec-Fetch-Dest: script\r\nSec-Fetch-Mode: no-cors\r\nSec-Fetch-Site: same-origin\r\n"
        "If-None-Match: \"5e0be100-2800\"\r\n\r\n");
    const QList<QPair<const char *, QByteArray>> samples {
        {"curl request", request}, {"browser request", browser}, {"nginx response", response}};
    for (const auto &[name, message] : samples) {
        QByteArray stream;
        while (stream.size() < 8 * 1024 * 1024)
            stream += message;
        const qint64 messages = stream.size() / message.size();
        const int rounds = 4;
        std::unique_ptr<FrameDecoder> decoder = DecoderRegistry::instance().create("http", nullptr);
        FrameSink sink;
        sink.frames.reserve(size_t(messages));
        QElapsedTimer timer;
        timer.start();
        for (int round = 0; round < rounds; ++round) {
            sink.clear();
            for (qint64 at = 0; at < stream.size(); at += 65536)
                decoder->feed(stream.constData() + at, std::min<qint64>(65536, stream.size() - at),
                              sink);
        }
        const qint64 ns = std::max<qint64>(timer.nsecsElapsed(), 1);
        QCOMPARE(qint64(sink.frames.size()), messages);
        const double mbPerSecond = double(stream.size()) * rounds / double(ns) * 1e3;
        qInfo("%s of %d bytes: %.0f MB/s, %.2f M messages/s", name, int(message.size()),
              mbPerSecond, double(messages) * rounds / double(ns) * 1e3);
    }
}

QTEST_GUILESS_MAIN(tst_HttpDecoder)
#include "tst_httpdecoder.moc"
