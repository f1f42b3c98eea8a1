// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "composer/composerdraft.h"
#include "session/sendrequest.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <optional>

namespace TcpInspector {

class Connection;
class RequestLibrary;
class Workbench;

/// Writes each send of the workbench into the library's history, as the
/// composer held it, and watches the connection for the first message it
/// receives after the send: that message becomes the entry's reply, which
/// "Save as scenario" turns into an expectation.
class RequestRecorder : public QObject
{
    Q_OBJECT

public:
    /// Replies are kept up to this many bytes (an expectation needs the start).
    static constexpr int replyLimit = 4096;
    /// A send that got no reply in this long stops being watched.
    static constexpr int replyWaitMs = 60000;

    explicit RequestRecorder(RequestLibrary *library, QObject *parent = nullptr);

    void setWorkbench(Workbench *workbench);
    /// What the composer held when it built request, so that the entry
    /// loads back as typed (text and escapes, not only bytes).
    void noteDraft(const ComposerDraft &draft, const SendRequest &request);

    /// A connection as the tables and the timeline name it: "#3 to 127.0.0.1:4000".
    static QString connectionName(const Connection *connection);

private:
    void handleRequestSent(const QList<Connection *> &connections, const SendRequest &request);
    void handleConnectionsRemoved(const QList<Connection *> &connections);
    void handlePoll();
    ComposerDraft draftFor(const SendRequest &request) const;

    struct Pending
    {
        quint64 serial = 0;
        Connection *connection = nullptr;
        qint64 firstFrame = 0; ///< the receive frame count when it was sent
        qint64 sentAtMs = 0;
    };

    RequestLibrary *m_library;
    Workbench *m_workbench = nullptr;
    std::optional<ComposerDraft> m_lastDraft;
    SendRequest m_lastRequest;
    QList<Pending> m_pending;
    QTimer m_poll;
};

} // namespace TcpInspector
