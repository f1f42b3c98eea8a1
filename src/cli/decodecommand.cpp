// SPDX-License-Identifier: GPL-3.0-or-later
#include "decodecommand.h"

#include "commonoptions.h"
#include "jsonline.h"

#include "framing/decoderregistry.h"
#include "framing/framedecoder.h"
#include "stream/bytepreview.h"
#include "stream/linking.h"
#include "stream/streamstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>

#include <fcntl.h>
#include <unistd.h>

namespace TcpInspector {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DecodeCommand", text);
}

int usageError(const QString &message)
{
    std::fprintf(stderr, "tcpinspector-cli decode: %s\n", qPrintable(message));
    std::fprintf(stderr, "%s\n",
                 qPrintable(tr("Try 'tcpinspector-cli decode --help' for the options.")));
    return 2;
}

/// A file or standard input, read with read(2) so each chunk is what one read
/// returned (a pipe from nc gives the sizes the writer wrote).
class Input
{
public:
    bool open(const QString &path, QString *error)
    {
        if (path == QLatin1String("-")) {
            m_fd = STDIN_FILENO;
            return true;
        }
        m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0) {
            *error = tr("Cannot open '%1': %2. Check the path and that you may read it.")
                         .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        m_owned = true;
        return true;
    }
    ~Input()
    {
        if (m_owned)
            ::close(m_fd);
    }
    /// Returns bytes read, 0 at EOF, -1 on error (with *error set).
    qint64 read(char *buffer, qint64 size, QString *error)
    {
        for (;;) {
            const ssize_t n = ::read(m_fd, buffer, size_t(size));
            if (n >= 0)
                return n;
            if (errno == EINTR)
                continue;
            *error = QString::fromLocal8Bit(std::strerror(errno));
            return -1;
        }
    }

private:
    int m_fd = -1;
    bool m_owned = false;
};

/// Reads all of input as a list of reads; --chunk N re-cuts them into N-byte reads.
bool forEachRead(Input &input, qint64 chunkSize, QString *error,
                 const std::function<void(const char *, qint64)> &consume)
{
    const qint64 bufferSize = 64 * 1024;
    QByteArray buffer(bufferSize, Qt::Uninitialized);
    QByteArray pending; // only with --chunk: bytes waiting to make a whole N-byte read
    for (;;) {
        const qint64 n = input.read(buffer.data(), bufferSize, error);
        if (n < 0)
            return false;
        if (n == 0)
            break;
        if (chunkSize <= 0) {
            consume(buffer.constData(), n);
            continue;
        }
        pending.append(buffer.constData(), n);
        qint64 at = 0;
        while (pending.size() - at >= chunkSize) {
            consume(pending.constData() + at, chunkSize);
            at += chunkSize;
        }
        pending.remove(0, at);
    }
    if (!pending.isEmpty())
        consume(pending.constData(), pending.size());
    return true;
}

struct Counters
{
    qint64 messages = 0;
    qint64 errors = 0;
};

void printFrame(const StreamStore &store, const Frame &frame, qint64 index, int previewBytes)
{
    const IndexRange chunks = chunksOfRange(store, frame.offset, frame.length);
    JsonLine line;
    line.add("event", "message")
        .add("index", index)
        .add("offset", frame.offset)
        .add("size", frame.length)
        .add("header", qint64(frame.headerLength))
        .add("payload", frame.payloadLength)
        .addPair("chunks", chunks.first, chunks.last);
    if (frame.kind != 0)
        line.add("kind", qint64(frame.kind));
    if (frame.status == Frame::EndedByEof)
        line.add("ended_by", "eof");
    line.add("preview", bytePreview(store.read(frame.payloadOffset,
                                               std::min<qint64>(frame.payloadLength,
                                                                qint64(previewBytes) + 1)),
                                    previewBytes));
    line.write(stdout);
}

void printError(const FrameError &error)
{
    JsonLine()
        .add("event", "error")
        .add("offset", error.offset)
        .add("kind", frameErrorKindName(error.kind))
        .add("discarded", error.discarded)
        .add("fatal", error.fatal)
        .add("message", error.message)
        .write(stdout);
}

/// Prints what the decoder produced, frames and errors merged in stream order.
void drain(const StreamStore &store, FrameSink &sink, Counters &counters, int previewBytes)
{
    size_t e = 0;
    for (const Frame &frame : sink.frames) {
        while (e < sink.errors.size() && sink.errors[e].offset <= frame.offset) {
            printError(sink.errors[e++]);
            ++counters.errors;
        }
        printFrame(store, frame, counters.messages++, previewBytes);
    }
    for (; e < sink.errors.size(); ++e) {
        printError(sink.errors[e]);
        ++counters.errors;
    }
    sink.clear();
}

