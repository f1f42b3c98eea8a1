// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commonoptions.h"
#include "eventprinter.h"
#include "sessionsave.h"
#include "signalwatcher.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

namespace TcpInspector {

class Connection;

/// The run loop that `listen` and `connect` share around their endpoint: the
/// EventPrinter, the SignalWatcher, the --duration timer, and the graceful
/// stop that closes the endpoint's connections (flushing first), waits for
/// the closes and the kernel lookups after them, prints the summary and ends
/// the loop.
class CommandRun : public QObject
{
    Q_OBJECT

public:
    /// Connections that are still closing get this long before the summary.
    static constexpr int closeGraceMs = 1000;
    /// The kernel's state after close (TIME_WAIT) is looked up 20 ms after it.
    static constexpr int afterCloseLookupMs = 60;

    /// kernelSampleMs: how often connections sample the kernel (0: never),
    /// which decides whether the summary waits for a last lookup.
    CommandRun(const RunFlags &flags, int kernelSampleMs);

    EventPrinter &printer() { return m_printer; }

    /// The endpoint (a ClientEndpoint or ServerEndpoint) whose connections
    /// stop() closes; stopAccepting, when given, runs before they close.
    template<class Endpoint>
    void setEndpoint(const Endpoint &endpoint, std::function<void()> stopAccepting = {})
    {
        m_connections = [&endpoint] {
            return endpoint.connections();
        };
        m_openConnections = [&endpoint] {
            return endpoint.openConnections();
        };
        m_stopAccepting = std::move(stopAccepting);
    }
    /// The listener's own timeline (listening, accept errors), saved with
    /// --save as the events of no connection.
    void setListenerTimeline(const Timeline *timeline) { m_listenerTimeline = timeline; }
    /// --save: what the command adds to each connection's saved settings.
    void setSavedSettings(std::function<QJsonObject(const Connection *)> settings)
    {
        m_save.setSettings(std::move(settings));
    }
    /// Whether a failed connection makes the exit code 3 (connect) or not (listen).
    void setFailureExitCode(bool on) { m_failureExitCode = on; }
    /// Expectations that failed (connect --expect) make the exit code 1,
    /// before a failed connection's 3: the check is what the user asked for.
    void setExpectationFailures(std::function<int()> failures)
    {
        m_expectationFailures = std::move(failures);
    }

    /// Prints why as a note (unless empty), then stops gracefully and ends
    /// exec(). Only the first call counts.
    void stop(const QString &why);
    /// Starts the --duration timer and runs until stop() is done; returns
    /// the exit code.
    int exec();

private:
    void handleSignal(int signalNumber);
    void handleDuration();
    /// Every 10 ms while stopping: done once nothing is open or the grace is over.
    void handlePoll();
    void finish();
    /// --save: writes the session; false after saying why on stderr.
    bool save();

    const RunFlags m_flags;
    const int m_kernelSampleMs;
    EventPrinter m_printer;
    SessionSave m_save;
    SignalWatcher m_signalWatcher;
    QEventLoop m_loop;
    QTimer m_poll;
    QElapsedTimer m_stopClock;
    std::function<QList<Connection *>()> m_connections;
    std::function<int()> m_openConnections;
    std::function<void()> m_stopAccepting;
    std::function<int()> m_expectationFailures;
    bool m_failureExitCode = false;
    bool m_stopping = false;
    const Timeline *m_listenerTimeline = nullptr;
};

} // namespace TcpInspector
