// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/modeltext.h"

#include <QCoreApplication>

#include <cstdlib>

namespace TcpInspector::ModelText {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TcpInspector::ModelText", text);
}
} // namespace

QString relativeTime(qint64 ns)
{
    // Milliseconds read best for what one connection does; past 10 s the
    // tenths of a millisecond are noise and seconds are shorter.
    const bool negative = ns < 0;
    const double magnitude = std::llabs(ns);
    if (magnitude < 10e9) {
        const QString ms = QString::number(magnitude / 1e6, 'f', 1);
        return negative ? tr("-%1 ms").arg(ms) : tr("+%1 ms").arg(ms);
    }
    const QString s = QString::number(magnitude / 1e9, 'f', 3);
    return negative ? tr("-%1 s").arg(s) : tr("+%1 s").arg(s);
}

QString direction(Direction direction)
{
    return direction == Direction::Rx ? tr("rx") : tr("tx");
}

QString hexPreview(const QByteArray &bytes, qsizetype maxBytes)
{
    static const char digits[] = "0123456789abcdef";
    const qsizetype n = std::min(bytes.size(), maxBytes);
    QString text;
    text.reserve(n * 3 + 3);
    for (qsizetype i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(bytes.at(i));
        if (i > 0)
            text += QLatin1Char(' ');
        text += QLatin1Char(digits[c >> 4]);
        text += QLatin1Char(digits[c & 15]);
    }
    if (bytes.size() > maxBytes)
        text += QLatin1String(" ...");
    return text;
}

} // namespace TcpInspector::ModelText
