// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/socketerror.h"
#include "net/tlssession.h"

#include <QByteArray>
#include <QString>

namespace TcpInspector {

/// What is known when a TLS session fails, for explainTlsFailure().
struct TlsFailureContext
{
    bool client = true;
    bool established = false; ///< the handshake had finished
    bool verify = true;
    QString expectedName;  ///< the name the client checks the certificate against
    int reason = 0;        ///< OpenSSL's SSL_R_* reason; 0: not OpenSSL's ssl library
    QString openSslText;   ///< OpenSSL's own words
    QByteArray firstBytes; ///< the first bytes the peer sent
    TlsVerifyFailure verifyFailure;
    TlsFixNames names; ///< how the fix names the settings; empty ones: tlsFixNamesOrDefaults()
};

/// names with each empty one filled with words for both audiences: the
/// setting and the CLI's option, as in "the CA file (--ca FILE)".
TlsFixNames tlsFixNamesOrDefaults(TlsFixNames names);

/// A TLS failure as a person should read it, with a stable code:
/// tls_hostname_mismatch, tls_expired, tls_not_yet_valid, tls_self_signed,
/// tls_unknown_ca, tls_verify_failed, tls_not_tls, tls_protocol_version,
/// tls_no_shared_cipher, tls_handshake_failure, tls_certificate_rejected,
/// tls_certificate_required, tls_no_alpn, tls_failed; and the fix.
SocketErrorInfo explainTlsFailure(const TlsFailureContext &context);

/// The certificate check that --tls-insecure let pass, said as a failure
/// would say it (its code and explanation).
SocketErrorInfo explainVerifyFailure(const TlsFailureContext &context);

/// The peer's FIN came without its close_notify: tls_truncated (after the
/// handshake) or tls_handshake_eof (during it). Neither names a setting.
SocketErrorInfo explainTlsEof(bool handshakeDone, bool client);

/// "close_notify", "unknown_ca", ...: RFC 8446's name of an alert.
QString tlsAlertKey(int description);
/// What an alert says, in a sentence.
QString tlsAlertText(int description);
/// "warning" or "fatal".
QString tlsAlertLevelKey(int level);

} // namespace TcpInspector
