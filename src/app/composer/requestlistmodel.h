// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

namespace TcpInspector {

class RequestLibrary;

/// The saved requests or the history of a RequestLibrary as a table, for
/// the library panel's lists (one row per request or send).
class RequestListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Kind { Saved, History };
    enum SavedColumn { NameColumn, ModeColumn, ContentColumn, SavedColumnCount };
    enum HistoryColumn { TimeColumn, TargetColumn, SizeColumn, PreviewColumn, HistoryColumnCount };

    RequestListModel(RequestLibrary *library, Kind kind, QObject *parent = nullptr);

    Kind kind() const { return m_kind; }

    // QAbstractItemModel API
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant savedData(int row, int column, int role) const;
    QVariant historyData(int row, int column, int role) const;

    RequestLibrary *m_library;
    Kind m_kind;
};

} // namespace TcpInspector
