// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/connectionstate.h"

namespace TcpInspector {

QString connectionStateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Resolving:
        return QStringLiteral("Resolving");
    case ConnectionState::Connecting:
        return QStringLiteral("Connecting");
    case ConnectionState::Established:
        return QStringLiteral("Established");
    case ConnectionState::LocalHalfClosed:
        return QStringLiteral("LocalHalfClosed");
    case ConnectionState::RemoteHalfClosed:
        return QStringLiteral("RemoteHalfClosed");
    case ConnectionState::Closing:
        return QStringLiteral("Closing");
    case ConnectionState::Closed:
        return QStringLiteral("Closed");
    case ConnectionState::Reset:
        return QStringLiteral("Reset");
    case ConnectionState::Failed:
        return QStringLiteral("Failed");
    }
    return QStringLiteral("Unknown");
}

QString connectionStateKey(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Resolving:
        return QStringLiteral("resolving");
    case ConnectionState::Connecting:
        return QStringLiteral("connecting");
    case ConnectionState::Established:
        return QStringLiteral("established");
    case ConnectionState::LocalHalfClosed:
        return QStringLiteral("local_half_closed");
    case ConnectionState::RemoteHalfClosed:
        return QStringLiteral("remote_half_closed");
    case ConnectionState::Closing:
        return QStringLiteral("closing");
    case ConnectionState::Closed:
        return QStringLiteral("closed");
    case ConnectionState::Reset:
        return QStringLiteral("reset");
    case ConnectionState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

QString stateCauseKey(StateCause cause)
{
    switch (cause) {
    case StateCause::User:
        return QStringLiteral("user");
    case StateCause::Peer:
        return QStringLiteral("peer");
    case StateCause::Timeout:
        return QStringLiteral("timeout");
    case StateCause::Error:
        return QStringLiteral("error");
    case StateCause::Engine:
        return QStringLiteral("engine");
    }
    return QStringLiteral("unknown");
}

bool isFinalState(ConnectionState state)
{
    return state == ConnectionState::Closed || state == ConnectionState::Reset
           || state == ConnectionState::Failed;
}

} // namespace TcpInspector
