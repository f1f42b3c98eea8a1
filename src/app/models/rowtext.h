// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

class QAbstractItemModel;
class QIODevice;

namespace TcpInspector {

/// Rows of any table model as text, for "Copy" and "Export rows": a header
/// line of column titles, then one line per row, the cells as shown,
/// separated by tabs (what spreadsheets paste into columns).
namespace RowText {

/// The column titles, tab-separated.
QString headerLine(const QAbstractItemModel &model);
/// One row's cells as shown, tab-separated; tabs and line breaks inside a
/// cell become spaces so that a row stays one line.
QString rowLine(const QAbstractItemModel &model, int row);
/// The header and the rows, in the order given, each line ending in '\n'.
QString rows(const QAbstractItemModel &model, const QList<int> &rows);
/// The same, written line by line as UTF-8: a million rows never become
/// one string. False when the device refuses a write.
bool write(QIODevice *device, const QAbstractItemModel &model, const QList<int> &rows);

} // namespace RowText
} // namespace TcpInspector
