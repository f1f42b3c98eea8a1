// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/tlssession.h"

#include "net/tlsfailure.h"
#include "text/tr.h"

#include <QHostAddress>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <ctime>

namespace TcpInspector {

namespace {

QString nameText(const X509_NAME *name)
{
    BIO *bio = BIO_new(BIO_s_mem());
    if (!bio)
        return QString();
    X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QString text = QString::fromUtf8(data, int(size));
    BIO_free(bio);
    return text;
}

QString timeText(const ASN1_TIME *time)
{
    std::tm tm {};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1)
        return QString();
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return QString::fromLatin1(text);
}

/// The names a certificate is for: its DNS and IP alternative names, or,
/// without any, the CN of its subject (as old certificates do).
QStringList certificateNames(X509 *certificate)
{
    QStringList names;
    auto *alternatives = static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; alternatives && i < sk_GENERAL_NAME_num(alternatives); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(alternatives, i);
        if (name->type == GEN_DNS) {
            const ASN1_STRING *dns = name->d.dNSName;
            names.append(
                QString::fromLatin1(reinterpret_cast<const char *>(ASN1_STRING_get0_data(dns)),
                                    ASN1_STRING_length(dns)));
        } else if (name->type == GEN_IPADD) {
            const ASN1_STRING *ip = name->d.iPAddress;
            const auto *bytes = ASN1_STRING_get0_data(ip);
            QHostAddress address;
            if (ASN1_STRING_length(ip) == 4)
                address.setAddress(quint32(bytes[0]) << 24 | quint32(bytes[1]) << 16
                                   | quint32(bytes[2]) << 8 | quint32(bytes[3]));
            else if (ASN1_STRING_length(ip) == 16)
                address.setAddress(bytes);
            names.append(address.toString());
        }
    }
    GENERAL_NAMES_free(alternatives);
    if (names.isEmpty()) {
        char cn[256] = {};
        if (X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, cn,
                                      sizeof cn)
            > 0)
            names.append(QString::fromUtf8(cn));
    }
    return names;
}

QString openSslText(unsigned long error)
{
    char text[256] = {};
    ERR_error_string_n(error, text, sizeof text);
    return QString::fromLatin1(text);
}

} // namespace

TlsSession::TlsSession(Role role, const TlsOptions &options, const QString &host)
    : m_role(role), m_options(options), m_host(host)
{
    if (role == Role::Client) {
        // SNI carries a name, never an address (RFC 6066).
        m_serverName = options.serverName;
        if (m_serverName.isEmpty() && QHostAddress(host).isNull())
            m_serverName = host;
    }
    for (const QString &protocol : options.alpn) {
        const QByteArray name = protocol.toLatin1();
        if (name.isEmpty() || name.size() > 255)
            continue;
        m_alpnWire.append(char(name.size()));
        m_alpnWire.append(name);
    }
}

TlsSession::~TlsSession()
{
    SSL_free(m_ssl); // frees both BIOs
    SSL_CTX_free(m_context);
}

bool TlsSession::setUp(SocketErrorInfo *error)
{
    ERR_clear_error();
    if (!configureContext(error))
        return false;
    if (!configureSession()) {
        *error = {QStringLiteral("tls_config"), 0, openSslText(ERR_get_error()),
                  Tr::tr("OpenSSL could not start a TLS session.")};
        return false;
    }
    return true;
}

