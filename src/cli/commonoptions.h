// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/clientendpoint.h"
#include "net/connectionoptions.h"

#include <QCommandLineOption>
#include <QList>

class QCommandLineParser;

namespace TcpInspector {

/// The value of option as a whole number in [minimum, INT_MAX]; an option
/// not given leaves *value alone. False with *error set otherwise.
bool intValue(const QCommandLineParser &parser, const QCommandLineOption &option, int minimum,
              int *value, QString *error);

/// The socket options that listen and connect both take: buffer sizes, MSS
/// and write-stall detection; with forClient, also the ones only a connecting
/// side has (SYN retries, keepalive, TCP_USER_TIMEOUT).
class SocketOptionFlags
{
public:
    explicit SocketOptionFlags(bool forClient);
    QList<QCommandLineOption> options() const;
    bool read(const QCommandLineParser &parser, ConnectionOptions *connection,
              QString *error) const;
    bool readClient(const QCommandLineParser &parser, ClientOptions *client, QString *error) const;

private:
    bool m_forClient;
    QCommandLineOption m_receiveBuffer;
    QCommandLineOption m_sendBuffer;
    QCommandLineOption m_maxSegment;
    QCommandLineOption m_writeStall;
    QCommandLineOption m_synRetries;
    QCommandLineOption m_keepalive;
    QCommandLineOption m_userTimeout;
};

} // namespace TcpInspector
