// SPDX-License-Identifier: GPL-3.0-or-later
// bench/decoders: throughput of each framing decoder on 64-byte and 4 KiB
// messages, fed in 64 KiB reads, against a memchr pass over the same buffer
// measured in the same run. Prints a Markdown table; medians of several runs.
#include "framing/decoderregistry.h"
#include "framing/framedecoder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

using namespace TcpInspector;

namespace {

constexpr qint64 streamBytes = 64 * 1024 * 1024;
constexpr qint64 readSize = 64 * 1024;

/// Repeats one message of exactly size bytes until the stream is full.
QByteArray repeatMessage(const QByteArray &message)
{
    QByteArray stream;
    stream.reserve(streamBytes + message.size());
    while (stream.size() + message.size() <= streamBytes)
        stream += message;
    return stream;
}

QByteArray filler(qint64 n)
{
    QByteArray bytes(n, 'a');
    for (qint64 i = 0; i < n; ++i)
        bytes[i] = char('a' + i % 26);
    return bytes;
}

QByteArray bigEndian(quint64 value, int bytes)
{
    QByteArray out(bytes, 0);
    for (int i = bytes - 1; i >= 0; --i, value >>= 8)
        out[i] = char(value & 0xff);
    return out;
}

QByteArray varint(quint64 value)
{
    QByteArray out;
    while (value >= 0x80) {
        out += char(0x80 | (value & 0x7f));
        value >>= 7;
    }
    out += char(value);
    return out;
}

// One message of exactly size bytes in each framing.
QByteArray lineMessage(qint64 size)
{
    return filler(size - 1) + '\n';
}
QByteArray delimMessage(qint64 size)
{
    return filler(size - 2) + "\r\n";
}
QByteArray fixedMessage(qint64 size)
{
    return filler(size);
}
QByteArray lengthMessage(qint64 size)
{
    return bigEndian(size - 4, 4) + filler(size - 4);
}
QByteArray varintMessage(qint64 size)
{
    const qint64 header = size - 1 < 128 ? 1 : 2;
    return varint(size - header) + filler(size - header);
}
QByteArray tlsMessage(qint64 size)
{
    return QByteArray("\x17\x03\x03", 3) + bigEndian(size - 5, 2) + filler(size - 5);
}
QByteArray httpMessage(qint64 size)
{
    if (size < 256) {
        const QByteArray head = "GET / HTTP/1.1\r\nHost: b\r\n\r\n";
        // Pad the path so the request is exactly size bytes.
        return "GET /" + filler(size - head.size()) + " HTTP/1.1\r\nHost: b\r\n\r\n";
    }
    QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ";
    const qint64 body = size - head.size() - 4 - 4; // 4 digits, then CRLF CRLF
    head += QByteArray::number(body) + "\r\n\r\n";
    return head + filler(size - head.size());
}
QByteArray respMessage(qint64 size)
{
    // SET key value, with the value sized to fill the message.
    const QByteArray prefix = "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$";
    qint64 value = size - prefix.size() - 2 - 2 - 2;
    const QByteArray digits = QByteArray::number(value);
    value -= digits.size() - 2;
    return prefix + QByteArray::number(value) + "\r\n" + filler(value) + "\r\n";
}

struct Case
{
    const char *name;
    const char *spec;
    std::function<QByteArray(qint64)> message;
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

/// Seconds for one decoder pass over stream in 64 KiB reads; frames counted.
double decodeOnce(const char *spec, const QByteArray &stream, qint64 *frames)
{
    std::unique_ptr<FrameDecoder> decoder
        = DecoderRegistry::instance().create(QString::fromLatin1(spec), nullptr);
    FrameSink sink;
    sink.frames.reserve(size_t(readSize));
    *frames = 0;
    QElapsedTimer timer;
    timer.start();
    for (qint64 at = 0; at < stream.size(); at += readSize) {
        decoder->feed(stream.constData() + at, std::min(readSize, stream.size() - at), sink);
        *frames += qint64(sink.frames.size());
        sink.clear();
    }
    decoder->finish(sink);
    return double(timer.nsecsElapsed()) / 1e9;
}

/// A byte value that does not occur in stream, so memchr for it reads everything.
int absentByte(const QByteArray &stream)
{
    std::vector<qint64> counts(256, 0);
    for (char c : stream)
        ++counts[uchar(c)];
    const auto it = std::find(counts.begin(), counts.end(), 0);
    return it == counts.end() ? -1 : int(it - counts.begin());
}

double memchrOnce(const QByteArray &stream, int absent)
{
    QElapsedTimer timer;
    timer.start();
    // memchr for a byte that never occurs reads every byte: the fastest full scan there is.
    const void *volatile found = std::memchr(stream.constData(), absent, size_t(stream.size()));
    (void)found;
    return double(timer.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList only = app.arguments().mid(1); // optional decoder names
    const int runs = 5;
    const std::vector<Case> cases = {
        {"line", "line", lineMessage},           {"delim", "delim:hex=0d0a", delimMessage},
        {"fixed", "fixed:len=64", fixedMessage}, {"length", "length:bytes=4", lengthMessage},
        {"varint", "varint", varintMessage},     {"tls", "tls", tlsMessage},
        {"resp", "resp", respMessage},           {"http", "http", httpMessage},
    };
    std::printf("| decoder | message | GB/s | M msg/s | memchr GB/s | ratio to memchr |\n");
    std::printf("|---|---|---|---|---|---|\n");
    for (const Case &c : cases) {
        if (!only.isEmpty() && !only.contains(QString::fromLatin1(c.name)))
            continue;
        for (qint64 size : {qint64(64), qint64(4096)}) {
            QByteArray spec = c.spec;
            if (QByteArray(c.name) == "fixed")
                spec = "fixed:len=" + QByteArray::number(size);
            const QByteArray message = c.message(size);
            if (message.size() != size) {
                std::fprintf(stderr, "bench bug: %s message is %lld bytes, not %lld\n", c.name,
                             qint64(message.size()), size);
                return 1;
            }
            const QByteArray stream = repeatMessage(message);
            const int absent = absentByte(stream);
            if (absent < 0) {
                std::fprintf(stderr, "bench bug: %s stream uses every byte value\n", c.name);
                return 1;
            }
            std::vector<double> decodeTimes, memchrTimes;
            qint64 frames = 0;
            for (int run = 0; run < runs; ++run) {
                // Alternate the two so that both see the same machine noise.
                memchrTimes.push_back(memchrOnce(stream, absent));
                decodeTimes.push_back(decodeOnce(spec.constData(), stream, &frames));
            }
            const qint64 expected = stream.size() / size;
            if (frames != expected) {
                std::fprintf(stderr, "%s: decoded %lld messages, expected %lld\n", spec.constData(),
                             frames, expected);
                return 1;
            }
            const double decodeSeconds = median(decodeTimes);
            const double memchrSeconds = median(memchrTimes);
            const double gbps = double(stream.size()) / decodeSeconds / 1e9;
            const double baseline = double(stream.size()) / memchrSeconds / 1e9;
            std::printf("| %s | %lld B | %.2f | %.1f | %.2f | %.3f |\n", spec.constData(), size,
                        gbps, double(frames) / decodeSeconds / 1e6, baseline, gbps / baseline);
            std::fflush(stdout);
        }
    }
    return 0;
}
