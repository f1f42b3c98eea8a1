// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace TcpInspector {

/// Which event lines `listen` and `connect` print (--events, -q). A fast
/// stream makes a line per chunk and per message; a user who watches the
/// totals asks for none and gets the summary alone, which always comes.
class EventSelection
{
public:
    /// Every event line, the default.
    EventSelection();

    /// "all", "none" or a comma-separated list of event names; nothing with
    /// *error naming the bad name and the valid ones.
    static std::optional<EventSelection> parse(const QString &list, QString *error);
    static EventSelection none();
    /// The names --events accepts, "summary" aside (it is always printed).
    static const QStringList &names();

    bool shows(const char *event) const;
    /// The two a fast stream makes most of, looked up once.
    bool showsChunks() const { return m_chunks; }
    bool showsMessages() const { return m_messages; }

private:
    quint32 m_shown = 0; ///< bit i: names()[i]
    bool m_chunks = true;
    bool m_messages = true;
    void cacheHotOnes();
};

} // namespace TcpInspector
