// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandrun.h"

#include "net/connection.h"
#include "recording/sessionwriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace TcpInspector {

CommandRun::CommandRun(const RunFlags &flags, int kernelSampleMs)
    : m_flags(flags), m_kernelSampleMs(kernelSampleMs), m_printer(flags.previewBytes)
{
    m_printer.setEvents(flags.events);
    m_startWallNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    if (!flags.savePath.isEmpty()) {
        m_printer.setLineRecorder([this](qint64 timeNs, quint64 conn, const QByteArray &json) {
            m_lines.push_back(StoredLine {timeNs, conn, json});
        });
    }
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
    m_printer.flush();
    SessionMeta meta;
    meta.startMonotonicNs = m_printer.startNs();
    meta.startWallNs = m_startWallNs;
    meta.meta = QJsonObject {
        {QStringLiteral("writer"), QStringLiteral("tcpinspector-cli")},
        {QStringLiteral("version"), QCoreApplication::applicationVersion()},
        {QStringLiteral("arguments"), QJsonArray::fromStringList(QCoreApplication::arguments())},
        {QStringLiteral("preview_bytes"), m_flags.previewBytes}};
    SessionWriter writer;
    SessionError error;
    bool saved = writer.open(m_flags.savePath, meta, &error);
    if (saved && m_listenerTimeline)
        saved = writer.addTimeline(0, *m_listenerTimeline, &error);
    const QList<Connection *> connections = m_connections();
    for (int i = 0; saved && i < connections.size(); ++i)
        saved = writer.addConnection(*connections.at(i), QJsonObject(), &error);
    for (size_t i = 0; saved && i < m_lines.size(); ++i)
        saved = writer.addLine(m_lines[i].timeNs, m_lines[i].conn, m_lines[i].json, &error);
    if (saved)
        saved = writer.commit(&error);
    if (!saved)
        std::fprintf(stderr, "tcpinspector-cli: --save %s: %s\n", qPrintable(m_flags.savePath),
                     qPrintable(error.toString()));
    return saved;
}

} // namespace TcpInspector