/// Decodes the opposite direction and hands its frames to decoder, in order.
bool notePeerFrames(FrameDecoder &decoder, const QString &framing, const QString &path,
                    QString *error)
{
    Input input;
    if (!input.open(path, error))
        return false;
    std::unique_ptr<FrameDecoder> peerDecoder = DecoderRegistry::instance().create(framing, error);
    StreamStore store;
    FrameSink sink;
    const bool ok = forEachRead(input, 0, error, [&](const char *data, qint64 size) {
        store.append(data, size, 0);
        peerDecoder->feed(data, size, sink);
    });
    if (!ok) {
        *error = tr("Cannot read '%1': %2").arg(path, *error);
        return false;
    }
    peerDecoder->finish(sink);
    // A decoder that wants peer frames needs their heads (an HTTP method), not
    // their bodies: 64 KiB is more than any head it accepts.
    for (const Frame &frame : sink.frames) {
        const QByteArray bytes
            = store.read(frame.offset, std::min<qint64>(frame.length, 64 * 1024));
        decoder.notePeerFrame(bytes.constData(), bytes.size());
    }
    return true;
}

} // namespace

int runDecodeCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Decodes a recorded byte stream with a framing and prints JSON lines: one per "
           "message, error and unfinished tail, then a summary."));
    parser.addHelpOption();
    const QCommandLineOption framingOption(
        {QStringLiteral("f"), QStringLiteral("framing")},
        tr("The framing, name[:key=value,...]. 'tcpinspector-cli framings' lists them."),
        tr("SPEC"));
    const QCommandLineOption peerOption(
        QStringLiteral("peer"),
        tr("The opposite direction of the same connection (HTTP needs the requests to know "
           "which responses answer HEAD)."),
        tr("FILE"));
    const QCommandLineOption chunkOption(
        QStringLiteral("chunk"),
        tr("Cut the input into reads of N bytes instead of the reads "
           "it arrives in."),
        tr("N"));
    const QCommandLineOption previewOption(QStringLiteral("preview"),
                                           tr("Bytes of each message to preview (default 64)."),
                                           tr("N"), QStringLiteral("64"));
    parser.addOptions({framingOption, peerOption, chunkOption, previewOption});
    parser.addPositionalArgument(QStringLiteral("file"),
                                 tr("The stream to decode, or - for stdin."),
                                 QStringLiteral("FILE|-"));

    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(commandHelp(parser, QStringLiteral("decode"))), stdout);
        return 0;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return usageError(files.isEmpty()
                              ? tr("Name the file to decode, or - for stdin.")
                              : tr("Give one file to decode, not %1.").arg(files.size()));
    if (!parser.isSet(framingOption))
        return usageError(tr("Say how to frame the stream with --framing SPEC, for example "
                             "--framing line or --framing length:bytes=4."));
    const QString framing = parser.value(framingOption);
    QString error;
    std::unique_ptr<FrameDecoder> decoder = DecoderRegistry::instance().create(framing, &error);
    if (!decoder)
        return usageError(error);

    qint64 chunkSize = 0;
    if (parser.isSet(chunkOption)) {
        bool ok = false;
        chunkSize = parser.value(chunkOption).toLongLong(&ok);
        if (!ok || chunkSize <= 0)
            return usageError(tr("--chunk needs a positive number of bytes, not '%1'.")
                                  .arg(parser.value(chunkOption)));
    }
    bool previewOk = false;
    const int previewBytes = parser.value(previewOption).toInt(&previewOk);
    if (!previewOk || previewBytes < 0)
        return usageError(tr("--preview needs a number of bytes (0 or more), not '%1'.")
                              .arg(parser.value(previewOption)));
    if (parser.isSet(peerOption)
        && !notePeerFrames(*decoder, framing, parser.value(peerOption), &error))
        return usageError(error);

    Input input;
    if (!input.open(files.first(), &error))
        return usageError(error);

    StreamStore store;
    FrameSink sink;
    Counters counters;
    QElapsedTimer clock;
    clock.start();
    const bool ok = forEachRead(input, chunkSize, &error, [&](const char *data, qint64 size) {
        store.append(data, size, clock.nsecsElapsed());
        decoder->feed(data, size, sink);
        drain(store, sink, counters, previewBytes);
    });
    decoder->finish(sink);
    drain(store, sink, counters, previewBytes);

    const PartialFrame partial = decoder->partial();
    if (partial.held > 0) {
        JsonLine line;
        line.add("event", "partial").add("offset", partial.offset).add("held", partial.held);
        if (partial.needed >= 0)
            line.add("needed", partial.needed);
        else
            line.addNull("needed");
        const IndexRange chunks = chunksOfRange(store, partial.offset, partial.held);
        line.addPair("chunks", chunks.first, chunks.last).add("truncated", true);
        line.add("preview",
                 bytePreview(store.read(partial.offset, qint64(previewBytes) + 1), previewBytes));
        line.write(stdout);
    }
    JsonLine summary;
    summary.add("event", "summary")
        .add("messages", counters.messages)
        .add("bytes", store.size())
        .add("chunks", store.chunkCount())
        .add("partial_bytes", partial.held)
        .add("errors", counters.errors);
    if (decoder->hasFailed())
        summary.add("undecoded_bytes", decoder->undecodedBytes());
    summary.write(stdout);
    std::fflush(stdout);
    if (!ok) {
        std::fprintf(stderr, "tcpinspector-cli decode: %s\n",
                     qPrintable(tr("Reading '%1' failed after %2 bytes: %3")
                                    .arg(files.first())
                                    .arg(store.size())
                                    .arg(error)));
        return 1;
    }
    return 0;
}

} // namespace TcpInspector
