// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/sendjob.h"

#include "net/connection.h"

#include <QFileInfo>
#include <QScopedValueRollback>

namespace TcpInspector {

SendJob::SendJob(Connection *connection, const SendRequest &request,
                 std::shared_ptr<SendProgressState> progress)
    : QObject(connection),
      m_connection(connection),
      m_request(request),
      m_progress(std::move(progress))
{
    m_request.repeat = qMax(1, m_request.repeat);
    m_interval.setSingleShot(true);
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

bool SendJob::start(QString *error)
{
    if (!m_request.filePath.isEmpty()) {
        m_file.setFileName(m_request.filePath);
        if (!m_file.open(QIODevice::ReadOnly)) {
            *error = tr("Cannot read %1: %2. Choose a readable file.")
                         .arg(QFileInfo(m_request.filePath).fileName(), m_file.errorString());
            return false;
        }
        m_fileSize = m_file.size();
    } else {
        m_fileSize = m_request.bytes.size();
    }
    m_txStart = m_connection->tx().store().size();
    m_progress->txStart.store(m_txStart, std::memory_order_relaxed);
    m_progress->total.store(m_fileSize * m_request.repeat, std::memory_order_release);
    pump();
    return true;
}

qint64 SendJob::outstanding() const
{
    return m_handed - (m_connection->tx().store().size() - m_txStart);
}

void SendJob::pump()
{
    // Handing bytes over writes at once, and each write calls back here:
    // the outer call carries on, with the counts already up to date.
    if (m_done || m_waitingInterval || m_pumping)
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
        const bool lastPiece = !m_file.isOpen();
        if (lastPiece)
            finishRepetition();
        if (m_request.fragmentSize > 0)
            m_connection->sendFragmented(piece, m_request.fragmentSize, m_request.fragmentDelayMs);
        else
            m_connection->send(piece);
        if (m_waitingInterval)
            return;
    }
    if (m_repetition >= m_request.repeat) {
        // halfClose() waits for every queued fragment, so the FIN follows the last byte.
        if (m_request.halfCloseAfter)
            m_connection->halfClose();
        done();
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
    m_file.close();
    deleteLater();
}

} // namespace TcpInspector
