// SPDX-License-Identifier: GPL-3.0-or-later
#include "decodecommand.h"
#include "clitr.h"

#include "commonoptions.h"
#include "jsonline.h"
#include "streaminput.h"

#include "framing/decoderregistry.h"
#include "stream/bytepreview.h"
#include "stream/linking.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

namespace TcpInspector {

namespace { } // namespace

DecodeCommand::DecodeCommand()
    : m_framing(
        {QStringLiteral("f"), QStringLiteral("framing")},
        CliTr::tr("The framing, name[:key=value,...]. 'tcpinspector-cli framings' lists them."),
        CliTr::tr("SPEC")),
      m_peer(QStringLiteral("peer"),
             CliTr::tr(
                 "The opposite direction of the same connection (HTTP needs the requests to know "
                 "which responses answer HEAD)."),
             CliTr::tr("FILE")),
      m_chunk(QStringLiteral("chunk"),
              CliTr::tr("Cut the input into reads of N bytes instead of the reads "
                        "it arrives in."),
              CliTr::tr("N")),
      m_preview(QStringLiteral("preview"),
                CliTr::tr("Bytes of each message to preview (default 64)."), CliTr::tr("N"),
                QStringLiteral("64"))
{
    m_parser.setApplicationDescription(
        CliTr::tr("Decodes a recorded byte stream with a framing and prints JSON lines: one per "
                  "message, error and unfinished tail, then a summary."));
    m_parser.addHelpOption();
    m_parser.addOptions({m_framing, m_peer, m_chunk, m_preview});
    m_parser.addPositionalArgument(QStringLiteral("file"),
                                   CliTr::tr("The stream to decode, or - for stdin."),
                                   QStringLiteral("FILE|-"));
}

int DecodeCommand::usageError(const QString &message) const
{
    return TcpInspector::usageError(
        QStringLiteral("decode"), message,
        CliTr::tr("Try 'tcpinspector-cli decode --help' for the options."));
}

std::optional<int> DecodeCommand::readOptions(const QStringList &arguments)
{
    if (const std::optional<int> done
        = parseCommandLine(m_parser, arguments, QStringLiteral("decode"),
                           CliTr::tr("Try 'tcpinspector-cli decode --help' for the options.")))
        return done;
    const QStringList files = m_parser.positionalArguments();
    if (files.size() != 1)
        return usageError(files.isEmpty()
                              ? CliTr::tr("Name the file to decode, or - for stdin.")
                              : CliTr::tr("Give one file to decode, not %1.").arg(files.size()));
    if (!m_parser.isSet(m_framing))
        return usageError(CliTr::tr("Say how to frame the stream with --framing SPEC, for example "
                                    "--framing line or --framing length:bytes=4."));
    QString error;
    m_decoder = DecoderRegistry::instance().create(m_parser.value(m_framing), &error);
    if (!m_decoder)
        return usageError(error);
    if (m_parser.isSet(m_chunk)) {
        bool ok = false;
        m_chunkSize = m_parser.value(m_chunk).toLongLong(&ok);
        if (!ok || m_chunkSize <= 0)
            return usageError(CliTr::tr("--chunk needs a positive number of bytes, not '%1'.")
                                  .arg(m_parser.value(m_chunk)));
    }
    bool previewOk = false;
    m_previewBytes = m_parser.value(m_preview).toInt(&previewOk);
    if (!previewOk || m_previewBytes < 0)
        return usageError(CliTr::tr("--preview needs a number of bytes (0 or more), not '%1'.")
                              .arg(m_parser.value(m_preview)));
    if (m_parser.isSet(m_peer) && !notePeerFrames(m_parser.value(m_peer), &error))
        return usageError(error);
    return std::nullopt;
}

int DecodeCommand::run(const QStringList &arguments)
{
    if (const std::optional<int> done = readOptions(arguments))
        return *done;
    const QString file = m_parser.positionalArguments().first();
    QString error;
    StreamInput input;
    if (!input.open(file, &error))
        return usageError(error);

    QElapsedTimer clock;
    clock.start();
    const bool ok = input.forEachRead(m_chunkSize, &error, [&](const char *data, qint64 size) {
        m_store.append(data, size, clock.nsecsElapsed());
        m_decoder->feed(data, size, m_sink);
        drain();
    });
    m_decoder->finish(m_sink);
    drain();
    const PartialFrame partial = m_decoder->partial();
    if (partial.held > 0)
        printPartial(partial);
    printSummary(partial);
    std::fflush(stdout);
    if (!ok) {
        std::fprintf(stderr, "tcpinspector-cli decode: %s\n",
                     qPrintable(CliTr::tr("Reading '%1' failed after %2 bytes: %3")
                                    .arg(file)
                                    .arg(m_store.size())
                                    .arg(error)));
        return 1;
    }
    return 0;
}

bool DecodeCommand::notePeerFrames(const QString &path, QString *error)
{
    StreamInput input;
    if (!input.open(path, error))
        return false;
    std::unique_ptr<FrameDecoder> peerDecoder
        = DecoderRegistry::instance().create(m_parser.value(m_framing), error);
    StreamStore store;
    FrameSink sink;
    const bool ok = input.forEachRead(0, error, [&](const char *data, qint64 size) {
        store.append(data, size, 0);
        peerDecoder->feed(data, size, sink);
    });
    if (!ok) {
        *error = CliTr::tr("Cannot read '%1': %2").arg(path, *error);
        return false;
    }
    peerDecoder->finish(sink);
    // A decoder that wants peer frames needs their heads (an HTTP method), not
    // their bodies: 64 KiB is more than any head it accepts.
    for (const Frame &frame : sink.frames) {
        const QByteArray bytes
            = store.read(frame.offset, std::min<qint64>(frame.length, qint64(64) * 1024));
        m_decoder->notePeerFrame(bytes.constData(), bytes.size());
    }
    return true;
}

void DecodeCommand::drain()
{
    size_t e = 0;
    for (const Frame &frame : m_sink.frames) {
        while (e < m_sink.errors.size() && m_sink.errors[e].offset <= frame.offset) {
            printError(m_sink.errors[e++]);
            ++m_errors;
        }
        printFrame(frame, m_messages++);
    }
    for (; e < m_sink.errors.size(); ++e) {
        printError(m_sink.errors[e]);
        ++m_errors;
    }
    m_sink.clear();
}

void DecodeCommand::printFrame(const Frame &frame, qint64 index) const
{
    const IndexRange chunks = chunksOfRange(m_store, frame.offset, frame.length);
    JsonLine line;
    line.add("event", "message")
        .add("index", index)
        .add("offset", frame.offset)
        .add("size", frame.length)
        .add("header", qint64(frame.headerLength))
        .add("payload", frame.payloadLength)
        .addPair("chunks", chunks.first, chunks.last);
    if (frame.kind != 0) {
        line.add("kind", qint64(frame.kind));
        const QString name = m_decoder->kindName(frame.kind);
        if (!name.isEmpty())
            line.add("kind_name", name);
    }
    if (frame.status == Frame::EndedByEof)
        line.add("ended_by", "eof");
    line.add("preview", bytePreview(m_store.read(frame.payloadOffset,
                                                 std::min<qint64>(frame.payloadLength,
                                                                  qint64(m_previewBytes) + 1)),
                                    m_previewBytes));
    line.write(stdout);
}

void DecodeCommand::printError(const FrameError &error)
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

void DecodeCommand::printPartial(const PartialFrame &partial) const
{
    JsonLine line;
    line.add("event", "partial").add("offset", partial.offset).add("held", partial.held);
    if (partial.needed >= 0)
        line.add("needed", partial.needed);
    else
        line.addNull("needed");
    const IndexRange chunks = chunksOfRange(m_store, partial.offset, partial.held);
    line.addPair("chunks", chunks.first, chunks.last).add("truncated", true);
    line.add("preview",
             bytePreview(m_store.read(partial.offset, qint64(m_previewBytes) + 1), m_previewBytes));
    line.write(stdout);
}

void DecodeCommand::printSummary(const PartialFrame &partial) const
{
    JsonLine summary;
    summary.add("event", "summary")
        .add("messages", m_messages)
        .add("bytes", m_store.size())
        .add("chunks", m_store.chunkCount())
        .add("partial_bytes", partial.held)
        .add("errors", m_errors);
    if (m_decoder->hasFailed())
        summary.add("undecoded_bytes", m_decoder->undecodedBytes());
    summary.write(stdout);
}

} // namespace TcpInspector
