// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commonoptions.h"

#include "net/clientendpoint.h"
#include "scenario/messagematch.h"

#include <QByteArray>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QStringList>

#include <optional>

namespace TcpInspector {

class CommandRun;
class Connection;

/// `tcpinspector-cli connect`: opens one or N client connections, sends what
/// it was given (in fragments if asked), half-closes if asked, and prints
/// everything that happens as JSON lines until the peer closes, the idle
/// timeout fires or a duration has passed, then a summary.
class ConnectCommand
{
public:
    ConnectCommand();

    /// Runs with arguments ("tcpinspector-cli connect" first). Returns the exit
    /// code (0 done, 1 an --expect failed, 2 usage, 3 a connection failed:
    /// refused, timeout, error).
    int run(const QStringList &arguments);

private:
    int usageError(const QString &message) const;
    /// Reads the options; the exit code when the command ends there.
    std::optional<int> readOptions(const QStringList &arguments);
    /// The bytes of --send, --send-hex and --send-file, in the order given.
    bool readPayload(QString *error);
    /// The patterns of --expect, each checked.
    bool readExpectations(QString *error);
    /// Watches a new connection and sends once it is established.
    void drive(CommandRun &run, Connection *connection);
    void handleEstablished(Connection *connection);

    QCommandLineParser m_parser;
    const QCommandLineOption m_send;
    const QCommandLineOption m_sendHex;
    const QCommandLineOption m_sendFile;
    const QCommandLineOption m_fragment;
    const QCommandLineOption m_readSlice;
    const QCommandLineOption m_halfClose;
    const QCommandLineOption m_closeAfterReply;
    const QCommandLineOption m_connectTimeout;
    const QCommandLineOption m_count;
    const QCommandLineOption m_local;
    const QCommandLineOption m_expect;
    const QCommandLineOption m_expectTimeout;
    const ConnectionFlags m_connectionFlags;

    ClientOptions m_options;
    RunFlags m_runFlags;
    int m_connections = 1;
    int m_fragmentSize = 0;
    int m_fragmentDelayMs = 0;
    QByteArray m_payload;
    QList<MessageMatch> m_patterns;
    int m_expectTimeoutMs = 5000;
};

} // namespace TcpInspector
