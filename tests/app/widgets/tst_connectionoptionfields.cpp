// SPDX-License-Identifier: GPL-3.0-or-later
// The fields both Advanced sections share: into and out of ConnectionOptions,
// through settings under each panel's prefix, locked while a server listens,
// and "Read once" with and without a read slice.
#include "views/flowlayout.h"
#include "widgets/connectionoptionfields.h"

#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

class tst_ConnectionOptionFields : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void settingsUnderThePrefix_data();
    void settingsUnderThePrefix();
    void editable();
    void readOnce_data();
    void readOnce();
};

namespace {
ConnectionOptions sample()
{
    ConnectionOptions options;
    options.idleTimeoutMs = 1200;
    options.writeStallMs = 600;
    options.readSlice = 16;
    options.receiveBuffer = 4096;
    options.sendBuffer = 8192;
    options.noDelay = true; // not one of these fields
    return options;
}
} // namespace

void tst_ConnectionOptionFields::roundTrip()
{
    QWidget form;
    ConnectionOptionFields fields(QStringLiteral("client/advanced/"), &form);
    QSignalSpy changed(&fields, &ConnectionOptionFields::changed);
    fields.set(sample());
    QCOMPARE(changed.size(), 5);
    ConnectionOptions out;
    fields.apply(&out);
    QCOMPARE(out.idleTimeoutMs, 1200);
    QCOMPARE(out.writeStallMs, 600);
    QCOMPARE(out.readSlice, qint64(16));
    QCOMPARE(out.receiveBuffer, 4096);
    QCOMPARE(out.sendBuffer, 8192);
    QCOMPARE(out.noDelay, false); // left alone
    // A read slice beyond the field's range is clamped, not wrapped.
    ConnectionOptions huge;
    huge.readSlice = qint64(1) << 40;
    fields.set(huge);
    fields.apply(&out);
    QCOMPARE(out.readSlice, qint64(64 * 1024 * 1024));
}

void tst_ConnectionOptionFields::settingsUnderThePrefix_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::newRow("client") << QStringLiteral("client/advanced/");
    QTest::newRow("server") << QStringLiteral("server/advanced/");
}

void tst_ConnectionOptionFields::settingsUnderThePrefix()
{
    QFETCH(QString, prefix);
    QWidget form;
    ConnectionOptionFields fields(prefix, &form);
    fields.set(sample());
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("f.ini")), QSettings::IniFormat);
    fields.saveSettings(settings);
    // The keys the panels always wrote.
    for (const char *key :
         {"idleTimeoutMs", "writeStallMs", "readSlice", "receiveBuffer", "sendBuffer"})
        QVERIFY2(settings.contains(prefix + QLatin1String(key)), key);
    QCOMPARE(settings.value(prefix + QStringLiteral("idleTimeoutMs")).toInt(), 1200);
    ConnectionOptions read;
    fields.readSettings(settings, &read);
    QCOMPARE(read.writeStallMs, 600);
    QCOMPARE(read.readSlice, qint64(16));
    QCOMPARE(read.sendBuffer, 8192);
    QSettings empty(dir.filePath(QStringLiteral("empty.ini")), QSettings::IniFormat);
    fields.readSettings(empty, &read);
    QCOMPARE(read.idleTimeoutMs, 0);
    QCOMPARE(read.receiveBuffer, 0);
}

void tst_ConnectionOptionFields::editable()
{
    QWidget form;
    ConnectionOptionFields fields(QStringLiteral("server/advanced/"), &form);
    auto *flow = new FlowLayout(&form);
    fields.addDeadlines(flow);
    fields.addBuffers(flow);
    QCOMPARE(flow->count(), 5);
    const QList<QSpinBox *> spins = form.findChildren<QSpinBox *>();
    QCOMPARE(spins.size(), 5);
    fields.setEditable(false);
    for (const QSpinBox *spin : spins)
        QVERIFY2(!spin->isEnabled(), qPrintable(spin->objectName()));
    fields.setEditable(true);
    for (const QSpinBox *spin : spins)
        QVERIFY2(spin->isEnabled(), qPrintable(spin->objectName()));
}

void tst_ConnectionOptionFields::readOnce_data()
{
    QTest::addColumn<qint64>("slice");
    QTest::addColumn<qint64>("bytes");
    QTest::newRow("slice") << qint64(4) << qint64(4);
    QTest::newRow("no slice") << qint64(0) << qint64(64 * 1024);
}

void tst_ConnectionOptionFields::readOnce()
{
    QFETCH(qint64, slice);
    QFETCH(qint64, bytes);
    QWidget form;
    ConnectionOptionFields fields(QStringLiteral("client/advanced/"), &form);
    QPushButton *button = fields.readOnceButton();
    QCOMPARE(button->objectName(), QStringLiteral("readOnceButton"));
    QVERIFY(!button->isEnabled());
    ConnectionOptions options;
    options.readSlice = slice;
    fields.set(options);
    fields.setReadOnceEnabled(true);
    QSignalSpy requested(&fields, &ConnectionOptionFields::readOnceRequested);
    button->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(0).toLongLong(), bytes);
}

QTEST_MAIN(tst_ConnectionOptionFields)
#include "tst_connectionoptionfields.moc"
