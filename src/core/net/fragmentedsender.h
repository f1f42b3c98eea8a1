// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/sendqueue.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <deque>

namespace TcpInspector {

/// What a connection has been handed to send and the socket has not taken:
/// the queue the socket takes from, a send cut into fragments that go into
/// it one timer tick apart (S8), and the sends that wait behind those
/// fragments, so that bytes leave in the order they were handed over.
///
/// It knows nothing of sockets: it says when the queue has grown, and the
/// connection writes from it.
class FragmentedSender : public QObject
{
    Q_OBJECT

public:
    explicit FragmentedSender(QObject *parent = nullptr);

    /// Queues bytes whole, behind any fragmented send still going out.
    void send(const QByteArray &bytes);
    /// Queues bytes in pieces of fragmentSize, delayMs apart; whole when a
    /// piece would hold them all.
    void sendFragmented(const QByteArray &bytes, qint64 fragmentSize, int delayMs);

    /// The queue the socket takes from.
    const char *data() const { return m_queue.data(); }
    qint64 queued() const { return m_queue.size(); }
    /// The socket took count bytes from the front.
    void consume(qint64 count);
    /// queued(), readable from any thread.
    qint64 queuedAnywhere() const { return m_queued.load(std::memory_order_acquire); }

    /// Everything not taken yet: the queue, fragments to come, sends waiting.
    qint64 unsent() const;
    /// Nothing queued, no fragments to come, no sends waiting.
    bool isIdle() const { return unsent() == 0; }
    /// No more fragments go in and no waiting send moves up (the connection
    /// has ended); what is held stays, for unsent() to tell.
    void stop();
    /// Throws away everything held.
    void clear();

Q_SIGNALS:
    /// Bytes went into the queue: the socket may take them.
    void bytesQueued();
    /// A fragmented send has gone into the queue to its last piece, and the
    /// sends that waited behind it have moved up: whatever waits for the
    /// sender to go idle (a FIN, a close) may look again.
    void fragmentsDone();

private:
    void queue(const QByteArray &bytes);
    void handleFragmentTimer();

    /// A send asked for while fragments were still going out.
    struct LaterSend
    {
        QByteArray bytes;
        qint64 fragmentSize = 0;
        int delayMs = 0;
    };

    SendQueue m_queue;
    std::atomic<qint64> m_queued {0};
    QByteArray m_fragments; // what the current fragmented send still has to queue
    qint64 m_fragmentSize = 0;
    std::deque<LaterSend> m_later;
    QTimer m_fragmentTimer;
    bool m_stopped = false;
};

} // namespace TcpInspector
