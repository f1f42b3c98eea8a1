// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/messagematch.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

class QTimer;

namespace TcpInspector {

class Connection;
class EventPrinter;
enum class Direction : quint8;

/// `connect --expect REGEX`: each connection must receive, in order, a
/// message whose payload (as UTF-8 text) matches each pattern, the next
/// within timeoutMs of the one before (of being established, for the first).
/// Messages that match nothing are passed over, as grep does. Replaces the
/// `nc | grep` habit in CI scripts: the verdict is the exit code.
class Expectations : public QObject
{
    Q_OBJECT

public:
    Expectations(QList<MessageMatch> patterns, int timeoutMs, EventPrinter &printer,
                 QObject *parent = nullptr);

    bool isEmpty() const { return m_patterns.isEmpty(); }
    /// Checks connection's received messages from now on.
    void watch(Connection *connection);
    /// Expectations that failed, over all connections.
    int failures() const { return m_failures; }

signals:
    /// Every watched connection met every pattern, or failed one.
    void settled();

private:
    struct Progress
    {
        int next = 0;              ///< the pattern waited for
        qint64 checked = 0;        ///< received messages looked at
        qint64 waitStartNs = 0;    ///< when the wait for `next` began
        qint64 passedOver = 0;     ///< messages that did not match it
        QByteArray lastPassedOver; ///< the newest of them, its first bytes
        bool done = false;         ///< met them all, or failed
        QTimer *timer = nullptr;   ///< the running timeout
    };

    void handleMessages(Connection *connection, Direction direction);
    void handleEnded(Connection *connection);
    void startWait(Connection *connection, Progress &progress);
    void fail(Connection *connection, Progress &progress, const char *reason);
    void finish(Progress &progress);

    const QList<MessageMatch> m_patterns; ///< regexes, as scenarios match them
    const int m_timeoutMs;
    EventPrinter &m_printer;
    QHash<const Connection *, Progress> m_progress;
    int m_failures = 0;
    int m_open = 0; ///< watched connections not done yet
};

} // namespace TcpInspector
