// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventselection.h"

#include "clitr.h"

namespace TcpInspector {

EventSelection::EventSelection() : m_shown((1u << names().size()) - 1) { }

const QStringList &EventSelection::names()
{
    // docs/CLI.md, "Events of listen and connect", in its order.
    static const QStringList list = {
        QStringLiteral("listening"),      QStringLiteral("error"),
        QStringLiteral("accepted"),       QStringLiteral("connecting"),
        QStringLiteral("connected"),      QStringLiteral("chunk"),
        QStringLiteral("message"),        QStringLiteral("framing_error"),
        QStringLiteral("half_closed"),    QStringLiteral("closed"),
        QStringLiteral("reset"),          QStringLiteral("timeout"),
        QStringLiteral("tcp_state"),      QStringLiteral("note"),
        QStringLiteral("discarded"),      QStringLiteral("state"),
        QStringLiteral("expect_matched"), QStringLiteral("expect_failed"),
        QStringLiteral("step"),           QStringLiteral("say"),
        QStringLiteral("lesson"),         QStringLiteral("tls_handshake_start"),
        QStringLiteral("tls_handshake"),  QStringLiteral("tls_alert"),
        QStringLiteral("wire_chunk"),     QStringLiteral("tls_record"),
    };
    return list;
}

EventSelection EventSelection::none()
{
    EventSelection selection;
    selection.m_shown = 0;
    selection.cacheHotOnes();
    return selection;
}

std::optional<EventSelection> EventSelection::parse(const QString &list, QString *error)
{
    const QString trimmed = list.trimmed();
    if (trimmed == QLatin1String("all"))
        return EventSelection();
    EventSelection selection = none();
    if (trimmed == QLatin1String("none"))
        return selection;
    for (const QString &part : trimmed.split(QLatin1Char(','))) {
        const QString name = part.trimmed();
        if (name == QLatin1String("summary"))
            continue; // always printed; naming it is no mistake
        const auto index = names().indexOf(name);
        if (index < 0) {
            *error = CliTr::tr("Unknown event '%1' in --events. Give all, none, or a "
                               "comma-separated list of: %2.")
                         .arg(name, names().join(QLatin1String(", ")));
            return std::nullopt;
        }
        selection.m_shown |= 1u << index;
    }
    selection.cacheHotOnes();
    return selection;
}

bool EventSelection::shows(const char *event) const
{
    const auto index = names().indexOf(QLatin1String(event));
    return index >= 0 && (m_shown & (1u << index));
}

void EventSelection::cacheHotOnes()
{
    m_chunks = shows("chunk");
    m_messages = shows("message");
}

} // namespace TcpInspector
