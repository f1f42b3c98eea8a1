// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/relay.h"
#include "net/serverendpoint.h"
#include "session/sendrequest.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <QPointer>
#include <QSet>
#include <QThread>
#include <QThreadPool>
#include <atomic>

#include <functional>
#include <memory>

namespace TcpInspector {

class RecordedConnection;
class ScenarioRunner;
class SendProgressState;
struct ScenarioFile;

/// What the window asks of the network, and the one place that knows the
/// I/O thread: both endpoints and every connection live there
/// (docs/ARCHITECTURE.md, "Threads"). Its methods are called on the GUI thread and hand the work
/// over with queued invocations; the connections' channels and timelines are
/// read directly, since they are safe to read from any thread.
///
/// Connections are never deleted behind the window's back: they stay until
/// removeFinished(), after the window has let go of them.
class Workbench : public QObject
{
    Q_OBJECT

public:
    explicit Workbench(QObject *parent = nullptr);
    ~Workbench() override;

    /// Opens the listener on the I/O thread and waits for the answer: socket,
    /// bind and listen never block, and the user wants the error at once.
    bool listen(const ServerOptions &options, SocketErrorInfo *error);
    void stopListening();
    bool isListening() const { return m_listening; }
    /// The address actually bound (port 0 resolved), while listening.
    HostPort boundAddress() const { return m_boundAddress; }
    /// What happened to the listener itself, with times: listening, stopped,
    /// paused, listen and accept errors. Safe to read here (a Timeline).
    const Timeline &serverTimeline() const { return m_server->timeline(); }
    void setAcceptingPaused(bool paused);

    /// Starts a relay (issue 15) on the I/O thread and waits for the answer,
    /// as listen() does; its two legs of every pair are listed like any
    /// connection (Connection::relayPair() tells them apart).
    bool startRelay(const RelayOptions &options, SocketErrorInfo *error);
    /// Stops accepting for the relay; the pairs open go on.
    void stopRelay();
    bool isRelaying() const { return m_relaying; }
    HostPort relayAddress() const { return m_relayAddress; }
    /// Faults from now on, for every pair.
    void setRelayFaults(const RelayFaults &faults);
    /// Framings of the legs of pairs accepted from now on.
    void setRelayFraming(const QString &rx, const QString &tx);
    void setReplyPolicy(const ReplyPolicy &policy);
    void setMaxConnections(int max);

    /// Ring mode for connections opened or accepted from now on: keep only
    /// the newest keepBytes of each direction; -1 keeps everything.
    void setKeepBytes(qint64 keepBytes);
    qint64 keepBytes() const { return m_keepBytes; }
    /// Bytes that ring mode let go, over every connection still listed.
    qint64 evictedBytes() const;
    /// At most this many ended connections stay listed: the oldest go, as
    /// Remove closed would take them, so a server that churns for days
    /// keeps memory flat. -1 keeps all (the default: nothing goes).
    void setKeepClosed(int count);
    int keepClosed() const { return m_keepClosed; }
    /// Ended connections that limit removed so far.
    qint64 closedRemoved() const { return m_closedRemoved; }

    /// Opens count client connections with the same options (S7).
    void connectTo(const ClientOptions &options, int count = 1);
    void reconnect(Connection *previous);

    /// Every connection the window has been told of, oldest first.
    QList<Connection *> connections() const { return m_connections; }
    QList<Connection *> connections(Connection::Side side) const;
    Connection *connectionById(quint64 id) const;

    // Actions on one connection; a connection not (or no longer) ours is ignored.
    void send(Connection *connection, const SendRequest &request);
    /// The same request on each of these that can still send (established,
    /// or half-closed by the peer), each with its own send job; how many got it.
    int sendToMany(const QList<Connection *> &connections, const SendRequest &request);
    void halfClose(Connection *connection);
    void close(Connection *connection);
    void abortWithReset(Connection *connection);
    void setReadPaused(Connection *connection, bool paused);
    /// One read of at most maxBytes, by hand, for a connection whose reading
    /// is paused (Connection::readOnce); a note when nothing was there.
    void readOnce(Connection *connection, qint64 maxBytes);
    /// Checks the spec here, re-decodes the stored bytes on a worker thread
    /// and swaps the result in on the I/O thread: neither the window nor the
    /// other connections wait for a long stream. A newer request for the same
    /// direction cancels an older one. False, with *error, for a bad spec.
    bool setFraming(Connection *connection, Direction direction, const QString &spec,
                    QString *error);
    /// How far a re-decode has come, 0 to 1, or -1 when none is running.
    double framingProgress(const Connection *connection, Direction direction) const;

