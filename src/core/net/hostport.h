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
        Listen,  ///< port 0 lets the system choose; no host means 127.0.0.1
        Connect, ///< a port is required; no host means 127.0.0.1
    };

    QString host; ///< a name, an IPv4 address or an IPv6 address without brackets
    quint16 port = 0;
    bool hostGiven = false; ///< false for ":port"

    /// "127.0.0.1:8080", "[::1]:8080"
    QString toString() const;
    bool isIpv6Literal() const { return host.contains(QLatin1Char(':')); }

    /// Parses text; on failure returns nothing and sets *error to a sentence that
    /// says what is wrong and shows a corrected address.
    static std::optional<HostPort> parse(const QString &text, Use use, QString *error);
};

} // namespace TcpInspector
