// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractSocket>
#include <QString>

namespace TcpInspector {

/// A socket error as a person should read it: a stable code for scripts, the
/// errno where there is one, and a sentence about what happened in TCP terms
/// and its likely cause.
struct SocketErrorInfo
{
    QString code;        ///< "refused", "timeout", "reset", "broken_pipe", ...
    int sysErrno = 0;    ///< 0 when unknown (Qt does not always say)
    QString message;     ///< the system's or Qt's own words
    QString explanation; ///< ours: what it means and what to check
};

/// What the operation was, because the same errno means different things.
enum class SocketOperation { Listen, Accept, Connect, Read, Write, Close, Option };

/// From an errno, as the native engine and our own syscalls see it.
SocketErrorInfo explainErrno(int sysErrno, SocketOperation operation);

/// From Qt's error enum, as the qt engine sees it. Qt hides the errno and
/// reports a FIN and an RST alike; the explanation says so.
SocketErrorInfo explainQtError(QAbstractSocket::SocketError error, const QString &errorString,
                               SocketOperation operation);

} // namespace TcpInspector
