// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFont>
#include <QObject>

class QWidget;

namespace TcpInspector {

/// The one zoom of the whole window, for a projector or tired eyes: scales the
/// application font, which every view lays out from (table rows, hex cells,
/// timeline lanes), the few widgets with a font of their own (fixed-pitch
/// editors) and the column widths and row heights the tables set in pixels.
class ViewZoom : public QObject
{
    Q_OBJECT

public:
    static constexpr qreal minimum = 0.5;
    static constexpr qreal maximum = 4.0;

    /// The application's zoom, created on first use from the application font.
    static ViewZoom *instance();

    [[nodiscard]] qreal factor() const { return m_factor; }
    [[nodiscard]] int percent() const { return qRound(m_factor * 100); }
    /// Clamped to [minimum, maximum]; emits factorChanged when it changes.
    void setFactor(qreal factor);
    void zoomIn();
    void zoomOut();
    void reset() { setFactor(1.0); }
    /// The zoom one step up (@p direction > 0) or down from @p from: steps of
    /// 10 to 25 %, so each press is visible and few get from 100 % to 400 %.
    [[nodiscard]] static qreal step(qreal from, int direction);

    /// @p base at the current zoom: point or pixel size times the factor.
    [[nodiscard]] QFont scaled(const QFont &base) const;
    /// The system's fixed-pitch font at the current zoom.
    [[nodiscard]] QFont fixedFont() const;
    /// Keeps @p widget in the fixed-pitch font at every zoom.
    void followFixedFont(QWidget *widget);
    /// Keeps @p widget in the application font times @p relativeSize, bold or
    /// not, at every zoom (a heading, a callout).
    void followFont(QWidget *widget, qreal relativeSize, bool bold = false);

signals:
    void factorChanged(qreal factor);

private:
    explicit ViewZoom(QObject *parent);
    /// Tables that set sizes in pixels from the font when they were built.
    static void scaleHeaders(qreal ratio);
    void scaleDockTitles() const;

    QFont m_baseFont;
    QFont m_baseFixedFont;
    qreal m_factor = 1.0;
};

} // namespace TcpInspector
