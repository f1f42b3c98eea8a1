// SPDX-License-Identifier: GPL-3.0-or-later
// The one byte-text grammar: hex and C escapes as users type them, every
// error with the place it points at, and escaping that reads back.
#include "stream/bytepreview.h"
#include "text/bytetext.h"

#include <QRandomGenerator>
#include <QTest>

using namespace TcpInspector;

namespace {
const QString hexDigitFix = QStringLiteral(" Hex digits are 0-9 and a-f; put spaces or ':' between "
                                           "bytes.");
const QString pairFix = QStringLiteral(" Write each byte as two digits (0a, not a).");
const QString validEscapes = QStringLiteral(" Valid escapes: \\r \\n \\t \\0 \\\\ \\\" \\' \\xHH.");

// where: "column 5" or "line 2, column 3"
QString notHex(const QString &what, const QString &where)
{
    return QStringLiteral("Not a hex digit: '%1' at %2.").arg(what, where) + hexDigitFix;
}

QString lonePair(const QString &digit, const QString &where)
{
    return QStringLiteral("Hex digits come in pairs: '%1' at %2 has no partner.").arg(digit, where)
           + pairFix;
}

QString bare0x(const QString &where)
{
    return QStringLiteral("'0x' at %1 needs hex digits after it.").arg(where);
}

QString unknownEscape(const QString &what, const QString &where)
{
    return QStringLiteral("Unknown escape '\\%1' at %2.").arg(what, where) + validEscapes;
}

QString shortX(const QString &where)
{
    return QStringLiteral("'\\x' at %1 needs two hex digits, as in \\x0a.").arg(where);
}

QString loneBackslash(const QString &where)
{
    return QStringLiteral("A lone backslash at %1 ends the text; write \\\\ for a backslash.")
        .arg(where);
}

QByteArray allByteValues()
{
    QByteArray bytes(256, '\0');
    for (int i = 0; i < 256; ++i)
        bytes[i] = char(i);
    return bytes;
}

// An independent reading of the escape grammar for the exhaustive check: the
// bytes, or the index of the backslash the first error is at.
bool referenceUnescape(const QString &text, QByteArray *bytes, qsizetype *errorAt)
{
    const auto isHex = [](QChar c) {
        return QStringLiteral("0123456789abcdefABCDEF").contains(c);
    };
    bytes->clear();
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != u'\\') {
            *bytes += QString(text.at(i)).toUtf8();
            continue;
        }
        const QChar e = i + 1 < text.size() ? text.at(i + 1) : QChar();
        const qsizetype named = QStringLiteral("rnt0\\\"'").indexOf(e);
        if (!e.isNull() && named >= 0) {
            *bytes += "\r\n\t\0\\\"'"[named];
            ++i;
        } else if (e == u'x' && i + 3 < text.size() && isHex(text.at(i + 2))
                   && isHex(text.at(i + 3))) {
            *bytes += char(text.mid(i + 2, 2).toInt(nullptr, 16));
            i += 3;
        } else {
            *errorAt = i;
            return false;
        }
    }
    return true;
}
} // namespace

class tst_ByteText : public QObject
{
    Q_OBJECT

private slots:
    void parseHex_data();
    void parseHex();
    void parseCEscapes_data();
    void parseCEscapes();
    void messagesAreWholeSentences_data();
    void messagesAreWholeSentences();
    void escapesAgreeWithAReference();
    void escape_data();
    void escape();
    void escapeReadsBack();
    void hexDumpsReadBack();
    void bytePreview_data();
    void bytePreview();
};

// Columns: the text; the bytes when valid; else the index and length of what
// is marked, its line and column, and the message.
static void addParseColumns()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("position"); // -1 when valid
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("error");
}

static void addValid(const char *name, const QString &text, const QByteArray &bytes)
{
    QTest::newRow(name) << text << bytes << -1 << 0 << 0 << 0 << QString();
}

