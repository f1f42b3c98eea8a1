// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/timelinecolors.h"

#include "views/colormix.h"

namespace TcpInspector {

namespace {

// Kernel states take the hue of the application state they go with.
ConnectionState kernelHue(KernelState state)
{
    switch (state) {
    case KernelState::SynSent:
    case KernelState::SynRecv:
        return ConnectionState::Connecting;
    case KernelState::Established:
        return ConnectionState::Established;
    case KernelState::FinWait1:
    case KernelState::FinWait2:
        return ConnectionState::LocalHalfClosed;
    case KernelState::CloseWait:
        return ConnectionState::RemoteHalfClosed;
    case KernelState::LastAck:
    case KernelState::Closing:
        return ConnectionState::Closing;
    default:
        return ConnectionState::Closed;
    }
}

} // namespace

TimelineColors::TimelineColors(const ViewTheme &viewTheme)
    : theme(viewTheme),
      background(theme.background()),
      text(theme.text()),
      dimText(theme.dimText()),
      grid(theme.shade(0.09, 0.14)),
      laneShade(theme.shade(0.03, 0.05)),
      axisBackground(theme.shade(0.06, 0.09)),
      rx(theme.pick(0x0b8570, 0x4dd0b8)),
      tx(theme.pick(0xc05610, 0xffa05a)),
      cursor(theme.highlight()),
      rubberBand(theme.highlight())
{
    rubberBand.setAlpha(60);
}

QColor TimelineColors::state(ConnectionState value) const
{
    // Hues that stay apart on a projector: green for open, blue for our
    // FIN, violet for the peer's, orange for closing, red for resets.
    switch (value) {
    case ConnectionState::Resolving:
        return theme.pick(0xa0a4a8, 0x8d9297);
    case ConnectionState::Connecting:
        return theme.pick(0xe8a317, 0xe0a93a);
    case ConnectionState::Established:
        return theme.pick(0x3a9d4a, 0x4fb85e);
    case ConnectionState::LocalHalfClosed:
        return theme.pick(0x2f74c8, 0x4a90e2);
    case ConnectionState::RemoteHalfClosed:
        return theme.pick(0x8a4fd0, 0xa374ea);
    case ConnectionState::Closing:
        return theme.pick(0xe0702a, 0xf08a48);
    case ConnectionState::Closed:
        return theme.pick(0x6f7c88, 0x8794a0);
    case ConnectionState::Reset:
        return theme.pick(0xd32f2f, 0xef5350);
    case ConnectionState::Failed:
        return theme.pick(0x8e1b45, 0xc2456f);
    }
    return text;
}

QColor TimelineColors::kernel(KernelState kernelState) const
{
    return theme.tint(state(kernelHue(kernelState)), 0.38, 0.5);
}

QColor TimelineColors::mark(MarkKind kind) const
{
    switch (kind) {
    case MarkKind::FinSent:
    case MarkKind::EofReceived:
    case MarkKind::TlsCloseNotify:
        return theme.pick(0x1a56a8, 0x6fb0ff);
    case MarkKind::TlsHandshakeStart:
    case MarkKind::TlsHandshake:
        return theme.pick(0x2e7d32, 0x81c784);
    case MarkKind::QtClosedAfterEof:
        return theme.pick(0x6a1fb0, 0xc597ff);
    case MarkKind::ResetSent:
    case MarkKind::ResetReceived:
    case MarkKind::BrokenPipe:
    case MarkKind::Error:
    case MarkKind::Discarded:
    case MarkKind::TlsError:
    case MarkKind::TlsAlert:
        return theme.pick(0xc01818, ViewTheme::errorOnDark);
    case MarkKind::ConnectTimeout:
    case MarkKind::IdleTimeout:
    case MarkKind::WriteStall:
    case MarkKind::CloseTimeout:
        return theme.pick(0xb85200, 0xffb74d);
    case MarkKind::Retransmission:
        return theme.pick(0xa0306a, 0xf06ab0);
    case MarkKind::KeepaliveProbe:
    case MarkKind::WindowProbe:
        return theme.pick(0x00707a, 0x4dd0e1);
    case MarkKind::ConnectStart:
    case MarkKind::Accepted:
    case MarkKind::Connected:
    case MarkKind::Closed:
        return mixed(text, background, 0.2);
    case MarkKind::Note:
        return dimText;
    }
    return text;
}

} // namespace TcpInspector
