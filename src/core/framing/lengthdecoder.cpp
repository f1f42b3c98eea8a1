// SPDX-License-Identifier: GPL-3.0-or-later
#include "lengthdecoder.h"

#include "builtindecoders.h"
#include "text/translate.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>
#include <limits>

namespace TcpInspector {

namespace {
QString tr(const char *text)
{
    return translateIn("TcpInspector::LengthDecoder", text);
}

constexpr qint64 MaxFieldOffset = 16 << 20;
constexpr qint64 MaxAdjust = std::numeric_limits<qint32>::max();
} // namespace

LengthDecoder::LengthDecoder(const Options &options)
    : m_options(options), m_headerLength(options.fieldOffset + options.fieldBytes)
{ }

PartialFrame LengthDecoder::partial() const
{
    const qint64 held = position() - m_frameStart;
    if (m_state == State::Header)
        return {m_frameStart, held, -1};
    return {m_frameStart, held, m_frameEnd - position()};
}

bool LengthDecoder::report(FrameSink &sink, FrameError error)
{
    if (m_options.failOnError) {
        fail(sink, error);
        return false;
    }
    sink.errors.push_back(error);
    return true;
}

void LengthDecoder::skipFrame(FrameSink &sink, const FrameError &error)
{
    if (m_options.failOnError) {
        fail(sink, error);
        return;
    }
    // Reported when the skip ends, so that discarded never counts bytes the
    // stream may not have.
    m_skipError = error;
    m_state = State::Skip;
}

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
        error.message = tr("The length field says %1, more bytes than a stream can hold; "
                           "stopped decoding.")
                            .arg(value);
        FrameDecoder::fail(sink, error);
        return;
    }
    if (length < m_headerLength) {
        error.kind = FrameError::Malformed;
        error.discarded = m_headerLength;
        error.message = (fail ? tr("The length field says %1, which with adjust=%2 makes a frame "
                                   "shorter than its %3-byte header; stopped decoding.")
                              : tr("The length field says %1, which with adjust=%2 makes a frame "
                                   "shorter than its %3-byte header; discarded the header."))
                            .arg(value)
                            .arg(m_options.adjust)
                            .arg(m_headerLength);
        if (report(sink, error))
            m_frameStart += m_headerLength; // read the next header right after this one
        return;
    }
    m_frameEnd = m_frameStart + length;
    if (length > m_options.max) {
        error.kind = FrameError::Oversize;
        error.message = (fail ? tr("Frame of %1 bytes is longer than max=%2; stopped decoding.")
                              : tr("Frame of %1 bytes is longer than max=%2; discarded it."))
                            .arg(length)
                            .arg(m_options.max);
        skipFrame(sink, error);
        return;
    }
    if (length < m_options.strip) {
        error.kind = FrameError::Malformed;
        error.message = (fail ? tr("Frame of %1 bytes is shorter than strip=%2; stopped decoding.")
                              : tr("Frame of %1 bytes is shorter than strip=%2; discarded it."))
                            .arg(length)
                            .arg(m_options.strip);
        skipFrame(sink, error);
        return;
    }
    m_state = State::Body;
}

void LengthDecoder::decode(const char *data, qint64 size, qint64 offset, FrameSink &sink)
{
    const qint64 end = offset + size;
    for (;;) {
        if (m_state == State::Header) {
            const qint64 fieldStart = m_frameStart + m_options.fieldOffset;
            const qint64 fieldEnd = fieldStart + m_options.fieldBytes;
            // Only the length field is copied (at most 8 bytes); bytes before
            // it in the header are counted, not kept.
            const qint64 from = std::max(fieldStart + m_fieldHave, offset);
            const qint64 to = std::min(fieldEnd, end);
            if (to > from) {
                std::memcpy(m_field + (from - fieldStart), data + (from - offset),
                            size_t(to - from));
                m_fieldHave = int(to - fieldStart);
            }
            if (end < fieldEnd)
                return;
            startFrame(sink);
            if (hasFailed())
                return;
            continue;
        }
        if (end < m_frameEnd)
            return;
        if (m_state == State::Body) {
            Frame frame;
            frame.offset = m_frameStart;
            frame.length = m_frameEnd - m_frameStart;
            frame.payloadOffset = m_frameStart + m_options.strip;
            frame.payloadLength = frame.length - m_options.strip;
            frame.headerLength = qint32(m_headerLength);
            sink.frames.push_back(frame);
        } else {
            m_skipError.discarded = m_frameEnd - m_frameStart;
            sink.errors.push_back(m_skipError);
        }
        m_frameStart = m_frameEnd;
        m_state = State::Header;
    }
}

void LengthDecoder::decodeEof(qint64 end, FrameSink &sink)
{
    if (m_state != State::Skip)
        return;
    m_skipError.discarded = end - m_frameStart;
    m_skipError.message
        = (m_skipError.kind == FrameError::Oversize
               ? tr("Frame of %1 bytes is longer than max=%2; discarded the %3 bytes that came "
                    "before the stream ended.")
                     .arg(m_frameEnd - m_frameStart)
                     .arg(m_options.max)
               : tr("Frame of %1 bytes is shorter than strip=%2; discarded the %3 bytes that came "
                    "before the stream ended.")
                     .arg(m_frameEnd - m_frameStart)
                     .arg(m_options.strip))
              .arg(m_skipError.discarded);
    sink.errors.push_back(m_skipError);
    m_frameStart = end;
    m_state = State::Header;
}

DecoderInfo lengthDecoderInfo()
{
    DecoderInfo info;
    info.name = QStringLiteral("length");
    info.summary = QStringLiteral("frames that carry their length in a header field");
    info.example = QStringLiteral("length:bytes=2,adjust=-2,strip=2");
    OptionInfo bytes;
    bytes.key = QStringLiteral("bytes");
    bytes.type = OptionInfo::Choice;
    bytes.choices = {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                     QStringLiteral("4"), QStringLiteral("8")};
    bytes.defaultValue = QStringLiteral("4");
    bytes.help = QStringLiteral("size of the length field");
    OptionInfo endian;
    endian.key = QStringLiteral("endian");
    endian.type = OptionInfo::Choice;
    endian.choices = {QStringLiteral("big"), QStringLiteral("little")};
    endian.defaultValue = QStringLiteral("big");
    endian.help = QStringLiteral("byte order of the length field");
    OptionInfo offset;
    offset.key = QStringLiteral("offset");
    offset.type = OptionInfo::Size;
    offset.defaultValue = QStringLiteral("0");
    offset.maximum = MaxFieldOffset;
    offset.help = QStringLiteral("bytes before the length field");
    OptionInfo adjust;
    adjust.key = QStringLiteral("adjust");
    adjust.type = OptionInfo::Integer;
    adjust.defaultValue = QStringLiteral("0");
    adjust.minimum = -MaxAdjust;
    adjust.maximum = MaxAdjust;
    adjust.help = QStringLiteral("added to the length field's value; negative when it counts "
                                 "the header");
    OptionInfo strip;
    strip.key = QStringLiteral("strip");
    strip.type = OptionInfo::Size;
    strip.defaultValue = QStringLiteral("0");
    strip.help = QStringLiteral("bytes at the frame's start left out of the payload");
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
            *error = tr("max=%1 is shorter than the %2-byte header, so no frame fits; raise max.")
                         .arg(o.max)
                         .arg(header);
            return std::unique_ptr<FrameDecoder>();
        }
        if (o.strip > o.max) {
            *error = tr("strip=%1 is longer than max=%2, so every frame would be too short to "
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