static void addError(const char *name, const QString &text, int position, int length, int line,
                     int column, const QString &error)
{
    QTest::newRow(name) << text << QByteArray() << position << length << line << column << error;
}

void tst_ByteText::parseHex_data()
{
    addParseColumns();
    const QString c1 = QStringLiteral("column 1");
    addValid("empty", QString(), {});
    addValid("only spaces", QStringLiteral(" \n\t "), {});
    addValid("only separators", QStringLiteral(" ,:\r\n"), {});
    addValid("spaced", QStringLiteral("48 65 6c"), "Hel");
    addValid("run", QStringLiteral("48656C6c"), "Hell");
    addValid("0x each", QStringLiteral("0x48 0X65"), "He");
    addValid("0x run", QStringLiteral("0x4865"), "He");
    addValid("commas", QStringLiteral("0x48,0x65, 0x6c,"), "Hel");
    addValid("colons", QStringLiteral("de:ad:be:ef"), "\xde\xad\xbe\xef");
    addValid("lines and tabs", QStringLiteral("DE AD\n\tbe\r\nef\n"), "\xde\xad\xbe\xef");
    addValid("no-break space separates", QStringLiteral("48\u00a065"), "He");
    addValid("zeros", QStringLiteral("00 0x00"), QByteArray(2, '\0'));
    // What --send-hex, --reply hex: and delim:hex= took before they shared this grammar.
    addValid("framing plain", QStringLiteral("0d0a"), "\r\n");
    addValid("framing spaced upper", QStringLiteral("0D 0A"), "\r\n");
    addValid("framing colons", QStringLiteral("de:ad"), "\xde\xad");
    addValid("framing tab", QStringLiteral("0d\t0a"), "\r\n");
    addValid("leading and doubled separators", QStringLiteral("::0d  ::0a:"), "\r\n");
    addValid("composer mix", QStringLiteral("0x48, 0x65\n0X6c:6C 6f0d0a"), "Hello\r\n");
    addValid("every value", QString::fromLatin1(allByteValues().toHex(' ')), allByteValues());

    addError("bad digit", QStringLiteral("48 6g"), 4, 1, 1, 5, notHex("g", "column 5"));
    addError("first character", QStringLiteral("hello"), 0, 1, 1, 1, notHex("h", c1));
    addError("the first of two", QStringLiteral("4z 6y"), 1, 1, 1, 2, notHex("z", "column 2"));
    addError("minus", QStringLiteral("48 -1"), 3, 1, 1, 4, notHex("-", "column 4"));
    addError("x not at a group's start", QStringLiteral("00x12"), 2, 1, 1, 3,
             notHex("x", "column 3"));
    addError("x without 0", QStringLiteral("48 x65"), 3, 1, 1, 4, notHex("x", "column 4"));
    addError("bad after 0x", QStringLiteral("0xg1"), 2, 1, 1, 3, notHex("g", "column 3"));
    addError("0x twice", QStringLiteral("0x0x12"), 3, 1, 1, 4, notHex("x", "column 4"));
    addError("semicolon", QStringLiteral("48;65"), 2, 1, 1, 3, notHex(";", "column 3"));
    addError("framing bad digit", QStringLiteral("0g"), 1, 1, 1, 2, notHex("g", "column 2"));
    addError("second line", QStringLiteral("48\n6z"), 4, 1, 2, 2, notHex("z", "line 2, column 2"));
    addError("accented", QStringLiteral("48 \u00e9"), 3, 1, 1, 4, notHex("\u00e9", "column 4"));
    addError("arabic-indic digit", QStringLiteral("4\u0663"), 1, 1, 1, 2,
             notHex("\u0663", "column 2"));
    addError("fullwidth letter", QStringLiteral("\uff21\uff21"), 0, 1, 1, 1, notHex("\uff21", c1));
    addError("emoji is one character", QString::fromUtf8("48 \xf0\x9f\x98\x80"), 3, 2, 1, 4,
             notHex(QString::fromUtf8("\xf0\x9f\x98\x80"), "column 4"));
    addError("columns count characters", QString::fromUtf8("\xf0\x9f\x98\x80 zz"), 0, 2, 1, 1,
             notHex(QString::fromUtf8("\xf0\x9f\x98\x80"), c1));
    addError("control shown by code point", QStringLiteral("48\a"), 2, 1, 1, 3,
             notHex("U+0007", "column 3"));
    addError("zero-width space", QStringLiteral("48\u200b65"), 2, 1, 1, 3,
             notHex("U+200B", "column 3"));

    addError("one digit", QStringLiteral("4"), 0, 1, 1, 1, lonePair("4", c1));
    addError("odd last group", QStringLiteral("48 6"), 3, 1, 1, 4, lonePair("6", "column 4"));
    addError("odd run", QStringLiteral("486"), 2, 1, 1, 3, lonePair("6", "column 3"));
    addError("framing odd", QStringLiteral("abc"), 2, 1, 1, 3, lonePair("c", "column 3"));
    addError("digits split by a space", QStringLiteral("4 8"), 0, 1, 1, 1, lonePair("4", c1));
    addError("framing split byte", QStringLiteral("0 a"), 0, 1, 1, 1, lonePair("0", c1));
    addError("digits split by a colon", QStringLiteral("de:a:d"), 3, 1, 1, 4,
             lonePair("a", "column 4"));
    addError("0x with one digit", QStringLiteral("0x1"), 2, 1, 1, 3, lonePair("1", "column 3"));
    addError("odd before a bad digit", QStringLiteral("abc g"), 2, 1, 1, 3,
             lonePair("c", "column 3"));
    addError("odd on line 3", QStringLiteral("48\n\n 0xA"), 7, 1, 3, 4,
             lonePair("A", "line 3, column 4"));

    addError("bare 0x", QStringLiteral("0x"), 0, 2, 1, 1, bare0x(c1));
    addError("0x then space", QStringLiteral("48 0x 65"), 3, 2, 1, 4, bare0x("column 4"));
    addError("0x then comma", QStringLiteral("0x,48"), 0, 2, 1, 1, bare0x(c1));
    addError("0x at the end", QStringLiteral("0x48\n0x"), 5, 2, 2, 1, bare0x("line 2, column 1"));
}

