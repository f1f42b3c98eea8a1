// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>

namespace TcpInspector {

/// The color t of the way from a to b: the views derive their quiet shades
/// (bands, grid, dim text) from the palette this way, so they read in light
/// and dark themes alike.
inline QColor mixed(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace TcpInspector
