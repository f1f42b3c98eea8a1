// SPDX-License-Identifier: GPL-3.0-or-later
#include "rawdecoder.h"

#include "builtindecoders.h"

namespace TcpInspector {

void RawDecoder::decode(const char *, qint64 size, qint64 offset, FrameSink &sink)
{
    sink.frames.push_back(Frame::at(offset, size));
}

DecoderInfo rawDecoderInfo()
{
    DecoderInfo info(QStringLiteral("raw"), QStringLiteral("each read is one message (no framing)"),
                     QStringLiteral("raw"));
    info.create = [](const DecoderOptions &, QString *) {
        return std::unique_ptr<FrameDecoder>(new RawDecoder);
    };
    return info;
}

} // namespace TcpInspector
