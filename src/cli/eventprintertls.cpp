// SPDX-License-Identifier: GPL-3.0-or-later
// EventPrinter's TLS lines (tls_handshake_start, tls_handshake, tls_alert):
// what the handshake agreed and what the peer's certificate says.
#include "eventprinter.h"

#include "jsonline.h"

#include "net/connection.h"

namespace TcpInspector {

void EventPrinter::printTlsEvent(const Connection *connection, const TimelineEvent &event)
{
    const QByteArray name = event.code.toLatin1();
    if (!m_events.shows(name.constData()))
        return;
    const TlsDetails &tls = *event.tls;
    JsonLine line = begin(name.constData(), connection);
    const auto addKnown = [&line](const char *key, const QString &value) {
        if (!value.isEmpty())
            line.add(key, value);
    };
    if (event.code == QLatin1String("tls_alert")) {
        line.add("side", event.direction == Direction::Tx ? "local" : "remote")
            .add("level", tls.alertLevel)
            .add("description", tls.alertKey);
    } else if (event.code == QLatin1String("tls_handshake")) {
        line.add("protocol", tls.protocol).add("cipher", tls.cipher).add("alpn", tls.alpn);
        addKnown("sni", tls.serverName);
        addKnown("peer_subject", tls.peerSubject);
        addKnown("peer_issuer", tls.peerIssuer);
        addKnown("peer_expires", tls.peerExpires);
        if (!tls.peerSubject.isEmpty())
            line.add("verified", tls.verified);
        addKnown("verify_error", tls.verifyError);
        if (!tls.chain.isEmpty())
            line.add("chain", tls.chain);
    } else {
        addKnown("sni", tls.serverName);
    }
    line.add("text", event.text);
    write(line, event.timeNs);
}

} // namespace TcpInspector