    /// Progress of the sends queued on a connection: bytes written so far and
    /// in all; finished once all went out or the connection ended first.
    struct Progress
    {
        qint64 sent = 0;
        qint64 total = 0;
        bool finished = false;
    };
    Progress sendProgress(const Connection *connection) const;

    /// A run of @p file created on the I/O thread, with the --var values of
    /// @p variables; null, with *errors, when a variable has no value. The
    /// connections it opens or accepts are listed like the window's own
    /// (connectionAdded) and outlive it until removeFinished(). Call it with
    /// queued invocations (start, stepOnce, stop...); end it with deleteRunner().
    ScenarioRunner *createRunner(const ScenarioFile &file,
                                 const QHash<QString, QByteArray> &variables, QStringList *errors);
    /// Stops the run (closing what it left open) and deletes it on its thread.
    void deleteRunner(ScenarioRunner *runner);

    /// Lists connections read back from a session file beside the live ones
    /// (connectionAdded for each); they live on the I/O thread like the
    /// others, so re-decoding them works the same way.
    void adoptRecorded(std::vector<std::unique_ptr<RecordedConnection>> connections);
    /// A connection a replay fills as it goes (SessionReplay): it stays on
    /// this thread, the replay's, so that filling and re-decoding it never
    /// race.
    void adoptReplayed(std::unique_ptr<RecordedConnection> connection);
    /// Forgets and deletes the connections read from a session file.
    int removeRecorded();
    /// Forgets and deletes these recorded connections (a replay's, when it
    /// starts again).
    int removeRecorded(const QList<RecordedConnection *> &connections);
    /// The session's origin on the monotonic clock and the wall clock at
    /// the same moment: when the window started, or those of a session
    /// opened from a file (its connections' times are on its own clock).
    qint64 startMonotonicNs() const { return m_startMonotonicNs; }
    qint64 startWallNs() const { return m_startWallNs; }
    void setStart(qint64 monotonicNs, qint64 wallNs)
    {
        m_startMonotonicNs = monotonicNs;
        m_startWallNs = wallNs;
    }
    /// Forgets and deletes connections that have ended (and recorded ones). Emits
    /// connectionsAboutToBeRemoved first, so views can drop their pointers.
    int removeFinished();
    /// The same, only for the connections with these Connection::id()s (a
    /// lesson's, on Reset): the user's own stay listed.
    int removeFinished(const QSet<quint64> &ids);

Q_SIGNALS:
    void listeningChanged(bool listening);
    /// A new connection, server or client side, already visible in connections().
    void connectionAdded(TcpInspector::Connection *connection);
    void connectionsAboutToBeRemoved(const QList<TcpInspector::Connection *> &connections);
    void connectionsRemoved();
    /// The server could not accept (EMFILE and the like): what and why.
    void acceptFailed(const TcpInspector::SocketErrorInfo &error);
    /// A send could not start (a file that cannot be read): the reason, for the user.
    void sendFailed(TcpInspector::Connection *connection, const QString &reason);
    /// send() or sendToMany() is about to queue request on these connections
    /// (once per call): a listener still sees them as they were before it.
    void requestSent(const QList<TcpInspector::Connection *> &connections,
                     const TcpInspector::SendRequest &request);

private:
    bool owns(const Connection *connection) const;
    int removeFinishedIf(const std::function<bool(const Connection *)> &wanted);
    void enqueueSend(Connection *connection, const SendRequest &request);
    void adopt(Connection *connection);
    /// Soon, once: the oldest ended connections past keepClosed() go.
    void scheduleTrim();
    void trimClosed();
    template<typename F>
    void onIoThread(Connection *connection, F &&work);

    QThread m_io;
    ServerEndpoint *m_server = nullptr;
    ClientEndpoint *m_client = nullptr;
    Relay *m_relay = nullptr;
    QList<Connection *> m_connections;
    QList<QPointer<ScenarioRunner>> m_runners; ///< on the I/O thread
    QHash<const Connection *, std::shared_ptr<SendProgressState>> m_progress;
    struct Redecode;
    QHash<QPair<const Connection *, int>, std::shared_ptr<Redecode>> m_redecodes;
    QThreadPool m_pool;
    bool m_listening = false;
    bool m_relaying = false;
    HostPort m_relayAddress;
    HostPort m_boundAddress;
    qint64 m_keepBytes = -1;
    int m_keepClosed = -1;
    /// Accepted on the I/O thread, not adopted here yet: past a limit the
    /// server holds accepting until the window catches up.
    std::atomic<int> m_unadopted {0};
    bool m_acceptHeld = false; // I/O thread
    qint64 m_closedRemoved = 0;
    bool m_trimPending = false;
    qint64 m_startMonotonicNs = 0;
    qint64 m_startWallNs = 0;
};

} // namespace TcpInspector
