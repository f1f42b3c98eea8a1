// SPDX-License-Identifier: GPL-3.0-or-later
// How the text view shows bytes: UTF-8 sequences (valid, invalid, overlong,
// surrogates, cut), control characters, what draws on its own, and how a
// line is split into the strings and single glyphs that are painted.
#include "views/textglyphs.h"

#include <QFontDatabase>
#include <QFontMetricsF>
#include <QTest>

using namespace TcpInspector;

class tst_TextGlyphs : public QObject
{
    Q_OBJECT

private slots:
    void utf8Sequence_data();
    void utf8Sequence();
    void glyph_data();
    void glyph();
    void controlName();
    void drawable_data();
    void drawable();
    void split_data();
    void split();
    void splitWithoutCellSafeGlyphs();
    void measureTheSystemFixedFont();
};

void tst_TextGlyphs::utf8Sequence_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("length");
    QTest::addColumn<uint>("codePoint");
    QTest::newRow("ascii") << QByteArray("a") << 0 << 0u;
    QTest::newRow("2 bytes, é") << QByteArray("\xc3\xa9") << 2 << 0xe9u;
    QTest::newRow("2 bytes, lowest") << QByteArray("\xc2\x80") << 2 << 0x80u;
    QTest::newRow("3 bytes, 中") << QByteArray("\xe4\xb8\xad") << 3 << 0x4e2du;
    QTest::newRow("3 bytes, lowest") << QByteArray("\xe0\xa0\x80") << 3 << 0x800u;
    QTest::newRow("3 bytes, highest") << QByteArray("\xef\xbf\xbf") << 3 << 0xffffu;
    QTest::newRow("4 bytes, emoji") << QByteArray("\xf0\x9f\x98\x80") << 4 << 0x1f600u;
    QTest::newRow("4 bytes, highest") << QByteArray("\xf4\x8f\xbf\xbf") << 4 << 0x10ffffu;
    QTest::newRow("followed by more") << QByteArray("\xc3\xa9z") << 2 << 0xe9u;
    QTest::newRow("stray continuation") << QByteArray("\x80\x80") << 0 << 0u;
    QTest::newRow("overlong 2 bytes, C0") << QByteArray("\xc0\x80") << 0 << 0u;
    QTest::newRow("overlong 2 bytes, C1") << QByteArray("\xc1\xbf") << 0 << 0u;
    QTest::newRow("overlong 3 bytes") << QByteArray("\xe0\x9f\xbf") << 0 << 0u;
    QTest::newRow("overlong 4 bytes") << QByteArray("\xf0\x8f\xbf\xbf") << 0 << 0u;
    QTest::newRow("surrogate, high") << QByteArray("\xed\xa0\x80") << 0 << 0u;
    QTest::newRow("surrogate, low") << QByteArray("\xed\xbf\xbf") << 0 << 0u;
    QTest::newRow("before the surrogates") << QByteArray("\xed\x9f\xbf") << 3 << 0xd7ffu;
    QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << 0 << 0u;
    QTest::newRow("F5 lead") << QByteArray("\xf5\x80\x80\x80") << 0 << 0u;
    QTest::newRow("FF") << QByteArray("\xff") << 0 << 0u;
    QTest::newRow("cut after 1 of 2") << QByteArray("\xc3") << 0 << 0u;
    QTest::newRow("cut after 2 of 3") << QByteArray("\xe4\xb8") << 0 << 0u;
    QTest::newRow("cut after 3 of 4") << QByteArray("\xf0\x9f\x98") << 0 << 0u;
    QTest::newRow("bad second byte") << QByteArray("\xc3(") << 0 << 0u;
    QTest::newRow("bad third byte") << QByteArray("\xe4\xb8(") << 0 << 0u;
    QTest::newRow("bad fourth byte") << QByteArray("\xf0\x9f\x98\xc0") << 0 << 0u;
}

void tst_TextGlyphs::utf8Sequence()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, length);
    QFETCH(uint, codePoint);
    char32_t found = 0;
    const auto *units = reinterpret_cast<const uchar *>(bytes.constData());
    QCOMPARE(TextGlyphs::utf8Sequence(units, bytes.size(), &found), length);
    if (length > 0)
        QCOMPARE(uint(found), codePoint);
    // Fewer bytes than the sequence needs: none.
    if (length > 0)
        QCOMPARE(TextGlyphs::utf8Sequence(units, length - 1, &found), 0);
}

