// SPDX-License-Identifier: GPL-3.0-or-later
#include "varintdecoder.h"
#include "text/tr.h"

#include "builtindecoders.h"

#include <limits>

namespace TcpInspector {

void VarintDecoder::malformedVarint(FrameSink &sink)
{
    FrameError error;
    error.kind = FrameError::Malformed;
    error.offset = m_frameStart;
    error.discarded = MaxVarintBytes;
    error.message
        = failOnError()
              ? Tr::tr("The length varint runs past 10 bytes; stopped decoding.")
              : Tr::tr("The length varint runs past 10 bytes; discarded 10 bytes and read "
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
        error.message = overflow ? Tr::tr("The length varint does not fit in 64 bits; stopped "
                                          "decoding.")
                                 : Tr::tr("The length varint says %1, more bytes than a stream can "
                                          "hold; stopped decoding.")
                                       .arg(value);
        fail(sink, error);
        return;
    }
    const qint64 length = m_headerLength + qint64(value);
    if (qint64(value) > m_max) {
        error.message = failOnError()
                            ? Tr::tr("Message of %1 bytes is longer than max=%2; stopped decoding.")
                                  .arg(value)
                                  .arg(m_max)
                            : Tr::tr("Message of %1 bytes is longer than max=%2; discarded it.")
                                  .arg(value)
                                  .arg(m_max);
        skipFrame(length, sink, error);
        return;
    }
    startBody(length, m_headerLength, m_headerLength);
}

// Inlined into decode()'s loop: it runs once a frame.
Q_ALWAYS_INLINE bool VarintDecoder::parseHeader(const char *data, qint64 offset, qint64 end,
                                                FrameSink &sink)
{
    // Every byte before this chunk was consumed, so the varint's next byte is
    // inside it or still to come.
    qint64 at = m_frameStart + m_varintBytes;
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
            return true;
        }
        if (m_varintBytes == MaxVarintBytes) {
            malformedVarint(sink);
            return true;
        }
    }
    return false;
}

void VarintDecoder::decode(const char *data, qint64 size, qint64 offset, FrameSink &sink)
{
    decodeFrames(*this, data, size, offset, sink);
}

QString VarintDecoder::skipEndedByEof(const FrameError &, qint64 discarded) const
{
    return Tr::tr("Message of %1 bytes is longer than max=%2; discarded the %3 bytes "
                  "that came before the stream ended.")
        .arg(m_frameEnd - m_frameStart - m_headerLength)
        .arg(m_max)
        .arg(discarded);
}

DecoderInfo varintDecoderInfo()
{
    DecoderInfo info(QStringLiteral("varint"),
                     QStringLiteral("messages behind a protobuf varint length (writeDelimitedTo)"),
                     QStringLiteral("varint:max=4M"));
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
