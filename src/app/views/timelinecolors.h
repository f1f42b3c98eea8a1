// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanes/timelinelane.h"
#include "views/viewtheme.h"

#include <QColor>

#include <array>

namespace TcpInspector {

/// What the timeline paints with, from a ViewTheme: readable in light and
/// dark themes, with hues that stay apart on a projector. Each state, mark
/// and kernel state has its colour by name, not by its place in an enum.
struct TimelineColors
{
    /// The application states in the order the legend shows them: a
    /// connection's life, then the ways it ends.
    static constexpr std::array<ConnectionState, 9> legendStates = {
        ConnectionState::Resolving,        ConnectionState::Connecting,
        ConnectionState::Established,      ConnectionState::LocalHalfClosed,
        ConnectionState::RemoteHalfClosed, ConnectionState::Closing,
        ConnectionState::Closed,           ConnectionState::Reset,
        ConnectionState::Failed,
    };

    TimelineColors() = default;
    explicit TimelineColors(const ViewTheme &theme);

    [[nodiscard]] QColor state(ConnectionState value) const;
    /// A kernel TCP state ("FIN_WAIT2"), muted, in the hue of the
    /// application state it goes with.
    [[nodiscard]] QColor kernel(KernelState kernelState) const;
    [[nodiscard]] QColor mark(MarkKind kind) const;

    ViewTheme theme;
    QColor background;
    QColor text;
    QColor dimText;
    QColor grid;
    QColor laneShade; ///< every other lane
    QColor axisBackground;
    QColor rx;         ///< reads, above the bar
    QColor tx;         ///< writes, below the bar
    QColor cursor;     ///< showTime()'s line
    QColor rubberBand; ///< Shift+drag
};

} // namespace TcpInspector
