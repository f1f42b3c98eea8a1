// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commonoptions.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace TcpInspector {

struct Lesson;

/// `tcpinspector-cli lesson --list` prints a `lesson` line per lesson;
/// `tcpinspector-cli lesson ID` runs one headless (docs/LESSONS.md) as `run`
/// runs a scenario, and exits 0 only when every observation it promises held.
class LessonCommand
{
public:
    LessonCommand();
    int run(const QStringList &arguments);

private:
    int usageError(const QString &message) const;
    int list(const QList<Lesson> &lessons) const;
    int runLesson(const Lesson &lesson);

    QCommandLineParser m_parser;
    const QCommandLineOption m_list;
    const QCommandLineOption m_engine;
    const QCommandLineOption m_language;
    const QCommandLineOption m_directory;
    const OutputFlags m_output;
    RunFlags m_flags;
    QString m_languageName;
};

} // namespace TcpInspector
