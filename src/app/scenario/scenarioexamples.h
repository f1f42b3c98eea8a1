// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace TcpInspector {

/// The scenario files shipped with the app (examples/scenarios, embedded as
/// resources): their names, what each is for, and their text.
class ScenarioExamples
{
public:
    struct Example
    {
        QString name;        ///< the file name: "line-exchange.scn"
        QString path;        ///< the resource: ":/examples/scenarios/line-exchange.scn"
        QString description; ///< the file's first comment line
    };

    static QList<Example> all();
    /// The example's text; empty when there is none of that name.
    static QString text(const QString &name);
    static QString resourceDirectory();
};

} // namespace TcpInspector
