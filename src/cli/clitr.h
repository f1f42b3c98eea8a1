// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

namespace TcpInspector {

/// The translation context of the CLI's code that is not a QObject (usage,
/// option errors): CliTr::tr("..."), filed by lupdate under "TcpInspectorCli".
struct CliTr
{
    Q_DECLARE_TR_FUNCTIONS(TcpInspectorCli)
};

} // namespace TcpInspector
