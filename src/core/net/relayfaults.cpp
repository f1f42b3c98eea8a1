// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/relayfaults.h"

#include "text/tr.h"

#include <QStringList>

namespace TcpInspector {

namespace {

bool number(const QString &text, qint64 minimum, qint64 *out)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value < minimum)
        return false;
    *out = value;
    return true;
}

/// "MS[:JITTER]", "BYTES[:DELAY_MS]"... : the first and the optional second number.
bool twoNumbers(const QString &text, qint64 minimum, qint64 *first, qint64 *second)
{
    const QStringList parts = text.split(QLatin1Char(':'));
    if (parts.size() > 2 || !number(parts.at(0), minimum, first))
        return false;
    return parts.size() == 1 || number(parts.at(1), 0, second);
}

QString usage(const QString &option)
{
    if (option == QLatin1String("latency"))
        return QStringLiteral("--latency [c2s:|s2c:]MS[:JITTER_MS], e.g. 50 or s2c:100:20");
    if (option == QLatin1String("bandwidth"))
        return QStringLiteral("--bandwidth [c2s:|s2c:]BYTES_PER_S, e.g. 100000");
    if (option == QLatin1String("slice"))
        return QStringLiteral("--slice [c2s:|s2c:]BYTES[:DELAY_MS], e.g. 1 or s2c:3:10");
    if (option == QLatin1String("coalesce"))
        return QStringLiteral("--coalesce [c2s:|s2c:]MS, e.g. 200");
    if (option == QLatin1String("limit-data"))
        return QStringLiteral("--limit-data [c2s:|s2c:]BYTES[:reset], e.g. 1000 or c2s:10:reset");
    if (option == QLatin1String("reset-after"))
        return QStringLiteral("--reset-after MS, e.g. 500");
    return QStringLiteral("--connect-delay MS, e.g. 2000");
}

bool parseOne(const QString &option, const QString &value, RelayFault *f)
{
    qint64 a = 0;
    qint64 b = 0;
    if (option == QLatin1String("latency")) {
        if (!twoNumbers(value, 0, &a, &b) || a > 600000 || b > 600000)
            return false;
        f->latencyMs = int(a);
        f->jitterMs = int(b);
    } else if (option == QLatin1String("bandwidth")) {
        if (!number(value, 1, &a))
            return false;
        f->bandwidth = a;
    } else if (option == QLatin1String("slice")) {
        if (!twoNumbers(value, 1, &a, &b) || b > 600000)
            return false;
        f->sliceBytes = a;
        f->sliceDelayMs = int(b);
    } else if (option == QLatin1String("coalesce")) {
        if (!number(value, 1, &a) || a > 600000)
            return false;
        f->coalesceMs = int(a);
    } else if (option == QLatin1String("limit-data")) {
        const QStringList parts = value.split(QLatin1Char(':'));
        if (parts.size() > 2 || !number(parts.at(0), 0, &a)
            || (parts.size() == 2 && parts.at(1) != QLatin1String("reset")))
            return false;
        f->limitBytes = a;
        f->limitReset = parts.size() == 2;
    } else {
        return false;
    }
    return true;
}

} // namespace

bool RelayFaults::parse(const QString &option, const QString &value, RelayFaults *faults,
                        QString *error)
{
    const auto fail = [&] {
        *error = Tr::tr("--%1 '%2' is not understood; write %3.").arg(option, value, usage(option));
        return false;
    };
    if (option == QLatin1String("reset-after") || option == QLatin1String("connect-delay")) {
        qint64 ms = 0;
        if (!number(value, 1, &ms) || ms > 86400000)
            return fail();
        (option == QLatin1String("reset-after") ? faults->resetAfterMs : faults->connectDelayMs)
            = int(ms);
        return true;
    }
    QString rest = value;
    int first = ClientToServer;
    int last = ServerToClient;
    if (value.startsWith(QLatin1String("c2s:")) || value.startsWith(QLatin1String("s2c:"))) {
        first = last = value.startsWith(QLatin1String("c2s:")) ? ClientToServer : ServerToClient;
        rest = value.mid(4);
    }
    for (int d = first; d <= last; ++d) {
        if (!parseOne(option, rest, &faults->direction[d]))
            return fail();
    }
    return true;
}

