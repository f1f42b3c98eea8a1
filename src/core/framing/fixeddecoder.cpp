// SPDX-License-Identifier: GPL-3.0-or-later
#include "fixeddecoder.h"

#include "builtindecoders.h"

namespace TcpInspector {

PartialFrame FixedDecoder::partial() const
{
    const qint64 held = position() - m_frameStart;
    return {m_frameStart, held, held > 0 ? m_length - held : -1};
}

void FixedDecoder::decode(const char *, qint64 size, qint64 offset, FrameSink &sink)
{
    const qint64 end = offset + size;
    while (end - m_frameStart >= m_length) {
        sink.frames.push_back(Frame::at(m_frameStart, m_length));
        m_frameStart += m_length;
    }
}

DecoderInfo fixedDecoderInfo()
{
    DecoderInfo info(QStringLiteral("fixed"), QStringLiteral("every message has the same length"),
                     QStringLiteral("fixed:len=16"));
    OptionInfo len;
    len.key = QStringLiteral("len");
    len.type = OptionInfo::Size;
    len.minimum = 1;
    len.required = true;
    len.help = QStringLiteral("bytes per message");
    info.options = {len};
    info.create = [](const DecoderOptions &options, QString *) {
        return std::unique_ptr<FrameDecoder>(new FixedDecoder(options.size(QStringLiteral("len"))));
    };
    return info;
}

} // namespace TcpInspector
