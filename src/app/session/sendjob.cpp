// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/sendjob.h"

#include "net/connection.h"

#include <QFileInfo>
#include <QScopedValueRollback>

namespace TcpInspector {

SendJob::SendJob(Connection *connection, std::shared_ptr<SendProgressState> progress,
                 ErrorHandler onError)
    : QObject(connection),
      m_connection(connection),
      m_progress(std::move(progress)),
      m_onError(std::move(onError))
{
    setObjectName(QStringLiteral("tcpinspector-sendjob"));
    // Progress counts from the first send that shares this state, even when
    // a new job takes over from one that just finished.
    if (!m_progress->started.exchange(true))
        m_progress->txStart.store(connection->tx().store().size(), std::memory_order_release);
    m_txStart = connection->tx().store().size();
    m_interval.setSingleShot(true);
    m_drainPoll.setSingleShot(true);
    m_drainPoll.setInterval(2);
    connect(&m_drainPoll, &QTimer::timeout, this, &SendJob::pump);
    connect(&m_interval, &QTimer::timeout, this, [this] {
        m_waitingInterval = false;
        pump();
    });
    // Every write the socket takes makes room for more; no polling.
    connect(connection, &Connection::chunkRecorded, this, [this](Direction direction) {
        if (direction == Direction::Tx)
            pump();
    });
    connect(connection, &Connection::finished, this, &SendJob::done);
}

SendJob *SendJob::runningFor(Connection *connection)
{
    const auto jobs = connection->findChildren<SendJob *>(QStringLiteral("tcpinspector-sendjob"),
                                                          Qt::FindDirectChildrenOnly);
    for (SendJob *job : jobs) {
        if (!job->isFinished())
            return job;
    }
    return nullptr;
}

void SendJob::enqueue(const SendRequest &request)
{
    m_queue.push_back(request);
    if (!m_active)
        startNext();
}

void SendJob::startNext()
{
    while (!m_queue.empty() && !m_done) {
        m_request = m_queue.front();
        m_queue.pop_front();
        m_request.repeat = qMax(1, m_request.repeat);
        m_repetition = 0;
        m_file.close();
        qint64 size = m_request.bytes.size();
        if (!m_request.filePath.isEmpty()) {
            m_file.setFileName(m_request.filePath);
            if (!m_file.open(QIODevice::ReadOnly)) {
                m_onError(tr("Cannot read %1: %2. Choose a readable file.")
                              .arg(QFileInfo(m_request.filePath).fileName(), m_file.errorString()));
                continue;
            }
            size = m_file.size();
        }
        m_progress->total.fetch_add(size * m_request.repeat, std::memory_order_acq_rel);
        m_active = true;
        pump();
        return;
    }
    if (!m_active)
        done();
}

qint64 SendJob::outstanding() const
{
    // What waits in our queues, plus what Qt's own write buffer holds: Qt
    // takes any amount at once (and it is recorded as written then), so
    // without the second part a 1 GiB send would sit in Qt's buffer.
    return m_handed - (m_connection->tx().store().size() - m_txStart)
           + m_connection->bufferedInEngine();
}

void SendJob::pump()
{
    // Handing bytes over writes at once, and each write calls back here:
    // the outer call carries on, with the counts already up to date.
    if (m_done || !m_active || m_waitingInterval || m_pumping)
        return;
    const QScopedValueRollback<bool> guard(m_pumping, true);
    if (isFinalState(m_connection->state())) {
        done();
        return;
    }
    while (m_repetition < m_request.repeat && outstanding() < aheadLimit) {
        QByteArray piece;
        if (m_file.isOpen()) {
            piece = m_file.read(filePiece);
            if (piece.isEmpty()) {
                finishRepetition();
                if (m_waitingInterval)
                    return;
                continue;
            }
        } else {
            piece = m_request.bytes;
        }
        m_handed += piece.size();
        if (!m_file.isOpen())
            finishRepetition();
        if (m_request.fragmentSize > 0)
            m_connection->sendFragmented(piece, m_request.fragmentSize, m_request.fragmentDelayMs);
        else
            m_connection->send(piece);
        if (m_waitingInterval)
            return;
    }
    // Qt's buffer drains with no write of ours to call back: look again soon.
    if (m_repetition < m_request.repeat && !m_waitingInterval
        && m_connection->bufferedInEngine() > 0 && !m_drainPoll.isActive())
        m_drainPoll.start();
    if (m_repetition >= m_request.repeat) {
        // halfClose() waits for every queued fragment, so the FIN follows the last byte.
        if (m_request.halfCloseAfter)
            m_connection->halfClose();
        m_active = false;
        m_file.close();
        startNext();
        // The next request was taken up inside this call, where pump() does
        // not recurse: start it from the event loop.
        if (m_active)
            m_drainPoll.start();
    }
}

void SendJob::finishRepetition()
{
    ++m_repetition;
    if (m_file.isOpen())
        m_file.seek(0);
    if (m_repetition < m_request.repeat && m_request.intervalMs > 0) {
        m_waitingInterval = true;
        m_interval.start(m_request.intervalMs);
    }
}

void SendJob::done()
{
    if (m_done)
        return;
    m_done = true;
    m_active = false;
    m_queue.clear();
    m_file.close();
    m_interval.stop();
    m_drainPoll.stop();
    m_progress->done.store(true, std::memory_order_release);
    deleteLater();
}

} // namespace TcpInspector
