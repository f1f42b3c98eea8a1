// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connection.h"
#include "net/tlssession.h"

#include <QHostAddress>
#include <QList>

#include <memory>
#include <vector>

class QHostInfo;
class QSocketNotifier;

namespace TcpInspector {

/// The native engine: drives the descriptor itself, as a Go or C program does.
///
/// Non-blocking read(2) and send(2) with MSG_NOSIGNAL, QSocketNotifier for
/// readiness, shutdown(SHUT_WR) for a half-close. Unlike QTcpSocket it stays
/// open after EOF (CLOSE_WAIT) and can still write until the user closes, and
/// it tells EOF, ECONNRESET and EPIPE apart. Every read(2) is one rx chunk and
/// every send(2) one tx chunk, with the sizes the kernel really gave. Once
/// both sides have sent FIN it closes the socket itself, as Qt does.
///
/// With TLS (ConnectionOptions::tls) it runs a TlsSession over the socket:
/// each read(2) and send(2) is a chunk of wire(), the records; what the
/// session decrypts is rx(), what it encrypts tx().
class NativeConnection final : public Connection
{
    Q_OBJECT

public:
    /// A server side for an accepted descriptor; start() takes it over, so
    /// that the caller can connect to the signals first.
    NativeConnection(qintptr descriptor, quint64 id, const ConnectionOptions &options,
                     QObject *parent = nullptr);
    void start() override;
    /// A client side, not yet connected: call connectTo().
    NativeConnection(quint64 id, const ConnectionOptions &options, QObject *parent = nullptr);
    ~NativeConnection() override;

    /// Resolves host (unless it is an IP address) and connects, trying each
    /// address in turn; optional local bind first, without SO_REUSEADDR (S14).
    void connectTo(const QString &host, quint16 port, const QString &localHost = QString(),
                   quint16 localPort = 0) override;

protected:
    qint64 writeToSocket(const char *data, qint64 size) override;
    qint64 engineBufferedBytes() const override { return m_wireOut.size(); }
    bool pushToKernel() override;
    void shutdownWrite() override;
    void finishOutput() override;
    void closeSocket() override;
    void setReadEnabled(bool enabled) override;
    ReadOutcome readOnceFromSocket(qint64 maxBytes) override;
    int descriptor() const override { return m_fd; }

private:
    void createNotifiers();
    void handleLookedUp(const QHostInfo &info);
    void announceConnecting(const QString &text);
    void connectToNextAddress();
    /// A failed attempt: false when another address is left to try.
    bool failConnectStep(int sysErrno, const QHostAddress &address);
    void finishConnect();
    void becomeEstablished();
    void handleReadable();
    void handleEof();
    void handleWritable();
    void endByError(int sysErrno, SocketOperation operation);
    /// Notifiers off, descriptor closed; what closeSocket() and a failed attempt share.
    void releaseSocket();
    void updateNotifiers();

    // TLS (nativetls.cpp).
    /// A session for the options' TLS settings; false when it failed (recorded).
    bool createTls();
    void beginTlsHandshake();
    /// Bytes read from the socket: recorded as wire, fed to the session.
    void handleWireRead(const char *data, qint64 size);
    /// Moves the handshake on, then takes out the plaintext there is.
    void pumpTls();
    void drainPlaintext();
    /// readOnce() with TLS: one plaintext read of at most maxBytes.
    ReadOutcome readOnceTls(qint64 maxBytes);
    /// A read of plaintext the session holds: Nothing when it holds none.
    ReadOutcome takePlaintext(qint64 maxBytes);
    /// Sends what the session produced; false while some of it waits (or on an error).
    bool flushWire();
    qint64 writeTls(const char *data, qint64 size);
    void reportTlsHandshake();
    /// Alerts OpenSSL reported during the last call, onto the timeline.
    void reportAlerts();
    /// The peer's FIN with TLS: true when the connection ended here.
    bool handleTlsEof();
    void failTls(const SocketErrorInfo &error);
    QString closeNotifyText() const;
    /// The handshake reads on while reading is paused: it is TLS's, not the reader's.
    bool tlsHandshaking() const { return m_tls && !m_tlsFailed && !m_tls->isEstablished(); }

    int m_fd = -1;
    qintptr m_acceptedDescriptor = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    int m_lookupId = -1;
    QList<QHostAddress> m_addresses; // still to try, in the resolver's order
    QHostAddress m_current;          // the one being tried
    QString m_host;
    quint16 m_port = 0;
    QString m_localHost;
    quint16 m_localPort = 0;
    bool m_connecting = false; // connect(2) in progress: writable means done
    bool m_wantWrite = false;  // the kernel's send buffer was full
    bool m_eofRead = false;    // read(2) returned 0: nothing more to read, ever

    struct TlsAlert
    {
        bool sent;
        int level;
        int description;
    };
    std::unique_ptr<TlsSession> m_tls;
    QByteArray m_wireOut;              // records not yet taken by the kernel
    std::vector<TlsAlert> m_tlsAlerts; // reported inside an OpenSSL call, recorded after it
    bool m_tlsFailed = false;
    bool m_shutdownAfterFlush = false;     // FIN once the close_notify is out
    bool m_shutdownAfterHandshake = false; // a half-close asked for during the handshake
    bool m_tlsPeerClosed = false;          // its close_notify came
    bool m_tlsWriteStalled = false;        // the session took no plaintext at the last write
};

} // namespace TcpInspector
