// SPDX-License-Identifier: GPL-3.0-or-later
#include "expectations.h"

#include "eventprinter.h"

#include "net/connection.h"
#include "timeline/timeline.h"

#include <QTimer>

#include <utility>

namespace TcpInspector {

namespace {
// A message is matched as text; a pattern about a reply line has no use
// for more of a 1 GB body than this.
constexpr qint64 MatchedBytes = qint64(1) << 20;
} // namespace

Expectations::Expectations(QList<MessageMatch> patterns, int timeoutMs, EventPrinter &printer,
                           QObject *parent)
    : QObject(parent), m_patterns(std::move(patterns)), m_timeoutMs(timeoutMs), m_printer(printer)
{ }

void Expectations::watch(Connection *connection)
{
    Progress &progress = m_progress[connection];
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    // A coarse timer may fire 5 % early; "waited 288 ms of 300" reads as a bug.
    timer->setTimerType(Qt::PreciseTimer);
    progress.timer = timer;
    ++m_open;
    connect(timer, &QTimer::timeout, this, [this, connection] {
        Progress &p = m_progress[connection];
        // What arrived up to the deadline still counts.
        handleMessages(connection, Direction::Rx);
        if (!p.done)
            fail(connection, p, "timeout");
    });
    connect(connection, &Connection::stateChanged, this,
            [this, connection](ConnectionState state, StateCause) {
                Progress &p = m_progress[connection];
                if (state == ConnectionState::Established && p.waitStartNs == 0)
                    startWait(connection, p);
                else if (state == ConnectionState::RemoteHalfClosed || isFinalState(state))
                    // Queued: a message the peer's EOF ended is decoded after this.
                    QTimer::singleShot(0, this, [this, connection] { handleEnded(connection); });
            });
    connect(connection, &Connection::messagesDecoded, this,
            [this, connection](Direction direction, qint64, qint64) {
                handleMessages(connection, direction);
            });
}

void Expectations::startWait(Connection *, Progress &progress)
{
    progress.waitStartNs = monotonicNs();
    progress.passedOver = 0;
    progress.lastPassedOver.clear();
    progress.timer->start(m_timeoutMs);
}

void Expectations::handleMessages(Connection *connection, Direction direction)
{
    Progress &progress = m_progress[connection];
    if (direction != Direction::Rx || progress.done || progress.waitStartNs == 0)
        return;
    const StreamChannel &rx = connection->rx();
    const qint64 count = rx.frameCount();
    // Ring mode may have let the oldest go; they were looked at or are lost to all.
    for (qint64 i = std::max(progress.checked, rx.firstFrame()); i < count && !progress.done; ++i) {
        progress.checked = i + 1;
        const Frame frame = rx.frame(i);
        const QByteArray payload
            = rx.store().read(frame.payloadOffset, std::min(frame.payloadLength, MatchedBytes));
        const MessageMatch &pattern = m_patterns.at(progress.next);
        if (!pattern.matches(payload)) {
            ++progress.passedOver;
            progress.lastPassedOver = payload.left(4096);
            continue;
        }
        ++progress.next;
        m_printer.printExpectMatched(connection, progress.next,
                                     QString::fromUtf8(pattern.pattern()), i, payload,
                                     monotonicNs() - progress.waitStartNs);
        if (progress.next == m_patterns.size())
            finish(progress);
        else
            startWait(connection, progress);
    }
    progress.checked = std::max(progress.checked, count);
}

void Expectations::handleEnded(Connection *connection)
{
    Progress &progress = m_progress[connection];
    if (progress.done)
        return;
    handleMessages(connection, Direction::Rx);
    if (progress.done)
        return;
    // Never established (refused, timed out): a network error, exit 3, not
    // an expectation that failed.
    if (progress.waitStartNs == 0) {
        if (isFinalState(connection->state()))
            finish(progress);
        return;
    }
    fail(connection, progress, "closed");
}

void Expectations::fail(Connection *connection, Progress &progress, const char *reason)
{
    ++m_failures;
    m_printer.printExpectFailed(
        connection, progress.next + 1, QString::fromUtf8(m_patterns.at(progress.next).pattern()),
        reason, monotonicNs() - progress.waitStartNs, progress.passedOver, progress.lastPassedOver);
    finish(progress);
}

void Expectations::finish(Progress &progress)
{
    progress.done = true;
    progress.timer->stop();
    if (--m_open == 0)
        emit settled();
}

} // namespace TcpInspector
