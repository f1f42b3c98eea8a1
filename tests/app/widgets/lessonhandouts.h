// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lesson/lessoncatalog.h"

#include <QDir>
#include <QString>

namespace TcpInspector {

class MainWindow;

/// The lesson handouts of docs/lessons/ (scripts/screenshots.sh): for every
/// lesson of the catalog, the real window at 1024x768 after the lesson ran in
/// full on loopback, in each language, and the Markdown pages beside them
/// (HandoutMarkdown).
class LessonHandouts
{
public:
    explicit LessonHandouts(const QDir &directory) : m_directory(directory) { }

    /// Only this lesson's pictures (the pages are always all written).
    void setOnly(const QString &lessonId) { m_only = lessonId; }

    /// The pages only: what the handouts' test compares with docs/lessons.
    bool writeText(const LessonCatalog &catalog);
    /// The pages and every picture. A lesson whose run does not end with
    /// every step done is named on stderr, its old picture removed, and the
    /// result is false; the other lessons are still made.
    bool writeAll(const LessonCatalog &catalog);

private:
    bool shoot(const LessonCatalog &catalog, const Lesson &lesson, const QString &language,
               QString *error);
    static void arrange(MainWindow &window, const Lesson &lesson);
    static void fitDocks(MainWindow &window, const Lesson &lesson);
    static bool runToTheEnd(MainWindow &window, QString *error);

    QDir m_directory;
    QString m_only;
};

} // namespace TcpInspector
