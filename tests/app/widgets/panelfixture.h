// SPDX-License-Identifier: GPL-3.0-or-later
// What the server and client panel tests share: finding a field by name and
// showing the panel.
#pragma once

#include <QTest>
#include <QWidget>

namespace TcpInspector {

/// The panel's child named @p name; a test without it cannot go on.
template<typename T>
T *panelField(const QWidget *panel, const char *name)
{
    T *found = panel->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no field %s", name);
    return found;
}

/// Shows @p panel at the size the panel tests use; false when it never shows.
inline bool showPanel(QWidget *panel)
{
    panel->resize(900, 400);
    panel->show();
    return QTest::qWaitForWindowExposed(panel);
}

} // namespace TcpInspector