bool TlsSession::configureContext(SocketErrorInfo *error)
{
    const bool client = m_role == Role::Client;
    m_context = SSL_CTX_new(client ? TLS_client_method() : TLS_server_method());
    if (!m_context) {
        *error = {QStringLiteral("tls_config"), 0, openSslText(ERR_get_error()),
                  Tr::tr("OpenSSL could not start a TLS session.")};
        return false;
    }
    // TLS 1.0 and 1.1 are obsolete (RFC 8996): refused by name, not by a
    // signature algorithm half-way through the handshake.
    SSL_CTX_set_min_proto_version(m_context, TLS1_2_VERSION);
    const auto failWith = [error](const QString &file, const QString &what) {
        *error = {QStringLiteral("tls_config"), 0, openSslText(ERR_get_error()), what.arg(file)};
        return false;
    };
    const QByteArray certificate = m_options.certificateFile.toLocal8Bit();
    const QByteArray key = m_options.keyFile.toLocal8Bit();
    if (!certificate.isEmpty()
        && SSL_CTX_use_certificate_chain_file(m_context, certificate.constData()) != 1)
        return failWith(m_options.certificateFile,
                        Tr::tr("Cannot load the certificate from %1: give a PEM file with the "
                               "certificate first, then its intermediates."));
    if (!key.isEmpty()) {
        if (SSL_CTX_use_PrivateKey_file(m_context, key.constData(), SSL_FILETYPE_PEM) != 1)
            return failWith(m_options.keyFile,
                            Tr::tr("Cannot load the private key from %1: give an unencrypted "
                                   "PEM key (BEGIN PRIVATE KEY)."));
        if (SSL_CTX_check_private_key(m_context) != 1)
            return failWith(m_options.keyFile,
                            Tr::tr("The key in %1 does not belong to the certificate."));
    }
    if (SSL_CTX_set_default_verify_paths(m_context) != 1)
        ERR_clear_error(); // no system store: only --ca is trusted
    const QByteArray ca = m_options.caFile.toLocal8Bit();
    if (!ca.isEmpty() && SSL_CTX_load_verify_locations(m_context, ca.constData(), nullptr) != 1)
        return failWith(m_options.caFile,
                        Tr::tr("Cannot load the CA certificates from %1: give a PEM file of "
                               "one or more certificates."));
    SSL_CTX_set_info_callback(m_context, &TlsSession::infoCallback);
    SSL_CTX_set_keylog_callback(m_context, &TlsSession::keyLogCallback);
    // A client always checks, so that --tls-insecure can still say what it let
    // through; a server asks for a client certificate only when given CAs.
    if (client)
        SSL_CTX_set_verify(m_context, SSL_VERIFY_PEER, &TlsSession::verifyCallback);
    else if (!ca.isEmpty())
        SSL_CTX_set_verify(m_context,
                           m_options.verify ? SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT
                                            : SSL_VERIFY_PEER, // asks, takes any or none
                           &TlsSession::verifyCallback);
    if (!client && !m_alpnWire.isEmpty()) {
        SSL_CTX_set_alpn_select_cb(
            m_context,
            [](SSL *, const unsigned char **out, unsigned char *outLength, const unsigned char *in,
               unsigned int inLength, void *arg) {
                const auto *ours = static_cast<const QByteArray *>(arg);
                unsigned char *selected = nullptr;
                // Our order wins, as most servers do; no overlap: no ALPN at all.
                if (SSL_select_next_proto(
                        &selected, outLength,
                        reinterpret_cast<const unsigned char *>(ours->constData()),
                        unsigned(ours->size()), in, inLength)
                    != OPENSSL_NPN_NEGOTIATED)
                    return SSL_TLSEXT_ERR_NOACK;
                *out = selected;
                return SSL_TLSEXT_ERR_OK;
            },
            &m_alpnWire);
    }
    return true;
}

