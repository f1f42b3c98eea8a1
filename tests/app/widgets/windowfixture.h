// SPDX-License-Identifier: GPL-3.0-or-later
// The main window as the window tests start from: no settings read or
// written, 1024x768, shown, its embedded echo server listening.
#pragma once

#include "session/workbench.h"
#include "widgets/mainwindow.h"

#include <QTest>

#include <memory>

namespace TcpInspector {

inline std::unique_ptr<MainWindow> makeTestWindow()
{
    MainWindow::Options options;
    options.useSettings = false;
    auto window = std::make_unique<MainWindow>(options);
    window->resize(1024, 768);
    window->show();
    return window;
}

/// Shown and listening; false when either never happens.
inline bool testWindowReady(MainWindow *window)
{
    return QTest::qWaitForWindowExposed(window)
           && QTest::qWaitFor([window] { return window->workbench()->isListening(); }, 5000);
}

} // namespace TcpInspector
