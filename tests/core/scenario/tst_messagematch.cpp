// SPDX-License-Identifier: GPL-3.0-or-later
// Matching a message: exact, prefix, contains, regex, and what each captures.
#include "scenario/messagematch.h"

#include <QTest>

using namespace TcpInspector;

class tst_MessageMatch : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void regexGroups();
    void invalidRegex();
    void keys();
    void describe();
};

void tst_MessageMatch::matches_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("matched");
    QTest::addColumn<QByteArray>("captured");

    QTest::newRow("exact") << "exact" << QByteArray("+OK") << QByteArray("+OK") << true
                           << QByteArray("+OK");
    QTest::newRow("exact, longer")
        << "exact" << QByteArray("+OK") << QByteArray("+OK\r\n") << false << QByteArray();
    QTest::newRow("exact, binary")
        << "exact" << QByteArray("\x00\xff", 2) << QByteArray("\x00\xff", 2) << true
        << QByteArray("\x00\xff", 2);
    QTest::newRow("exact, empty") << "exact" << QByteArray() << QByteArray() << true
                                  << QByteArray();
    QTest::newRow("prefix: the rest is captured")
        << "prefix" << QByteArray("TOKEN ") << QByteArray("TOKEN abc") << true << QByteArray("abc");
    QTest::newRow("prefix, whole")
        << "prefix" << QByteArray("ab") << QByteArray("ab") << true << QByteArray();
    QTest::newRow("prefix, no") << "prefix" << QByteArray("ab") << QByteArray("xab") << false
                                << QByteArray();
    QTest::newRow("contains") << "contains" << QByteArray("lo w") << QByteArray("hello world")
                              << true << QByteArray("hello world");
    QTest::newRow("contains, no") << "contains" << QByteArray("low") << QByteArray("hello world")
                                  << false << QByteArray();
    QTest::newRow("contains, case")
        << "contains" << QByteArray("HELLO") << QByteArray("hello") << false << QByteArray();
    QTest::newRow("regex searches")
        << "regex" << QByteArray("\\d+") << QByteArray("id=42;") << true << QByteArray("42");
    QTest::newRow("regex, group 1")
        << "regex" << QByteArray("id=(\\d+)") << QByteArray("id=42;") << true << QByteArray("42");
    QTest::newRow("regex, anchored")
        << "regex" << QByteArray("^\\d+$") << QByteArray("id=42") << false << QByteArray();
    QTest::newRow("regex, UTF-8") << "regex" << QByteArray("^你(.)$") << QByteArray("你好") << true
                                  << QByteArray("好");
    QTest::newRow("regex, CRLF") << "regex" << QByteArray("^OK\\r\\n$") << QByteArray("OK\r\n")
                                 << true << QByteArray("OK\r\n");
}

void tst_MessageMatch::matches()
{
    QFETCH(QString, mode);
    QFETCH(QByteArray, pattern);
    QFETCH(QByteArray, payload);
    QFETCH(bool, matched);
    QFETCH(QByteArray, captured);
    const MessageMatch match(*MessageMatch::modeFromKey(mode), pattern);
    QVERIFY(match.isValid());
    QCOMPARE(match.matches(payload), matched);
    MessageMatch::Captures captures;
    QCOMPARE(match.matches(payload, &captures), matched);
    QCOMPARE(captures.value, captured);
}

void tst_MessageMatch::regexGroups()
{
    const MessageMatch match(MessageMatch::Mode::Regex,
                             "^(?<verb>[A-Z]+) (?<path>\\S+)(?: (?<version>HTTP/\\S+))?");
    QCOMPARE(match.namedGroups(), QStringList({"verb", "path", "version"}));
    MessageMatch::Captures captures;
    QVERIFY(match.matches("GET /index.html", &captures));
    QCOMPARE(captures.groups, QList<QByteArray>({"GET /index.html", "GET", "/index.html"}));
    QCOMPARE(captures.value, QByteArray("GET"));
    QCOMPARE(captures.named.value(QStringLiteral("verb")), QByteArray("GET"));
    QCOMPARE(captures.named.value(QStringLiteral("path")), QByteArray("/index.html"));
    // A group that took no part in the match sets no variable.
    QVERIFY(!captures.named.contains(QStringLiteral("version")));
    QVERIFY(match.matches("PUT /x HTTP/1.1", &captures));
    QCOMPARE(captures.named.value(QStringLiteral("version")), QByteArray("HTTP/1.1"));
    QCOMPARE(captures.groups.size(), 4);

    QVERIFY(MessageMatch(MessageMatch::Mode::Prefix, "a").namedGroups().isEmpty());
}

void tst_MessageMatch::invalidRegex()
{
    const MessageMatch match(MessageMatch::Mode::Regex, "ab(c");
    QVERIFY(!match.isValid());
    QCOMPARE(match.errorString(), QStringLiteral("missing closing parenthesis"));
    QCOMPARE(match.errorOffset(), 4);
    QVERIFY(!match.matches("ab(c"));
    QVERIFY(match.namedGroups().isEmpty());
    QVERIFY(MessageMatch(MessageMatch::Mode::Exact, "ab(c").isValid());
    QCOMPARE(MessageMatch(MessageMatch::Mode::Exact, "ab(c").errorOffset(), -1);
}

void tst_MessageMatch::keys()
{
    QCOMPARE(MessageMatch::modeKeys(), QStringList({"exact", "prefix", "contains", "regex"}));
    for (const QString &key : MessageMatch::modeKeys())
        QCOMPARE(MessageMatch::modeKey(*MessageMatch::modeFromKey(key)), key);
    QVERIFY(!MessageMatch::modeFromKey(QStringLiteral("hex")));
    QVERIFY(!MessageMatch::modeFromKey(QStringLiteral("Exact")));
}

void tst_MessageMatch::describe()
{
    QCOMPARE(MessageMatch(MessageMatch::Mode::Prefix, "+OK \"x\"\r\n\x01").describe(),
             QStringLiteral("prefix \"+OK \\\"x\\\"\\r\\n\\x01\""));
    QCOMPARE(MessageMatch(MessageMatch::Mode::Regex, "^\\d+$").describe(),
             QStringLiteral("regex \"^\\d+$\""));
    QCOMPARE(MessageMatch().describe(), QStringLiteral("exact \"\""));
}

QTEST_GUILESS_MAIN(tst_MessageMatch)
#include "tst_messagematch.moc"
