// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/sessionerror.h"

#include "text/tr.h"

namespace TcpInspector {

QString SessionError::toString() const
{
    if (fileOffset >= 0 && !record.isEmpty())
        return Tr::tr("offset %1, %2: %3").arg(fileOffset).arg(record, message);
    if (fileOffset >= 0)
        return Tr::tr("offset %1: %2").arg(fileOffset).arg(message);
    if (!record.isEmpty())
        return Tr::tr("%1: %2").arg(record, message);
    return message;
}

QString SessionError::kindKey(Kind kind)
{
    switch (kind) {
    case Kind::NotASession:
        return QStringLiteral("not_a_session");
    case Kind::NewerVersion:
        return QStringLiteral("newer_version");
    case Kind::Truncated:
        return QStringLiteral("truncated");
    case Kind::Corrupt:
        return QStringLiteral("corrupt");
    case Kind::Unsupported:
        return QStringLiteral("unsupported");
    case Kind::Io:
        return QStringLiteral("io");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    case Kind::Warning:
        return QStringLiteral("warning");
    }
    return QString();
}

} // namespace TcpInspector
