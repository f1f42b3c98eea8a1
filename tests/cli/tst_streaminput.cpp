// SPDX-License-Identifier: GPL-3.0-or-later
// StreamInput: the reads `decode` makes of a recorded stream, re-cut by --chunk.
#include "streaminput.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

class tst_StreamInput : public QObject
{
    Q_OBJECT

private slots:
    void chunkSizeRecutsTheReads_data();
    void chunkSizeRecutsTheReads();
    void missingFileSaysSo();
};

void tst_StreamInput::chunkSizeRecutsTheReads_data()
{
    QTest::addColumn<int>("bytes");
    QTest::addColumn<qint64>("chunkSize");
    QTest::addColumn<QList<qint64>>("sizes");

    QTest::newRow("as read") << 10 << qint64(0) << QList<qint64> {10};
    QTest::newRow("by 3") << 10 << qint64(3) << QList<qint64> {3, 3, 3, 1};
    QTest::newRow("by 5") << 10 << qint64(5) << QList<qint64> {5, 5};
    QTest::newRow("larger than the file") << 10 << qint64(64) << QList<qint64> {10};
    QTest::newRow("across 64 KiB reads")
        << 100000 << qint64(40000) << QList<qint64> {40000, 40000, 20000};
    QTest::newRow("empty") << 0 << qint64(3) << QList<qint64> {};
}

void tst_StreamInput::chunkSizeRecutsTheReads()
{
    QFETCH(int, bytes);
    QFETCH(qint64, chunkSize);
    QFETCH(QList<qint64>, sizes);
    QTemporaryDir dir;
    QByteArray content(bytes, 0);
    for (int i = 0; i < bytes; ++i)
        content[i] = char(i * 7);
    QFile file(dir.filePath(QStringLiteral("stream")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    StreamInput input;
    QString error;
    QVERIFY(input.open(file.fileName(), &error));
    QList<qint64> seen;
    QByteArray joined;
    QVERIFY(input.forEachRead(chunkSize, &error, [&](const char *data, qint64 size) {
        seen.append(size);
        joined.append(data, size);
    }));
    QCOMPARE(joined, content);
    QCOMPARE(seen, sizes);
}

void tst_StreamInput::missingFileSaysSo()
{
    StreamInput input;
    QString error;
    QVERIFY(!input.open(QStringLiteral("/nonexistent/stream"), &error));
    QVERIFY2(error.contains(QStringLiteral("/nonexistent/stream")), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_StreamInput)
#include "tst_streaminput.moc"
