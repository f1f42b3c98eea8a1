// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framedecoder.h"

namespace TcpInspector {

/// TLS records (RFC 8446 5.1, RFC 5246 6.2): a 5-byte header (content type,
/// version 3.0-3.4, length) and up to 2^14 + 2048 bytes of fragment. It
/// frames SSL 3.0 through TLS 1.3 without decrypting; an SSLv2-style
/// ClientHello is not a record and counts as malformed. Frame::kind is the
/// content type: 20 change_cipher_spec, 21 alert, 22 handshake,
/// 23 application_data, 24 heartbeat. headerLength is 5; the payload is the
/// fragment.
///
/// Malformed (a header with another type, version or a longer length):
/// malformed=resync scans forward byte by byte for the next plausible header
/// and reports one error at the bad header's offset with the bytes it
/// skipped, once it finds one (or at EOF, up to a tail that may still begin a
/// header). While it scans, partial() starts at the bad header.
/// malformed=fail stops at the bad header.
class TlsDecoder final : public FrameDecoder
{
public:
    static constexpr int HeaderLength = 5;
    static constexpr qint64 MaxFragment = (1 << 14) + 2048;

    explicit TlsDecoder(bool failOnMalformed) : m_failOnMalformed(failOnMalformed) { }
    PartialFrame partial() const override;
    QString kindName(quint16 kind) const override { return kindKey(kind); }
    /// The RFC's name of a content type ("handshake", "application_data").
    static QString kindKey(quint16 kind);

    /// Whether the first n bytes (n <= 5) can begin a record header.
    static bool plausibleHeaderPrefix(const uchar *bytes, int n);

protected:
    void decode(const char *data, qint64 size, qint64 offset, FrameSink &sink) override;
    void decodeEof(qint64 end, FrameSink &sink) override;

private:
    /// m_window holds a whole plausible header at m_frameStart: start the body.
    void startRecord(const uchar *header, FrameSink &sink);
    void reportSkipped(FrameSink &sink);

    bool m_failOnMalformed;
    bool m_inBody = false;
    qint64 m_frameStart = 0; ///< the record's start; while resyncing, the candidate header
    qint64 m_frameEnd = 0;   ///< in the body
    quint16 m_kind = 0;
    /// Header bytes at m_frameStart received so far, a plausible prefix.
    uchar m_window[HeaderLength] = {};
    int m_windowSize = 0;
    bool m_resyncing = false;
    qint64 m_badStart = 0; ///< where the malformed header began, while resyncing
};

} // namespace TcpInspector
