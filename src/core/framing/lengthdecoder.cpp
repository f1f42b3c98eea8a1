// SPDX-License-Identifier: GPL-3.0-or-later
#include "lengthdecoder.h"
#include "text/tr.h"

#include "builtindecoders.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace TcpInspector {

namespace {
constexpr qint64 MaxFieldOffset = 16 << 20;
constexpr qint64 MaxAdjust = std::numeric_limits<qint32>::max();
} // namespace

LengthDecoder::LengthDecoder(const Options &options)
    : LengthPrefixedDecoder(options.failOnError),
      m_options(options),
      m_headerLength(options.fieldOffset + options.fieldBytes)
{ }

void LengthDecoder::startFrame(FrameSink &sink)
{
    quint64 value = 0;
    for (int i = 0; i < m_options.fieldBytes; ++i) {
        const int at = m_options.bigEndian ? i : m_options.fieldBytes - 1 - i;
        value = value << 8 | m_field[at];
    }
    m_fieldHave = 0;
    const bool fail = m_options.failOnError;

    // |header + adjust| < 2^32, so below this bound value + header + adjust
    // is exact in 64 bits; above it no stream could hold the frame anyway.
    constexpr quint64 exactBound = quint64(std::numeric_limits<qint64>::max()) - (quint64(1) << 32);
    const bool exact = value <= exactBound;
    const qint64 length = exact ? qint64(value) + m_headerLength + m_options.adjust : 0;
    FrameError error;
    error.offset = m_frameStart;
    if (!exact || length > std::numeric_limits<qint64>::max() - m_frameStart) {
        // Skipping it would never end, so even oversize=skip stops here.
        error.kind = FrameError::Oversize;
        error.message = Tr::tr("The length field says %1, more bytes than a stream can hold; "
                               "stopped decoding.")
                            .arg(value);
        FrameDecoder::fail(sink, error);
        return;
    }
    if (length < m_headerLength) {
        error.kind = FrameError::Malformed;
        error.discarded = m_headerLength;
        error.message
            = (fail ? Tr::tr("The length field says %1, which with adjust=%2 makes a frame "
                             "shorter than its %3-byte header; stopped decoding.")
                    : Tr::tr("The length field says %1, which with adjust=%2 makes a frame "
                             "shorter than its %3-byte header; discarded the header."))
                  .arg(value)
                  .arg(m_options.adjust)
                  .arg(m_headerLength);
        if (report(sink, error))
            m_frameStart += m_headerLength; // read the next header right after this one
        return;
    }
    if (length > m_options.max) {
        error.kind = FrameError::Oversize;
        error.message = (fail ? Tr::tr("Frame of %1 bytes is longer than max=%2; stopped decoding.")
                              : Tr::tr("Frame of %1 bytes is longer than max=%2; discarded it."))
                            .arg(length)
                            .arg(m_options.max);
        skipFrame(length, sink, error);
        return;
    }
    if (length < m_options.strip) {
        error.kind = FrameError::Malformed;
        error.message
            = (fail ? Tr::tr("Frame of %1 bytes is shorter than strip=%2; stopped decoding.")
                    : Tr::tr("Frame of %1 bytes is shorter than strip=%2; discarded it."))
                  .arg(length)
                  .arg(m_options.strip);
        skipFrame(length, sink, error);
        return;
    }
    startBody(length, qint32(m_headerLength), m_options.strip);
}

// Inlined into decode()'s loop: it runs once a frame.
Q_ALWAYS_INLINE bool LengthDecoder::parseHeader(const char *data, qint64 offset, qint64 end,
                                                FrameSink &sink)
{
    const qint64 fieldStart = m_frameStart + m_options.fieldOffset;
    const qint64 fieldEnd = fieldStart + m_options.fieldBytes;
    // Only the length field is copied (at most 8 bytes); bytes before it in
    // the header are counted, not kept.
    const qint64 from = std::max(fieldStart + m_fieldHave, offset);
    const qint64 to = std::min(fieldEnd, end);
    if (to > from) {
        std::memcpy(m_field + (from - fieldStart), data + (from - offset), size_t(to - from));
        m_fieldHave = int(to - fieldStart);
    }
    if (end < fieldEnd)
        return false;
    startFrame(sink);
    return true;
}

