// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connectionoptions.h"
#include "net/connectionset.h"
#include "net/hostport.h"
#include "net/replypolicy.h"
#include "net/socketerror.h"
#include "timeline/timeline.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <optional>

class QSocketNotifier;

namespace TcpInspector {

class Connection;

/// The settings of a listening server.
struct ServerOptions
{
    static constexpr int maxBacklog = 65535;

    /// How the server takes connections off the backlog (S3).
    enum class AcceptMode {
        Many,       ///< every connection at once, each served on its own (a goroutine each)
        Once,       ///< one Accept and no loop: later clients wait in the backlog, never served
        OneAtATime, ///< one handler, no goroutine: the next is accepted once the current ends
    };

    HostPort address; ///< port 0: the system chooses; no host: every interface, IPv4 and IPv6
    /// listen(2) backlog. The kernel caps it at net.core.somaxconn (4096 by
    /// default since Linux 5.4), so the default asks for the most any system
    /// allows: a burst of thousands of connects then waits in the kernel for
    /// accept() instead of losing SYNs and retrying a second or more later.
    int backlog = maxBacklog;
    int maxConnections = 0;   ///< stop accepting while this many are open; 0: no limit
    bool reuseAddress = true; ///< SO_REUSEADDR: off shows TIME_WAIT holding the port
    /// Close a connection once the peer's EOF is read (and the replies owed
    /// are out). Off, it stays half-open until told: a scenario's server
    /// answers after EOF step by step (S13). The qt engine closes anyway.
    bool closeAtPeerEof = true;
    AcceptMode acceptMode = AcceptMode::Many;
    ReplyPolicy reply;
    ConnectionOptions connection;
};

using AcceptMode = ServerOptions::AcceptMode;

QString acceptModeKey(AcceptMode mode); ///< "many", "once", "one-at-a-time"
std::optional<AcceptMode> acceptModeFromKey(const QString &key);

/// A TCP server: accepts many connections at once, each with its own view
/// (S3), keeps running through accept errors without spinning (S4), and
/// releases its port when it stops (S2).
///
/// It listens and accepts on its own descriptor rather than through
/// QTcpServer: Qt 6.4's socket engine keeps the first error it ever sets, so
/// after one harmless EAGAIN from accept() a later EMFILE reads as a
/// temporary error, QTcpServer neither pauses nor reports it, and the event
/// loop spins on a listener that stays readable. QTcpServer also always sets
/// SO_REUSEADDR, which hides the TIME_WAIT lesson.
class ServerEndpoint : public QObject
{
    Q_OBJECT

public:
    explicit ServerEndpoint(QObject *parent = nullptr);
    ~ServerEndpoint() override;

    /// Starts listening. On failure returns false and sets *error to an
    /// explanation (who may hold the port, SO_REUSEADDR, TIME_WAIT).
    bool listen(const ServerOptions &options, SocketErrorInfo *error);
    /// Stops listening; open connections go on. The port is free at once.
    void stop();
    void setAcceptingPaused(bool paused);
    /// Whoever watches the connections (the window) holds accepting while
    /// it falls behind: new clients wait in the kernel's backlog, as TCP
    /// would have them wait, instead of piling up in memory unseen.
    void setAcceptingHeld(bool held);
    bool isListening() const;
    bool isAcceptingPaused() const { return m_userPaused; }
    /// The address actually bound: with port 0, the port the system chose.
    HostPort boundAddress() const;
    /// The backlog the kernel applies to the listener (the one asked for, capped
    /// at net.core.somaxconn), or -1 when not listening.
    int kernelBacklog() const;
    const ServerOptions &options() const { return m_options; }
    void setReplyPolicy(const ReplyPolicy &policy) { m_options.reply = policy; }
    /// Ring mode for connections accepted from now on (StreamStore::Options).
    void setKeepBytes(qint64 keepBytes) { m_options.connection.store.keepBytes = keepBytes; }
    /// Framings of the connections accepted from now on.
    void setFraming(const QString &rx, const QString &tx)
    {
        m_options.connection.rxFraming = rx;
        m_options.connection.txFraming = tx;
    }
    void setMaxConnections(int max);

    QList<Connection *> connections() const { return m_connections.connections(); }
    int openConnections() const { return m_connections.openCount(); }
    /// Listening, paused, accept errors: what happened to the server itself.
    const Timeline &timeline() const { return m_timeline; }

Q_SIGNALS:
    void listeningChanged(bool listening);
    /// A new connection; its own signals are connected before it starts.
    void connectionAccepted(TcpInspector::Connection *connection);
    void acceptFailed(const TcpInspector::SocketErrorInfo &error);
    void connectionFinished(TcpInspector::Connection *connection);

private:
    bool openListener(const HostPort &address, SocketErrorInfo *error);
    void acceptPending();
    void handleIncoming(qintptr descriptor);
    void handleAcceptError(int sysErrno);
    void updateAccepting();
    /// Says on the listener's timeline what a broken accept mode will do.
    void noteAcceptMode();
    void attachReplies(Connection *connection);
    RuleDecision echoDecision(const QByteArray &bytes) const;
    void noteUnsentReplies(Connection *connection);
    void replyToMessages(Connection *connection, qint64 first, qint64 count);
    /// Queues a reply behind the ones the connection still owes.
    void reply(Connection *connection, const RuleDecision &decision);
    /// Delivers the first reply owed after its delay, then the next.
    void scheduleReply(Connection *connection);
    void deliverReply(Connection *connection, const RuleDecision &decision);
    void recordNote(const QString &code, const QString &text);
    /// text: a sentence for people when the error's parts do not say it all.
    void recordError(const SocketErrorInfo &error, const QString &text = QString());

    ServerOptions m_options;
    int m_listenFd = -1;
    QString m_boundHost;
    quint16 m_boundPort = 0;
    QSocketNotifier *m_acceptNotifier = nullptr;
    ConnectionSet m_connections;
    Timeline m_timeline;
    QTimer m_acceptRetry;
    int m_acceptBackoffMs = 0;
    bool m_userPaused = false;
    bool m_held = false;
    bool m_errorPaused = false;
    bool m_acceptedOnce = false; ///< AcceptMode::Once took its connection
    struct OwedReply
    {
        RuleDecision decision;
        QDeadlineTimer due; ///< its message's arrival plus its delay
    };
    QHash<const Connection *, QList<OwedReply>> m_repliesOwed; ///< not delivered yet
    /// Read EOF while replies were owed: closed after the last one.
    QSet<const Connection *> m_closeWhenReplied;
};

} // namespace TcpInspector
