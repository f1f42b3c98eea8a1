// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lesson/lesson.h"

#include <QList>
#include <QStringList>

namespace TcpInspector {

/// The lessons that ship (built in at :/lessons, from lessons/ in the
/// source tree) or those of a folder, in syllabus order.
class LessonCatalog
{
public:
    static QString builtInDirectory(); ///< ":/lessons"

    /// Reads every .lesson file of directory; the ones with errors are left
    /// out and their errors added to *errors.
    static LessonCatalog load(const QString &directory, QStringList *errors);
    static LessonCatalog builtIn(QStringList *errors = nullptr);

    const QList<Lesson> &lessons() const { return m_lessons; }
    const Lesson *find(const QString &id) const;
    QStringList ids() const;

private:
    QList<Lesson> m_lessons;
};

} // namespace TcpInspector
