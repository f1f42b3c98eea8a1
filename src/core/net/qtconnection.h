// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connection.h"

#include <QAbstractSocket>

class QTcpSocket;

namespace TcpInspector {
class HeldTail;
}

namespace TcpInspector {

/// The qt engine: a QTcpSocket, and what Qt does on its own made visible.
///
/// Qt 6 closes the whole socket when it reads EOF (readChannelFinished comes
/// in UnconnectedState), so a remote half-close cannot be answered here, and
/// it reports a FIN and an RST alike as RemoteHostClosedError. The timeline
/// says so when it happens.
///
/// Qt's socket engine closes the descriptor inside the read that returns 0,
/// and its write buffer goes with it. So by default every write goes to the
/// kernel at once (ConnectionOptions::qtFlushWrites), and what the kernel had
/// no room for is sent by a HeldTail, not Qt: if Qt closes at EOF while it
/// holds bytes, they are sent before the FIN, and the timeline says so. Without
/// flushing (the lesson's plain Qt program) the loss is Qt's, and counted
/// (Connection::discardedBytes()).
class QtConnection final : public Connection
{
    Q_OBJECT

public:
    /// A server side for an accepted descriptor; start() takes it over, so
    /// that the caller can connect to the signals first.
    QtConnection(qintptr descriptor, quint64 id, const ConnectionOptions &options,
                 QObject *parent = nullptr);
    void start() override;
    /// A client side, not yet connected: call connectTo().
    QtConnection(quint64 id, const ConnectionOptions &options, QObject *parent = nullptr);
    ~QtConnection() override;

    /// Starts connecting; optional local bind first (S14). With a local
    /// address the socket exists before connect, so options that must precede
    /// the SYN can be set on it.
    void connectTo(const QString &host, quint16 port, const QString &localHost = QString(),
                   quint16 localPort = 0) override;
    QTcpSocket *socket() const { return m_socket; }

protected:
    qint64 writeToSocket(const char *data, qint64 size) override;
    qint64 engineBufferedBytes() const override;
    bool pushToKernel() override;
    void shutdownWrite() override;
    void closeSocket() override;
    void setReadEnabled(bool enabled) override;
    ReadOutcome readOnceFromSocket(qint64 maxBytes) override;
    int descriptor() const override;

private:
    void wire();
    void handleConnected();
    void handleReadyRead();
    void handleReadChannelFinished();
    void handleDisconnected();
    void handleError(QAbstractSocket::SocketError error);
    void handleStateChanged(QAbstractSocket::SocketState state);
    void handleBytesWritten(qint64 bytes);
    void noteDiscardedWrites();
    void noteWriteMode();
    void noteFlushed();
    bool sendHeldTail();
    void handleTailFinished();
    void handleTailFailed(int error, qint64 unsent);

    QTcpSocket *m_socket;
    HeldTail *m_tail;
    qintptr m_acceptedDescriptor = -1;
    bool m_closingOurselves = false;
    bool m_sawEof = false;
    bool m_discardNoted = false;
    bool m_flushing = false;        // inside pushToKernel(): flushPending() carries on itself
    qint64 m_bytesAccepted = 0;     // taken by writeToSocket
    qint64 m_bytesFlushed = 0;      // in the kernel
    bool m_tailTakesWrites = false; // the queue at EOF joins the held tail
    bool m_tailFailed = false;      // the peer is gone: Qt's own writes find out
};

} // namespace TcpInspector