void tst_TextGlyphs::glyph_data()
{
    QTest::addColumn<int>("byte");
    QTest::addColumn<int>("glyph");
    QTest::addColumn<bool>("printable");
    QTest::addColumn<bool>("control");
    QTest::newRow("NUL") << 0x00 << 0x2400 << false << true;
    QTest::newRow("LF") << 0x0a << 0x240a << false << true;
    QTest::newRow("CR") << 0x0d << 0x240d << false << true;
    QTest::newRow("US") << 0x1f << 0x241f << false << true;
    QTest::newRow("space") << 0x20 << 0x20 << true << false;
    QTest::newRow("A") << 0x41 << 0x41 << true << false;
    QTest::newRow("~") << 0x7e << 0x7e << true << false;
    QTest::newRow("DEL") << 0x7f << 0x2421 << false << true;
    QTest::newRow("0x80") << 0x80 << 0xb7 << false << false;
    QTest::newRow("0xff") << 0xff << 0xb7 << false << false;
}

void tst_TextGlyphs::glyph()
{
    QFETCH(int, byte);
    QFETCH(int, glyph);
    QFETCH(bool, printable);
    QFETCH(bool, control);
    QCOMPARE(TextGlyphs::glyph(uchar(byte)).unicode(), glyph);
    QCOMPARE(TextGlyphs::printableAscii(uchar(byte)), printable);
    QCOMPARE(TextGlyphs::control(uchar(byte)), control);
    QCOMPARE(TextGlyphs::controlName(uchar(byte)).isEmpty(), !control);
}

void tst_TextGlyphs::controlName()
{
    QCOMPARE(TextGlyphs::controlName(0x00), QLatin1String("NUL"));
    QCOMPARE(TextGlyphs::controlName(0x09), QLatin1String("HT"));
    QCOMPARE(TextGlyphs::controlName(0x0a), QLatin1String("LF"));
    QCOMPARE(TextGlyphs::controlName(0x1b), QLatin1String("ESC"));
    QCOMPARE(TextGlyphs::controlName(0x1f), QLatin1String("US"));
    QCOMPARE(TextGlyphs::controlName(0x7f), QLatin1String("DEL"));
}

void tst_TextGlyphs::drawable_data()
{
    QTest::addColumn<uint>("codePoint");
    QTest::addColumn<bool>("drawable");
    QTest::newRow("letter é") << 0xe9u << true;
    QTest::newRow("CJK 中") << 0x4e2du << true;
    QTest::newRow("emoji") << 0x1f600u << true;
    QTest::newRow("no-break space") << 0xa0u << true;
    QTest::newRow("C1 control") << 0x85u << false;
    QTest::newRow("combining acute") << 0x301u << false;
    QTest::newRow("spacing combining") << 0x903u << false;
    QTest::newRow("enclosing circle") << 0x20ddu << false;
    QTest::newRow("zero width space") << 0x200bu << false;
    QTest::newRow("soft hyphen") << 0xadu << false;
    QTest::newRow("BOM") << 0xfeffu << false;
    QTest::newRow("line separator") << 0x2028u << false;
    QTest::newRow("paragraph separator") << 0x2029u << false;
    QTest::newRow("private use") << 0xe000u << false;
    QTest::newRow("unassigned") << 0x378u << false;
}

void tst_TextGlyphs::drawable()
{
    QFETCH(uint, codePoint);
    QFETCH(bool, drawable);
    QCOMPARE(TextGlyphs::drawable(char32_t(codePoint)), drawable);
}

