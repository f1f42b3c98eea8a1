// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/rowtext.h"

#include <QAbstractItemModel>
#include <QIODevice>

namespace TcpInspector::RowText {

namespace {
QString cell(QString text)
{
    for (QChar &c : text) {
        if (c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            c = QLatin1Char(' ');
    }
    return text;
}
} // namespace

QString headerLine(const QAbstractItemModel &model)
{
    QStringList titles;
    for (int column = 0; column < model.columnCount(); ++column)
        titles << cell(model.headerData(column, Qt::Horizontal).toString());
    return titles.join(QLatin1Char('\t'));
}

QString rowLine(const QAbstractItemModel &model, int row)
{
    QStringList cells;
    for (int column = 0; column < model.columnCount(); ++column)
        cells << cell(model.index(row, column).data().toString());
    return cells.join(QLatin1Char('\t'));
}

QString rows(const QAbstractItemModel &model, const QList<int> &rows)
{
    QString text = headerLine(model) + QLatin1Char('\n');
    for (int row : rows)
        text += rowLine(model, row) + QLatin1Char('\n');
    return text;
}

bool write(QIODevice *device, const QAbstractItemModel &model, const QList<int> &rows)
{
    if (device->write((headerLine(model) + QLatin1Char('\n')).toUtf8()) < 0)
        return false;
    for (int row : rows) {
        if (device->write((rowLine(model, row) + QLatin1Char('\n')).toUtf8()) < 0)
            return false;
    }
    return true;
}

} // namespace TcpInspector::RowText
