// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <memory>

class QWidget;

namespace TcpInspector {

class MainWindow;

/// The app's main window as the benches open it: no settings read or
/// written, 1280x860, shown and exposed (offscreen under the benches), its
/// embedded server answering nothing, for the benches measure one direction.
std::unique_ptr<MainWindow> openBenchWindow(bool listenOnStart);

/// Sets the engine combo of panel (the window's server or client panel); the
/// server's engine is fixed while it listens, so a listening server stops and
/// listens again.
void setPanelEngine(MainWindow *window, QWidget *panel, const QString &engine);

} // namespace TcpInspector
