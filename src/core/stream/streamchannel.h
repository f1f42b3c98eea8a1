// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framing/frame.h"
#include "stream/frameindex.h"
#include "stream/streamstore.h"
#include "timeline/timeline.h"

#include <QString>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace TcpInspector {

class FrameDecoder;

/// A framing decoded over a channel's stored bytes on some other thread, so a
/// long stream never holds up the connection's thread (or a window waiting on
/// it); StreamChannel::adoptFraming() catches up with what arrived since and
/// swaps it in.
struct PreparedFraming
{
    PreparedFraming();
    ~PreparedFraming();
    std::unique_ptr<FrameDecoder> decoder;
    FrameSink sink;    ///< errors, and frames not yet packed
    FrameIndex frames; ///< frames so far
    /// Where the decoder's offset 0 lies in the stream: the first chunk kept
    /// (not 0 in ring mode, where the front of the stream is gone).
    qint64 base = 0;
    qint64 chunks = 0;     ///< chunks fed so far
    qint64 peerFrames = 0; ///< peer frames noted so far
    bool cancelled = false;
};

/// One direction of one connection: its bytes and reads (the StreamStore) and
/// the messages a framing decoder reassembles from them, kept side by side.
///
/// The connection's thread appends and decodes; any thread may read frames,
/// errors and the partial tail, which are published under a short lock.
class StreamChannel
{
public:
    explicit StreamChannel(Direction direction,
                           const StreamStore::Options &options = StreamStore::Options());
    ~StreamChannel();
    StreamChannel(const StreamChannel &) = delete;
    StreamChannel &operator=(const StreamChannel &) = delete;

    Direction direction() const { return m_direction; }
    const StreamStore &store() const { return *m_store; }
    /// Makes this (empty) channel's store read its bytes from source's
    /// (StreamStore::shareBytesOf()): what is appended here must be what
    /// source's store holds at the same offsets. False when it has bytes.
    bool shareBytesOf(const StreamChannel &source) { return m_store->shareBytesOf(source.m_store); }
    /// StreamStore::stopSharingAt().
    void stopSharingAt(qint64 offset) { m_store->stopSharingAt(offset); }

    /// What one append added.
    struct Appended
    {
        qint64 offset = 0;     ///< where the chunk starts in the stream
        qint64 size = 0;       ///< bytes kept
        qint64 firstFrame = 0; ///< index of the first new frame
        qint64 frames = 0;     ///< new frames
        qint64 firstError = 0;
        qint64 errors = 0;
    };

    // The connection's thread only.
    Appended append(const char *data, qint64 size, qint64 timestampNs);
    /// The stream has ended (EOF read, or our FIN sent): lets EOF complete
    /// frames. atNs is when (0: now); a session file keeps it, so that the
    /// messages EOF completed print at the same time when shown again.
    Appended finish(qint64 atNs = 0);
    /// StreamStore::addDropped().
    void addDropped(qint64 bytes, qint64 chunks) { m_store->addDropped(bytes, chunks); }
    /// Changes the framing and decodes everything stored again with it.
    bool setFraming(const QString &spec, QString *error);
    /// Any thread: decodes what is stored now with spec. progress, when
    /// given, counts the chunks done; cancel, when set, stops it early (the
    /// result is then marked cancelled). Null with *error for a bad spec.
    std::unique_ptr<PreparedFraming>
    prepareFraming(const QString &spec, QString *error, std::atomic<qint64> *progress = nullptr,
                   const std::atomic<bool> *cancel = nullptr) const;
    /// The connection's thread: feeds what arrived since prepareFraming()
    /// and makes it the framing. Ignores a cancelled preparation.
    void adoptFraming(std::unique_ptr<PreparedFraming> prepared);
    /// Hands this direction's frames to peer's decoder (HTTP HEAD needs it).
    /// Set once, before any data, on the connection's thread.
    void setPeer(StreamChannel *peer)
    {
        m_peer = peer;
        peer->m_source = this;
    }

    // Any thread.
    QString framing() const;
    qint64 frameCount() const;
    /// Ring mode: the first frame still kept (0 otherwise); frames before it
    /// read as default Frames.
    qint64 firstFrame() const;
    Frame frame(qint64 index) const;
    /// FrameIndex::firstEndingAfter() and firstStartingAt(), under one lock
    /// each: the frames touching a byte range without probing frame by frame.
    qint64 firstFrameEndingAfter(qint64 offset) const;
    qint64 firstFrameStartingAt(qint64 offset) const;
    std::vector<Frame> frames(qint64 from, qint64 count) const;
    std::vector<FrameError> errors() const;
    /// errors().size() without the copy.
    qint64 errorCount() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return qint64(m_errors.size());
    }
    PartialFrame partial() const;
    bool finished() const;
    /// When finish() ran, or -1 while the stream is open.
    qint64 finishedAtNs() const;
    /// Frames and errors decoded before finish(); the rest are what EOF
    /// settled (a body EOF ended). -1 while the stream is open.
    qint64 framesBeforeFinish() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_framesBeforeFinish;
    }
    qint64 errorsBeforeFinish() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_errorsBeforeFinish;
    }

private:
    Appended publish(FrameSink &sink, qint64 offset, qint64 size);
    void notePeerFrames(const FrameSink &sink);
    /// Tells decoder of this direction's frames [from, to).
    void notePeerFramesTo(FrameDecoder &decoder, qint64 from, qint64 to) const;

    const Direction m_direction;
    // Shared: another channel's store may read its bytes from this one, and
    // outlive this channel's connection.
    std::shared_ptr<StreamStore> m_store;
    std::unique_ptr<FrameDecoder> m_decoder;
    StreamChannel *m_peer = nullptr;   ///< whose decoder hears of our frames
    StreamChannel *m_source = nullptr; ///< whose frames our decoder hears of
    FrameSink m_sink;                  // reused to avoid an allocation per chunk
    qint64 m_decoderBase = 0;          ///< PreparedFraming::base of m_decoder

    mutable std::mutex m_mutex; // guards the published copies below
    QString m_framing;
    // Packed: with 64-byte messages, 40-byte frame records were most of
    // what a connection kept.
    FrameIndex m_frames;
    std::atomic<qint64> m_frameCount {0}; ///< m_frames.size(), read without the lock
    std::vector<FrameError> m_errors;
    PartialFrame m_partial;
    bool m_finished = false;
    qint64 m_finishedAtNs = -1;
    qint64 m_framesBeforeFinish = -1;
    qint64 m_errorsBeforeFinish = -1;
};

} // namespace TcpInspector