static void checkParse(const ByteText::ParseResult &result)
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    QFETCH(int, position);
    QFETCH(int, length);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, error);

    QCOMPARE(result.error, error);
    QCOMPARE(result.isValid(), position < 0);
    QCOMPARE(result.errorPosition, qsizetype(position));
    QCOMPARE(result.errorLength, qsizetype(length));
    QCOMPARE(result.errorLine, line);
    QCOMPARE(result.errorColumn, column);
    QCOMPARE(result.bytes, bytes);
    QVERIFY(result.errorPosition + result.errorLength <= text.size());
}

void tst_ByteText::parseHex()
{
    QFETCH(QString, text);
    checkParse(ByteText::parseHex(text));
}

void tst_ByteText::parseCEscapes_data()
{
    addParseColumns();
    const QString c1 = QStringLiteral("column 1");
    addValid("empty", QString(), {});
    addValid("plain", QStringLiteral("GET / HTTP/1.0"), "GET / HTTP/1.0");
    addValid("\\r", QStringLiteral("\\r"), "\r");
    addValid("\\n", QStringLiteral("\\n"), "\n");
    addValid("\\t", QStringLiteral("\\t"), "\t");
    addValid("\\0", QStringLiteral("\\0"), QByteArray(1, '\0'));
    addValid("\\0 is not octal", QStringLiteral("\\012"),
             QByteArray("\0"
                        "12",
                        3));
    addValid("\\\\", QStringLiteral("\\\\"), "\\");
    addValid("\\\"", QStringLiteral("\\\""), "\"");
    addValid("\\'", QStringLiteral("\\'"), "'");
    addValid("\\x00", QStringLiteral("\\x00"), QByteArray(1, '\0'));
    addValid("\\xff", QStringLiteral("\\xff"), "\xff");
    addValid("\\xAb mixed case", QStringLiteral("\\xAb"), "\xab");
    addValid("\\x takes two digits", QStringLiteral("\\x414"), "A4");
    addValid("all escapes", QStringLiteral("a\\r\\n\\t\\0\\\\\\\"\\'\\x41\\xfF"),
             QByteArray("a\r\n\t\0\\\"'A\xff", 10));
    addValid("utf-8", QStringLiteral("\u4e2d"), "\xe4\xb8\xad");
    addValid("emoji", QString::fromUtf8("\xf0\x9f\x98\x80!"), "\xf0\x9f\x98\x80!");
    addValid("escape between non-ASCII", QStringLiteral("\u00e9\\n\u4e2d"),
             "\xc3\xa9\n\xe4\xb8\xad");
    addValid("typed newline", QStringLiteral("a\nb"), "a\nb");
    addValid("quotes need no escape", QStringLiteral("say \"x\" 'y'"), "say \"x\" 'y'");
    addValid("resp", QStringLiteral("*1\\r\\n$4\\r\\nPING\\r\\n"), "*1\r\n$4\r\nPING\r\n");

    addError("unknown escape", QStringLiteral("ab\\qc"), 2, 2, 1, 3,
             unknownEscape("q", "column 3"));
    addError("unknown escape on line 2", QStringLiteral("ok\\n\n  \\e"), 7, 2, 2, 3,
             unknownEscape("e", "line 2, column 3"));
    for (const char *letter : {"a", "b", "e", "f", "v", "u", "U", "N", "1", "?", " "}) {
        const QString what
            = *letter == ' ' ? QStringLiteral("U+0020") : QString::fromLatin1(letter);
        addError(qPrintable(QStringLiteral("no \\%1").arg(QLatin1String(letter))),
                 QStringLiteral("\\") + QLatin1String(letter), 0, 2, 1, 1, unknownEscape(what, c1));
    }
    addError("escaped emoji", QString::fromUtf8("\\\xf0\x9f\x98\x80"), 0, 3, 1, 1,
             unknownEscape(QString::fromUtf8("\xf0\x9f\x98\x80"), c1));
    addError("escaped accent", QStringLiteral("x\\\u00e9"), 1, 2, 1, 2,
             unknownEscape("\u00e9", "column 2"));
    addError("escaped control", QStringLiteral("\\\a"), 0, 2, 1, 1, unknownEscape("U+0007", c1));
    addError("escaped new line", QStringLiteral("ab\\\ncd"), 2, 2, 1, 3,
             unknownEscape("U+000A", "column 3"));
    addError("short \\x", QStringLiteral("\\x4"), 0, 3, 1, 1, shortX(c1));
    addError("\\x then a letter", QStringLiteral("z\\x4g"), 1, 3, 1, 2, shortX("column 2"));
    addError("\\x then no digit", QStringLiteral("\\xg0"), 0, 2, 1, 1, shortX(c1));
    addError("\\x alone", QStringLiteral("\\x"), 0, 2, 1, 1, shortX(c1));
    addError("\\X is not \\x", QStringLiteral("\\X41"), 0, 2, 1, 1, unknownEscape("X", c1));
    addError("\\x on line 2", QStringLiteral("a\n\\x"), 2, 2, 2, 1, shortX("line 2, column 1"));
    addError("lone backslash", QStringLiteral("abc\\"), 3, 1, 1, 4, loneBackslash("column 4"));
    addError("only a backslash", QStringLiteral("\\"), 0, 1, 1, 1, loneBackslash(c1));
    addError("lone backslash on line 2", QStringLiteral("a\n\\"), 2, 1, 2, 1,
             loneBackslash("line 2, column 1"));
    addError("escaped backslash then bad", QStringLiteral("\\\\q\\q"), 3, 2, 1, 4,
             unknownEscape("q", "column 4"));
    addError("first error wins", QStringLiteral("\\q\\x"), 0, 2, 1, 1, unknownEscape("q", c1));
}

