// SPDX-License-Identifier: GPL-3.0-or-later
// Received bytes cannot spoof the display (docs/ROBUSTNESS.md): bidi
// overrides and isolates, zero-width and terminal escapes never reach a
// string that is drawn or printed as themselves, in the text view's cells or
// in the previews of the message and chunk tables, the CLI and exports.
#include "models/messagetablemodel.h"
#include "stream/bytepreview.h"
#include "stream/streamchannel.h"
#include "views/textglyphs.h"

#include <QTest>
#include <QTextDocument>

using namespace TcpInspector;

namespace {

/// The code points that reorder or hide text around them.
const char32_t spoofers[] = {
    0x202a, 0x202b, 0x202c, 0x202d, 0x202e, // LRE RLE PDF LRO RLO
    0x2066, 0x2067, 0x2068, 0x2069,         // LRI RLI FSI PDI
    0x200e, 0x200f, 0x061c,                 // LRM RLM ALM
    0x200b, 0x200d, 0x2060, 0xfeff,         // zero width: space, joiner, word joiner, BOM
};

QByteArray utf8(char32_t codePoint)
{
    return QString(QChar(char16_t(codePoint))).toUtf8(); // all of them are in the BMP
}

} // namespace

class tst_DisplaySafety : public QObject
{
    Q_OBJECT

private slots:
    void bidiAndZeroWidthAreNeverDrawn();
    void textViewDrawsRightToLeftLettersOneCellEach();
    void previewsEscapeEverythingPastAscii();
    void errorTooltipsShowWireTextAsText();
};

void tst_DisplaySafety::bidiAndZeroWidthAreNeverDrawn()
{
    TextGlyphs glyphs;
    for (char32_t codePoint : spoofers) {
        QVERIFY2(!TextGlyphs::drawable(codePoint), qPrintable(QString::number(codePoint, 16)));
        // "user" RLO "gpj.exe": a file name that would read "userexe.jpg".
        const QByteArray bytes = "user" + utf8(codePoint) + "gpj.exe";
        const TextGlyphs::Line line = glyphs.split(bytes.constData(), int(bytes.size()));
        const QString drawn = line.normal + line.dim + [&] {
            QString all;
            for (const auto &single : line.singles)
                all += single.text;
            return all;
        }();
        QVERIFY2(!drawn.toUcs4().contains(uint(codePoint)),
                 qPrintable(QString::number(codePoint, 16)));
        // Each of its bytes keeps a cell of its own, so the text after it
        // stays where it is.
        QCOMPARE(line.normal.size(), bytes.size());
        QCOMPARE(line.normal.left(4), QStringLiteral("user"));
        QCOMPARE(line.normal.right(7), QStringLiteral("gpj.exe"));
        const qsizetype width = utf8(codePoint).size();
        QVERIFY(width >= 2);
        for (qsizetype i = 4; i < 4 + width; ++i)
            QCOMPARE(line.dim.at(i), QChar(0xb7)); // a middle dot per byte
    }
}

void tst_DisplaySafety::textViewDrawsRightToLeftLettersOneCellEach()
{
    // Hebrew letters draw, but one by one at their own cell: a right-to-left
    // run cannot carry the ASCII around it into another order.
    TextGlyphs glyphs;
    const QByteArray bytes = "ab\xd7\x90\xd7\x91"
                             "cd";
    const TextGlyphs::Line line = glyphs.split(bytes.constData(), int(bytes.size()));
    QCOMPARE(line.singles.size(), size_t(2));
    QCOMPARE(line.singles[0].byte, 2);
    QCOMPARE(line.singles[0].text, QString(QChar(0x05d0)));
    QCOMPARE(line.singles[1].byte, 4);
    QCOMPARE(line.normal, QStringLiteral("ab    cd"));
}

void tst_DisplaySafety::previewsEscapeEverythingPastAscii()
{
    for (char32_t codePoint : spoofers) {
        const QString preview = bytePreview("a" + utf8(codePoint) + "b");
        for (QChar c : preview)
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() < 0x7f, qPrintable(preview));
        QVERIFY2(preview.startsWith(QLatin1String("a\\x")), qPrintable(preview));
    }
    // A terminal escape (set the window title, clear the screen) is text.
    QCOMPARE(bytePreview("\x1b]0;owned\x07\x1b[2J"), QStringLiteral("\\x1b]0;owned\\x07\\x1b[2J"));
    QCOMPARE(bytePreview(QByteArray("\r\n\0", 3)), QStringLiteral("\\r\\n\\x00"));
}

void tst_DisplaySafety::errorTooltipsShowWireTextAsText()
{
    // An HTTP error quotes the bad line; as a tooltip, "<h1>" would be HTML
    // (Qt::mightBeRichText) and the peer could draw what it likes there.
    StreamChannel channel(Direction::Rx);
    QString error;
    QVERIFY2(channel.setFraming(QStringLiteral("http"), &error), qPrintable(error));
    const QByteArray bytes = "GET / HTTP/1.1\r\n<h1>Trust me</h1>\r\n\r\n";
    channel.append(bytes.constData(), bytes.size(), 0);
    MessageTableModel model;
    model.setChannel(&channel);
    model.refresh();
    QCOMPARE(model.errorCount(), 1);
    const int row = model.rowOfError(0);
    const QString tip = model.data(model.index(row, 0), Qt::ToolTipRole).toString();
    QTextDocument shown;
    if (Qt::mightBeRichText(tip))
        shown.setHtml(tip);
    else
        shown.setPlainText(tip);
    QVERIFY2(shown.toPlainText().contains(QLatin1String("<h1>Trust me</h1>")), qPrintable(tip));
}

QTEST_MAIN(tst_DisplaySafety)
#include "tst_displaysafety.moc"
