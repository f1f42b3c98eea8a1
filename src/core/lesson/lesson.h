// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connectionoptions.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace TcpInspector {

/// A text a lesson gives in English and in Simplified Chinese.
struct LessonText
{
    QString en;
    QString zh;

    /// The text in language ("zh_CN", "zh", "en"...): English unless Chinese
    /// is asked for and given.
    QString in(const QString &language) const;
};

/// One lesson (docs/LESSONS.md): a classic pitfall of TCP reproduced on
/// loopback. The steps and the observations it promises are a scenario
/// (scenarioText, with `say` narration and `expect ... callout=`); the rest
/// is text to read beside it. Lessons are data, not code: a .lesson file and
/// a .scn file of the same name in lessons/.
struct Lesson
{
    QString id;    ///< "partial-reads": the file name, what `tcpinspector-cli lesson ID` takes
    int order = 0; ///< place in the syllabus, 1..N
    QStringList pitfalls; ///< DESIGN.md's S1..S14 the lesson shows
    /// The engines the lesson holds with; its ctest runs once with each.
    /// The first is the one the window and `lesson ID` use by default.
    QList<EngineKind> engines;
    QStringList views; ///< what the lesson looks at: "chunks", "messages", "timeline", "kernel"
    LessonText title;
    LessonText goal;        ///< one sentence
    LessonText explanation; ///< Markdown
    QString goCode;         ///< as in the article
    QString cppCode;        ///< the same with Qt or POSIX
    QString path;           ///< of the .lesson file
    QString scenarioPath;   ///< of the .scn file
    QString scenarioText;
};

} // namespace TcpInspector
