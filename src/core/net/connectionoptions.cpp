// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/connectionoptions.h"

namespace TcpInspector {

QString engineKey(EngineKind engine)
{
    return engine == EngineKind::Native ? QStringLiteral("native") : QStringLiteral("qt");
}

std::optional<EngineKind> engineFromKey(const QString &key)
{
    if (key == QLatin1String("qt"))
        return EngineKind::Qt;
    if (key == QLatin1String("native"))
        return EngineKind::Native;
    return std::nullopt;
}

} // namespace TcpInspector
