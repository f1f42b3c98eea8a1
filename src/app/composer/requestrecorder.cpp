// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/requestrecorder.h"

#include "composer/requestlibrary.h"
#include "net/connection.h"
#include "session/workbench.h"

#include <QDateTime>
#include <QFileInfo>

namespace TcpInspector {

namespace {
bool sameRequest(const SendRequest &a, const SendRequest &b)
{
    return a.bytes == b.bytes && a.filePath == b.filePath && a.fragmentSize == b.fragmentSize
           && a.fragmentDelayMs == b.fragmentDelayMs && a.repeat == b.repeat
           && a.intervalMs == b.intervalMs;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

RequestRecorder::RequestRecorder(RequestLibrary *library, QObject *parent)
    : QObject(parent), m_library(library)
{
    // A reply is looked for a few times a second: fast enough to be there
    // when the user looks, and nothing runs while no send waits for one.
    m_poll.setInterval(200);
    connect(&m_poll, &QTimer::timeout, this, &RequestRecorder::handlePoll);
}

void RequestRecorder::setWorkbench(Workbench *workbench)
{
    if (m_workbench)
        disconnect(m_workbench, nullptr, this, nullptr);
    m_workbench = workbench;
    m_pending.clear();
    if (!workbench)
        return;
    connect(workbench, &Workbench::requestSent, this, &RequestRecorder::handleRequestSent);
    connect(workbench, &Workbench::connectionsAboutToBeRemoved, this,
            &RequestRecorder::handleConnectionsRemoved);
}

void RequestRecorder::noteDraft(const ComposerDraft &draft, const SendRequest &request)
{
    m_lastDraft = draft;
    m_lastRequest = request;
}

QString RequestRecorder::connectionName(const Connection *connection)
{
    const QString peer = connection->peerAddress();
    if (peer.isEmpty())
        return tr("#%1").arg(connection->id());
    return connection->side() == Connection::Side::Client
               ? tr("#%1 to %2").arg(connection->id()).arg(peer)
               : tr("#%1 from %2").arg(connection->id()).arg(peer);
}

ComposerDraft RequestRecorder::draftFor(const SendRequest &request) const
{
    if (m_lastDraft && sameRequest(request, m_lastRequest))
        return *m_lastDraft;
    // Not built by the composer: keep what was sent, in hex.
    ComposerDraft draft = ComposerDraft::fromBytes(request.bytes);
    if (!request.filePath.isEmpty()) {
        draft.mode = ComposerDraft::Mode::File;
        draft.filePath = request.filePath;
    }
    draft.fragmentSize = request.fragmentSize;
    draft.fragmentDelayMs = request.fragmentDelayMs;
    draft.repeat = request.repeat;
    draft.intervalMs = request.intervalMs;
    return draft;
}

void RequestRecorder::handleRequestSent(const QList<Connection *> &connections,
                                        const SendRequest &request)
{
    if (connections.isEmpty())
        return;
    Connection *first = connections.first();
    // Before anything slow (the library writes its file): the reply may come fast.
    const qint64 framesBefore = first->rx().frameCount();
    HistoryEntry entry;
    entry.time = QDateTime::currentDateTime();
    entry.draft = draftFor(request);
    entry.halfClose = request.halfCloseAfter;
    entry.size
        = request.filePath.isEmpty() ? request.bytes.size() : QFileInfo(request.filePath).size();
    for (const Connection *connection : connections)
        entry.connectionIds.append(connection->id());
    entry.target
        = connections.size() == 1
              ? connectionName(first)
              : tr("%1 and %2 more").arg(connectionName(first)).arg(connections.size() - 1);
    entry.clientSide = first->side() == Connection::Side::Client;
    entry.peer = first->peerAddress();
    entry.framing = first->rx().framing();
    const quint64 serial = m_library->addHistory(entry);

    // A send that had no reply before the next one on its connection gets
    // none: what comes now answers the new one.
    m_pending.removeIf([first](const Pending &pending) { return pending.connection == first; });
    m_pending.append({serial, first, framesBefore, nowMs()});
    m_poll.start();
}

void RequestRecorder::handleConnectionsRemoved(const QList<Connection *> &connections)
{
    m_pending.removeIf([&connections](const Pending &pending) {
        return connections.contains(pending.connection);
    });
}

void RequestRecorder::handlePoll()
{
    const qint64 now = nowMs();
    m_pending.removeIf([this, now](const Pending &pending) {
        const StreamChannel &rx = pending.connection->rx();
        if (rx.frameCount() > pending.firstFrame) {
            const Frame frame = rx.frame(pending.firstFrame);
            const qint64 length = std::min<qint64>(frame.payloadLength, replyLimit);
            m_library->setReply(pending.serial, rx.store().read(frame.payloadOffset, length),
                                frame.payloadLength > replyLimit);
            return true;
        }
        return now - pending.sentAtMs > replyWaitMs || isFinalState(pending.connection->state());
    });
    if (m_pending.isEmpty())
        m_poll.stop();
}

} // namespace TcpInspector
