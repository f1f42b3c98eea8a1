// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/clientendpoint.h"
#include "net/connectionoptions.h"

#include "eventselection.h"
#include "tlsflags.h"

#include <QCommandLineOption>
#include <QList>

#include <optional>

class QCommandLineParser;

namespace TcpInspector {

/// The parser's help, with "Usage: tcpinspector-cli COMMAND" rather than the
/// path the program was started from.
QString commandHelp(const QCommandLineParser &parser, const QString &command);

/// Prints "tcpinspector-cli COMMAND: message" and hint (which says where the
/// options are) on stderr; returns the exit code of a usage error, 2.
int usageError(const QString &command, const QString &message, const QString &hint);

/// Parses arguments; prints the help (exit code 0) or a usage error (2, with
/// hint) when the command ends there. Nothing: go on with the parser's values.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments,
                                    const QString &command, const QString &hint);

/// The value of option as a whole number in [minimum, INT_MAX]; an option
/// not given leaves *value alone. False with *error set otherwise.
bool intValue(const QCommandLineParser &parser, const QCommandLineOption &option, int minimum,
              int *value, QString *error);

/// --save FILE, which listen, connect and run take.
QCommandLineOption saveOption();

/// What listen and connect print and how long they run.
struct RunFlags
{
    int previewBytes = 64;
    int durationMs = 0;      ///< 0: until done
    EventSelection events;   ///< which event lines; the summary always comes
    QString savePath;        ///< --save: the session file written at the end, or empty
    bool tlsRecords = false; ///< --tls-records: wire_chunk and tls_record lines too
};

/// What to print: --preview N, --events LIST, -q. Every command that
/// prints JSON lines takes them; eventsExample names a few of its events
/// for the help.
class OutputFlags
{
public:
    explicit OutputFlags(const QString &eventsExample);
    QList<QCommandLineOption> options() const { return {m_preview, m_events, m_quiet}; }
    bool read(const QCommandLineParser &parser, RunFlags *run, QString *error) const;

private:
    QCommandLineOption m_preview;
    QCommandLineOption m_events;
    QCommandLineOption m_quiet;
};

/// The options listen and connect share: framing, engine, timeouts, output,
/// and the socket options (buffer sizes, MSS, NODELAY, write-stall detection);
/// with forClient also the ones only a connecting side has (SYN retries,
/// keepalive, TCP_USER_TIMEOUT).
class ConnectionFlags
{
public:
    /// withTls: the TLS options too (relay has its own, one set per leg).
    explicit ConnectionFlags(bool forClient, bool withTls = true);
    QList<QCommandLineOption> options() const;
    bool read(const QCommandLineParser &parser, ConnectionOptions *connection, RunFlags *run,
              QString *error) const;
    bool readClient(const QCommandLineParser &parser, ClientOptions *client, RunFlags *run,
                    QString *error) const;

private:
    bool m_forClient;
    bool m_withTls;
    QCommandLineOption m_framing;
    QCommandLineOption m_engine;
    QCommandLineOption m_qtNoFlush;
    QCommandLineOption m_idle;
    QCommandLineOption m_duration;
    OutputFlags m_output;
    QCommandLineOption m_kernel;
    QCommandLineOption m_noDelay;
    QCommandLineOption m_receiveBuffer;
    QCommandLineOption m_sendBuffer;
    QCommandLineOption m_maxSegment;
    QCommandLineOption m_writeStall;
    QCommandLineOption m_keep;
    QCommandLineOption m_save;
    QCommandLineOption m_synRetries;
    QCommandLineOption m_keepalive;
    QCommandLineOption m_userTimeout;
    TlsFlags m_tls;
};

} // namespace TcpInspector
