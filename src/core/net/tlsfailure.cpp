// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/tlsfailure.h"

#include "text/tr.h"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

namespace TcpInspector {

namespace {

SocketErrorInfo make(const char *code, const QString &message, const QString &explanation)
{
    return {QString::fromLatin1(code), 0, message, explanation};
}

/// A TLS record starts with its content type (20 to 24) and version 3.x.
bool looksLikeTls(const QByteArray &bytes)
{
    if (bytes.size() < 2)
        return true; // too little to tell
    const auto type = quint8(bytes.at(0));
    return type >= 20 && type <= 24 && bytes.at(1) == 3;
}

/// Our own ClientHello came back: an echo server.
bool isEchoedClientHello(const QByteArray &bytes)
{
    return bytes.size() >= 6 && bytes.at(0) == 22 && bytes.at(5) == 1;
}

QString printable(const QByteArray &bytes)
{
    QString text;
    for (const char c : bytes)
        text += (c >= 32 && c < 127) ? QChar::fromLatin1(c) : QChar(u'.');
    return text;
}

SocketErrorInfo notTls(const TlsFailureContext &c)
{
    const TlsFixNames n = tlsFixNamesOrDefaults(c.names);
    if (c.client && isEchoedClientHello(c.firstBytes))
        return make("tls_not_tls", c.openSslText,
                    Tr::tr("The peer sent our own ClientHello back: it is an echo server, not a "
                           "TLS server. Connect %1, or to the TLS port.")
                        .arg(n.withoutTls));
    if (c.client)
        return make("tls_not_tls", c.openSslText,
                    Tr::tr("The peer answered with bytes that are not TLS (\"%1\"): it speaks "
                           "plain TCP on this port. Connect %2, or to the TLS port (443 for "
                           "HTTPS).")
                        .arg(printable(c.firstBytes), n.withoutTls));
    return make("tls_not_tls", c.openSslText,
                Tr::tr("The client sent bytes that are not TLS (\"%1\"): it speaks plain TCP to "
                       "this TLS port (http:// instead of https://, or a client without TLS).")
                    .arg(printable(c.firstBytes)));
}

SocketErrorInfo verifyFailed(const TlsFailureContext &c)
{
    const TlsVerifyFailure &v = c.verifyFailure;
    const TlsFixNames n = tlsFixNamesOrDefaults(c.names);
    const QString message = QString::fromLatin1(
        X509_verify_cert_error_string(v.error == 0 ? X509_V_ERR_UNSPECIFIED : v.error));
    const QString names = v.names.join(QStringLiteral(", "));
    switch (v.error) {
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        return make("tls_hostname_mismatch", message,
                    Tr::tr("The certificate is for %1, not %2: connect with %3, or skip "
                           "verification with %4.")
                        .arg(names.isEmpty() ? v.subject : names, c.expectedName,
                             n.serverName.arg(v.names.value(0, QStringLiteral("NAME"))),
                             n.skipVerify));
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return make("tls_expired", message,
                    Tr::tr("The certificate of %1 expired on %2. The server must renew it; "
                           "skip verification with %3 (for testing only).")
                        .arg(v.subject, v.notAfter, n.skipVerify));
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return make("tls_not_yet_valid", message,
                    Tr::tr("The certificate of %1 is valid only from %2: check this machine's "
                           "clock, or the server's certificate.")
                        .arg(v.subject, v.notBefore));
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        return make("tls_self_signed", message,
                    Tr::tr("The certificate of %1 is self-signed: no CA vouches for it. Trust it "
                           "by giving the certificate itself as %2, or skip verification with "
                           "%3.")
                        .arg(v.subject, n.trustCa, n.skipVerify));
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        return make("tls_unknown_ca", message,
                    Tr::tr("The certificate of %1 was issued by %2, a CA this machine does not "
                           "trust. Give that CA's certificate with %3, or skip verification "
                           "with %4.")
                        .arg(v.subject, v.issuer, n.trustCa, n.skipVerify));
    default:
        return make("tls_verify_failed", message,
                    Tr::tr("The certificate of %1 failed verification (X509 error %2). Skip "
                           "verification with %3.")
                        .arg(v.subject)
                        .arg(v.error)
                        .arg(n.skipVerify));
    }
}

} // namespace

TlsFixNames tlsFixNamesOrDefaults(TlsFixNames names)
{
    // Seen in a saved session, a lesson or a log, the reader may be at the
    // window or at a shell: the setting by its name, the option after it.
    const auto fill = [](QString &name, const QString &both) {
        if (name.isEmpty())
            name = both;
    };
    fill(names.trustCa, Tr::tr("the CA file (--ca FILE)"));
    fill(names.skipVerify,
         Tr::tr("--tls-insecure, or \"Verify the certificate\" unticked in the window"));
    fill(names.serverName, Tr::tr("the server name %1 (--sni %1)"));
    fill(names.clientCertificate, Tr::tr("a client certificate and key (--cert FILE --key FILE)"));
    fill(names.alpn, Tr::tr("the ALPN list (--alpn)"));
    fill(names.withoutTls, Tr::tr("without TLS (no --tls)"));
    fill(names.requireClientCa, Tr::tr("a CA file for client certificates (--ca)"));
    return names;
}

SocketErrorInfo explainVerifyFailure(const TlsFailureContext &context)
{
    return verifyFailed(context);
}

SocketErrorInfo explainTlsFailure(const TlsFailureContext &c)
{
    const TlsFixNames n = tlsFixNamesOrDefaults(c.names);
    if (!c.established && !looksLikeTls(c.firstBytes))
        return notTls(c);
    switch (c.reason) {
    case SSL_R_CERTIFICATE_VERIFY_FAILED:
        return verifyFailed(c);
    case SSL_R_WRONG_VERSION_NUMBER:
    case SSL_R_PACKET_LENGTH_TOO_LONG:
    case SSL_R_HTTP_REQUEST:
    case SSL_R_HTTPS_PROXY_REQUEST:
    case SSL_R_UNKNOWN_PROTOCOL:
        return notTls(c);
    case SSL_R_UNEXPECTED_MESSAGE:
        if (c.client && isEchoedClientHello(c.firstBytes))
            return notTls(c);
        break;
    case SSL_R_UNSUPPORTED_PROTOCOL:
    case SSL_R_NO_PROTOCOLS_AVAILABLE:
    case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
    case SSL_R_VERSION_TOO_LOW:
    case SSL_R_VERSION_TOO_HIGH:
    case SSL_R_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED:
        return make("tls_protocol_version", c.openSslText,
                    Tr::tr("The two sides share no TLS version: one allows only versions the "
                           "other refuses (TLS 1.0 and 1.1 are off by default; OpenSSL here "
                           "needs at least TLS 1.2). Enable a common version on the server."));
    case SSL_R_NO_SHARED_CIPHER:
    case SSL_R_NO_CIPHERS_AVAILABLE:
    case SSL_R_NO_SHARED_GROUPS:
        return make("tls_no_shared_cipher", c.openSslText,
                    Tr::tr("The two sides have no cipher suite (or key exchange group) in "
                           "common. Enable a common one on the server."));
    case SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE:
        return make("tls_handshake_failure", c.openSslText,
                    Tr::tr("The peer refused the handshake (alert handshake_failure): most often "
                           "no cipher suite in common, or a client certificate it requires."));
    case SSL_R_TLSV1_ALERT_UNKNOWN_CA:
    case SSL_R_SSLV3_ALERT_BAD_CERTIFICATE:
    case SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN:
    case SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED:
    case SSL_R_SSLV3_ALERT_CERTIFICATE_REVOKED:
    case SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE:
        return make("tls_certificate_rejected", c.openSslText,
                    c.client ? Tr::tr("The server refused our client certificate (its alert "
                                      "says why). Check %1 and the CAs the server trusts.")
                                   .arg(n.clientCertificate)
                             : Tr::tr("The client refused this server's certificate (its alert "
                                      "says why): it does not trust the CA, the name or the "
                                      "dates. Clients of a test certificate need its CA "
                                      "(curl --cacert, openssl s_client -CAfile)."));
    case SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED:
    case SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE:
        return make("tls_certificate_required", c.openSslText,
                    c.client ? Tr::tr("The server requires a client certificate: give one with "
                                      "%1.")
                                   .arg(n.clientCertificate)
                             : Tr::tr("The client sent no certificate, and this server requires "
                                      "one: it was given %1.")
                                   .arg(n.requireClientCa));
    case SSL_R_NO_APPLICATION_PROTOCOL:
    case SSL_R_TLSV1_ALERT_NO_APPLICATION_PROTOCOL:
        return make("tls_no_alpn", c.openSslText,
                    Tr::tr("No application protocol in common (ALPN): the server speaks none of "
                           "the protocols offered with %1.")
                        .arg(n.alpn));
    default:
        break;
    }
    return make("tls_failed", c.openSslText,
                c.established ? Tr::tr("TLS failed after the handshake: a record did not decrypt "
                                       "or broke the protocol (OpenSSL's words say which).")
                              : Tr::tr("The TLS handshake failed (OpenSSL's words say why)."));
}

SocketErrorInfo explainTlsEof(bool handshakeDone, bool client)
{
    if (!handshakeDone)
        return make("tls_handshake_eof", Tr::tr("Connection closed during the TLS handshake"),
                    client ? Tr::tr("The server closed the connection before the handshake "
                                    "ended, without an alert: it may not speak TLS on this "
                                    "port, or it dropped a handshake it did not like.")
                           : Tr::tr("The client closed the connection before the handshake "
                                    "ended, without an alert: it may have given up on this "
                                    "server's certificate."));
    return make("tls_truncated", Tr::tr("Closed without close_notify"),
                Tr::tr("The peer sent FIN without TLS's close_notify alert first: the data "
                       "may have been cut short by someone in between (a truncation attack), "
                       "or the peer just closes this way. Trust the data only if its own "
                       "framing (a length, a last chunk) says it is complete."));
}

QString tlsAlertKey(int description)
{
    switch (description) {
    case SSL_AD_CLOSE_NOTIFY:
        return QStringLiteral("close_notify");
    case SSL_AD_UNEXPECTED_MESSAGE:
        return QStringLiteral("unexpected_message");
    case SSL_AD_BAD_RECORD_MAC:
        return QStringLiteral("bad_record_mac");
    case SSL_AD_RECORD_OVERFLOW:
        return QStringLiteral("record_overflow");
    case SSL_AD_HANDSHAKE_FAILURE:
        return QStringLiteral("handshake_failure");
    case SSL_AD_BAD_CERTIFICATE:
        return QStringLiteral("bad_certificate");
    case SSL_AD_UNSUPPORTED_CERTIFICATE:
        return QStringLiteral("unsupported_certificate");
    case SSL_AD_CERTIFICATE_REVOKED:
        return QStringLiteral("certificate_revoked");
    case SSL_AD_CERTIFICATE_EXPIRED:
        return QStringLiteral("certificate_expired");
    case SSL_AD_CERTIFICATE_UNKNOWN:
        return QStringLiteral("certificate_unknown");
    case SSL_AD_ILLEGAL_PARAMETER:
        return QStringLiteral("illegal_parameter");
    case SSL_AD_UNKNOWN_CA:
        return QStringLiteral("unknown_ca");
    case SSL_AD_ACCESS_DENIED:
        return QStringLiteral("access_denied");
    case SSL_AD_DECODE_ERROR:
        return QStringLiteral("decode_error");
    case SSL_AD_DECRYPT_ERROR:
        return QStringLiteral("decrypt_error");
    case SSL_AD_PROTOCOL_VERSION:
        return QStringLiteral("protocol_version");
    case SSL_AD_INSUFFICIENT_SECURITY:
        return QStringLiteral("insufficient_security");
    case SSL_AD_INTERNAL_ERROR:
        return QStringLiteral("internal_error");
    case SSL_AD_INAPPROPRIATE_FALLBACK:
        return QStringLiteral("inappropriate_fallback");
    case SSL_AD_USER_CANCELLED:
        return QStringLiteral("user_canceled");
    case SSL_AD_MISSING_EXTENSION:
        return QStringLiteral("missing_extension");
    case SSL_AD_UNSUPPORTED_EXTENSION:
        return QStringLiteral("unsupported_extension");
    case SSL_AD_UNRECOGNIZED_NAME:
        return QStringLiteral("unrecognized_name");
    case SSL_AD_CERTIFICATE_REQUIRED:
        return QStringLiteral("certificate_required");
    case SSL_AD_NO_APPLICATION_PROTOCOL:
        return QStringLiteral("no_application_protocol");
    default:
        return QStringLiteral("alert_%1").arg(description);
    }
}

QString tlsAlertText(int description)
{
    switch (description) {
    case SSL_AD_CLOSE_NOTIFY:
        return Tr::tr("close_notify: the sender will send no more data; what came before is "
                      "complete.");
    case SSL_AD_HANDSHAKE_FAILURE:
        return Tr::tr("handshake_failure: the sender could not agree on the handshake's "
                      "parameters.");
    case SSL_AD_BAD_CERTIFICATE:
    case SSL_AD_CERTIFICATE_UNKNOWN:
    case SSL_AD_UNSUPPORTED_CERTIFICATE:
        return Tr::tr("%1: the sender does not accept the certificate it was shown.")
            .arg(tlsAlertKey(description));
    case SSL_AD_CERTIFICATE_EXPIRED:
        return Tr::tr("certificate_expired: the sender found the certificate expired.");
    case SSL_AD_UNKNOWN_CA:
        return Tr::tr("unknown_ca: the sender does not trust the CA that issued the "
                      "certificate.");
    case SSL_AD_PROTOCOL_VERSION:
        return Tr::tr("protocol_version: the sender does not support the TLS version offered.");
    case SSL_AD_DECODE_ERROR:
    case SSL_AD_UNEXPECTED_MESSAGE:
    case SSL_AD_ILLEGAL_PARAMETER:
        return Tr::tr("%1: the sender received a message it could not make sense of.")
            .arg(tlsAlertKey(description));
    case SSL_AD_UNRECOGNIZED_NAME:
        return Tr::tr("unrecognized_name: the server has no certificate for the name asked "
                      "for (SNI).");
    case SSL_AD_CERTIFICATE_REQUIRED:
        return Tr::tr("certificate_required: the server wants a client certificate.");
    case SSL_AD_NO_APPLICATION_PROTOCOL:
        return Tr::tr("no_application_protocol: none of the ALPN protocols offered is "
                      "spoken.");
    default:
        return Tr::tr("%1: see RFC 8446, section 6.").arg(tlsAlertKey(description));
    }
}

QString tlsAlertLevelKey(int level)
{
    return level == SSL3_AL_FATAL ? QStringLiteral("fatal") : QStringLiteral("warning");
}

} // namespace TcpInspector
