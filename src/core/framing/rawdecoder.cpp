// SPDX-License-Identifier: GPL-3.0-or-later
#include "rawdecoder.h"

#include "builtindecoders.h"

namespace TcpInspector {

void RawDecoder::decode(const char *, qint64 size, qint64 offset, FrameSink &sink)
{
    Frame frame;
    frame.offset = offset;
    frame.length = size;
    frame.payloadOffset = offset;
    frame.payloadLength = size;
    sink.frames.push_back(frame);
}

DecoderInfo rawDecoderInfo()
{
    DecoderInfo info;
    info.name = QStringLiteral("raw");
    info.summary = QStringLiteral("each read is one message (no framing)");
    info.example = QStringLiteral("raw");
    info.create = [](const DecoderOptions &, QString *) {
        return std::unique_ptr<FrameDecoder>(new RawDecoder);
    };
    return info;
}

} // namespace TcpInspector
