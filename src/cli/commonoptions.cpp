// SPDX-License-Identifier: GPL-3.0-or-later
#include "commonoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <climits>

namespace TcpInspector {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("CommonOptions", text);
}
} // namespace

bool intValue(const QCommandLineParser &parser, const QCommandLineOption &option, int minimum,
              int *value, QString *error)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const qint64 number = parser.value(option).toLongLong(&ok);
    if (!ok || number < minimum || number > INT_MAX) {
        *error = tr("--%1 needs a whole number from %2 to %3, not '%4'.")
                     .arg(option.names().constLast())
                     .arg(minimum)
                     .arg(INT_MAX)
                     .arg(parser.value(option));
        return false;
    }
    *value = int(number);
    return true;
}

SocketOptionFlags::SocketOptionFlags(bool forClient)
    : m_forClient(forClient),
      m_receiveBuffer(QStringLiteral("rcvbuf"),
                      tr("SO_RCVBUF in bytes: a small one makes the window fill (the kernel "
                         "doubles the value)."),
                      tr("BYTES")),
      m_sendBuffer(QStringLiteral("sndbuf"), tr("SO_SNDBUF in bytes."), tr("BYTES")),
      m_maxSegment(QStringLiteral("mss"),
                   tr("TCP_MAXSEG: the largest segment to send, set before the handshake."),
                   tr("BYTES")),
      m_writeStall(QStringLiteral("write-stall"),
                   tr("Report bytes that wait this long to be sent (a peer that does not read)."),
                   tr("MS")),
      m_synRetries(QStringLiteral("syn-retries"),
                   tr("TCP_SYNCNT: SYN retransmissions before the kernel gives up connecting."),
                   tr("N")),
      m_keepalive(QStringLiteral("keepalive"),
                  tr("Turn on keepalive probes: after IDLE s of silence, every INTERVAL s, COUNT "
                     "times (TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT; 0 keeps the system's)."),
                  tr("IDLE:INTERVAL:COUNT")),
      m_userTimeout(QStringLiteral("user-timeout"),
                    tr("TCP_USER_TIMEOUT: drop the connection when sent data stays "
                       "unacknowledged this long."),
                    tr("MS"))
{ }

QList<QCommandLineOption> SocketOptionFlags::options() const
{
    QList<QCommandLineOption> list {m_receiveBuffer, m_sendBuffer, m_maxSegment, m_writeStall};
    if (m_forClient)
        list += {m_synRetries, m_keepalive, m_userTimeout};
    return list;
}

bool SocketOptionFlags::read(const QCommandLineParser &parser, ConnectionOptions *connection,
                             QString *error) const
{
    return intValue(parser, m_receiveBuffer, 1, &connection->receiveBuffer, error)
           && intValue(parser, m_sendBuffer, 1, &connection->sendBuffer, error)
           && intValue(parser, m_maxSegment, 88, &connection->maxSegment, error)
           && intValue(parser, m_writeStall, 1, &connection->writeStallMs, error)
           && (!m_forClient || intValue(parser, m_synRetries, 1, &connection->synRetries, error));
}

bool SocketOptionFlags::readClient(const QCommandLineParser &parser, ClientOptions *client,
                                   QString *error) const
{
    if (!read(parser, &client->connection, error)
        || !intValue(parser, m_userTimeout, 1, &client->userTimeoutMs, error))
        return false;
    if (!parser.isSet(m_keepalive))
        return true;
    const QStringList parts = parser.value(m_keepalive).split(QLatin1Char(':'));
    QList<int> numbers;
    for (const QString &part : parts) {
        bool ok = false;
        const int n = part.toInt(&ok);
        if (!ok || n < 0)
            break;
        numbers.append(n);
    }
    if (parts.size() != 3 || numbers.size() != 3) {
        *error = tr("--keepalive needs IDLE:INTERVAL:COUNT, three whole numbers such as 30:5:3 "
                    "(0 keeps the system's value), not '%1'.")
                     .arg(parser.value(m_keepalive));
        return false;
    }
    client->keepalive.enabled = true;
    client->keepalive.idleSeconds = numbers.at(0);
    client->keepalive.intervalSeconds = numbers.at(1);
    client->keepalive.count = numbers.at(2);
    return true;
}

} // namespace TcpInspector