void LengthDecoder::decode(const char *data, qint64 size, qint64 offset, FrameSink &sink)
{
    decodeFrames(*this, data, size, offset, sink);
}

QString LengthDecoder::skipEndedByEof(const FrameError &error, qint64 discarded) const
{
    return (error.kind == FrameError::Oversize
                ? Tr::tr(
                      "Frame of %1 bytes is longer than max=%2; discarded the %3 bytes that came "
                      "before the stream ended.")
                      .arg(m_frameEnd - m_frameStart)
                      .arg(m_options.max)
                : Tr::tr("Frame of %1 bytes is shorter than strip=%2; discarded the %3 bytes that "
                         "came "
                         "before the stream ended.")
                      .arg(m_frameEnd - m_frameStart)
                      .arg(m_options.strip))
        .arg(discarded);
}

DecoderInfo lengthDecoderInfo()
{
    DecoderInfo info(QStringLiteral("length"),
                     QStringLiteral("frames that carry their length in a header field"),
                     QStringLiteral("length:bytes=2,adjust=-2,strip=2"));
    const OptionInfo bytes
        = choiceOption(QStringLiteral("bytes"),
                       {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                        QStringLiteral("4"), QStringLiteral("8")},
                       QStringLiteral("4"), QStringLiteral("size of the length field"));
    const OptionInfo endian
        = choiceOption(QStringLiteral("endian"), {QStringLiteral("big"), QStringLiteral("little")},
                       QStringLiteral("big"), QStringLiteral("byte order of the length field"));
    const OptionInfo offset
        = numberOption(OptionInfo::Size, QStringLiteral("offset"), QStringLiteral("0"), 0,
                       MaxFieldOffset, QStringLiteral("bytes before the length field"));
    const OptionInfo adjust = numberOption(
        OptionInfo::Integer, QStringLiteral("adjust"), QStringLiteral("0"), -MaxAdjust, MaxAdjust,
        QStringLiteral("added to the length field's value; negative when it counts the header"));
    const OptionInfo strip
        = numberOption(OptionInfo::Size, QStringLiteral("strip"), QStringLiteral("0"), 0, 0,
                       QStringLiteral("bytes at the frame's start left out of the payload"));
    OptionInfo oversize = oversizeOption();
    oversize.help = QStringLiteral("discard a bad frame (or a bad header) and go on, or stop");
    info.options = {bytes, endian, offset, adjust, strip, maxOption(), oversize};
    info.create = [](const DecoderOptions &options, QString *error) {
        LengthDecoder::Options o;
        o.fieldBytes = options.choice(QStringLiteral("bytes")).toInt();
        o.bigEndian = options.choice(QStringLiteral("endian")) == QLatin1String("big");
        o.fieldOffset = options.size(QStringLiteral("offset"));
        o.adjust = options.integer(QStringLiteral("adjust"));
        o.strip = options.size(QStringLiteral("strip"));
        o.max = options.size(QStringLiteral("max"));
        o.failOnError = options.choice(QStringLiteral("oversize")) == QLatin1String("fail");
        const qint64 header = o.fieldOffset + o.fieldBytes;
        if (o.max < header) {
            *error
                = Tr::tr("max=%1 is shorter than the %2-byte header, so no frame fits; raise max.")
                      .arg(o.max)
                      .arg(header);
            return std::unique_ptr<FrameDecoder>();
        }
        if (o.strip > o.max) {
            *error = Tr::tr("strip=%1 is longer than max=%2, so every frame would be too short to "
                            "strip; lower strip or raise max.")
                         .arg(o.strip)
                         .arg(o.max);
            return std::unique_ptr<FrameDecoder>();
        }
        return std::unique_ptr<FrameDecoder>(new LengthDecoder(o));
    };
    return info;
}

} // namespace TcpInspector
