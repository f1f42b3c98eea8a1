// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace TcpInspector {

/// QSettings keys that more than one class reads or writes, named in one
/// place so the writer and the readers cannot drift apart.
namespace SettingsKey {

/// The client panel's target, saved only when the user typed it; the window
/// drops it again when it is the embedded server's address of this run.
inline QString clientTarget()
{
    return QStringLiteral("client/target");
}

} // namespace SettingsKey
} // namespace TcpInspector
