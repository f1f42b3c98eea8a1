// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandrun.h"

#include "net/connection.h"

#include <QCoreApplication>

#include <cstdio>

namespace TcpInspector {

CommandRun::CommandRun(const RunFlags &flags, int kernelSampleMs)
    : m_flags(flags),
      m_kernelSampleMs(kernelSampleMs),
      m_printer(flags.previewBytes),
      m_save(flags.savePath, flags.previewBytes, m_printer)
{
    m_printer.setEvents(flags.events);
    m_printer.setTlsRecords(flags.tlsRecords);
    connect(&m_signalWatcher, &SignalWatcher::signalReceived, this, &CommandRun::handleSignal);
    m_poll.setInterval(10);
    connect(&m_poll, &QTimer::timeout, this, &CommandRun::handlePoll);
}

void CommandRun::stop(const QString &why)
{
    if (m_stopping)
        return;
    m_stopping = true;
    if (!why.isEmpty())
        m_printer.printNote(why);
    if (m_stopAccepting)
        m_stopAccepting();
    for (Connection *connection : m_connections()) {
        if (!isFinalState(connection->state()))
            connection->close();
    }
    m_stopClock.start();
    m_poll.start();
}

int CommandRun::exec()
{
    if (m_flags.durationMs > 0)
        QTimer::singleShot(m_flags.durationMs, this, &CommandRun::handleDuration);
    return m_loop.exec();
}

void CommandRun::handleSignal(int signalNumber)
{
    stop(tr("Received %1; stopping.").arg(SignalWatcher::signalName(signalNumber)));
}

void CommandRun::handleDuration()
{
    stop(tr("%1 ms have passed (--duration); stopping.").arg(m_flags.durationMs));
}

void CommandRun::handlePoll()
{
    if (m_openConnections() > 0 && m_stopClock.elapsed() < closeGraceMs)
        return;
    m_poll.stop();
    QTimer::singleShot(m_kernelSampleMs > 0 ? afterCloseLookupMs : 0, this, &CommandRun::finish);
}

void CommandRun::finish()
{
    m_printer.printSummary();
    if (!m_flags.savePath.isEmpty() && !save()) {
        m_loop.exit(1);
        return;
    }
    if (m_expectationFailures && m_expectationFailures() > 0)
        m_loop.exit(1);
    else
        m_loop.exit(m_failureExitCode && m_printer.failedConnections() > 0 ? 3 : 0);
}

bool CommandRun::save()
{
    m_save.add(m_connections(), m_listenerTimeline);
    return m_save.commit();
}

} // namespace TcpInspector
