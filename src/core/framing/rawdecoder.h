// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framedecoder.h"

namespace TcpInspector {

/// No framing: each chunk (each read) is its own message. This is what a
/// program that treats one read() as one message sees (pitfall S9).
class RawDecoder final : public FrameDecoder
{
public:
    PartialFrame partial() const override { return {position(), 0, -1}; }

protected:
    void decode(const char *data, qint64 size, qint64 offset, FrameSink &sink) override;
};

} // namespace TcpInspector
