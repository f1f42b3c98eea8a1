// SPDX-License-Identifier: GPL-3.0-or-later
// The status bar's descriptor text: the numbers, the unknown and unlimited
// cases, and where the warning colour starts.
#include "models/descriptorusage.h"
#include "net/descriptorcount.h"

#include <QTest>

#include <climits>

using namespace TcpInspector;

class tst_DescriptorUsage : public QObject
{
    Q_OBJECT

private slots:
    void text_data();
    void text();
    void currentReadsTheProcess();
};

void tst_DescriptorUsage::text_data()
{
    QTest::addColumn<int>("open");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("nearLimit");
    QTest::newRow("few") << 12 << 1024 << QStringLiteral("fds 12 / 1024") << false;
    QTest::newRow("80 % exactly") << 800 << 1000 << QStringLiteral("fds 800 / 1000") << false;
    QTest::newRow("just past 80 %") << 801 << 1000 << QStringLiteral("fds 801 / 1000") << true;
    QTest::newRow("at the limit") << 1024 << 1024 << QStringLiteral("fds 1024 / 1024") << true;
    QTest::newRow("huge limit") << INT_MAX - 1 << INT_MAX - 2
                                << QStringLiteral("fds %1 / %2").arg(INT_MAX - 1).arg(INT_MAX - 2)
                                << true;
    QTest::newRow("unlimited") << 5000 << INT_MAX << QStringLiteral("fds 5000") << false;
    QTest::newRow("limit unknown") << 7 << -1 << QStringLiteral("fds 7") << false;
    QTest::newRow("count unknown") << -1 << 1024 << QStringLiteral("fds ?") << false;
}

void tst_DescriptorUsage::text()
{
    QFETCH(int, open);
    QFETCH(int, limit);
    QFETCH(QString, text);
    QFETCH(bool, nearLimit);
    const DescriptorUsage usage(open, limit);
    QCOMPARE(usage.text(), text);
    QCOMPARE(usage.nearLimit(), nearLimit);
    QVERIFY(usage.toolTip().contains(QLatin1String("EMFILE")));
}

void tst_DescriptorUsage::currentReadsTheProcess()
{
    const DescriptorUsage usage = DescriptorUsage::current();
    QVERIFY(usage.open() >= 3);
    QCOMPARE(usage.limit(), descriptorLimit());
    QVERIFY(usage.text().startsWith(QLatin1String("fds ")));
}

QTEST_GUILESS_MAIN(tst_DescriptorUsage)
#include "tst_descriptorusage.moc"
