// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace TcpInspector {

/// Translates text for files whose tr() is a free helper rather than a
/// class's. lupdate files such a call under the context of where it stands:
/// the class for a member function (context), the namespace alone for a free
/// function ("TcpInspector"). One helper serves both places, so it looks in
/// the class's context first, then in the namespace's.
QString translateIn(const char *context, const char *text);

} // namespace TcpInspector
