// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commonoptions.h"
#include "tlsflags.h"

#include "net/relay.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QStringList>

#include <optional>

namespace TcpInspector {

class CommandRun;

/// `tcpinspector-cli relay LISTEN TARGET`: listens on LISTEN and, for every
/// connection it accepts, connects to TARGET and passes the bytes both ways,
/// carrying half-closes and resets through. Prints both legs' chunks,
/// messages and timelines as JSON lines, each with its "leg" and "pair",
/// then a summary.
class RelayCommand
{
public:
    RelayCommand();
    /// Returns the exit code (0 done, 2 usage, 3 listening failed).
    int run(const QStringList &arguments);

private:
    int usageError(const QString &message) const;
    std::optional<int> readOptions(const QStringList &arguments);
    void handlePairFinished(CommandRun &run);

    QCommandLineParser m_parser;
    const QCommandLineOption m_connectTimeout;
    const QCommandLineOption m_onUpstreamFailure;
    const QCommandLineOption m_exitAfter;
    /// --latency, --bandwidth, --slice, --coalesce, --limit-data,
    /// --reset-after, --connect-delay (RelayFaults::parse() reads them).
    QList<QCommandLineOption> m_faults;
    const ConnectionFlags m_connectionFlags;
    /// --tls, --cert, --key... to the clients; --upstream-tls... to the target.
    const TlsFlags m_listenTls;
    const TlsFlags m_upstreamTls;
    RelayOptions m_options;
    RunFlags m_runFlags;
    int m_exitAfterCount = 0; ///< --exit-after pairs; 0: never
    int m_endedPairs = 0;
};

} // namespace TcpInspector
