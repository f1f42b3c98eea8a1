// SPDX-License-Identifier: GPL-3.0-or-later
// JsonLine's string escaping: every line must parse as JSON whatever the
// bytes, and the const char * path must write what the QString path writes.
#include "jsonline.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace TcpInspector;

class tst_JsonLine : public QObject
{
    Q_OBJECT

private slots:
    void escapes_data();
    void escapes();
    void keysKeepTheirOrder();
};

void tst_JsonLine::escapes_data()
{
    QTest::addColumn<QByteArray>("utf8");
    QTest::addColumn<QByteArray>("literal");
    QTest::newRow("empty") << QByteArray() << QByteArray(R"("")");
    QTest::newRow("plain") << QByteArray("rx") << QByteArray(R"("rx")");
    QTest::newRow("quote") << QByteArray("a\"b") << QByteArray(R"("a\"b")");
    QTest::newRow("backslash") << QByteArray("a\\b") << QByteArray(R"("a\\b")");
    QTest::newRow("line ends") << QByteArray("a\r\n\tb") << QByteArray(R"("a\r\n\tb")");
    QTest::newRow("controls") << QByteArray("\x01x\x1f", 3) << QByteArray(R"("\u0001x\u001f")");
    QTest::newRow("nul") << QByteArray("a\0b", 3) << QByteArray(R"("a\u0000b")");
    QTest::newRow("escape last") << QByteArray("ab\"") << QByteArray(R"("ab\"")");
    QTest::newRow("utf-8") << QByteArray("h\xc3\xa9llo \xe4\xb8\xad")
                           << QByteArray("\"h\xc3\xa9llo \xe4\xb8\xad\"");
}

void tst_JsonLine::escapes()
{
    QFETCH(QByteArray, utf8);
    QFETCH(QByteArray, literal);
    QByteArray out("x");
    appendJsonString(out, utf8.constData(), utf8.size());
    QCOMPARE(out, "x" + literal);
    QCOMPARE(jsonString(QString::fromUtf8(utf8)), literal);

    const QByteArray viaChars = JsonLine().add("k", utf8.constData()).toLine();
    const QByteArray viaString = JsonLine().add("k", QString::fromUtf8(utf8)).toLine();
    if (!utf8.contains('\0')) // a C string ends at its NUL
        QCOMPARE(viaChars, viaString);
    const QJsonObject parsed = QJsonDocument::fromJson(viaString).object();
    QCOMPARE(parsed.value(QStringLiteral("k")).toString(), QString::fromUtf8(utf8));
}

void tst_JsonLine::keysKeepTheirOrder()
{
    JsonLine line;
    line.add("event", "message").add("index", qint64(7)).add("fatal", false).addNull("why");
    line.addPair("range", 1, 2);
    QCOMPARE(line.toLine(),
             QByteArray(R"({"event":"message","index":7,"fatal":false,"why":null,"range":[1,2]})"
                        "\n"));
    QCOMPARE(line.openText() + "}\n", line.toLine());
}

QTEST_GUILESS_MAIN(tst_JsonLine)
#include "tst_jsonline.moc"
