// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace TcpInspector {

/// Where a step of the Scenarios pane is: not run yet, next (step mode
/// waits before it), running, or what became of it.
enum class StepState { Pending, Next, Running, Passed, Failed, Skipped };

/// How a step's state looks: a word, an icon with a mark that reads without
/// colour, and a row tint strong enough for a projector.
class StepStatusStyle
{
public:
    static QString name(StepState state);
    static QIcon icon(StepState state);
    /// The row's background; invalid for none.
    static QColor background(StepState state);
    /// The status text's colour: dark on the light tints.
    static QColor foreground(StepState state);
};

} // namespace TcpInspector
