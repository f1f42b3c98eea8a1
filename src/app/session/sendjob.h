// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session/sendrequest.h"

#include <QFile>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace TcpInspector {

class Connection;

/// Where a send stands, written by its job on the I/O thread and read by the
/// window: the tx offset it started at and the bytes it will write in all.
/// Bytes written so far are the tx stream's growth since then.
class SendProgressState
{
public:
    std::atomic<qint64> txStart {0};
    std::atomic<qint64> total {0};
};

/// One send request carried out on the connection's thread: repeats with
/// their interval, fragments, a file read piece by piece, and the FIN after.
/// It hands the connection at most a few MiB ahead of what the socket has
/// taken, so a 10 GB file or a million repeats never sit in memory.
class SendJob : public QObject
{
    Q_OBJECT

public:
    /// Lives as the connection's child and deletes itself when done.
    SendJob(Connection *connection, const SendRequest &request,
            std::shared_ptr<SendProgressState> progress);

    /// False, with *error, when the file cannot be read; nothing is sent then.
    bool start(QString *error);

    /// Bytes handed to the connection but not yet written, above which the
    /// job waits for the socket.
    static constexpr qint64 aheadLimit = 4 * 1024 * 1024;
    static constexpr qint64 filePiece = 1024 * 1024;

private:
    void pump();
    qint64 outstanding() const;
    void finishRepetition();
    void done();

    Connection *m_connection;
    SendRequest m_request;
    std::shared_ptr<SendProgressState> m_progress;
    QFile m_file;
    qint64 m_fileSize = 0;
    qint64 m_txStart = 0;
    qint64 m_handed = 0;
    int m_repetition = 0;
    bool m_waitingInterval = false;
    bool m_done = false;
    bool m_pumping = false;
    QTimer m_interval;
};

} // namespace TcpInspector
