// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDir>
#include <QString>

namespace TcpInspector {

/// The pictures of the user guide (docs/GUIDE.md, docs/guide/), rendered by
/// tcpinspector-screenshots --guide DIR [--lang zh_CN]: the real window at
/// 1024x768 or smaller, on real loopback connections, driven as a user would.
/// Returns 0, or non-zero after naming on stderr what never happened.
int renderGuide(const QDir &dir, const QString &language);

} // namespace TcpInspector