void tst_ByteText::parseCEscapes()
{
    QFETCH(QString, text);
    checkParse(ByteText::parseCEscapes(text));
}

// The sentences as a translator sees them: whole, with the place and the fix.
void tst_ByteText::messagesAreWholeSentences_data()
{
    QTest::addColumn<bool>("hex");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("not hex") << true << QStringLiteral("0g")
                             << QStringLiteral("Not a hex digit: 'g' at column 2. Hex digits are "
                                               "0-9 and a-f; put spaces or ':' between bytes.");
    QTest::newRow("not hex, line 2")
        << true << QStringLiteral("00\n0g")
        << QStringLiteral("Not a hex digit: 'g' at line 2, column 2. Hex digits are 0-9 and a-f; "
                          "put spaces or ':' between bytes.");
    QTest::newRow("pairs") << true << QStringLiteral("0a b")
                           << QStringLiteral("Hex digits come in pairs: 'b' at column 4 has no "
                                             "partner. Write each byte as two digits (0a, not a).");
    QTest::newRow("pairs, line 2")
        << true << QStringLiteral("\nb")
        << QStringLiteral("Hex digits come in pairs: 'b' at line 2, column 1 has no partner. "
                          "Write each byte as two digits (0a, not a).");
    QTest::newRow("0x") << true << QStringLiteral("0x")
                        << QStringLiteral("'0x' at column 1 needs hex digits after it.");
    QTest::newRow("0x, line 2") << true << QStringLiteral("\n0x")
                                << QStringLiteral("'0x' at line 2, column 1 needs hex digits after "
                                                  "it.");
    QTest::newRow("escape") << false << QStringLiteral("a\\q")
                            << QStringLiteral("Unknown escape '\\q' at column 2. Valid escapes: "
                                              "\\r \\n \\t \\0 \\\\ \\\" \\' \\xHH.");
    QTest::newRow("escape, line 2")
        << false << QStringLiteral("\n\\q")
        << QStringLiteral("Unknown escape '\\q' at line 2, column 1. Valid escapes: \\r \\n \\t "
                          "\\0 \\\\ \\\" \\' \\xHH.");
    QTest::newRow("\\x") << false << QStringLiteral("\\x1")
                         << QStringLiteral("'\\x' at column 1 needs two hex digits, as in \\x0a.");
    QTest::newRow("\\x, line 2")
        << false << QStringLiteral("\n\\x1")
        << QStringLiteral("'\\x' at line 2, column 1 needs two hex digits, as in \\x0a.");
    QTest::newRow("backslash")
        << false << QStringLiteral("\\")
        << QStringLiteral("A lone backslash at column 1 ends the text; write \\\\ for a "
                          "backslash.");
    QTest::newRow("backslash, line 2")
        << false << QStringLiteral("\n\\")
        << QStringLiteral("A lone backslash at line 2, column 1 ends the text; write \\\\ for a "
                          "backslash.");
}

