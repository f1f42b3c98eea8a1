// SPDX-License-Identifier: GPL-3.0-or-later
// Every column of every table model says what it holds: a header tooltip,
// different from its neighbours', through the filter proxy too.
#include "models/chunktablemodel.h"
#include "models/connectionlistmodel.h"
#include "models/messagefiltermodel.h"
#include "models/messagetablemodel.h"

#include <QSet>
#include <QTest>

#include <memory>

using namespace TcpInspector;

class tst_HeaderToolTips : public QObject
{
    Q_OBJECT

private slots:
    void everyColumnExplained_data();
    void everyColumnExplained();
    void filterPassesThem();
};

void tst_HeaderToolTips::everyColumnExplained_data()
{
    QTest::addColumn<std::shared_ptr<QAbstractItemModel>>("model");
    QTest::newRow("chunks") << std::shared_ptr<QAbstractItemModel>(new ChunkTableModel);
    QTest::newRow("messages") << std::shared_ptr<QAbstractItemModel>(new MessageTableModel);
    QTest::newRow("server connections") << std::shared_ptr<QAbstractItemModel>(
        new ConnectionListModel(ConnectionListModel::AddressShown::Peer));
    QTest::newRow("client connections") << std::shared_ptr<QAbstractItemModel>(
        new ConnectionListModel(ConnectionListModel::AddressShown::Local));
}

void tst_HeaderToolTips::everyColumnExplained()
{
    QFETCH(std::shared_ptr<QAbstractItemModel>, model);
    QVERIFY(model->columnCount() >= 5);
    QSet<QString> seen;
    for (int column = 0; column < model->columnCount(); ++column) {
        const QString title = model->headerData(column, Qt::Horizontal).toString();
        const QString tip = model->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString();
        QVERIFY2(!title.isEmpty(), qPrintable(QString::number(column)));
        // A sentence, not the title again.
        QVERIFY2(tip.size() > 15 && tip != title, qPrintable(title));
        QVERIFY2(!seen.contains(tip), qPrintable(title));
        seen.insert(tip);
    }
    QVERIFY(model->headerData(model->columnCount(), Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .isEmpty());
}

void tst_HeaderToolTips::filterPassesThem()
{
    MessageTableModel messages;
    MessageFilterModel filter;
    filter.setMessages(&messages);
    for (int column = 0; column < MessageTableModel::ColumnCount; ++column) {
        QCOMPARE(filter.headerData(column, Qt::Horizontal, Qt::ToolTipRole),
                 messages.headerData(column, Qt::Horizontal, Qt::ToolTipRole));
    }
}

QTEST_GUILESS_MAIN(tst_HeaderToolTips)
#include "tst_headertooltips.moc"
