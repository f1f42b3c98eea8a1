// SPDX-License-Identifier: GPL-3.0-or-later
#include "benchwindow.h"

#include "benchsupport.h"

#include "session/workbench.h"
#include "widgets/mainwindow.h"
#include "widgets/serverpanel.h"

#include <QComboBox>
#include <QWindow>

namespace TcpInspector {

std::unique_ptr<MainWindow> openBenchWindow(bool listenOnStart)
{
    MainWindow::Options options;
    options.useSettings = false;
    options.listenOnStart = listenOnStart;
    auto window = std::make_unique<MainWindow>(options);
    window->resize(1280, 860);
    window->show();
    if (!spinUntil([&] { return window->windowHandle() && window->windowHandle()->isExposed(); },
                   5000))
        qFatal("window not exposed");
    auto *reply = window->serverPanel()->findChild<QComboBox *>(QStringLiteral("replyCombo"));
    reply->setCurrentIndex(reply->findData(QStringLiteral("none")));
    return window;
}

void setPanelEngine(MainWindow *window, QWidget *panel, const QString &engine)
{
    auto *combo = panel->findChild<QComboBox *>(QStringLiteral("engineCombo"));
    if (combo->currentData().toString() == engine)
        return;
    const bool restart = panel == window->serverPanel() && window->workbench()->isListening();
    if (restart)
        window->serverPanel()->stop();
    combo->setCurrentIndex(combo->findData(engine));
    if (restart && !window->serverPanel()->listen())
        qFatal("cannot listen again");
}

} // namespace TcpInspector