void tst_ByteText::messagesAreWholeSentences()
{
    QFETCH(bool, hex);
    QFETCH(QString, text);
    QFETCH(QString, error);
    const ByteText::ParseResult result
        = hex ? ByteText::parseHex(text) : ByteText::parseCEscapes(text);
    QCOMPARE(result.error, error);
    QVERIFY(result.bytes.isEmpty());
}

void tst_ByteText::escapesAgreeWithAReference()
{
    // Every short string over an alphabet of escape-ish characters: the
    // parser fails exactly where the reference does, at a backslash, and
    // reads the same bytes otherwise.
    const QString alphabet = QStringLiteral("\\xnq0aF\"");
    int checked = 0;
    for (int length = 0; length <= 5; ++length) {
        int combinations = 1;
        for (int k = 0; k < length; ++k)
            combinations *= int(alphabet.size());
        for (int index = 0; index < combinations; ++index) {
            QString text;
            for (int k = 0, rest = index; k < length; ++k, rest /= int(alphabet.size()))
                text += alphabet.at(rest % alphabet.size());
            QByteArray expected;
            qsizetype errorAt = -1;
            const bool ok = referenceUnescape(text, &expected, &errorAt);
            const ByteText::ParseResult result = ByteText::parseCEscapes(text);
            QVERIFY2(result.isValid() == ok, qPrintable(text));
            if (ok) {
                QCOMPARE(result.bytes, expected);
            } else {
                QVERIFY2(result.errorPosition >= 0, qPrintable(text));
                QCOMPARE(text.at(result.errorPosition), QLatin1Char('\\'));
                QCOMPARE(result.errorPosition, errorAt);
                QVERIFY(!result.error.isEmpty());
            }
            ++checked;
        }
    }
    QCOMPARE(checked, 1 + 8 + 64 + 512 + 4096 + 32768);
}

