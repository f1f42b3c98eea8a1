// SPDX-License-Identifier: GPL-3.0-or-later
#include "stream/streamchannel.h"

#include "framing/decoderregistry.h"
#include "framing/framedecoder.h"

#include <algorithm>

namespace TcpInspector {

namespace {
// A decoder that wants peer frames needs their heads (an HTTP method), not
// whole bodies; no head a decoder accepts is longer.
constexpr qint64 peerHeadLimit = qint64(64) * 1024;
// Frames read at a time when a decoder hears a whole stream's frames again.
constexpr qint64 frameBatch = 4096;

// Packed frames cost a few percent of their bytes; a sixteenth of the bytes'
// budget keeps the index of about a gigabyte of 64-byte lines in memory.
// Decoders count offsets from the first byte they are fed; a decoder that
// started at base in ring mode has its frames, and its errors from
// errorsFrom on, moved to stream offsets.
void shift(FrameSink &sink, qint64 base, size_t errorsFrom = 0)
{
    if (base == 0)
        return;
    for (Frame &frame : sink.frames) {
        frame.offset += base;
        frame.payloadOffset += base;
    }
    for (size_t i = errorsFrom; i < sink.errors.size(); ++i)
        sink.errors[i].offset += base;
}

PartialFrame shifted(PartialFrame partial, qint64 base)
{
    partial.offset += base;
    return partial;
}

void setFrameSpill(FrameIndex *frames, const StreamStore::Options &options)
{
    frames->setSpill(options.spillDirectory,
                     std::max<qint64>(options.memoryBudget / 16, qint64(64) * 1024));
}
} // namespace

StreamChannel::StreamChannel(Direction direction, const StreamStore::Options &options)
    : m_direction(direction), m_store(std::make_shared<StreamStore>(options))
{
    QString error;
    m_decoder = DecoderRegistry::instance().create(QStringLiteral("raw"), &error);
    m_framing = m_decoder->spec();
    setFrameSpill(&m_frames, m_store->options());
}

StreamChannel::~StreamChannel() = default;

StreamChannel::Appended StreamChannel::append(const char *data, qint64 size, qint64 timestampNs)
{
    const qint64 offset = m_store->size();
    const qint64 kept = m_store->append(data, size, timestampNs);
    // The decoder sees exactly the bytes the store kept, so frame offsets
    // always point at stored bytes.
    m_decoder->feed(data, kept, m_sink);
    return publish(m_sink, offset, kept);
}

StreamChannel::Appended StreamChannel::finish(qint64 atNs)
{
    m_decoder->finish(m_sink);
    Appended appended = publish(m_sink, m_store->size(), 0);
    std::lock_guard<std::mutex> lock(m_mutex);
    m_finished = true;
    m_finishedAtNs = atNs != 0 ? atNs : monotonicNs();
    m_framesBeforeFinish = appended.firstFrame;
    m_errorsBeforeFinish = appended.firstError;
    return appended;
}

PreparedFraming::PreparedFraming() = default;
PreparedFraming::~PreparedFraming() = default;

bool StreamChannel::setFraming(const QString &spec, QString *error)
{
    std::unique_ptr<PreparedFraming> prepared = prepareFraming(spec, error);
    if (!prepared)
        return false;
    adoptFraming(std::move(prepared));
    return true;
}

std::unique_ptr<PreparedFraming>
StreamChannel::prepareFraming(const QString &spec, QString *error, std::atomic<qint64> *progress,
                              const std::atomic<bool> *cancel) const
{
    auto prepared = std::make_unique<PreparedFraming>();
    prepared->decoder = DecoderRegistry::instance().create(spec, error);
    if (!prepared->decoder)
        return nullptr;
    setFrameSpill(&prepared->frames, m_store->options());
    if (m_source && prepared->decoder->wantsPeerFrames()) {
        // The peer's frames so far, in order: what the live decoder heard.
        prepared->peerFrames = m_source->frameCount();
        m_source->notePeerFramesTo(*prepared->decoder, 0, prepared->peerFrames);
    }
    // Re-decode in the original reads: raw framing depends on them, and a
    // decoder fed the same chunks behaves as it did live.
    const qint64 chunks = m_store->chunkCount();
    const qint64 firstChunk = m_store->firstChunk();
    prepared->base = firstChunk < chunks ? m_store->chunk(firstChunk).offset : m_store->size();
    QByteArray buffer;
    for (qint64 i = firstChunk; i < chunks; ++i) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            prepared->cancelled = true;
            break;
        }
        const StreamStore::Chunk chunk = m_store->chunk(i);
        buffer.resize(chunk.size);
        const qint64 n = m_store->read(chunk.offset, buffer.data(), chunk.size);
        const size_t errorsBefore = prepared->sink.errors.size();
        prepared->decoder->feed(buffer.constData(), n, prepared->sink);
        shift(prepared->sink, prepared->base, errorsBefore);
        // Packed as they come: a re-decode of millions of messages must not
        // hold them all at full size.
        prepared->frames.append(prepared->sink.frames);
        prepared->sink.frames.clear();
        prepared->chunks = i + 1;
        if (progress && (i & 63) == 0)
            progress->store(i, std::memory_order_relaxed);
    }
    if (progress)
        progress->store(prepared->chunks, std::memory_order_relaxed);
    return prepared;
}

