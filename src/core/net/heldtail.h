// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>

class QSocketNotifier;

namespace TcpInspector {

/// The rest of a write that the kernel had no room for, sent by us rather
/// than by QTcpSocket, so that Qt's close at EOF cannot take it away.
///
/// Qt's socket engine closes the descriptor inside the read that returns 0,
/// and drops its write buffer with it: an echo that the kernel had no room
/// for yet never reached a peer that half-closed (tst_cliquiet saw 0.9 MB of
/// 8 MB lost under load). The tail holds those bytes and a second descriptor
/// for the same socket (dup), and writes them as the kernel makes room. The
/// socket stays open across Qt's close while the tail holds bytes; the FIN
/// goes when the last byte has left. Qt's buffer stays empty, so a large
/// write is copied once, as it was into Qt's buffer before.
class HeldTail final : public QObject
{
    Q_OBJECT

public:
    explicit HeldTail(QObject *parent = nullptr);
    ~HeldTail() override;

    /// Takes @p size bytes the kernel had no room for on socket @p fd.
    /// False when no second descriptor could be made (EMFILE): the caller
    /// hands them to Qt instead.
    bool hold(int fd, const char *data, qint64 size);
    /// More bytes behind the held ones (the kernel is still full).
    void append(const char *data, qint64 size);
    qint64 pending() const { return m_bytes.size() - m_sent; }
    /// Writes what the kernel has room for now, as a flush() would.
    void sendNow();
    /// The owner's descriptor is gone (Qt closed at EOF): once the last byte
    /// has left, the second descriptor closes and the FIN goes.
    void ownerClosed() { m_ownerClosed = true; }
    bool isOwnerClosed() const { return m_ownerClosed; }
    /// The second descriptor, or -1.
    int descriptor() const { return m_fd; }
    /// Closes the second descriptor now; what was not sent is the caller's to count.
    void abandon();

signals:
    void bytesSent(qint64 bytes);
    /// Everything left while the owner's descriptor is open: the kernel
    /// takes writes again.
    void drained();
    /// Everything left after ownerClosed(); the FIN is on its way.
    void finished();
    /// The peer cannot take more (RST, EPIPE); @p unsent bytes never left.
    void failed(int error, qint64 unsent);

private:
    void sendSome();

    int m_fd = -1;
    QByteArray m_bytes;
    qint64 m_sent = 0;
    bool m_ownerClosed = false;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace TcpInspector