void tst_ByteText::escape_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("options");
    QTest::addColumn<QString>("expected");
    const int none = 0;
    const int nul = ByteText::EscapeNul;
    const int quote = ByteText::EscapeDoubleQuote;
    const int utf8 = ByteText::KeepUtf8;
    QTest::newRow("empty") << QByteArray() << none << QString();
    QTest::newRow("printable ASCII")
        << QByteArray("Hi there ~!") << none << QStringLiteral("Hi there ~!");
    QTest::newRow("named escapes")
        << QByteArray("\r\n\t\\") << none << QStringLiteral("\\r\\n\\t\\\\");
    QTest::newRow("nul as hex") << QByteArray("a\0b", 3) << none << QStringLiteral("a\\x00b");
    QTest::newRow("nul as \\0") << QByteArray("a\0b", 3) << nul << QStringLiteral("a\\0b");
    QTest::newRow("quotes kept") << QByteArray("\"'") << none << QStringLiteral("\"'");
    QTest::newRow("double quote escaped") << QByteArray("\"'") << quote << QStringLiteral("\\\"'");
    QTest::newRow("controls and DEL")
        << QByteArray("\x01\x1b\x7f") << none << QStringLiteral("\\x01\\x1b\\x7f");
    QTest::newRow("utf-8 as bytes")
        << QByteArray("h\xc3\xa9") << none << QStringLiteral("h\\xc3\\xa9");
    QTest::newRow("utf-8 kept") << QByteArray("h\xc3\xa9 \xe4\xb8\xad") << utf8
                                << QStringLiteral("h\u00e9 \u4e2d");
    QTest::newRow("emoji kept") << QByteArray("\xf0\x9f\x98\x80") << utf8
                                << QString::fromUtf8("\xf0\x9f\x98\x80");
    QTest::newRow("invalid utf-8") << QByteArray("\xff\xfe"
                                                 "a\x80")
                                   << utf8 << QStringLiteral("\\xff\\xfea\\x80");
    QTest::newRow("truncated sequence")
        << QByteArray("\xe4\xb8") << utf8 << QStringLiteral("\\xe4\\xb8");
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << utf8 << QStringLiteral("\\xc0\\xaf");
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << utf8
                               << QStringLiteral("\\xed\\xa0\\x80");
    QTest::newRow("past U+10FFFF")
        << QByteArray("\xf4\x90\x80\x80") << utf8 << QStringLiteral("\\xf4\\x90\\x80\\x80");
    QTest::newRow("invisible characters as bytes")
        << QByteArray("a\xe2\x80\x8b"
                      "b\xc2\xa0"
                      "c\xc2\x85")
        << utf8 << QStringLiteral("a\\xe2\\x80\\x8bb\\xc2\\xa0c\\xc2\\x85");
    QTest::newRow("all options") << QByteArray("\"\0\xc3\xa9\\", 5) << (nul | quote | utf8)
                                 << QStringLiteral("\\\"\\0\u00e9\\\\");
}

