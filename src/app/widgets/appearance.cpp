// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/appearance.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace TcpInspector {

namespace {
QString modeKey()
{
    return QStringLiteral("window/appearance");
}

const char *modeName(Appearance::Mode mode)
{
    switch (mode) {
    case Appearance::Mode::Light:
        return "light";
    case Appearance::Mode::Dark:
        return "dark";
    case Appearance::Mode::System:
        break;
    }
    return "system";
}
} // namespace

Appearance::Appearance(QMenu *menu, bool useSettings, QObject *parent)
    : QObject(parent),
      m_menu(menu->addMenu(QString())),
      m_group(new QActionGroup(this)),
      m_systemStyle(QApplication::style()->name()),
      m_systemPalette(QApplication::palette()),
      m_useSettings(useSettings)
{
    m_menu->setObjectName(QStringLiteral("menuAppearance"));
    for (Mode mode : {Mode::System, Mode::Light, Mode::Dark}) {
        QAction *action = m_menu->addAction(QString());
        action->setObjectName(QStringLiteral("appearance_") + QLatin1String(modeName(mode)));
        action->setCheckable(true);
        action->setData(int(mode));
        m_group->addAction(action);
        connect(action, &QAction::triggered, this, [this, mode] { setMode(mode); });
    }
    m_group->actions().first()->setChecked(true);
    retranslate();
    if (m_useSettings) {
        const QString saved = QSettings().value(modeKey()).toString();
        for (Mode mode : {Mode::Light, Mode::Dark})
            if (saved == QLatin1String(modeName(mode)))
                setMode(mode);
    }
}

void Appearance::setMode(Mode mode)
{
    m_mode = mode;
    for (QAction *action : m_group->actions())
        action->setChecked(action->data().toInt() == int(mode));
    if (mode == Mode::System) {
        QApplication::setStyle(QStyleFactory::create(m_systemStyle));
        QApplication::setPalette(m_systemPalette);
    } else {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(mode == Mode::Dark ? darkPalette()
                                                    : QApplication::style()->standardPalette());
    }
    if (m_useSettings)
        QSettings().setValue(modeKey(), QLatin1String(modeName(mode)));
}

QPalette Appearance::darkPalette()
{
    // Contrast as the Breeze Dark and Adwaita dark schemes give it: text
    // near white on near black, links and selection a clear blue.
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor dim(0x8a, 0x8d, 0x91);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3c, 0x40));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, dim);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Midlight, QColor(0x3d, 0x40, 0x44));
    p.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x8c, 0xff));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, dim);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    return p;
}

void Appearance::retranslate()
{
    m_menu->setTitle(tr("&Appearance"));
    const QStringList names {tr("&System"), tr("&Light"), tr("&Dark")};
    const QList<QAction *> actions = m_group->actions();
    for (int i = 0; i < actions.size(); ++i)
        actions[i]->setText(names[i]);
    actions[0]->setToolTip(tr("The desktop's own style and colours"));
}

} // namespace TcpInspector
