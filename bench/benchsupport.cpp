// SPDX-License-Identifier: GPL-3.0-or-later
#include "benchsupport.h"

#include <algorithm>

namespace TcpInspector {

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
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

} // namespace TcpInspector