void tst_ByteText::escape()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, options);
    QFETCH(QString, expected);
    QCOMPARE(ByteText::escape(bytes, ByteText::EscapeOptions(options)), expected);
}

void tst_ByteText::escapeReadsBack()
{
    // Random bytes, biased towards what escaping has to get right: controls,
    // backslashes, quotes and UTF-8 lead and continuation bytes.
    QRandomGenerator random(20261205);
    static const char trickyBytes[] = "\0\r\n\t\\\"'x0\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\xed\xa0";
    const QByteArray tricky(trickyBytes, sizeof trickyBytes - 1);
    QList<QByteArray> cases = {QByteArray(), allByteValues()};
    for (int n = 0; n < 400; ++n) {
        QByteArray bytes(random.bounded(1, 64), '\0');
        for (char &byte : bytes) {
            byte = random.bounded(2) ? char(random.bounded(256))
                                     : tricky.at(random.bounded(int(tricky.size())));
        }
        cases.append(bytes);
    }
    for (const QByteArray &bytes : std::as_const(cases)) {
        for (int options = 0; options < 8; ++options) {
            const QString text = ByteText::escape(bytes, ByteText::EscapeOptions(options));
            QVERIFY2(!text.contains(QLatin1Char('\n')), qPrintable(text)); // one line
            const ByteText::ParseResult back = ByteText::parseCEscapes(text);
            QVERIFY2(back.isValid(), qPrintable(back.error));
            QCOMPARE(back.bytes, bytes);
        }
    }
}

void tst_ByteText::hexDumpsReadBack()
{
    // The ways other programs write hex: QByteArray::toHex with and without
    // separators, upper case, and 0x items as in C and Go source.
    QRandomGenerator random(7);
    QList<QByteArray> cases = {allByteValues()};
    for (int n = 0; n < 100; ++n) {
        QByteArray bytes(random.bounded(1, 40), '\0');
        for (char &byte : bytes)
            byte = char(random.bounded(256));
        cases.append(bytes);
    }
    for (const QByteArray &bytes : std::as_const(cases)) {
        QStringList items;
        for (const char byte : bytes)
            items.append(QStringLiteral("0x%1").arg(uint(uchar(byte)), 2, 16, QLatin1Char('0')));
        const QStringList dumps = {
            QString::fromLatin1(bytes.toHex()),
            QString::fromLatin1(bytes.toHex(' ')),
            QString::fromLatin1(bytes.toHex(':')).toUpper(),
            items.join(QStringLiteral(", ")),
            items.join(QLatin1Char('\n')),
        };
        for (const QString &dump : dumps) {
            const ByteText::ParseResult back = ByteText::parseHex(dump);
            QVERIFY2(back.isValid(), qPrintable(back.error));
            QCOMPARE(back.bytes, bytes);
        }
    }
}

void tst_ByteText::bytePreview_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("maxBytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << 64 << QString();
    QTest::newRow("short") << QByteArray("PING\r\n") << 64 << QStringLiteral("PING\\r\\n");
    QTest::newRow("exactly max") << QByteArray("abcd") << 4 << QStringLiteral("abcd");
    QTest::newRow("cut") << QByteArray("abcde") << 4 << QStringLiteral("abcd...");
    QTest::newRow("nothing shown") << QByteArray("abc") << 0 << QStringLiteral("...");
    QTest::newRow("nul and utf-8 as bytes")
        << QByteArray("\0\xc3\xa9", 3) << 64 << QStringLiteral("\\x00\\xc3\\xa9");
    QTest::newRow("quote as itself") << QByteArray("\"\\") << 64 << QStringLiteral("\"\\\\");
}

void tst_ByteText::bytePreview()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, maxBytes);
    QFETCH(QString, expected);
    QCOMPARE(TcpInspector::bytePreview(bytes, maxBytes), expected);
}

QTEST_GUILESS_MAIN(tst_ByteText)
#include "tst_bytetext.moc"