void tst_TextGlyphs::split_data()
{
    // Every glyph one cell wide: a line is its two strings and the UTF-8
    // characters, "_" a blank cell.
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("normal");
    QTest::addColumn<QString>("dim");
    QTest::addColumn<QString>("singles"); ///< "cell:text" pairs
    const QString dot(QChar(0xb7));
    QTest::newRow("ascii") << QByteArray("GET /") << QStringLiteral("GET /")
                           << QStringLiteral("_____") << QString();
    QTest::newRow("controls") << QByteArray("a\r\n\x7f", 4) << QStringLiteral("a___")
                              << QStringLiteral("_\u240d\u240a\u2421") << QString();
    QTest::newRow("NUL") << QByteArray("\0x", 2) << QStringLiteral("_x")
                         << QStringLiteral("\u2400_") << QString();
    QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9!") << QStringLiteral("caf__!")
                           << QStringLiteral("______") << QStringLiteral("3:\u00e9");
    QTest::newRow("cjk") << QByteArray("\xe4\xb8\xad\xe6\x96\x87") << QStringLiteral("______")
                         << QStringLiteral("______") << QStringLiteral("0:\u4e2d 3:\u6587");
    QTest::newRow("emoji") << QByteArray("\xf0\x9f\x98\x80") << QStringLiteral("____")
                           << QStringLiteral("____") << QStringLiteral("0:\U0001f600");
    QTest::newRow("invalid") << QByteArray("\xff\x80") << QStringLiteral("__") << dot + dot
                             << QString();
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << QStringLiteral("__") << dot + dot
                              << QString();
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QStringLiteral("___")
                               << dot + dot + dot << QString();
    QTest::newRow("cut at the end") << QByteArray("a\xe4\xb8") << QStringLiteral("a__")
                                    << QStringLiteral("_") + dot + dot << QString();
    QTest::newRow("combining mark alone")
        << QByteArray("\xcc\x81") << QStringLiteral("__") << dot + dot << QString();
    QTest::newRow("zero width space")
        << QByteArray("\xe2\x80\x8b") << QStringLiteral("___") << dot + dot + dot << QString();
}

void tst_TextGlyphs::split()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, normal);
    QFETCH(QString, dim);
    QFETCH(QString, singles);
    const TextGlyphs glyphs;
    const TextGlyphs::Line line = glyphs.split(bytes.constData(), int(bytes.size()));
    const auto blanks = [](QString text) {
        return text.replace(QLatin1Char('_'), QLatin1Char(' '));
    };
    QCOMPARE(line.normal, blanks(normal));
    QCOMPARE(line.dim, blanks(dim));
    QStringList found;
    for (const TextGlyphs::Line::Single &single : line.singles) {
        QVERIFY(!single.dim);
        found << QStringLiteral("%1:%2").arg(single.byte).arg(single.text);
    }
    QCOMPARE(found.join(QLatin1Char(' ')), singles);
    QVERIFY(line.pictures.empty());
}

void tst_TextGlyphs::splitWithoutCellSafeGlyphs()
{
    // A font without the control pictures and the middle dot: control bytes
    // become pictures, the dots single glyphs, the rest stays in the strings.
    TextGlyphs glyphs;
    for (int byte : {0x00, 0x0a, 0x7f, 0x80, 0xff})
        glyphs.setCellSafe(uchar(byte), false);
    QVERIFY(!glyphs.cellSafe(0x0a));
    QVERIFY(glyphs.cellSafe('a'));
    const QByteArray bytes("a\n\x7f\xff\x80\xc3\xa9", 7);
    const TextGlyphs::Line line = glyphs.split(bytes.constData(), int(bytes.size()));
    QCOMPARE(line.normal, QStringLiteral("a      "));
    QCOMPARE(line.dim, QStringLiteral("       "));
    QCOMPARE(line.pictures.size(), size_t(2));
    QCOMPARE(line.pictures[0], std::make_pair(1, uchar(0x0a)));
    QCOMPARE(line.pictures[1], std::make_pair(2, uchar(0x7f)));
    QCOMPARE(line.singles.size(), size_t(3));
    QCOMPARE(line.singles[0].byte, 3);
    QCOMPARE(line.singles[0].text, QString(QChar(0xb7)));
    QVERIFY(line.singles[0].dim);
    QCOMPARE(line.singles[1].byte, 4);
    QCOMPARE(line.singles[2].byte, 5);
    QCOMPARE(line.singles[2].text, QStringLiteral("\u00e9"));
    QVERIFY(!line.singles[2].dim);
}

void tst_TextGlyphs::measureTheSystemFixedFont()
{
    // Whatever the font has, printable ASCII in a fixed font fills one cell.
    const QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QFontMetricsF metrics(font);
    const qreal cell = metrics.horizontalAdvance(QString(64, QLatin1Char('0'))) / 64;
    TextGlyphs glyphs;
    glyphs.measure(metrics, cell);
    for (int byte = 0x20; byte < 0x7f; ++byte)
        QVERIFY2(glyphs.cellSafe(uchar(byte)), qPrintable(QString::number(byte, 16)));
    // A cell twice as wide fits none of them.
    glyphs.measure(metrics, 2 * cell);
    QVERIFY(!glyphs.cellSafe('a'));
}

QTEST_MAIN(tst_TextGlyphs)
#include "tst_textglyphs.moc"
