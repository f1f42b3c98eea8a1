// SPDX-License-Identifier: GPL-3.0-or-later
#include "linedecoder.h"
#include "text/tr.h"

#include "builtindecoders.h"

#include <cstring>

namespace TcpInspector {

LineDecoder::LineDecoder(Eol eol, qint64 max, bool keepTerminator, bool failOnOversize)
    : m_eol(eol), m_max(max), m_keep(keepTerminator), m_failOnOversize(failOnOversize)
{ }

PartialFrame LineDecoder::partial() const
{
    return {m_frameStart, position() - m_frameStart, -1};
}

void LineDecoder::failOversize(FrameSink &sink)
{
    fail(sink, FrameError::at(FrameError::Oversize, m_frameStart, 0,
                              Tr::tr("Line longer than max=%1 bytes; stopped decoding. "
                                     "Raise max or use oversize=skip.")
                                  .arg(m_max)));
}

void LineDecoder::emitLine(qint64 termStart, qint64 end, FrameSink &sink)
{
    const qint64 content = termStart - m_frameStart;
    if (!m_discarding && content > m_max && m_failOnOversize) {
        failOversize(sink);
        return;
    }
    if (m_discarding || content > m_max) {
        sink.errors.push_back(FrameError::at(FrameError::Oversize, m_frameStart, end - m_frameStart,
                                             Tr::tr("Line of %1 bytes is longer than max=%2; "
                                                    "discarded it through its terminator.")
                                                 .arg(content)
                                                 .arg(m_max)));
    } else {
        Frame frame = Frame::at(m_frameStart, end - m_frameStart);
        if (!m_keep)
            frame.payloadLength = content;
        sink.frames.push_back(frame);
    }
    m_discarding = false;
    m_frameStart = end;
}

void LineDecoder::decode(const char *data, qint64 size, qint64 offset, FrameSink &sink)
{
    const char *const begin = data;
    const char *const stop = data + size;
    const char *cursor = data;
    while (cursor < stop) {
        const char *nl
            = static_cast<const char *>(std::memchr(cursor, '\n', size_t(stop - cursor)));
        if (!nl)
            break;
        const qint64 nlOffset = offset + (nl - begin);
        const bool crBefore = nl > begin ? nl[-1] == '\r' : m_lastWasCr;
        // The '\r' may belong to the current line only; a '\n' that starts a line
        // cannot pair with the previous line's bytes.
        const bool crInLine = crBefore && nlOffset - 1 >= m_frameStart;
        cursor = nl + 1;
        switch (m_eol) {
        case Eol::Lf:
            emitLine(nlOffset, nlOffset + 1, sink);
            break;
        case Eol::CrLf:
            if (crInLine)
                emitLine(nlOffset - 1, nlOffset + 1, sink);
            break;
        case Eol::Any:
            emitLine(crInLine ? nlOffset - 1 : nlOffset, nlOffset + 1, sink);
            break;
        }
        if (hasFailed())
            return;
    }
    m_lastWasCr = data[size - 1] == '\r';

    // No terminator yet: decide about oversize now, so that memory use and the
    // reported error do not depend on how the bytes were chunked.
    qint64 content = position() - m_frameStart;
    if (m_eol != Eol::Lf && m_lastWasCr && content > 0)
        --content; // the '\r' may be the start of the terminator
    if (content > m_max && !m_discarding) {
        if (m_failOnOversize) {
            failOversize(sink);
            return;
        }
        m_discarding = true;
    }
}

void LineDecoder::decodeEof(qint64 end, FrameSink &sink)
{
    if (!m_discarding)
        return;
    sink.errors.push_back(oversizeAtEof(m_frameStart, end,
                                        Tr::tr("Line longer than max=%1 bytes ran to the end "
                                               "of the stream; discarded it.")
                                            .arg(m_max)));
    m_discarding = false;
    m_frameStart = end;
}

DecoderInfo lineDecoderInfo()
{
    DecoderInfo info(QStringLiteral("line"), QStringLiteral("lines ended by LF, CRLF or either"),
                     QStringLiteral("line:eol=crlf,max=64K"));
    const OptionInfo eol
        = choiceOption(QStringLiteral("eol"),
                       {QStringLiteral("any"), QStringLiteral("lf"), QStringLiteral("crlf")},
                       QStringLiteral("any"), QStringLiteral("which line ending ends a line"));
    info.options
        = {eol, maxOption(),
           terminatorOption(QStringLiteral("leave the line ending out of the payload or keep it")),
           oversizeOption()};
    info.create = [](const DecoderOptions &options, QString *) {
        const QString eolName = options.choice(QStringLiteral("eol"));
        const LineDecoder::Eol eolValue = eolName == QLatin1String("lf") ? LineDecoder::Eol::Lf
                                          : eolName == QLatin1String("crlf")
                                              ? LineDecoder::Eol::CrLf
                                              : LineDecoder::Eol::Any;
        return std::unique_ptr<FrameDecoder>(
            new LineDecoder(eolValue, options.size(QStringLiteral("max")),
                            options.choice(QStringLiteral("terminator")) == QLatin1String("keep"),
                            options.choice(QStringLiteral("oversize")) == QLatin1String("fail")));
    };
    return info;
}

} // namespace TcpInspector
