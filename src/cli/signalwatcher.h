// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace TcpInspector {

/// Turns SIGINT and SIGTERM into a Qt signal through a self-pipe, so that a
/// command stops from its event loop (closing connections, printing the
/// summary) instead of dying in the middle of a line. A second signal ends
/// the process at once, as if nothing were watching.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    /// Puts the default handlers back.
    ~SignalWatcher() override;

    /// "SIGINT", "SIGTERM"
    static QString signalName(int signalNumber);

Q_SIGNALS:
    void signalReceived(int signalNumber);

private:
    void handleReadable();

    int m_pipe[2] = {-1, -1};
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace TcpInspector
