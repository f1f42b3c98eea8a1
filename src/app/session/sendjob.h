// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session/sendrequest.h"

#include <QFile>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>

namespace TcpInspector {

class Connection;

/// Where the sends to one connection stand, written by its job on the I/O
/// thread and read by the window: the tx offset the first one started at,
/// the bytes queued in all, and whether the job is over (all sent, or the
/// connection ended). Bytes written so far are the tx stream's growth.
class SendProgressState
{
public:
    std::atomic<bool> started {false};
    std::atomic<qint64> txStart {0};
    std::atomic<qint64> total {0};
    std::atomic<bool> done {false};
};

/// The send requests of one connection, carried out one after another on its
/// thread: repeats with their interval, fragments, a file read piece by
/// piece, and a FIN after. A request made while another runs waits its turn,
/// so two sends never interleave on the wire. It hands the connection at most
/// a few MiB ahead of what the socket has taken, so a 10 GB file or a million
/// repeats never sit in memory.
class SendJob : public QObject
{
    Q_OBJECT

public:
    using ErrorHandler = std::function<void(const QString &reason)>;

    /// Lives as the connection's child and deletes itself when done.
    SendJob(Connection *connection, std::shared_ptr<SendProgressState> progress,
            ErrorHandler onError);

    /// The job already running for a connection, or nullptr.
    static SendJob *runningFor(Connection *connection);

    /// Queues a request; it starts when those before it are done. A file
    /// that cannot be read is reported through the error handler and skipped.
    void enqueue(const SendRequest &request);
    bool isFinished() const { return m_done; }

    /// Bytes handed to the connection but not yet written, above which the
    /// job waits for the socket.
    static constexpr qint64 aheadLimit = 4 * 1024 * 1024;
    static constexpr qint64 filePiece = 1024 * 1024;

private:
    void startNext();
    void pump();
    qint64 outstanding() const;
    void finishRepetition();
    void done();

    Connection *m_connection;
    std::shared_ptr<SendProgressState> m_progress;
    ErrorHandler m_onError;
    std::deque<SendRequest> m_queue;
    bool m_active = false; ///< m_request is being sent
    SendRequest m_request;
    QFile m_file;
    qint64 m_txStart = 0;
    qint64 m_handed = 0;
    int m_repetition = 0;
    bool m_waitingInterval = false;
    bool m_done = false;
    bool m_pumping = false;
    QTimer m_interval;
    QTimer m_drainPoll;
};

} // namespace TcpInspector