QStringList RelayFaults::optionNames()
{
    return {QStringLiteral("latency"),      QStringLiteral("bandwidth"),
            QStringLiteral("slice"),        QStringLiteral("coalesce"),
            QStringLiteral("limit-data"),   QStringLiteral("reset-after"),
            QStringLiteral("connect-delay")};
}

QString RelayFaults::describe() const
{
    QStringList parts;
    for (int d : {ClientToServer, ServerToClient}) {
        const RelayFault &f = direction[d];
        QStringList on;
        if (f.latencyMs > 0 || f.jitterMs > 0)
            on.append(QStringLiteral("latency %1+%2 ms").arg(f.latencyMs).arg(f.jitterMs));
        if (f.bandwidth > 0)
            on.append(QStringLiteral("bandwidth %1 B/s").arg(f.bandwidth));
        if (f.sliceBytes > 0)
            on.append(
                QStringLiteral("slice %1 B every %2 ms").arg(f.sliceBytes).arg(f.sliceDelayMs));
        if (f.coalesceMs > 0)
            on.append(QStringLiteral("coalesce %1 ms").arg(f.coalesceMs));
        if (f.limitBytes >= 0)
            on.append(QStringLiteral("limit %1 B then %2")
                          .arg(f.limitBytes)
                          .arg(f.limitReset ? QStringLiteral("reset") : QStringLiteral("close")));
        if (f.paused)
            on.append(QStringLiteral("paused"));
        if (!on.isEmpty())
            parts.append((d == ClientToServer ? QStringLiteral("c2s: ") : QStringLiteral("s2c: "))
                         + on.join(QStringLiteral(", ")));
    }
    if (resetAfterMs > 0)
        parts.append(QStringLiteral("reset after %1 ms").arg(resetAfterMs));
    if (connectDelayMs > 0)
        parts.append(QStringLiteral("connect delay %1 ms").arg(connectDelayMs));
    if (refuseNew)
        parts.append(QStringLiteral("refusing new connections"));
    return parts.join(QStringLiteral("; "));
}

namespace {
/// One fault option's value for a direction, empty when it is off.
QString optionValue(const QString &option, const RelayFault &f)
{
    if (option == QLatin1String("latency") && (f.latencyMs > 0 || f.jitterMs > 0))
        return f.jitterMs > 0 ? QStringLiteral("%1:%2").arg(f.latencyMs).arg(f.jitterMs)
                              : QString::number(f.latencyMs);
    if (option == QLatin1String("bandwidth") && f.bandwidth > 0)
        return QString::number(f.bandwidth);
    if (option == QLatin1String("slice") && f.sliceBytes > 0)
        return f.sliceDelayMs > 0 ? QStringLiteral("%1:%2").arg(f.sliceBytes).arg(f.sliceDelayMs)
                                  : QString::number(f.sliceBytes);
    if (option == QLatin1String("coalesce") && f.coalesceMs > 0)
        return QString::number(f.coalesceMs);
    if (option == QLatin1String("limit-data") && f.limitBytes >= 0)
        return f.limitReset ? QStringLiteral("%1:reset").arg(f.limitBytes)
                            : QString::number(f.limitBytes);
    return QString();
}
} // namespace

QStringList RelayFaults::toArguments() const
{
    QStringList arguments;
    for (const QString &option : optionNames()) {
        const auto add = [&](const QString &value) {
            arguments << QLatin1String("--") + option << value;
        };
        if (option == QLatin1String("reset-after")) {
            if (resetAfterMs > 0)
                add(QString::number(resetAfterMs));
            continue;
        }
        if (option == QLatin1String("connect-delay")) {
            if (connectDelayMs > 0)
                add(QString::number(connectDelayMs));
            continue;
        }
        const QString c2s = optionValue(option, direction[ClientToServer]);
        const QString s2c = optionValue(option, direction[ServerToClient]);
        if (c2s == s2c) {
            if (!c2s.isEmpty())
                add(c2s);
            continue;
        }
        // One direction off while the other is on: parse() would leave the
        // off one as it is, which is off.
        if (!c2s.isEmpty())
            add(QStringLiteral("c2s:") + c2s);
        if (!s2c.isEmpty())
            add(QStringLiteral("s2c:") + s2c);
    }
    return arguments;
}

} // namespace TcpInspector
