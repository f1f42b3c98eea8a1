// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framedecoder.h"

namespace TcpInspector {

/// Every message is exactly len bytes, like io.ReadFull with a fixed buffer
/// or Netty's FixedLengthFrameDecoder. It cannot fail; a short tail at EOF is
/// the partial frame.
class FixedDecoder final : public FrameDecoder
{
public:
    explicit FixedDecoder(qint64 length) : m_length(length) { }
    PartialFrame partial() const override;

protected:
    void decode(const char *data, qint64 size, qint64 offset, FrameSink &sink) override;

private:
    qint64 m_length;
    qint64 m_frameStart = 0;
};

} // namespace TcpInspector
