// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <functional>

class QAbstractItemView;
class QWidget;

namespace TcpInspector {

/// What the tables' context menus share: the selected rows, rows as text on
/// the clipboard or in a file, and the one place that asks for a file name
/// (a dialog, which tests replace).
namespace TableExport {

/// The selected rows of a view, in row order; the current row when none is
/// selected and orCurrent is set.
QList<int> selectedRows(const QAbstractItemView *view, bool orCurrent = true);
/// Header and selected rows, tab-separated, on the clipboard; how many rows.
int copyRows(const QAbstractItemView *view);
/// Header and selected rows to a file; false with *error when it cannot be written.
bool writeRows(const QAbstractItemView *view, const QString &path, QString *error);

/// Asks where to save (QFileDialog); an empty string when the user cancels.
QString askSavePath(QWidget *parent, const QString &caption, const QString &filter);
/// Replaces the dialog (tests answer with a path); an empty function restores it.
using SavePathAsker = std::function<QString(const QString &caption)>;
void setSavePathAsker(SavePathAsker asker);

} // namespace TableExport
} // namespace TcpInspector
