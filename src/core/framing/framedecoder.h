// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "frame.h"

#include <QByteArray>
#include <QString>

namespace TcpInspector {

/// Names a Frame::kind of one framing with a stable snake_case key ("array",
/// "handshake", "request"); empty for a kind without a name.
using KindNamer = QString (*)(quint16 kind);

/// An incremental framing decoder: fed the chunks of one direction of a stream
/// in order, it reports frames by offset as soon as they are complete.
///
/// Decoders keep a scan cursor and never look at a byte twice, so their cost is
/// linear in the stream whatever the chunking. They copy at most a bounded
/// header (a length field, a RESP line, an HTTP head) and never the payload.
class FrameDecoder
{
public:
    virtual ~FrameDecoder();
    FrameDecoder(const FrameDecoder &) = delete;
    FrameDecoder &operator=(const FrameDecoder &) = delete;

    /// Feeds the next chunk of the stream. Frames and errors are appended to sink.
    void feed(const char *data, qint64 size, FrameSink &sink);
    void feed(const QByteArray &bytes, FrameSink &sink)
    {
        feed(bytes.constData(), bytes.size(), sink);
    }

    /// Tells the decoder that the stream has ended (EOF). Frames that EOF
    /// completes are emitted; what is left stays visible through partial().
    void finish(FrameSink &sink);

    /// The unfinished tail after everything fed so far.
    virtual PartialFrame partial() const = 0;

    /// A frame of the opposite direction, for framings where replies depend on
    /// requests (an HTTP response to HEAD has no body). Default: ignored.
    virtual void notePeerFrame(const char *data, qint64 size);
    /// Whether notePeerFrame() matters to this decoder.
    virtual bool wantsPeerFrames() const { return false; }

    /// The name of Frame::kind kind (see KindNamer). Default: empty, for
    /// framings whose kind is always 0 or a plain number (delim's index).
    virtual QString kindName(quint16 kind) const;

    qint64 position() const { return m_position; }
    bool isFinished() const { return m_finished; }
    /// True after a fatal error: later bytes are counted but not decoded.
    bool hasFailed() const { return m_failed; }
    /// Bytes fed after a fatal error.
    qint64 undecodedBytes() const { return m_undecoded; }
    /// The spec string this decoder was made from, normalised.
    QString spec() const { return m_spec; }
    void setSpec(const QString &spec) { m_spec = spec; }

protected:
    FrameDecoder() = default;

    /// Decodes data, which starts at stream offset offset (== position()).
    virtual void decode(const char *data, qint64 size, qint64 offset, FrameSink &sink) = 0;
    /// End of stream at offset end. Default: nothing is completed by EOF.
    virtual void decodeEof(qint64 end, FrameSink &sink);

    /// Reports a fatal error; the decoder ignores everything after it.
    void fail(FrameSink &sink, FrameError error);
    /// The error for an oversize frame from frameStart that was being
    /// discarded when the stream ended at end: all of it is discarded.
    static FrameError oversizeAtEof(qint64 frameStart, qint64 end, const QString &message)
    {
        return FrameError::at(FrameError::Oversize, frameStart, end - frameStart, message);
    }

private:
    qint64 m_position = 0;
    qint64 m_undecoded = 0;
    bool m_failed = false;
    bool m_finished = false;
    QString m_spec;
};

} // namespace TcpInspector
