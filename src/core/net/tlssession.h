// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connectionoptions.h"
#include "net/socketerror.h"
#include "timeline/timeline.h"

#include <QByteArray>
#include <QString>

#include <functional>

struct ssl_st;
struct ssl_ctx_st;
struct bio_st;
struct x509_store_ctx_st;

namespace TcpInspector {

/// What the peer's certificate check found first, kept from OpenSSL's
/// verify callback so that a failure can name the certificate.
struct TlsVerifyFailure
{
    int error = 0; ///< X509_V_ERR_*; 0: none
    int depth = -1;
    QString subject;
    QString issuer;
    QString notBefore; ///< ISO 8601 UTC
    QString notAfter;
    QStringList names; ///< the leaf's DNS and IP names, or its CN
};

/// One TLS session over memory buffers, without a socket: the connection
/// feeds it the bytes it read from the wire and sends what it produces, so
/// that the records it sees and the plaintext inside them are both its own
/// to record. OpenSSL does the protocol; this class turns what OpenSSL says
/// into our words (TlsDetails, SocketErrorInfo with a tls_* code).
class TlsSession
{
public:
    enum class Role { Client, Server };
    enum class Progress { Handshaking, Established, Failed };
    enum class ReadResult { Data, WantMore, PeerClosed, Failed };
    /// An alert went out (sent) or came in: its level and description numbers.
    using AlertHandler = std::function<void(bool sent, int level, int description)>;
    /// A line of the NSS key log (no newline): a secret the session made.
    using KeyLogHandler = std::function<void(const QByteArray &line)>;

    /// host: where a client connects (the name checked and sent as SNI
    /// unless options name another).
    TlsSession(Role role, const TlsOptions &options, const QString &host);
    ~TlsSession();
    TlsSession(const TlsSession &) = delete;
    TlsSession &operator=(const TlsSession &) = delete;

    /// Loads certificates, keys and CAs; false with *error (code tls_config).
    bool setUp(SocketErrorInfo *error);
    void setAlertHandler(AlertHandler handler) { m_alertHandler = std::move(handler); }
    /// Hears the session's secrets as OpenSSL makes them (SSL_CTX_set_keylog_callback),
    /// so that a capture of the records can be decrypted. Set before setUp().
    void setKeyLogHandler(KeyLogHandler handler) { m_keyLogHandler = std::move(handler); }
    Role role() const { return m_role; }
    /// The name a client sends as SNI (empty for an IP address).
    QString serverName() const { return m_serverName; }

    /// Bytes read from the socket.
    void feed(const char *data, qint64 size);
    /// Bytes to write to the socket: records the session produced.
    QByteArray takeOutput();
    /// Moves the handshake on with what was fed; the client's first call
    /// produces the ClientHello.
    Progress handshake();
    bool isEstablished() const { return m_established; }
    /// Plaintext out of the records fed so far: at most max bytes.
    qint64 read(char *buffer, qint64 max, ReadResult *result);
    /// Plaintext in: the bytes taken (up to one record, 16 KiB), 0 when the
    /// session cannot take any now, -1 when it failed.
    qint64 write(const char *data, qint64 size);
    /// Puts a close_notify alert in the output; false when none can go
    /// (no handshake yet, a failure, already sent).
    bool sendCloseNotify();
    bool closeNotifyReceived() const;

    /// After the handshake: protocol, cipher, ALPN, SNI, the peer's certificates.
    TlsDetails details() const;
    /// With --tls-insecure: why the certificate would have been refused (not OK).
    TlsVerifyFailure verifyFailure() const { return m_verifyFailure; }
    /// Why the session failed: a tls_* code, OpenSSL's words and ours with the fix.
    SocketErrorInfo failure() const { return m_failure; }

private:
    static int verifyCallback(int ok, x509_store_ctx_st *store);
    static void infoCallback(const ssl_st *ssl, int where, int ret);
    static void keyLogCallback(const ssl_st *ssl, const char *line);
    bool configureContext(SocketErrorInfo *error);
    bool configureSession();
    /// OpenSSL's error after a failed call, in our words.
    void fail(int sslError);

    const Role m_role;
    const TlsOptions m_options;
    const QString m_host;
    QString m_serverName;
    ssl_ctx_st *m_context = nullptr;
    ssl_st *m_ssl = nullptr;
    bio_st *m_in = nullptr;  // wire bytes read, owned by m_ssl
    bio_st *m_out = nullptr; // wire bytes to send, owned by m_ssl
    QByteArray m_alpnWire;   // the ALPN list in its wire format (length-prefixed names)
    QByteArray m_firstBytes; // the first bytes the peer sent: a non-TLS peer shows here
    bool m_established = false;
    bool m_failed = false;
    bool m_closeNotifySent = false;
    TlsVerifyFailure m_verifyFailure;
    SocketErrorInfo m_failure;
    AlertHandler m_alertHandler;
    KeyLogHandler m_keyLogHandler;
};

} // namespace TcpInspector
