// SPDX-License-Identifier: GPL-3.0-or-later
#include "varintdecoder.h"

#include "builtindecoders.h"
#include "text/translate.h"

#include <QCoreApplication>

#include <limits>

namespace TcpInspector {

namespace {
QString tr(const char *text)
{
    return translateIn("TcpInspector::VarintDecoder", text);
}
} // namespace

PartialFrame VarintDecoder::partial() const
{
    const qint64 held = position() - m_frameStart;
    if (m_state == State::Header)
        return {m_frameStart, held, -1};
    return {m_frameStart, held, m_frameEnd - position()};
}

bool VarintDecoder::report(FrameSink &sink, const FrameError &error)
{
    if (m_failOnError) {
        fail(sink, error);
        return false;
    }
    sink.errors.push_back(error);
    return true;
}

void VarintDecoder::malformedVarint(FrameSink &sink)
{
    FrameError error;
    error.kind = FrameError::Malformed;
    error.offset = m_frameStart;
    error.discarded = MaxVarintBytes;
    error.message = m_failOnError
                        ? tr("The length varint runs past 10 bytes; stopped decoding.")
                        : tr("The length varint runs past 10 bytes; discarded 10 bytes and read "
                             "a length after them.");
    m_value = 0;
    m_overflow = false;
    m_varintBytes = 0;
    if (report(sink, error))
        m_frameStart += MaxVarintBytes;
}

void VarintDecoder::startFrame(FrameSink &sink)
{
    const quint64 value = m_value;
    const bool overflow = m_overflow;
    m_headerLength = m_varintBytes;
    m_value = 0;
    m_overflow = false;
    m_varintBytes = 0;

    FrameError error;
    error.kind = FrameError::Oversize;
    error.offset = m_frameStart;
    const qint64 room = std::numeric_limits<qint64>::max() - m_frameStart - m_headerLength;
    if (overflow || value > quint64(room)) {
        // Skipping it would never end, so even oversize=skip stops here.
        error.message = overflow ? tr("The length varint does not fit in 64 bits; stopped "
                                      "decoding.")
                                 : tr("The length varint says %1, more bytes than a stream can "
                                      "hold; stopped decoding.")
                                       .arg(value);
        fail(sink, error);
        return;
    }
    const qint64 length = m_headerLength + qint64(value);
    m_frameEnd = m_frameStart + length;
    if (qint64(value) > m_max) {
        if (m_failOnError) {
            error.message = tr("Message of %1 bytes is longer than max=%2; stopped decoding.")
                                .arg(value)
                                .arg(m_max);
            fail(sink, error);
            return;
        }
        // Reported when the skip ends, so that discarded never counts bytes
        // the stream may not have.
        error.message
            = tr("Message of %1 bytes is longer than max=%2; discarded it.").arg(value).arg(m_max);
        m_skipError = error;
        m_state = State::Skip;
        return;
    }
    m_state = State::Body;
}

void VarintDecoder::decode(const char *data, qint64 size, qint64 offset, FrameSink &sink)
{
    const qint64 end = offset + size;
    for (;;) {
        if (m_state == State::Header) {
            // Every byte before this chunk was consumed, so the varint's next
            // byte is inside it or still to come.
            qint64 at = m_frameStart + m_varintBytes;
            bool done = false;
            while (at < end) {
                const auto byte = uchar(data[at - offset]);
                ++at;
                const quint64 bits = byte & 0x7f;
                const int shift = 7 * m_varintBytes;
                if (shift == 63 && bits > 1)
                    m_overflow = true; // a tenth byte carries bit 63 only
                m_value |= bits << shift;
                ++m_varintBytes;
                if (!(byte & 0x80)) {
                    startFrame(sink);
                    done = true;
                    break;
                }
                if (m_varintBytes == MaxVarintBytes) {
                    malformedVarint(sink);
                    done = true;
                    break;
                }
            }
            if (!done || hasFailed())
                return;
            continue;
        }
        if (end < m_frameEnd)
            return;
        if (m_state == State::Body) {
            Frame frame;
            frame.offset = m_frameStart;
            frame.length = m_frameEnd - m_frameStart;
            frame.payloadOffset = m_frameStart + m_headerLength;
            frame.payloadLength = frame.length - m_headerLength;
            frame.headerLength = m_headerLength;
            sink.frames.push_back(frame);
        } else {
            m_skipError.discarded = m_frameEnd - m_frameStart;
            sink.errors.push_back(m_skipError);
        }
        m_frameStart = m_frameEnd;
        m_state = State::Header;
    }
}

void VarintDecoder::decodeEof(qint64 end, FrameSink &sink)
{
    if (m_state != State::Skip)
        return;
    m_skipError.discarded = end - m_frameStart;
    m_skipError.message = tr("Message of %1 bytes is longer than max=%2; discarded the %3 bytes "
                             "that came before the stream ended.")
                              .arg(m_frameEnd - m_frameStart - m_headerLength)
                              .arg(m_max)
                              .arg(m_skipError.discarded);
    sink.errors.push_back(m_skipError);
    m_frameStart = end;
    m_state = State::Header;
}

DecoderInfo varintDecoderInfo()
{
    DecoderInfo info;
    info.name = QStringLiteral("varint");
    info.summary = QStringLiteral("messages behind a protobuf varint length (writeDelimitedTo)");
    info.example = QStringLiteral("varint:max=4M");
    OptionInfo max = maxOption();
    max.help = QStringLiteral("longest message accepted, not counting the varint");
    OptionInfo oversize = oversizeOption();
    oversize.help = QStringLiteral("discard a bad message (or a bad varint) and go on, or stop");
    info.options = {max, oversize};
    info.create = [](const DecoderOptions &options, QString *) {
        return std::unique_ptr<FrameDecoder>(
            new VarintDecoder(options.size(QStringLiteral("max")),
                              options.choice(QStringLiteral("oversize")) == QLatin1String("fail")));
    };
    return info;
}

} // namespace TcpInspector
