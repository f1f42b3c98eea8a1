// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

namespace TcpInspector {

/// The translation context of core and app code that is not a QObject
/// (decoders, error explanations, value texts): Tr::tr("..."). lupdate files
/// every such string under "TcpInspector". QObjects use their own tr().
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(TcpInspector)
};

} // namespace TcpInspector
