// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionopen.h"

#include <cstdio>

namespace TcpInspector {

void reportProblems(const QString &command, const QList<SessionError> &problems, bool *damaged,
                    bool *newer)
{
    *damaged = false;
    *newer = false;
    for (const SessionError &problem : problems) {
        std::fprintf(stderr, "tcpinspector-cli %s: %s\n", qPrintable(command),
                     qPrintable(problem.toString()));
        *newer = *newer || problem.kind == SessionError::Kind::NewerVersion;
        // A warning (a newer decoder counts messages differently) is not damage.
        *damaged = *damaged || problem.kind != SessionError::Kind::Warning;
    }
}

std::optional<int> openSession(const QString &command, const QString &path,
                               const LoadOptions &options, LoadedSession *session, bool *damaged)
{
    const bool loaded = loadSession(path, session, options);
    bool newer = false;
    reportProblems(command, session->problems, damaged, &newer);
    if (!loaded)
        return newer ? 2 : 1;
    return std::nullopt;
}

} // namespace TcpInspector
