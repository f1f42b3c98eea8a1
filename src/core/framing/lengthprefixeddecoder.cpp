// SPDX-License-Identifier: GPL-3.0-or-later
#include "lengthprefixeddecoder.h"

namespace TcpInspector {

PartialFrame LengthPrefixedDecoder::partial() const
{
    const qint64 held = position() - m_frameStart;
    if (m_state == State::Header)
        return {m_frameStart, held, -1};
    return {m_frameStart, held, m_frameEnd - position()};
}

bool LengthPrefixedDecoder::report(FrameSink &sink, const FrameError &error)
{
    if (m_failOnError) {
        fail(sink, error);
        return false;
    }
    sink.errors.push_back(error);
    return true;
}

void LengthPrefixedDecoder::skipFrame(qint64 length, FrameSink &sink, const FrameError &error)
{
    if (m_failOnError) {
        fail(sink, error);
        return;
    }
    // Reported when the skip ends, so that discarded never counts bytes the
    // stream may not have.
    m_frameEnd = m_frameStart + length;
    m_skipError = error;
    m_state = State::Skip;
}

void LengthPrefixedDecoder::decodeEof(qint64 end, FrameSink &sink)
{
    if (m_state != State::Skip)
        return;
    m_skipError.discarded = end - m_frameStart;
    m_skipError.message = skipEndedByEof(m_skipError, m_skipError.discarded);
    sink.errors.push_back(m_skipError);
    m_frameStart = end;
    m_state = State::Header;
}

} // namespace TcpInspector