bool TlsSession::configureSession()
{
    m_ssl = SSL_new(m_context);
    m_in = BIO_new(BIO_s_mem());
    m_out = BIO_new(BIO_s_mem());
    if (!m_ssl || !m_in || !m_out) {
        BIO_free(m_in);
        BIO_free(m_out);
        m_in = m_out = nullptr;
        return false;
    }
    // An empty memory BIO means "nothing yet", not EOF: the socket says EOF.
    BIO_set_mem_eof_return(m_in, -1);
    SSL_set_bio(m_ssl, m_in, m_out);
    SSL_set_app_data(m_ssl, this);
    if (m_role == Role::Server) {
        SSL_set_accept_state(m_ssl);
        return true;
    }
    SSL_set_connect_state(m_ssl);
    const QByteArray name = m_serverName.toUtf8();
    if (!name.isEmpty() && SSL_set_tlsext_host_name(m_ssl, name.constData()) != 1)
        return false;
    const QString checked = m_serverName.isEmpty() ? m_host : m_serverName;
    if (!QHostAddress(checked).isNull()) {
        const QByteArray ip = checked.toLatin1();
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(m_ssl), ip.constData());
    } else if (SSL_set1_host(m_ssl, checked.toUtf8().constData()) != 1) {
        return false;
    }
    if (!m_alpnWire.isEmpty()
        && SSL_set_alpn_protos(m_ssl,
                               reinterpret_cast<const unsigned char *>(m_alpnWire.constData()),
                               unsigned(m_alpnWire.size()))
               != 0)
        return false;
    return true;
}

int TlsSession::verifyCallback(int ok, x509_store_ctx_st *store)
{
    auto *ssl = static_cast<SSL *>(
        X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto *self = static_cast<TlsSession *>(SSL_get_app_data(ssl));
    if (!ok && self->m_verifyFailure.error == 0) {
        TlsVerifyFailure &failure = self->m_verifyFailure;
        failure.error = X509_STORE_CTX_get_error(store);
        failure.depth = X509_STORE_CTX_get_error_depth(store);
        if (X509 *certificate = X509_STORE_CTX_get_current_cert(store)) {
            failure.subject = nameText(X509_get_subject_name(certificate));
            failure.issuer = nameText(X509_get_issuer_name(certificate));
            failure.notBefore = timeText(X509_get0_notBefore(certificate));
            failure.notAfter = timeText(X509_get0_notAfter(certificate));
            failure.names = certificateNames(certificate);
        }
    }
    // --tls-insecure: the failure is kept and told, the handshake goes on.
    return self->m_options.verify ? ok : 1;
}

void TlsSession::infoCallback(const ssl_st *ssl, int where, int ret)
{
    if (!(where & SSL_CB_ALERT))
        return;
    auto *self = static_cast<TlsSession *>(SSL_get_app_data(ssl));
    if (self && self->m_alertHandler)
        self->m_alertHandler((where & SSL_CB_WRITE) != 0, (ret >> 8) & 0xff, ret & 0xff);
}

void TlsSession::keyLogCallback(const ssl_st *ssl, const char *line)
{
    auto *self = static_cast<TlsSession *>(SSL_get_app_data(ssl));
    if (self && self->m_keyLogHandler && line)
        self->m_keyLogHandler(QByteArray(line));
}

void TlsSession::feed(const char *data, qint64 size)
{
    if (m_firstBytes.size() < 16)
        m_firstBytes.append(data, int(std::min<qint64>(size, 16 - m_firstBytes.size())));
    BIO_write(m_in, data, int(size));
}

QByteArray TlsSession::takeOutput()
{
    QByteArray bytes;
    const size_t pending = BIO_ctrl_pending(m_out);
    if (pending == 0)
        return bytes;
    bytes.resize(qsizetype(pending));
    const int n = BIO_read(m_out, bytes.data(), int(pending));
    bytes.resize(std::max(0, n));
    return bytes;
}

TlsSession::Progress TlsSession::handshake()
{
    if (m_failed)
        return Progress::Failed;
    if (m_established)
        return Progress::Established;
    ERR_clear_error();
    const int result = SSL_do_handshake(m_ssl);
    if (result == 1) {
        m_established = true;
        return Progress::Established;
    }
    const int error = SSL_get_error(m_ssl, result);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE)
        return Progress::Handshaking;
    fail(error);
    return Progress::Failed;
}

