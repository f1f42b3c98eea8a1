// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

/// The CLI's output as its JSON lines, one object each, for tests that read
/// it as a script would.
inline QList<QJsonObject> parseJsonLines(const QByteArray &output)
{
    QList<QJsonObject> events;
    for (const QByteArray &line : output.split('\n')) {
        if (!line.isEmpty())
            events.append(QJsonDocument::fromJson(line).object());
    }
    return events;
}

/// The lines whose "event" is name, in order.
inline QList<QJsonObject> jsonEventsNamed(const QList<QJsonObject> &events, const QString &name)
{
    QList<QJsonObject> found;
    for (const QJsonObject &event : events) {
        if (event.value(QStringLiteral("event")).toString() == name)
            found.append(event);
    }
    return found;
}
