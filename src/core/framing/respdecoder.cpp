// SPDX-License-Identifier: GPL-3.0-or-later
// PLACEHOLDER: to be written.
#include "builtindecoders.h"
#include "framedecoder.h"
namespace TcpInspector {
DecoderInfo respDecoderInfo()
{
    DecoderInfo info;
    info.name = QStringLiteral("resp");
    info.create = [](const DecoderOptions &, QString *error) {
        *error = QStringLiteral("not written yet");
        return std::unique_ptr<FrameDecoder>();
    };
    return info;
}
} // namespace TcpInspector
