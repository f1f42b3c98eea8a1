// SPDX-License-Identifier: GPL-3.0-or-later
// The message filter: messages containing a pattern, errors and the partial
// tail always, new rows checked as they arrive, under the model tester.
#include "models/messagefiltermodel.h"
#include "models/messagetablemodel.h"
#include "stream/streamchannel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace TcpInspector;
using Kind = MessageTableModel::RowKind;

namespace {

void append(StreamChannel &channel, const QByteArray &bytes)
{
    channel.append(bytes.constData(), bytes.size(), 0);
}

// The message model and the filter over it, checked by the tester throughout.
struct Filtered
{
    explicit Filtered(const StreamChannel &channel)
    {
        messages.setChannel(&channel);
        filter.setMessages(&messages);
    }
    QStringList previews() const
    {
        QStringList texts;
        for (int row = 0; row < filter.rowCount(); ++row)
            texts << filter.index(row, MessageTableModel::PreviewColumn).data().toString();
        return texts;
    }
    Kind kind(int row) const
    {
        return Kind(filter.index(row, 0).data(MessageTableModel::RowKindRole).toInt());
    }

    MessageTableModel messages;
    MessageFilterModel filter;
    QAbstractItemModelTester tester {&filter,
                                     QAbstractItemModelTester::FailureReportingMode::QtTest};
};

} // namespace

class tst_MessageFilterModel : public QObject
{
    Q_OBJECT

private slots:
    void matchesBytes_data();
    void matchesBytes();
    void keepsStreamOrder();
    void errorsAndTailAlwaysStay();
    void newRowsAreCheckedAsTheyArrive();
    void framingChangeFiltersTheNewRows();
    void longMessagesAreSearchedInTheirStartOnly();
    void withoutMessagesShowsNothing();
};

void tst_MessageFilterModel::matchesBytes_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QStringList>("shown");
    const QStringList all {QStringLiteral("alpha"), QStringLiteral("beta"),
                           QStringLiteral("gamma alpha")};
    QTest::newRow("empty: every row") << QByteArray() << all;
    QTest::newRow("in two") << QByteArray("alpha") << QStringList {all[0], all[2]};
    QTest::newRow("in one") << QByteArray("bet") << QStringList {all[1]};
    QTest::newRow("in none") << QByteArray("delta") << QStringList();
    QTest::newRow("the terminator counts") << QByteArray("a\n") << all;
    QTest::newRow("case matters") << QByteArray("ALPHA") << QStringList();
    QTest::newRow("a binary byte") << QByteArray("\x00", 1) << QStringList();
}

void tst_MessageFilterModel::matchesBytes()
{
    QFETCH(QByteArray, pattern);
    QFETCH(QStringList, shown);
    StreamChannel channel(Direction::Rx);
    QString error;
    QVERIFY(channel.setFraming(QStringLiteral("line"), &error));
    append(channel, "alpha\nbe");
    append(channel, "ta\ngamma alpha\n");
    Filtered f(channel);
    QCOMPARE(f.filter.rowCount(), 3);
    f.filter.setPattern(pattern);
    QCOMPARE(f.filter.pattern(), pattern);
    QCOMPARE(f.previews(), shown);
    // And back to every row.
    f.filter.setPattern({});
    QCOMPARE(f.filter.rowCount(), 3);
}