void StreamChannel::adoptFraming(std::unique_ptr<PreparedFraming> prepared)
{
    if (!prepared || prepared->cancelled)
        return;
    FrameDecoder &decoder = *prepared->decoder;
    FrameSink &sink = prepared->sink;
    // What arrived while it was prepared, in the same order as live: the
    // peer's new frames first (a reply's decoder needs its request), then ours.
    if (m_source && decoder.wantsPeerFrames())
        m_source->notePeerFramesTo(decoder, prepared->peerFrames, m_source->frameCount());
    const qint64 chunks = m_store->chunkCount();
    const size_t preparedErrors = sink.errors.size();
    QByteArray buffer;
    for (qint64 i = std::max(prepared->chunks, m_store->firstChunk()); i < chunks; ++i) {
        const StreamStore::Chunk chunk = m_store->chunk(i);
        buffer.resize(chunk.size);
        const qint64 n = m_store->read(chunk.offset, buffer.data(), chunk.size);
        decoder.feed(buffer.constData(), n, sink);
    }
    bool wasFinished = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        wasFinished = m_finished;
    }
    const qint64 framesBeforeFinish = prepared->frames.size() + qint64(sink.frames.size());
    const auto errorsBeforeFinish = qint64(sink.errors.size());
    if (wasFinished)
        decoder.finish(sink);
    // The preparation's frames and errors were moved already.
    shift(sink, prepared->base, preparedErrors);
    m_decoderBase = prepared->base;
    m_decoder = std::move(prepared->decoder);
    m_sink.clear();
    std::lock_guard<std::mutex> lock(m_mutex);
    m_framing = m_decoder->spec();
    prepared->frames.append(sink.frames);
    m_frames = std::move(prepared->frames);
    m_frameCount.store(m_frames.size(), std::memory_order_release);
    if (m_store->options().keepBytes >= 0 || m_store->sharesBytes())
        m_frames.dropBefore(m_store->firstOffset());
    m_errors = std::move(sink.errors);
    m_partial = shifted(m_decoder->partial(), m_decoderBase);
    if (wasFinished) {
        m_framesBeforeFinish = framesBeforeFinish;
        m_errorsBeforeFinish = errorsBeforeFinish;
    }
}

StreamChannel::Appended StreamChannel::publish(FrameSink &sink, qint64 offset, qint64 size)
{
    shift(sink, m_decoderBase);
    if (m_peer && !sink.frames.empty() && m_peer->m_decoder->wantsPeerFrames())
        notePeerFrames(sink);
    Appended appended;
    appended.offset = offset;
    appended.size = size;
    std::lock_guard<std::mutex> lock(m_mutex);
    appended.firstFrame = m_frames.size();
    appended.frames = qint64(sink.frames.size());
    appended.firstError = qint64(m_errors.size());
    appended.errors = qint64(sink.errors.size());
    m_frames.append(sink.frames);
    m_frameCount.store(m_frames.size(), std::memory_order_release);
    if (m_store->options().keepBytes >= 0 || m_store->sharesBytes())
        m_frames.dropBefore(m_store->firstOffset());
    m_errors.insert(m_errors.end(), sink.errors.begin(), sink.errors.end());
    m_partial = shifted(m_decoder->partial(), m_decoderBase);
    sink.clear();
    return appended;
}

void StreamChannel::notePeerFrames(const FrameSink &sink)
{
    for (const Frame &frame : sink.frames) {
        const QByteArray head = m_store->read(frame.offset, std::min(frame.length, peerHeadLimit));
        m_peer->m_decoder->notePeerFrame(head.constData(), head.size());
    }
}

void StreamChannel::notePeerFramesTo(FrameDecoder &decoder, qint64 from, qint64 to) const
{
    // In batches: a re-decode must not copy millions of frames at full size.
    for (from = std::max(from, firstFrame()); from < to; from += frameBatch) {
        for (const Frame &frame : frames(from, std::min(frameBatch, to - from))) {
            const QByteArray head
                = m_store->read(frame.offset, std::min(frame.length, peerHeadLimit));
            decoder.notePeerFrame(head.constData(), head.size());
        }
    }
}

QString StreamChannel::framing() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_framing;
}

qint64 StreamChannel::frameCount() const
{
    return m_frameCount.load(std::memory_order_acquire);
}

qint64 StreamChannel::firstFrame() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_frames.firstIndex();
}

Frame StreamChannel::frame(qint64 index) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_frames.at(index);
}

qint64 StreamChannel::firstFrameEndingAfter(qint64 offset) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_frames.firstEndingAfter(offset);
}

qint64 StreamChannel::firstFrameStartingAt(qint64 offset) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_frames.firstStartingAt(offset);
}

std::vector<Frame> StreamChannel::frames(qint64 from, qint64 count) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_frames.range(from, count);
}

std::vector<FrameError> StreamChannel::errors() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_errors;
}

PartialFrame StreamChannel::partial() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_partial;
}

qint64 StreamChannel::finishedAtNs() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_finishedAtNs;
}

bool StreamChannel::finished() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_finished;
}

} // namespace TcpInspector
