// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/hostport.h"
#include "text/tr.h"

#include <QHostAddress>

namespace TcpInspector {

namespace {

const QString defaultHost = QStringLiteral("127.0.0.1");

// Host names as resolvers accept them: letters, digits, '-', '.', '_'.
bool isPlausibleHostName(const QString &host)
{
    if (host.isEmpty() || host.size() > 253)
        return false;
    for (QChar c : host) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('.')
              || c == QLatin1Char('_')))
            return false;
    }
    return !host.startsWith(QLatin1Char('.')) && !host.contains(QLatin1String(".."));
}

bool parsePort(const QString &text, HostPort::Use use, const QString &whole, quint16 *port,
               QString *error)
{
    bool ok = false;
    const uint value = text.toUInt(&ok, 10);
    if (text.isEmpty()) {
        *error = Tr::tr("'%1' ends with a colon but has no port after it. Write a port such as "
                        "%2:8080.")
                     .arg(whole, whole.left(whole.size() - 1));
        return false;
    }
    if (!ok || text.startsWith(QLatin1Char('+'))) {
        *error = Tr::tr("'%1' is not a port number in '%2'. A port is a number from 1 to 65535.")
                     .arg(text, whole);
        return false;
    }
    if (value > 65535) {
        *error
            = Tr::tr("Port %1 in '%2' is out of range: ports go from 1 to 65535.").arg(text, whole);
        return false;
    }
    if (value == 0 && use == HostPort::Use::Connect) {
        *error = Tr::tr("Port 0 in '%1' cannot be connected to; 0 only tells a listener to let the "
                        "system choose. Give the port the server listens on.")
                     .arg(whole);
        return false;
    }
    *port = quint16(value);
    return true;
}

// S1: "8080" or "localhost" alone, with the address that was meant.
QString missingPortError(const QString &text, HostPort::Use use)
{
    bool isNumber = false;
    text.toUInt(&isNumber);
    if (!isNumber)
        return Tr::tr("missing port in address '%1'. Write %1:PORT, for example %1:8080.")
            .arg(text);
    if (use == HostPort::Use::Listen)
        return Tr::tr("missing port in address '%1': a bare number is not an address. Write "
                      "127.0.0.1:%1 (this machine only) or :%1 (every interface).")
            .arg(text);
    return Tr::tr("missing port in address '%1': a bare number is not an address. Write "
                  "127.0.0.1:%1 (this machine only) or :%1.")
        .arg(text);
}

} // namespace

QString HostPort::toString() const
{
    if (host.contains(QLatin1Char(':')))
        return QStringLiteral("[%1]:%2").arg(host).arg(port);
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

bool HostPort::isLoopback() const
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

std::optional<HostPort> HostPort::parse(const QString &input, Use use, QString *error)
{
    const QString text = input.trimmed();
    if (text.isEmpty()) {
        *error = use == Use::Listen
                     ? Tr::tr("The address is empty. Write host:port, for example 127.0.0.1:8080 "
                              "(this machine only), or :8080 for every interface.")
                     : Tr::tr("The address is empty. Write host:port, for example "
                              "127.0.0.1:8080, or :8080 for 127.0.0.1.");
        return std::nullopt;
    }
    HostPort result;
    QString portText;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0) {
            *error = Tr::tr("'%1' opens a bracket for an IPv6 address but never closes it. Write "
                            "[::1]:8080.")
                         .arg(text);
            return std::nullopt;
        }
        result.host = text.mid(1, close - 1);
        const QString rest = text.mid(close + 1);
        if (rest.isEmpty()) {
            *error
                = Tr::tr("missing port in address '%1'. Add the port after the bracket: %1:8080.")
                      .arg(text);
            return std::nullopt;
        }
        if (!rest.startsWith(QLatin1Char(':'))) {
            *error = Tr::tr("'%1' has '%2' after the IPv6 address; only :port may follow it, as in "
                            "[%3]:8080.")
                         .arg(text, rest, result.host);
            return std::nullopt;
        }
        portText = rest.mid(1);
        QHostAddress address;
        if (!address.setAddress(result.host)
            || address.protocol() != QAbstractSocket::IPv6Protocol) {
            *error = Tr::tr("'%1' in brackets is not an IPv6 address. Brackets are for IPv6 only; "
                            "write an IPv4 address or a name without them.")
                         .arg(result.host);
            return std::nullopt;
        }
    } else {
        const qsizetype colons = text.count(QLatin1Char(':'));
        if (colons == 0) {
            *error = missingPortError(text, use);
            return std::nullopt;
        }
        if (colons > 1) {
            *error = Tr::tr("'%1' looks like an IPv6 address without brackets. Put the address in "
                            "brackets before the port, as in [::1]:8080.")
                         .arg(text);
            return std::nullopt;
        }
        const qsizetype colon = text.indexOf(QLatin1Char(':'));
        result.host = text.left(colon).trimmed();
        portText = text.mid(colon + 1).trimmed();
        if (!result.host.isEmpty() && !isPlausibleHostName(result.host)) {
            *error = Tr::tr("'%1' is not a host name or an IP address. Host names hold letters, "
                            "digits, '-' and '.'.")
                         .arg(result.host);
            return std::nullopt;
        }
    }
    if (!parsePort(portText, use, text, &result.port, error))
        return std::nullopt;
    result.hostGiven = !result.host.isEmpty();
    // Go's meaning: net.Listen(":8080") every interface, net.Dial(":8080") this machine.
    if (!result.hostGiven && use == Use::Connect)
        result.host = defaultHost;
    return result;
}

} // namespace TcpInspector
