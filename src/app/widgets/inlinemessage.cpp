// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/inlinemessage.h"

#include <QLabel>
#include <QPalette>
#include <QWidget>

namespace TcpInspector {

namespace {
// Readable on light and dark palettes alike.
QColor errorColor(const QWidget *widget)
{
    return widget->palette().color(QPalette::Base).lightness() > 128 ? QColor(0xb0, 0x1c, 0x1c)
                                                                     : QColor(0xff, 0x8a, 0x80);
}
} // namespace

void setInlineMessage(QWidget *field, const QString &message)
{
    field->setProperty("tcpiError", !message.isEmpty());
    field->setToolTip(message);
    field->setStyleSheet(
        message.isEmpty() ? QString()
                          : QStringLiteral("border: 1px solid %1;").arg(errorColor(field).name()));
}

void showInlineLabel(QLabel *label, const QString &message, bool isError)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText,
                     isError ? errorColor(label)
                             : label->parentWidget()->palette().color(QPalette::WindowText));
    label->setPalette(palette);
}

} // namespace TcpInspector