void tst_MessageFilterModel::keepsStreamOrder()
{
    StreamChannel channel(Direction::Rx);
    QString error;
    QVERIFY(channel.setFraming(QStringLiteral("line"), &error));
    append(channel, "c1\nb\nc2\na\nc3\n");
    Filtered f(channel);
    f.filter.setPattern("c");
    QCOMPARE(f.previews(),
             (QStringList {QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3")}));
    // The links map rows back to the stream's.
    QCOMPARE(f.filter.mapToSource(f.filter.index(1, 0)).row(), 2);
    QCOMPARE(f.filter.mapFromSource(f.messages.index(4, 0)).row(), 2);
    QVERIFY(!f.filter.mapFromSource(f.messages.index(1, 0)).isValid());
}

void tst_MessageFilterModel::errorsAndTailAlwaysStay()
{
    StreamChannel channel(Direction::Rx);
    QString error;
    QVERIFY(channel.setFraming(QStringLiteral("line:max=4"), &error));
    // ab | oversize "too long\n" | cd | partial "x"
    append(channel, "ab\ntoo long\ncd\nx");
    Filtered f(channel);
    QCOMPARE(f.messages.rowCount(), 4);
    f.filter.setPattern("zzz");
    QCOMPARE(f.filter.rowCount(), 2);
    QCOMPARE(f.kind(0), Kind::Error);
    QCOMPARE(f.kind(1), Kind::Partial);
    f.filter.setPattern("cd");
    QCOMPARE(f.filter.rowCount(), 3);
    QCOMPARE(f.kind(1), Kind::Message);
}

void tst_MessageFilterModel::newRowsAreCheckedAsTheyArrive()
{
    StreamChannel channel(Direction::Rx);
    QString error;
    QVERIFY(channel.setFraming(QStringLiteral("line"), &error));
    append(channel, "one\n");
    Filtered f(channel);
    f.filter.setPattern("o");
    QCOMPARE(f.filter.rowCount(), 1);
    append(channel, "two\nthree\nfour\nsix");
    f.messages.refresh();
    // two, four and the partial "six"; three has no "o".
    QCOMPARE(f.filter.rowCount(), 4);
    QCOMPARE(f.kind(3), Kind::Partial);
    append(channel, "\n");
    f.messages.refresh();
    // "six\n" is a message now, and has no "o".
    QCOMPARE(f.previews(),
             (QStringList {QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("four")}));
}

void tst_MessageFilterModel::framingChangeFiltersTheNewRows()
{
    StreamChannel channel(Direction::Rx);
    QString error;
    QVERIFY(channel.setFraming(QStringLiteral("line"), &error));
    append(channel, "abcd\nefgh\n");
    Filtered f(channel);
    f.filter.setPattern("fg");
    QCOMPARE(f.filter.rowCount(), 1);
    // ab cd \ne fg h\n
    QVERIFY(channel.setFraming(QStringLiteral("fixed:len=2"), &error));
    f.messages.refresh();
    QCOMPARE(f.previews(), (QStringList {QStringLiteral("fg")}));
}

void tst_MessageFilterModel::longMessagesAreSearchedInTheirStartOnly()
{
    StreamChannel channel(Direction::Rx);
    QString error;
    const qint64 length = MessageFilterModel::scanLimit + 16;
    QVERIFY2(channel.setFraming(QStringLiteral("fixed:len=%1").arg(length), &error),
             qPrintable(error));
    QByteArray message(MessageFilterModel::scanLimit - 2, 'x');
    message += "needle";
    message += QByteArray(int(length - message.size()), 'y');
    QCOMPARE(qint64(message.size()), length);
    append(channel, message);
    Filtered f(channel);
    QCOMPARE(f.messages.rowCount(), 1);
    f.filter.setPattern("xne"); // across the limit: its start is inside
    QCOMPARE(f.filter.rowCount(), 1);
    f.filter.setPattern("needle"); // ends past the limit: not seen
    QCOMPARE(f.filter.rowCount(), 0);
    f.filter.setPattern("y");
    QCOMPARE(f.filter.rowCount(), 0);
}

void tst_MessageFilterModel::withoutMessagesShowsNothing()
{
    MessageFilterModel filter;
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(filter.rowCount(), 0);
    filter.setPattern("a");
    QCOMPARE(filter.rowCount(), 0);

    // A message model without a channel: every row (there are none) stays.
    MessageTableModel messages;
    filter.setMessages(&messages);
    QCOMPARE(filter.messages(), &messages);
    QCOMPARE(filter.rowCount(), 0);
    filter.setMessages(nullptr);
    QCOMPARE(filter.messages(), nullptr);
}

QTEST_GUILESS_MAIN(tst_MessageFilterModel)
#include "tst_messagefiltermodel.moc"
