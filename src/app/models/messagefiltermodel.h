// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QSortFilterProxyModel>

namespace TcpInspector {

class MessageTableModel;

/// The messages whose bytes contain a pattern (text or hex, as the user typed
/// it), for the message table's filter. Errors and the partial tail always
/// stay: they say what the filter cannot see. New rows are checked as they
/// arrive, old ones once, so a live stream costs only its new messages.
class MessageFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit MessageFilterModel(QObject *parent = nullptr);

    void setMessages(MessageTableModel *messages);
    MessageTableModel *messages() const { return m_messages; }
    /// Empty: every row.
    void setPattern(const QByteArray &pattern);
    QByteArray pattern() const { return m_pattern; }
    /// A message longer than this is searched in its first this many bytes
    /// only, so one 1 GB body cannot stall the window.
    static constexpr qint64 scanLimit = 1024 * 1024;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    MessageTableModel *m_messages = nullptr;
    QByteArray m_pattern;
};

} // namespace TcpInspector
