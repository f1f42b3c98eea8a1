// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recording/sessionloader.h"

#include <optional>

namespace TcpInspector {

/// Loads the session file at path for `show` or `export`, naming each of
/// its problems on stderr ("tcpinspector-cli show: offset 1500, EVNT #2
/// ..."). The exit code when the command ends here: 2 for a file from a
/// newer version, 1 when nothing could be opened. Otherwise *damaged says
/// whether something was wrong beyond a warning (what was readable loaded).
std::optional<int> openSession(const QString &command, const QString &path,
                               const LoadOptions &options, LoadedSession *session, bool *damaged);

/// Names each problem on stderr as openSession() does. *damaged: one is
/// more than a warning; *newer: one says the file is from a newer version.
void reportProblems(const QString &command, const QList<SessionError> &problems, bool *damaged,
                    bool *newer);

} // namespace TcpInspector
