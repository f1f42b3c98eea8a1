// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/tableexport.h"

#include "models/rowtext.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QItemSelectionModel>
#include <QSaveFile>

#include <algorithm>

namespace TcpInspector::TableExport {

namespace {
SavePathAsker &asker()
{
    static SavePathAsker instance;
    return instance;
}
} // namespace

QList<int> selectedRows(const QAbstractItemView *view, bool orCurrent)
{
    QList<int> rows;
    const QItemSelectionModel *selection = view->selectionModel();
    if (!selection)
        return rows;
    // Ranges, not selectedRows(): a selection of a million rows is one range.
    for (const QItemSelectionRange &range : selection->selection()) {
        for (int row = range.top(); row <= range.bottom(); ++row)
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (orCurrent && rows.isEmpty() && selection->currentIndex().isValid())
        rows.append(selection->currentIndex().row());
    return rows;
}

int copyRows(const QAbstractItemView *view)
{
    const QList<int> rows = selectedRows(view);
    if (rows.isEmpty() || !view->model())
        return 0;
    QApplication::clipboard()->setText(RowText::rows(*view->model(), rows));
    return int(rows.size());
}

bool writeRows(const QAbstractItemView *view, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)
        || !RowText::write(&file, *view->model(), selectedRows(view)) || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

QString askSavePath(QWidget *parent, const QString &caption, const QString &filter)
{
    if (asker())
        return asker()(caption);
    return QFileDialog::getSaveFileName(parent, caption, QString(), filter);
}

void setSavePathAsker(SavePathAsker replacement)
{
    asker() = std::move(replacement);
}

} // namespace TcpInspector::TableExport
