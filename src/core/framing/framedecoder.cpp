// SPDX-License-Identifier: GPL-3.0-or-later
#include "framedecoder.h"

#include <QCoreApplication>

namespace TcpInspector {

QString frameErrorKindName(FrameError::Kind kind)
{
    switch (kind) {
    case FrameError::Oversize:
        return QStringLiteral("oversize");
    case FrameError::Malformed:
        return QStringLiteral("malformed");
    }
    return QStringLiteral("unknown");
}

FrameDecoder::~FrameDecoder() = default;

QString FrameDecoder::kindName(quint16) const
{
    return QString();
}

void FrameDecoder::feed(const char *data, qint64 size, FrameSink &sink)
{
    if (size <= 0 || m_finished)
        return;
    if (m_failed) {
        m_undecoded += size;
        m_position += size;
        return;
    }
    const qint64 offset = m_position;
    // The position moves before decode() returns only through this line, so a
    // decoder that fails half-way still accounts for every byte it was given.
    m_position += size;
    decode(data, size, offset, sink);
}

void FrameDecoder::finish(FrameSink &sink)
{
    if (m_finished)
        return;
    m_finished = true;
    if (!m_failed)
        decodeEof(m_position, sink);
}

void FrameDecoder::notePeerFrame(const char *, qint64) { }

void FrameDecoder::decodeEof(qint64, FrameSink &) { }

void FrameDecoder::fail(FrameSink &sink, FrameError error)
{
    error.fatal = true;
    error.discarded = 0;
    sink.errors.push_back(error);
    m_failed = true;
    // Bytes of the current chunk after the error are undecoded too; the decoder
    // returns right after fail(), so count them from the error's offset.
    m_undecoded += m_position - error.offset;
}

} // namespace TcpInspector
