// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stream/streamstore.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace TcpInspector {

/// Which code drives the socket. Both sit behind Connection.
enum class EngineKind {
    Qt,     ///< QTcpSocket: what most Qt programs use, with what Qt does on its own
    Native, ///< the descriptor itself: can stay half-open after EOF and tells EOF, RST and EPIPE
            ///< apart
};

QString engineKey(EngineKind engine); ///< "qt", "native"
std::optional<EngineKind> engineFromKey(const QString &key);

/// How a TLS failure's fix names the settings, so that it reads right where
/// it is shown: the command's options (connect's --ca, the relay's
/// --upstream-ca) or the window's fields. An empty name says both, as in
/// "the CA file (--ca FILE)" (tlsFixNamesOrDefaults()).
struct TlsFixNames
{
    QString trustCa;           ///< "--ca FILE": trust a CA, or the certificate itself
    QString skipVerify;        ///< "--tls-insecure": verification off
    QString serverName;        ///< "--sni %1": the name to check (%1: the certificate's)
    QString clientCertificate; ///< "--cert FILE --key FILE"
    QString alpn;              ///< "--alpn": the protocols offered
    QString withoutTls;        ///< "without --tls": plain TCP instead
    QString requireClientCa;   ///< "--ca": what makes a server ask for client certificates
};

/// TLS over a connection (the native engine drives it with OpenSSL): the
/// socket's bytes are the wire, TLS records; what the connection reads and
/// sends is the plaintext inside them.
struct TlsOptions
{
    bool enabled = false;
    /// Check the peer's certificate: its chain against the CAs, its name
    /// against the host (a client's check; a server asks for no client
    /// certificate).
    bool verify = true;
    QString serverName;      ///< client: SNI and the name checked; empty: the host connected to
    QStringList alpn;        ///< protocols offered (client) or accepted in this order (server)
    QString caFile;          ///< PEM CAs trusted besides the system's
    QString certificateFile; ///< PEM: the server's certificate (chain), or a client certificate
    QString keyFile;         ///< PEM private key of certificateFile
    TlsFixNames fixNames;    ///< the words of a failure's fix: whoever set these options
    /// False: close and half-close with a bare FIN, no close_notify first: a
    /// peer that cuts its stream on purpose, which the other end reports as
    /// tls_truncated (a scenario's close-notify=off, for the TLS lesson).
    bool closeNotify = true;
};

/// Settings of one connection, whichever side opened it.
struct ConnectionOptions
{
    EngineKind engine = EngineKind::Qt;
    /// The qt engine writes through: each write goes to the kernel at once,
    /// so a reply is there before Qt can read the peer's FIN and close, and
    /// what the kernel had no room for is held past that close (HeldTail).
    /// False: plain Qt, bytes wait in QTcpSocket's buffer for the event loop,
    /// and Qt throws them away when it closes at EOF (the lesson).
    bool qtFlushWrites = true;
    QString rxFraming = QStringLiteral("raw");
    QString txFraming = QStringLiteral("raw");
    int idleTimeoutMs = 0;  ///< close after this long without a read; 0: never (S6)
    int writeStallMs = 0;   ///< report bytes stuck unsent this long; 0: off (S6)
    qint64 readSlice = 0;   ///< read at most this many bytes at a time; 0: all there is (S10)
    int kernelSampleMs = 0; ///< sample TCP_INFO this often; 0: off
    bool noDelay = false;   ///< TCP_NODELAY: no Nagle
    int receiveBuffer = 0;  ///< SO_RCVBUF bytes; 0: the system's
    int sendBuffer = 0;     ///< SO_SNDBUF bytes; 0: the system's
    int maxSegment = 0;     ///< TCP_MAXSEG bytes, set before connect; 0: the route's MTU
    int synRetries = 0;     ///< TCP_SYNCNT, set before connect; 0: the system's (6, ~127 s)
    StreamStore::Options store;
    TlsOptions tls;
};

} // namespace TcpInspector
