// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/stepstatusstyle.h"

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace TcpInspector {

namespace {
QColor markColor(StepState state)
{
    switch (state) {
    case StepState::Pending:
        return QColor(0x9e, 0x9e, 0x9e);
    case StepState::Next:
    case StepState::Running:
        return QColor(0x1e, 0x6f, 0xd9);
    case StepState::Passed:
        return QColor(0x1b, 0x8a, 0x3a);
    case StepState::Failed:
        return QColor(0xc6, 0x28, 0x28);
    case StepState::Skipped:
        return QColor(0x75, 0x75, 0x75);
    }
    return {};
}

// A disc in the state's colour with a white mark: a tick, a cross, a
// triangle, a bar; a ring for a step not run yet.
QPixmap paintIcon(StepState state, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor color = markColor(state);
    const qreal s = size;
    const QRectF disc(s * 0.06, s * 0.06, s * 0.88, s * 0.88);
    if (state == StepState::Pending || state == StepState::Next) {
        painter.setPen(QPen(color, s * 0.12));
        painter.drawEllipse(disc.adjusted(s * 0.06, s * 0.06, -s * 0.06, -s * 0.06));
        if (state == StepState::Next) {
            painter.setBrush(color);
            painter.setPen(Qt::NoPen);
            painter.drawEllipse(QPointF(s / 2, s / 2), s * 0.16, s * 0.16);
        }
        return pixmap;
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(disc);
    QPen pen(Qt::white, s * 0.13, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    QPainterPath path;
    switch (state) {
    case StepState::Passed:
        path.moveTo(s * 0.28, s * 0.52);
        path.lineTo(s * 0.44, s * 0.68);
        path.lineTo(s * 0.72, s * 0.34);
        break;
    case StepState::Failed:
        path.moveTo(s * 0.33, s * 0.33);
        path.lineTo(s * 0.67, s * 0.67);
        path.moveTo(s * 0.67, s * 0.33);
        path.lineTo(s * 0.33, s * 0.67);
        break;
    case StepState::Running:
        painter.setBrush(Qt::white);
        path.moveTo(s * 0.40, s * 0.30);
        path.lineTo(s * 0.70, s * 0.50);
        path.lineTo(s * 0.40, s * 0.70);
        path.closeSubpath();
        break;
    default:
        path.moveTo(s * 0.30, s * 0.50);
        path.lineTo(s * 0.70, s * 0.50);
        break;
    }
    painter.drawPath(path);
    return pixmap;
}
} // namespace

QString StepStatusStyle::name(StepState state)
{
    switch (state) {
    case StepState::Pending:
        return QCoreApplication::translate("TcpInspector::StepStatusStyle", "pending");
    case StepState::Next:
        return QCoreApplication::translate("TcpInspector::StepStatusStyle", "next");
    case StepState::Running:
        return QCoreApplication::translate("TcpInspector::StepStatusStyle", "running");
    case StepState::Passed:
        return QCoreApplication::translate("TcpInspector::StepStatusStyle", "passed");
    case StepState::Failed:
        return QCoreApplication::translate("TcpInspector::StepStatusStyle", "failed");
    case StepState::Skipped:
        return QCoreApplication::translate("TcpInspector::StepStatusStyle", "skipped");
    }
    return {};
}

QIcon StepStatusStyle::icon(StepState state)
{
    static QHash<int, QIcon> icons;
    QIcon &icon = icons[int(state)];
    if (icon.isNull()) {
        for (int size : {16, 24, 32, 48})
            icon.addPixmap(paintIcon(state, size));
    }
    return icon;
}

QColor StepStatusStyle::background(StepState state)
{
    switch (state) {
    case StepState::Running:
    case StepState::Next:
        return QColor(0xdc, 0xea, 0xfb);
    case StepState::Passed:
        return QColor(0xdc, 0xf2, 0xe0);
    case StepState::Failed:
        return QColor(0xfb, 0xd9, 0xd9);
    case StepState::Pending:
    case StepState::Skipped:
        break;
    }
    return {};
}

QColor StepStatusStyle::foreground(StepState state)
{
    switch (state) {
    case StepState::Passed:
        return QColor(0x0f, 0x5c, 0x25);
    case StepState::Failed:
        return QColor(0x9a, 0x12, 0x12);
    case StepState::Running:
    case StepState::Next:
        return QColor(0x12, 0x4a, 0x9a);
    case StepState::Pending:
    case StepState::Skipped:
        break;
    }
    return markColor(state).darker(130);
}

} // namespace TcpInspector
