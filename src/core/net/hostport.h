// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace TcpInspector {

/// A TCP endpoint as a person types it: "host:port", ":port" or "[v6]:port".
///
/// Go's net.Listen("tcp", "8080") fails with "missing port in address"
/// (pitfall S1). Here every such mistake gets a message that shows the fix.
struct HostPort
{
    enum class Use {
        /// Port 0 lets the system choose. No host (":8080") leaves host empty:
        /// every interface, as Go's net.Listen("tcp", ":8080"); as a client's
        /// local bind, any local address.
        Listen,
        Connect, ///< a port is required; no host means 127.0.0.1, as Go's net.Dial
    };

    /// A name, an IPv4 address or an IPv6 address without brackets; empty
    /// for ":port" to listen on (every interface).
    QString host;
    quint16 port = 0;
    bool hostGiven = false; ///< false for ":port"

    /// "127.0.0.1:8080", "[::1]:8080", ":8080" (no host)
    QString toString() const;
    bool isIpv6Literal() const { return host.contains(QLatin1Char(':')); }
    /// Only this machine can reach it: a loopback address or "localhost".
    /// False for every interface (no host, 0.0.0.0, ::) and other addresses.
    bool isLoopback() const;

    /// Parses text; on failure returns nothing and sets *error to a sentence that
    /// says what is wrong and shows a corrected address.
    static std::optional<HostPort> parse(const QString &text, Use use, QString *error);
};

} // namespace TcpInspector
