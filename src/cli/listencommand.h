// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commonoptions.h"

#include "net/serverendpoint.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

#include <optional>

namespace TcpInspector {

class CommandRun;
class Connection;

/// `tcpinspector-cli listen`: a server that prints every accepted connection's
/// chunks, messages, half-closes, errors and timeouts as JSON lines until N
/// connections have ended, a duration has passed, or SIGINT/SIGTERM, then a
/// summary.
class ListenCommand
{
public:
    ListenCommand();

    /// Runs with arguments ("tcpinspector-cli listen" first). Returns the exit
    /// code (0 done, 2 usage, 3 listening failed).
    int run(const QStringList &arguments);

private:
    int usageError(const QString &message) const;
    /// Reads the options; the exit code when the command ends there.
    std::optional<int> readOptions(const QStringList &arguments);
    /// --rules FILE: the exit code when the file is bad.
    std::optional<int> readRules();
    /// Frees a connection a while after it ended; stops after --exit-after of them.
    void handleConnectionFinished(CommandRun &run, Connection *connection);

    QCommandLineParser m_parser;
    const QCommandLineOption m_reply;
    const QCommandLineOption m_replyDelay;
    const QCommandLineOption m_closeAfterReply;
    const QCommandLineOption m_rules;
    const QCommandLineOption m_backlog;
    const QCommandLineOption m_maxConnections;
    const QCommandLineOption m_noReuse;
    const QCommandLineOption m_accept;
    const QCommandLineOption m_stayOpen;
    const QCommandLineOption m_exitAfter;
    const ConnectionFlags m_connectionFlags;

    ServerOptions m_options;
    RunFlags m_runFlags;
    int m_exitAfterCount = 0; ///< --exit-after; 0: never
    int m_endedConnections = 0;
};

} // namespace TcpInspector
