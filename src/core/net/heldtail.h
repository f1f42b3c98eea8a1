// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>

class QSocketNotifier;

namespace TcpInspector {

/// The bytes QTcpSocket still buffers, kept alive past Qt's close at EOF.
///
/// Qt's socket engine closes the descriptor inside the read that returns 0,
/// and drops its write buffer with it: an echo that the kernel had no room
/// for yet never reached a peer that half-closed (tst_cliquiet saw 0.9 MB of
/// 8 MB lost under load). While Qt holds bytes, a second descriptor for the
/// same socket (dup) keeps the TCP connection open across that close, with a
/// copy of what Qt holds; if Qt drops them, they leave from here, and the FIN
/// goes when the last byte has.
class HeldTail final : public QObject
{
    Q_OBJECT

public:
    explicit HeldTail(QObject *parent = nullptr);
    ~HeldTail() override;

    /// Qt took @p size bytes the kernel had no room for on socket @p fd.
    void hold(int fd, const char *data, qint64 size);
    /// Qt's buffer is empty again: nothing to keep.
    void release();
    bool isHolding() const { return m_fd >= 0; }

    /// Qt closed its descriptor holding the last @p unsent bytes kept: they
    /// go out through the second descriptor. False when nothing covers them.
    bool startSending(qint64 unsent);
    bool isSending() const { return m_sending; }
    /// More bytes behind the tail while it is sent; all are taken.
    void append(const char *data, qint64 size);
    qint64 pending() const { return m_bytes.size() - m_sent; }
    /// The second descriptor, or -1.
    int descriptor() const { return m_fd; }
    /// Closes the second descriptor now; what was not sent is the caller's to count.
    void abandon();

signals:
    void bytesSent(qint64 bytes);
    /// Everything left; the descriptor is closed and the FIN on its way.
    void finished();
    /// The peer cannot take more (RST, EPIPE); @p unsent bytes never left.
    void failed(int error, qint64 unsent);

private:
    void sendSome();

    int m_fd = -1;
    QByteArray m_bytes;
    qint64 m_sent = 0;
    bool m_sending = false;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace TcpInspector
