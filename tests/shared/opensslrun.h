// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtGlobal>

/// Runs `openssl ARGUMENTS` in @p directory (certificates made for a test);
/// false, with what it said as a warning, when it fails or takes over 30 s.
inline bool runOpenssl(const QString &program, const QString &directory,
                       const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        qWarning("openssl %s: %s", qPrintable(arguments.join(QLatin1Char(' '))),
                 process.readAll().constData());
        process.kill();
        return false;
    }
    return true;
}
