// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventprinter.h"

#include "recording/sessionerror.h"
#include "recording/sessionwriter.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <vector>

namespace TcpInspector {

class Connection;
class Timeline;

/// --save FILE of listen, connect and run: keeps the command's own lines from
/// the start (whether --events prints them or not), takes connections while
/// they still exist (run's go with each scenario file), and writes the lines
/// and the trailer at the end. Does nothing when path is empty.
class SessionSave
{
public:
    SessionSave(QString path, int previewBytes, EventPrinter &printer);

    bool isOn() const { return !m_path.isEmpty(); }
    /// What the command adds to a connection's saved settings (relay: its
    /// "leg" and "pair", which show prints again).
    void setSettings(std::function<QJsonObject(const Connection *)> settings)
    {
        m_settings = std::move(settings);
    }
    /// Writes the connections (and the listener's own timeline as the
    /// events of no connection) into the file, opening it first. After a
    /// failure it does nothing; commit() reports it.
    void add(const QList<Connection *> &connections, const Timeline *listenerTimeline = nullptr);
    /// The lines, the trailer and the rename to the final name; false after
    /// saying why on stderr.
    bool commit();

private:
    bool open();

    const QString m_path;
    const int m_previewBytes;
    EventPrinter &m_printer;
    qint64 m_startWallNs = 0;
    SessionWriter m_writer;
    SessionError m_error;
    bool m_failed = false;
    std::vector<StoredLine> m_lines; ///< the command's lines, as printed or not
    std::function<QJsonObject(const Connection *)> m_settings;
};

} // namespace TcpInspector
