// SPDX-License-Identifier: GPL-3.0-or-later
#include "benchsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <cmath>

namespace TcpInspector {

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t rank = size_t(std::ceil(p * double(values.size())));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

qint64 parseByteSize(const QString &text)
{
    QString number = text.trimmed().toUpper();
    qint64 unit = 1;
    if (number.endsWith(QLatin1Char('K')))
        unit = qint64(1) << 10;
    else if (number.endsWith(QLatin1Char('M')))
        unit = qint64(1) << 20;
    else if (number.endsWith(QLatin1Char('G')))
        unit = qint64(1) << 30;
    if (unit > 1)
        number.chop(1);
    bool ok = false;
    const double value = number.toDouble(&ok);
    return ok && value > 0 ? qint64(value * double(unit)) : -1;
}

bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(1);
    }
    return true;
}

void spinFor(int ms)
{
    spinUntil([] { return false; }, ms);
}

} // namespace TcpInspector
