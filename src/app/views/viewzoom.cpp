// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/viewzoom.h"

#include <QApplication>
#include <QDockWidget>
#include <QFontDatabase>
#include <QHeaderView>
#include <QPointer>

#include <algorithm>
#include <array>
#include <cmath>

namespace TcpInspector {

namespace {

// Percent steps: about 10 % near 100 %, larger toward the ends.
constexpr std::array<int, 15> steps
    = {50, 60, 70, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300, 350, 400};

QFont sized(const QFont &base, qreal factor)
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * factor);
    else if (base.pixelSize() > 0)
        font.setPixelSize(std::max(1, qRound(base.pixelSize() * factor)));
    return font;
}

} // namespace

ViewZoom::ViewZoom(QObject *parent)
    : QObject(parent),
      m_baseFont(QApplication::font()),
      m_baseFixedFont(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{ }

ViewZoom *ViewZoom::instance()
{
    static QPointer<ViewZoom> zoom;
    if (!zoom)
        zoom = new ViewZoom(QCoreApplication::instance());
    return zoom;
}

qreal ViewZoom::step(qreal from, int direction)
{
    const int percent = qRound(from * 100);
    if (direction > 0) {
        const auto next = std::upper_bound(steps.begin(), steps.end(), percent);
        return next == steps.end() ? maximum : *next / 100.0;
    }
    const auto next = std::lower_bound(steps.begin(), steps.end(), percent);
    return next == steps.begin() ? minimum : *std::prev(next) / 100.0;
}

void ViewZoom::setFactor(qreal factor)
{
    factor = std::clamp(factor, minimum, maximum);
    if (qFuzzyCompare(factor, m_factor))
        return;
    const qreal ratio = factor / m_factor;
    m_factor = factor;
    // Every widget without a font of its own follows the application font,
    // and the custom views lay out again on their FontChange.
    QApplication::setFont(scaled(m_baseFont));
    // Qt tells only the windows, which do not always pass it on to widgets
    // that inherit the font (seen with Qt 6.4): tell every widget.
    QEvent change(QEvent::ApplicationFontChange);
    const QList<QWidget *> widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets)
        QCoreApplication::sendEvent(widget, &change);
    scaleHeaders(ratio);
    scaleDockTitles();
    emit factorChanged(m_factor);
}

void ViewZoom::zoomIn()
{
    setFactor(step(m_factor, 1));
}

void ViewZoom::zoomOut()
{
    setFactor(step(m_factor, -1));
}

QFont ViewZoom::scaled(const QFont &base) const
{
    return sized(base, m_factor);
}

QFont ViewZoom::fixedFont() const
{
    return scaled(m_baseFixedFont);
}

void ViewZoom::followFixedFont(QWidget *widget)
{
    widget->setFont(fixedFont());
    connect(this, &ViewZoom::factorChanged, widget,
            [this, widget] { widget->setFont(fixedFont()); });
}

void ViewZoom::followFont(QWidget *widget, qreal relativeSize, bool bold)
{
    auto apply = [this, widget, relativeSize, bold] {
        QFont font = sized(scaled(m_baseFont), relativeSize);
        font.setBold(bold);
        widget->setFont(font);
    };
    apply();
    connect(this, &ViewZoom::factorChanged, widget, apply);
}

void ViewZoom::scaleDockTitles() const
{
    // A dock draws its title in the platform's title font, taken once, as long
    // as its own font is the application's: a font that differs (in a style
    // strategy nobody sees) makes it draw the title in its own, zoomed, font.
    QFont font = scaled(m_baseFont);
    font.setStyleStrategy(QFont::PreferQuality);
    const QList<QWidget *> widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        if (auto *dock = qobject_cast<QDockWidget *>(widget))
            dock->setFont(qFuzzyCompare(m_factor, 1.0) ? QFont() : font);
    }
}

void ViewZoom::scaleHeaders(qreal ratio)
{
    // Widths a user dragged scale with the rest; a row is never made lower
    // than its font.
    const QList<QWidget *> widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        auto *header = qobject_cast<QHeaderView *>(widget);
        if (!header)
            continue;
        if (header->orientation() == Qt::Vertical) {
            const int minimum = header->fontMetrics().height() + 4;
            header->setDefaultSectionSize(
                std::max(minimum, qRound(header->defaultSectionSize() * ratio)));
            continue;
        }
        for (int section = 0; section < header->count(); ++section) {
            const QHeaderView::ResizeMode mode = header->sectionResizeMode(section);
            if (mode != QHeaderView::Interactive && mode != QHeaderView::Fixed)
                continue;
            if (header->stretchLastSection() && section == header->count() - 1)
                continue;
            header->resizeSection(section, qRound(header->sectionSize(section) * ratio));
        }
    }
}

} // namespace TcpInspector
