// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/jsonlines.h"

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>

/// One finished `tcpinspector-cli run`: its exit code, JSON lines and stderr.
struct CliRun
{
    int exitCode = -1; ///< -1: it did not end in time (and was killed)
    QList<QJsonObject> events;
    QString errors;

    QList<QJsonObject> named(const QString &name) const { return jsonEventsNamed(events, name); }
    QJsonObject summary() const { return events.isEmpty() ? QJsonObject() : events.last(); }
    /// The step lines as "LINE status", to compare in one go.
    QStringList steps() const
    {
        QStringList lines;
        for (const QJsonObject &step : named(QStringLiteral("step"))) {
            lines.append(QStringLiteral("%1 %2")
                             .arg(step.value(QStringLiteral("line")).toInt())
                             .arg(step.value(QStringLiteral("status")).toString()));
        }
        return lines;
    }
    /// Why it did not pass, for QVERIFY2.
    QByteArray why() const
    {
        QStringList lines {errors};
        for (const QJsonObject &step : named(QStringLiteral("step"))) {
            if (step.value(QStringLiteral("status")).toString() != QLatin1String("passed")) {
                lines.append(QStringLiteral("line %1: %2")
                                 .arg(step.value(QStringLiteral("line")).toInt())
                                 .arg(step.value(QStringLiteral("message")).toString()));
            }
        }
        return lines.join(QLatin1Char('\n')).toUtf8();
    }
};

/// Waits for a started CLI process (30 s at most) and collects what it printed.
inline CliRun finishCliRun(QProcess &process)
{
    CliRun run;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.exitCode = process.exitCode();
    run.events = parseJsonLines(process.readAllStandardOutput());
    run.errors = QString::fromUtf8(process.readAllStandardError());
    return run;
}

/// `tcpinspector-cli run ARGUMENTS...` to its end.
inline CliRun runCliScenarios(const QString &cli, const QStringList &arguments)
{
    QProcess process;
    process.start(cli, QStringList {QStringLiteral("run")} + arguments);
    return finishCliRun(process);
}
