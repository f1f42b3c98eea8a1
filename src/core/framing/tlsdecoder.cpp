// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlsdecoder.h"
#include "text/tr.h"

#include "builtindecoders.h"

#include <cstring>

namespace TcpInspector {

bool TlsDecoder::plausibleHeaderPrefix(const uchar *bytes, int n)
{
    if (n >= 1 && (bytes[0] < 20 || bytes[0] > 24))
        return false;
    if (n >= 2 && bytes[1] != 3)
        return false;
    if (n >= 3 && bytes[2] > 4)
        return false;
    if (n >= 4 && bytes[3] > (MaxFragment >> 8))
        return false;
    if (n >= 5 && ((bytes[3] << 8) | bytes[4]) > MaxFragment)
        return false;
    return true;
}

PartialFrame TlsDecoder::partial() const
{
    const qint64 start = m_resyncing ? m_badStart : m_frameStart;
    const qint64 held = position() - start;
    return {start, held, m_inBody ? m_frameEnd - position() : -1};
}

void TlsDecoder::reportSkipped(FrameSink &sink)
{
    const qint64 skipped = m_frameStart - m_badStart;
    sink.errors.push_back(FrameError::at(FrameError::Malformed, m_badStart, skipped,
                                         Tr::tr("Bytes that are not a TLS record header; skipped "
                                                "%1 bytes to the next plausible header.")
                                             .arg(skipped)));
    m_resyncing = false;
}

void TlsDecoder::startRecord(const uchar *header, FrameSink &sink)
{
    if (m_resyncing)
        reportSkipped(sink);
    m_kind = header[0];
    m_frameEnd = m_frameStart + HeaderLength + ((header[3] << 8) | header[4]);
    m_inBody = true;
    m_windowSize = 0;
}

void TlsDecoder::decode(const char *data, qint64 size, qint64 offset, FrameSink &sink)
{
    const auto *bytes = reinterpret_cast<const uchar *>(data);
    const qint64 end = offset + size;
    qint64 at = offset; // the next byte not yet looked at
    while (at < end || (m_inBody && m_frameEnd <= end)) {
        if (m_inBody) {
            if (m_frameEnd > end)
                return;
            sink.frames.push_back(Frame::at(m_frameStart, m_frameEnd - m_frameStart, HeaderLength,
                                            HeaderLength, m_kind));
            m_frameStart = m_frameEnd;
            m_inBody = false;
            at = m_frameEnd;
            continue;
        }
        // The common case: a whole header inside this chunk.
        if (m_windowSize == 0 && end - at >= HeaderLength
            && plausibleHeaderPrefix(bytes + (at - offset), HeaderLength)) {
            startRecord(bytes + (at - offset), sink);
            at += HeaderLength;
            continue;
        }
        // Byte by byte: the window is the longest plausible header prefix
        // that starts at m_frameStart. A byte that spoils it moves the
        // candidate start on, so every byte is judged once per candidate,
        // whatever the chunking.
        m_window[m_windowSize++] = bytes[at - offset];
        ++at;
        while (!plausibleHeaderPrefix(m_window, m_windowSize)) {
            if (!m_resyncing) {
                if (m_failOnMalformed) {
                    fail(sink, FrameError::at(FrameError::Malformed, m_frameStart, 0,
                                              Tr::tr("Bytes that are not a TLS record header; "
                                                     "stopped decoding.")));
                    return;
                }
                m_resyncing = true;
                m_badStart = m_frameStart;
            }
            std::memmove(m_window, m_window + 1, size_t(--m_windowSize));
            ++m_frameStart;
        }
        if (m_windowSize == HeaderLength)
            startRecord(m_window, sink);
    }
}

void TlsDecoder::decodeEof(qint64, FrameSink &sink)
{
    // What is left in the window may still begin a header: it stays the
    // partial tail, and the skip ends where it starts.
    if (m_resyncing)
        reportSkipped(sink);
}

QString TlsDecoder::kindKey(quint16 kind)
{
    switch (kind) {
    case 20:
        return QStringLiteral("change_cipher_spec");
    case 21:
        return QStringLiteral("alert");
    case 22:
        return QStringLiteral("handshake");
    case 23:
        return QStringLiteral("application_data");
    case 24:
        return QStringLiteral("heartbeat");
    }
    return QString();
}

DecoderInfo tlsDecoderInfo()
{
    DecoderInfo info(QStringLiteral("tls"),
                     QStringLiteral("TLS records (SSL 3.0 to TLS 1.3), not decrypted"),
                     QStringLiteral("tls:malformed=fail"));
    info.options = {choiceOption(
        QStringLiteral("malformed"), {QStringLiteral("resync"), QStringLiteral("fail")},
        QStringLiteral("resync"),
        QStringLiteral("after a bad header, scan for the next plausible one, or stop"))};
    info.create = [](const DecoderOptions &options, QString *) {
        return std::unique_ptr<FrameDecoder>(
            new TlsDecoder(options.choice(QStringLiteral("malformed")) == QLatin1String("fail")));
    };
    info.kindName = &TlsDecoder::kindKey;
    return info;
}

} // namespace TcpInspector
