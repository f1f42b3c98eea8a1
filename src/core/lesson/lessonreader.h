// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lesson/lesson.h"

#include <QStringList>

namespace TcpInspector {

/// Reads a .lesson file (docs/LESSONS.md): `key: value` lines, then
/// sections opened by `== name`. Every problem is reported with its line,
/// and a lesson is used only when there is none.
class LessonReader
{
public:
    /// Reads path and the .scn file beside it. False with *errors
    /// ("FILE:LINE: message") when something is missing or wrong.
    static bool readFile(const QString &path, Lesson *lesson, QStringList *errors);
    /// text as the .lesson file's contents; path names it in messages.
    static bool readText(const QString &text, const QString &path, Lesson *lesson,
                         QStringList *errors);

    static QStringList keys();     ///< the header keys a file may use
    static QStringList sections(); ///< the section names a file may use
};

} // namespace TcpInspector
