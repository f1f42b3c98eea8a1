// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionsave.h"

#include "net/connection.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace TcpInspector {

SessionSave::SessionSave(QString path, int previewBytes, EventPrinter &printer)
    : m_path(std::move(path)), m_previewBytes(previewBytes), m_printer(printer)
{
    m_startWallNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    if (isOn()) {
        m_printer.setLineRecorder([this](qint64 timeNs, quint64 conn, const QByteArray &json) {
            m_lines.push_back(StoredLine {timeNs, conn, json});
        });
    }
}

bool SessionSave::open()
{
    if (m_writer.isOpen())
        return true;
    SessionMeta meta;
    meta.startMonotonicNs = m_printer.startNs();
    meta.startWallNs = m_startWallNs;
    meta.meta = QJsonObject {
        {QStringLiteral("writer"), QStringLiteral("tcpinspector-cli")},
        {QStringLiteral("version"), QCoreApplication::applicationVersion()},
        {QStringLiteral("arguments"), QJsonArray::fromStringList(QCoreApplication::arguments())},
        {QStringLiteral("preview_bytes"), m_previewBytes}};
    return m_writer.open(m_path, meta, &m_error);
}

void SessionSave::add(const QList<Connection *> &connections, const Timeline *listenerTimeline)
{
    if (!isOn() || m_failed)
        return;
    bool saved = open();
    if (saved && listenerTimeline)
        saved = m_writer.addTimeline(0, *listenerTimeline, &m_error);
    for (int i = 0; saved && i < connections.size(); ++i)
        saved = m_writer.addConnection(*connections.at(i),
                                       m_settings ? m_settings(connections.at(i)) : QJsonObject(),
                                       &m_error);
    m_failed = !saved;
}

bool SessionSave::commit()
{
    if (!isOn())
        return true;
    m_printer.flush();
    bool saved = !m_failed && open();
    for (size_t i = 0; saved && i < m_lines.size(); ++i)
        saved = m_writer.addLine(m_lines[i].timeNs, m_lines[i].conn, m_lines[i].json, &m_error);
    if (saved)
        saved = m_writer.commit(&m_error);
    if (!saved) {
        m_writer.abort();
        std::fprintf(stderr, "tcpinspector-cli: --save %s: %s\n", qPrintable(m_path),
                     qPrintable(m_error.toString()));
    }
    return saved;
}

} // namespace TcpInspector
