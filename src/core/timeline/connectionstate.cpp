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

QString timeoutKindKey(TimeoutKind kind)
{
    switch (kind) {
    case TimeoutKind::Connect:
        return QStringLiteral("connect");
    case TimeoutKind::Idle:
        return QStringLiteral("idle");
    case TimeoutKind::WriteStall:
        return QStringLiteral("write_stall");
    case TimeoutKind::Close:
        return QStringLiteral("close");
    }
    return QStringLiteral("unknown");
}

std::optional<TimeoutKind> timeoutKindFromKey(const QString &key)
{
    for (int i = 0; i < timeoutKindCount; ++i) {
        if (key == timeoutKindKey(TimeoutKind(i)))
            return TimeoutKind(i);
    }
    return std::nullopt;
}

QString kernelStateKey(KernelState state)
{
    switch (state) {
    case KernelState::Unknown:
        return QStringLiteral("UNKNOWN");
    case KernelState::Established:
        return QStringLiteral("ESTABLISHED");
    case KernelState::SynSent:
        return QStringLiteral("SYN_SENT");
    case KernelState::SynRecv:
        return QStringLiteral("SYN_RECV");
    case KernelState::FinWait1:
        return QStringLiteral("FIN_WAIT1");
    case KernelState::FinWait2:
        return QStringLiteral("FIN_WAIT2");
    case KernelState::TimeWait:
        return QStringLiteral("TIME_WAIT");
    case KernelState::Close:
        return QStringLiteral("CLOSE");
    case KernelState::CloseWait:
        return QStringLiteral("CLOSE_WAIT");
    case KernelState::LastAck:
        return QStringLiteral("LAST_ACK");
    case KernelState::Listen:
        return QStringLiteral("LISTEN");
    case KernelState::Closing:
        return QStringLiteral("CLOSING");
    case KernelState::Closed:
        return QStringLiteral("CLOSED");
    }
    return QStringLiteral("UNKNOWN");
}

std::optional<KernelState> kernelStateFromKey(const QString &key)
{
    for (int i = 0; i < kernelStateCount; ++i) {
        if (key == kernelStateKey(KernelState(i)))
            return KernelState(i);
    }
    return std::nullopt;
}

} // namespace TcpInspector