qint64 TlsSession::read(char *buffer, qint64 max, ReadResult *result)
{
    if (m_failed) {
        *result = ReadResult::Failed;
        return 0;
    }
    ERR_clear_error();
    const int n = SSL_read(m_ssl, buffer, int(std::min<qint64>(max, 1 << 30)));
    if (n > 0) {
        *result = ReadResult::Data;
        return n;
    }
    const int error = SSL_get_error(m_ssl, n);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE)
        *result = ReadResult::WantMore;
    else if (error == SSL_ERROR_ZERO_RETURN)
        *result = ReadResult::PeerClosed;
    else {
        fail(error);
        *result = ReadResult::Failed;
    }
    return 0;
}

qint64 TlsSession::write(const char *data, qint64 size)
{
    if (m_failed || !m_established || m_closeNotifySent)
        return m_failed ? -1 : 0;
    ERR_clear_error();
    // One record's worth at a time: each write is one record on the wire.
    const int n = SSL_write(m_ssl, data, int(std::min<qint64>(size, 16384)));
    if (n > 0)
        return n;
    const int error = SSL_get_error(m_ssl, n);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE)
        return 0;
    fail(error);
    return -1;
}

bool TlsSession::sendCloseNotify()
{
    if (m_failed || !m_established || m_closeNotifySent)
        return false;
    ERR_clear_error();
    SSL_shutdown(m_ssl); // 0: sent, the peer's is not in yet; we do not wait for it
    m_closeNotifySent = true;
    return true;
}

bool TlsSession::closeNotifyReceived() const
{
    return m_ssl && (SSL_get_shutdown(m_ssl) & SSL_RECEIVED_SHUTDOWN);
}

TlsDetails TlsSession::details() const
{
    TlsDetails details;
    details.protocol = QString::fromLatin1(SSL_get_version(m_ssl));
    details.cipher = QString::fromLatin1(SSL_get_cipher_name(m_ssl));
    const unsigned char *alpn = nullptr;
    unsigned int alpnLength = 0;
    SSL_get0_alpn_selected(m_ssl, &alpn, &alpnLength);
    details.alpn = QString::fromLatin1(reinterpret_cast<const char *>(alpn), int(alpnLength));
    if (const char *name = SSL_get_servername(m_ssl, TLSEXT_NAMETYPE_host_name))
        details.serverName = QString::fromUtf8(name);
    if (X509 *peer = SSL_get0_peer_certificate(m_ssl)) {
        details.peerSubject = nameText(X509_get_subject_name(peer));
        details.peerIssuer = nameText(X509_get_issuer_name(peer));
        details.peerExpires = timeText(X509_get0_notAfter(peer));
        details.verified = SSL_get_verify_result(m_ssl) == X509_V_OK && m_verifyFailure.error == 0;
    }
    // A client's chain starts with the peer's own certificate; a server's does not.
    const STACK_OF(X509) *chain = SSL_get_peer_cert_chain(m_ssl);
    for (int i = 0; chain && i < sk_X509_num(chain); ++i) {
        X509 *certificate = sk_X509_value(chain, i);
        details.chain.append(Tr::tr("%1; expires %2")
                                 .arg(nameText(X509_get_subject_name(certificate)),
                                      timeText(X509_get0_notAfter(certificate))));
    }
    return details;
}

void TlsSession::fail(int sslError)
{
    m_failed = true;
    TlsFailureContext context;
    context.client = m_role == Role::Client;
    context.established = m_established;
    context.verify = m_options.verify;
    context.expectedName = m_serverName.isEmpty() ? m_host : m_serverName;
    context.firstBytes = m_firstBytes;
    context.verifyFailure = m_verifyFailure;
    context.names = m_options.fixNames;
    if (sslError == SSL_ERROR_SSL) {
        const unsigned long error = ERR_peek_error();
        context.reason = ERR_GET_LIB(error) == ERR_LIB_SSL ? ERR_GET_REASON(error) : 0;
        context.openSslText = openSslText(error);
    } else {
        context.openSslText = Tr::tr("OpenSSL error %1").arg(sslError);
    }
    m_failure = explainTlsFailure(context);
    ERR_clear_error();
}

} // namespace TcpInspector
