// SPDX-License-Identifier: GPL-3.0-or-later
// The send composer driven as a user drives it: keys, clicks, drops. What it
// emits is checked byte for byte; marks and labels are checked on screen.
#include "composer/sendcomposer.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUrl>

#include <memory>

using namespace TcpInspector;

namespace {
// A composer on screen, with every request it emits kept.
struct Fixture
{
    Fixture()
    {
        composer.resize(900, composer.sizeHint().height());
        QObject::connect(&composer, &SendComposer::sendRequested,
                         [this](const SendRequest &request) { requests.append(request); });
        composer.show();
        composer.activateWindow();
        // Focus and shortcuts need an active window; tests that rely on them
        // check it again with QVERIFY.
        windowActive = QTest::qWaitForWindowActive(&composer);
    }

    template<typename T>
    T *child(const char *name) const
    {
        T *widget = composer.findChild<T *>(QLatin1String(name));
        if (!widget)
            qFatal("no child %s", name);
        return widget;
    }
    QPlainTextEdit *textEdit() const { return child<QPlainTextEdit>("textEdit"); }
    QPlainTextEdit *hexEdit() const { return child<QPlainTextEdit>("hexEdit"); }
    QLineEdit *filePathEdit() const { return child<QLineEdit>("filePathEdit"); }
    QPushButton *sendButton() const { return child<QPushButton>("sendButton"); }
    QPushButton *sendFinButton() const { return child<QPushButton>("sendFinButton"); }
    QLabel *label(const char *name) const { return child<QLabel>(name); }
    QSpinBox *spin(const char *name) const { return child<QSpinBox>(name); }

    void clickMode(const char *button)
    {
        QTest::mouseClick(child<QToolButton>(button), Qt::LeftButton);
    }
    // Replaces a spin box's value by typing, as a user does.
    void typeInto(QSpinBox *spin, const QString &digits)
    {
        spin->setFocus();
        QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(spin, digits);
    }

    SendComposer composer;
    QList<SendRequest> requests;
    bool windowActive = false;
};

QMimeData *fileMime(const QString &path)
{
    auto *mime = new QMimeData;
    mime->setUrls({QUrl::fromLocalFile(path)});
    // File managers add the path as text too; an editor would paste it.
    mime->setText(path);
    return mime;
}

// Red-dominant pixels in a rectangle of an image: the wavy underline and the
// tint of a marked character.
int reddishPixels(const QImage &image, const QRect &rect)
{
    int count = 0;
    const QRect clipped = rect.intersected(image.rect());
    for (int y = clipped.top(); y <= clipped.bottom(); ++y) {
        for (int x = clipped.left(); x <= clipped.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() > 150 && c.green() < 110 && c.blue() < 110)
                ++count;
        }
    }
    return count;
}
} // namespace

class tst_SendComposer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void textWithEscapesSendsExactBytes();
    void typedNewlineIsALineFeed();
    void lineEnding_data();
    void lineEnding();
    void badTextEscapeIsMarked();
    void badHexIsMarkedAndBlocksSend();
    void validHexWithSeparatorsAndPrefixes();
    void setBytesFillsHexMode();
    void fileModeSendsThePath();
    void browseChoosesAFile();
    void dropOnTheComposer();
    void dropOnAnEditor();
    void dragWithoutAFileIsRefused();
    void missingFileIsExplained();
    void fileThatVanishesIsNotSent();
    void emptyPayloadSendsOnlyFin();
    void optionsPassThrough();
    void disabledSendBlocksButtonsAndShortcuts();
    void progressBar();
    void saveAndRestoreState();
    void controlsAreNamedAndInTabOrder();
    void languageChangeKeepsState();
    void renderEachMode();
};

void tst_SendComposer::initTestCase()
{
    // Byte counts are formatted for the locale; pin one.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_SendComposer::textWithEscapesSendsExactBytes()
{
    Fixture f;
    QCOMPARE(f.composer.mode(), SendComposer::Mode::Text);
    QTest::mouseClick(f.textEdit()->viewport(), Qt::LeftButton);
    QTest::keyClicks(f.textEdit(), QStringLiteral("GET / HTTP/1.0\\r\\n\\x00\\t\\\\end\\0"));
    QCOMPARE(f.label("byteCountLabel")->text(), QStringLiteral("23 bytes"));
    QVERIFY(f.sendButton()->isEnabled());
    QVERIFY(f.label("textErrorLabel")->isHidden());

    QTest::mouseClick(f.sendButton(), Qt::LeftButton);
    QCOMPARE(f.requests.size(), 1);
    const SendRequest request = f.requests.constFirst();
    QCOMPARE(request.bytes, QByteArray("GET / HTTP/1.0\r\n\0\t\\end\0", 23));
    QVERIFY(request.filePath.isEmpty());
    QCOMPARE(request.halfCloseAfter, false);
    QCOMPARE(request.fragmentSize, 0);
    QCOMPARE(request.repeat, 1);

    // The same from the keyboard, without leaving the editor.
    QVERIFY(f.windowActive);
    QTest::keyClick(f.textEdit(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(f.requests.size(), 2);
    QCOMPARE(f.requests.at(1).bytes, request.bytes);
    QCOMPARE(f.requests.at(1).halfCloseAfter, false);
    QTest::keyClick(f.textEdit(), Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(f.requests.size(), 3);
    QCOMPARE(f.requests.at(2).bytes, request.bytes);
    QCOMPARE(f.requests.at(2).halfCloseAfter, true);
    // The shortcuts did not type into the text.
    QCOMPARE(f.textEdit()->toPlainText(), QStringLiteral("GET / HTTP/1.0\\r\\n\\x00\\t\\\\end\\0"));

    // Non-ASCII text goes out as UTF-8.
    f.textEdit()->clear();
    // keyClicks() is ASCII only; an input method delivers text like this.
    for (const QChar c : QStringLiteral("\u4e2d\u00e9")) {
        QTest::sendKeyEvent(QTest::Press, f.textEdit(), Qt::Key_unknown, QString(c),
                            Qt::NoModifier);
        QTest::sendKeyEvent(QTest::Release, f.textEdit(), Qt::Key_unknown, QString(c),
                            Qt::NoModifier);
    }
    QCOMPARE(f.textEdit()->toPlainText(), QStringLiteral("\u4e2d\u00e9"));
    QTest::mouseClick(f.sendButton(), Qt::LeftButton);
    QCOMPARE(f.requests.size(), 4);
    QCOMPARE(f.requests.at(3).bytes, QByteArray("\xe4\xb8\xad\xc3\xa9"));
    QCOMPARE(f.label("byteCountLabel")->text(), QStringLiteral("5 bytes"));
}

void tst_SendComposer::typedNewlineIsALineFeed()
{
    Fixture f;
    QTest::keyClicks(f.textEdit(), QStringLiteral("a"));
    QTest::keyClick(f.textEdit(), Qt::Key_Return);
    QTest::keyClicks(f.textEdit(), QStringLiteral("b"));
    QTest::mouseClick(f.sendButton(), Qt::LeftButton);
    QCOMPARE(f.requests.size(), 1);
    QCOMPARE(f.requests.constFirst().bytes, QByteArray("a\nb"));
}

void tst_SendComposer::lineEnding_data()
{
    QTest::addColumn<int>("downPresses");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QString>("count");
    QTest::newRow("none") << 0 << QByteArray("PING") << QStringLiteral("4 bytes");
    QTest::newRow("lf") << 1 << QByteArray("PING\n") << QStringLiteral("5 bytes");
    QTest::newRow("crlf") << 2 << QByteArray("PING\r\n") << QStringLiteral("6 bytes");
}

void tst_SendComposer::lineEnding()
{
    QFETCH(int, downPresses);
    QFETCH(QByteArray, expected);
    QFETCH(QString, count);

    Fixture f;
    QTest::keyClicks(f.textEdit(), QStringLiteral("PING"));
    auto *combo = f.child<QComboBox>("lineEndingCombo");
    QVERIFY(combo->isVisible());
    combo->setFocus();
    for (int i = 0; i < downPresses; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(combo->currentIndex(), downPresses);
    QCOMPARE(f.label("byteCountLabel")->text(), count);
    QTest::mouseClick(f.sendButton(), Qt::LeftButton);
    QCOMPARE(f.requests.size(), 1);
    QCOMPARE(f.requests.constFirst().bytes, expected);

    // Only text gets a line ending: hex is sent as written.
    f.clickMode("modeHexButton");
    QVERIFY(combo->isHidden());
    QTest::keyClicks(f.hexEdit(), QStringLiteral("50"));
    QTest::mouseClick(f.sendButton(), Qt::LeftButton);
    QCOMPARE(f.requests.size(), 2);
    QCOMPARE(f.requests.at(1).bytes, QByteArray("P"));
}

void tst_SendComposer::badTextEscapeIsMarked()
{
    Fixture f;
    QTest::keyClicks(f.textEdit(), QStringLiteral("ab\\qc"));
    QVERIFY(!f.sendButton()->isEnabled());
    QVERIFY(!f.sendFinButton()->isEnabled());
    QVERIFY(f.label("textErrorLabel")->isVisible());
    QVERIFY(f.label("textErrorLabel")
                ->text()
                .startsWith(QStringLiteral("Unknown escape '\\q' at column 3.")));
    const QList<QTextEdit::ExtraSelection> marks = f.textEdit()->extraSelections();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.constFirst().cursor.selectedText(), QStringLiteral("\\q"));

    QTest::keyClick(f.textEdit(), Qt::Key_Left);
    QTest::keyClick(f.textEdit(), Qt::Key_Backspace);    // "ab\c"
    QTest::keyClicks(f.textEdit(), QStringLiteral("t")); // "ab\tc"
    QVERIFY(f.sendButton()->isEnabled());
    QVERIFY(f.label("textErrorLabel")->isHidden());
    QVERIFY(f.textEdit()->extraSelections().isEmpty());
    QTest::mouseClick(f.sendButton(), Qt::LeftButton);
    QCOMPARE(f.requests.size(), 1);
    QCOMPARE(f.requests.constFirst().bytes, QByteArray("ab\tc"));
}

void tst_SendComposer::badHexIsMarkedAndBlocksSend()
{
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.composer));
    f.clickMode("modeHexButton");
    QCOMPARE(f.composer.mode(), SendComposer::Mode::Hex);
    QVERIFY(f.hexEdit()->hasFocus());
    QTest::keyClicks(f.hexEdit(), QStringLiteral("48 65 6g"));

    QVERIFY(!f.sendButton()->isEnabled());
    QVERIFY(!f.sendFinButton()->isEnabled());
    QLabel *error = f.label("hexErrorLabel");
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("Not a hex digit: 'g' at column 8. Hex digits are 0-9 "
                                           "and a-f; put spaces or ':' between bytes."));
    QCOMPARE(f.sendButton()->toolTip(), error->text());
    QCOMPARE(f.label("byteCountLabel")->text(), QStringLiteral("Nothing to send until fixed"));

    const QList<QTextEdit::ExtraSelection> marks = f.hexEdit()->extraSelections();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.constFirst().cursor.selectionStart(), 7);
    QCOMPARE(marks.constFirst().cursor.selectedText(), QStringLiteral("g"));
    QCOMPARE(marks.constFirst().format.underlineStyle(), QTextCharFormat::WaveUnderline);

    // On screen: red under the 'g', none under the good bytes before it.
    QTextCursor at(f.hexEdit()->document());
    at.setPosition(7);
    const QRect gRect = f.hexEdit()->cursorRect(at).adjusted(0, 0, 8, 2);
    at.setPosition(0);
    const QRect goodRect = f.hexEdit()->cursorRect(at).adjusted(0, 0, 40, 2);
    QImage image = f.hexEdit()->viewport()->grab().toImage();
    image.setDevicePixelRatio(1);
    QVERIFY2(reddishPixels(image, gRect) > 3, "no red mark under the bad digit");
    QCOMPARE(reddishPixels(image, goodRect), 0);

    // The shortcuts are blocked too.
    QVERIFY(f.windowActive);
    QTest::keyClick(f.hexEdit(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(f.requests.size(), 0);

    // Fixing the digit clears the mark and the message and enables Send.
    QTest::keyClick(f.hexEdit(), Qt::Key_Backspace);
    QVERIFY(!f.sendButton()->isEnabled()); // "48 65 6": a digit short
    QCOMPARE(error->text(),
             QStringLiteral("Hex digits come in pairs: '6' at column 7 has no partner. Write "
                            "each byte as two digits (0a, not a)."));
    QTest::keyClicks(f.hexEdit(), QStringLiteral("1"));
    QVERIFY(f.sendButton()->isEnabled());
    QVERIFY(error->isHidden());
    QVERIFY(f.hexEdit()->extraSelections().isEmpty());
    QCOMPARE(f.label("byteCountLabel")->text(), QStringLiteral("3 bytes"));
    image = f.hexEdit()->viewport()->grab().toImage();
    image.setDevicePixelRatio(1);
    QCOMPARE(reddishPixels(image, gRect), 0);

    QTest::keyClick(f.hexEdit(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(f.requests.size(), 1);
    QCOMPARE(f.requests.constFirst().bytes, QByteArray("Hea"));
}

void tst_SendComposer::validHexWithSeparatorsAndPrefixes()
{
    Fixture f;
    f.clickMode("modeHexButton");
    QTest::keyClicks(f.hexEdit(), QStringLiteral("0x48, 0x65"));
    QTest::keyClick(f.hexEdit(), Qt::Key_Return);
    QTest::keyClicks(f.hexEdit(), QStringLiteral("0X6c:6C 6f0d0a"));
    QVERIFY(f.label("hexErrorLabel")->isHidden());
    QCOMPARE(f.label("byteCountLabel")->text(), QStringLiteral("7 bytes"));
    QTest::mouseClick(f.sendFinButton(), Qt::LeftButton);
    QCOMPARE(f.requests.size(), 1);
    QCOMPARE(f.requests.constFirst().bytes, QByteArray("Hello\r\n"));
    QCOMPARE(f.requests.constFirst().halfCloseAfter, true);
}

void tst_SendComposer::setBytesFillsHexMode()
{
    Fixture f;
    QByteArray bytes(40, '\0');
    for (int i = 0; i < bytes.size(); ++i)
        bytes[i] = char(i * 7);
    f.composer.setBytes(bytes);
    QCOMPARE(f.composer.mode(), SendComposer::Mode::Hex);
    QVERIFY(f.hexEdit()->isVisible());
    QCOMPARE(f.label("byteCountLabel")->text(), QStringLiteral("40 bytes"));
    QTest::mouseClick(f.sendButton(), Qt::LeftButton);
    QCOMPARE(f.requests.size(), 1);
    QCOMPARE(f.requests.constFirst().bytes, bytes);
}

void tst_SendComposer::fileModeSendsThePath()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(QByteArray(1500, 'x'));
    file.close();

    Fixture f;
    QVERIFY(f.windowActive);
    f.clickMode("modeFileButton");
    QCOMPARE(f.composer.mode(), SendComposer::Mode::File);
    QVERIFY(f.filePathEdit()->hasFocus());
    QVERIFY(!f.sendButton()->isEnabled()); // no file yet
    QCOMPARE(f.label("byteCountLabel")->text(), QStringLiteral("No file chosen"));
    QTest::keyClicks(f.filePathEdit(), file.fileName());
    QCOMPARE(f.label("byteCountLabel")->text(), QStringLiteral("1,500 bytes"));
    QLabel *info = f.label("fileInfoLabel");
    QVERIFY2(info->text().contains(QFileInfo(file.fileName()).fileName()),
             qPrintable(info->text()));
    QVERIFY2(info->text().contains(QStringLiteral("1.46 KiB")), qPrintable(info->text()));
    QVERIFY(f.sendButton()->isEnabled());

    QTest::mouseClick(f.sendButton(), Qt::LeftButton);
    QCOMPARE(f.requests.size(), 1);
    QCOMPARE(f.requests.constFirst().filePath, QFileInfo(file.fileName()).absoluteFilePath());
    QVERIFY(f.requests.constFirst().bytes.isEmpty());

    // A relative path is sent as the absolute one it means now.
    const QString old = QDir::currentPath();
    QVERIFY(QDir::setCurrent(QFileInfo(file.fileName()).absolutePath()));
    f.filePathEdit()->clear();
    QTest::keyClicks(f.filePathEdit(), QFileInfo(file.fileName()).fileName());
    QTest::mouseClick(f.sendButton(), Qt::LeftButton);
    QDir::setCurrent(old);
    QCOMPARE(f.requests.size(), 2);
    QCOMPARE(f.requests.at(1).filePath, QFileInfo(file.fileName()).absoluteFilePath());
}

void tst_SendComposer::browseChoosesAFile()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("chosen");
    file.close();

    Fixture f;
    f.clickMode("modeFileButton");
    // The dialog is modal: answer it from a timer, as a user would, and give up
    // (rejecting it) if it never shows.
    int polls = 0;
    bool answered = false;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (dialog) {
            // Typed into the name field, as a user would: selectFile() leaves a
            // focused name field alone, and the dialog opens in $HOME, not /tmp.
            auto *nameEdit = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
            QVERIFY(nameEdit);
            nameEdit->setText(file.fileName());
            static_cast<QDialog *>(dialog)->accept(); // public in QDialog
            answered = true;
            poll.stop();
        } else if (++polls > 250) {
            poll.stop();
            if (QWidget *modal = QApplication::activeModalWidget())
                modal->close();
        }
    });
    poll.start();
    QTest::mouseClick(f.child<QPushButton>("browseButton"), Qt::LeftButton);
    QVERIFY(answered);
    QCOMPARE(QDir::fromNativeSeparators(f.filePathEdit()->text()),
             QFileInfo(file.fileName()).absoluteFilePath());
    QCOMPARE(f.label("byteCountLabel")->text(), QStringLiteral("6 bytes"));
}

void tst_SendComposer::dropOnTheComposer()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("dropped");
    file.close();

    Fixture f;
    QCOMPARE(f.composer.mode(), SendComposer::Mode::Text);
    const std::unique_ptr<QMimeData> mime(fileMime(file.fileName()));
    const QPoint where(5, 5);
    QDragEnterEvent enter(where, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&f.composer, &enter);
    QVERIFY(enter.isAccepted());
    QCOMPARE(f.label("byteCountLabel")->text(),
             QStringLiteral("Drop to send %1").arg(QFileInfo(file.fileName()).fileName()));

    QDropEvent drop(QPointF(where), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&f.composer, &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(f.composer.mode(), SendComposer::Mode::File);
    QCOMPARE(f.filePathEdit()->text(), QDir::toNativeSeparators(file.fileName()));
    QCOMPARE(f.label("byteCountLabel")->text(), QStringLiteral("7 bytes"));

    QTest::mouseClick(f.sendButton(), Qt::LeftButton);
    QCOMPARE(f.requests.size(), 1);
    QCOMPARE(f.requests.constFirst().filePath, QFileInfo(file.fileName()).absoluteFilePath());
}

void tst_SendComposer::dropOnAnEditor()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("0123456789");
    file.close();

    Fixture f;
    QTest::keyClicks(f.textEdit(), QStringLiteral("keep me"));
    const std::unique_ptr<QMimeData> mime(fileMime(file.fileName()));
    QWidget *viewport = f.textEdit()->viewport();
    const QPoint where = viewport->rect().center();
    QDragEnterEvent enter(where, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(where, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    QVERIFY(move.isAccepted());
    QDropEvent drop(QPointF(where), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &drop);
    QVERIFY(drop.isAccepted());

    // The editor did not paste the path; the file became what is sent.
    QCOMPARE(f.textEdit()->toPlainText(), QStringLiteral("keep me"));
    QCOMPARE(f.composer.mode(), SendComposer::Mode::File);
    QCOMPARE(f.label("byteCountLabel")->text(), QStringLiteral("10 bytes"));

    // The path field takes a dropped file the same way, replacing its text.
    QTemporaryFile other;
    QVERIFY(other.open());
    other.close();
    const std::unique_ptr<QMimeData> otherMime(fileMime(other.fileName()));
    // Qt delivers a drop only to the widget that accepted the drag's enter.
    QDragEnterEvent enterPath(QPoint(2, 2), Qt::CopyAction, otherMime.get(), Qt::LeftButton,
                              Qt::NoModifier);
    QCoreApplication::sendEvent(f.filePathEdit(), &enterPath);
    QVERIFY(enterPath.isAccepted());
    QDropEvent dropOnPath(QPointF(2, 2), Qt::CopyAction, otherMime.get(), Qt::LeftButton,
                          Qt::NoModifier);
    QCoreApplication::sendEvent(f.filePathEdit(), &dropOnPath);
    QCOMPARE(f.filePathEdit()->text(), QDir::toNativeSeparators(other.fileName()));
}

void tst_SendComposer::dragWithoutAFileIsRefused()
{
    Fixture f;
    QMimeData text;
    text.setText(QStringLiteral("just text"));
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&f.composer, &enter);
    QVERIFY(!enter.isAccepted());

    QMimeData web;
    web.setUrls({QUrl(QStringLiteral("https://example.com/file.bin"))});
    QDragEnterEvent webEnter(QPoint(5, 5), Qt::CopyAction, &web, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&f.composer, &webEnter);
    QVERIFY(!webEnter.isAccepted());
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &web, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&f.composer, &drop);
    QCOMPARE(f.composer.mode(), SendComposer::Mode::Text);
    QVERIFY(f.filePathEdit()->text().isEmpty());
}

void tst_SendComposer::missingFileIsExplained()
{
    Fixture f;
    f.clickMode("modeFileButton");
    const QString missing = QStringLiteral("/nonexistent-tcpi/dir/file.bin");
    QTest::keyClicks(f.filePathEdit(), missing);
    QLabel *info = f.label("fileInfoLabel");
    QCOMPARE(info->text(),
             QStringLiteral("No file at %1. Check the path, or pick one with the Browse button.")
                 .arg(missing));
    QVERIFY(!f.sendButton()->isEnabled());
    QVERIFY(!f.sendFinButton()->isEnabled());
    QCOMPARE(f.sendButton()->toolTip(), info->text());
    QCOMPARE(info->palette().color(QPalette::WindowText).red() > 150, true);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    f.filePathEdit()->clear();
    QTest::keyClicks(f.filePathEdit(), dir.path());
    QCOMPARE(info->text(), QStringLiteral("%1 is a folder; choose a file in it.").arg(dir.path()));
    QVERIFY(!f.sendButton()->isEnabled());

    f.filePathEdit()->clear();
    QTest::keyClicks(f.filePathEdit(), QStringLiteral("/dev/null"));
    QCOMPARE(info->text(),
             QStringLiteral("/dev/null is not a regular file (a device, pipe or socket)."));
    QVERIFY(!f.sendButton()->isEnabled());
}

void tst_SendComposer::fileThatVanishesIsNotSent()
{
    Fixture f;
    auto file = std::make_unique<QTemporaryFile>();
    QVERIFY(file->open());
    file->write("soon gone");
    file->close();
    const QString path = file->fileName();
    f.composer.setFilePath(path);
    QVERIFY(f.sendButton()->isEnabled());
    file.reset(); // deletes it

    QTest::mouseClick(f.sendButton(), Qt::LeftButton);
    QCOMPARE(f.requests.size(), 0);
    QVERIFY(!f.sendButton()->isEnabled());
    QVERIFY(f.label("fileInfoLabel")->text().startsWith(QStringLiteral("No file at ")));
}

void tst_SendComposer::emptyPayloadSendsOnlyFin()
{
    Fixture f;
    QCOMPARE(f.label("byteCountLabel")->text(), QStringLiteral("0 bytes"));
    QVERIFY(!f.sendButton()->isEnabled());
    QVERIFY(f.sendFinButton()->isEnabled());
    QTest::mouseClick(f.sendFinButton(), Qt::LeftButton);
    QCOMPARE(f.requests.size(), 1);
    QVERIFY(f.requests.constFirst().bytes.isEmpty());
    QVERIFY(f.requests.constFirst().filePath.isEmpty());
    QCOMPARE(f.requests.constFirst().halfCloseAfter, true);
}

void tst_SendComposer::optionsPassThrough()
{
    Fixture f;
    QTest::keyClicks(f.textEdit(), QStringLiteral("x"));
    QSpinBox *fragment = f.spin("fragmentSizeSpin");
    QSpinBox *delay = f.spin("fragmentDelaySpin");
    QSpinBox *repeat = f.spin("repeatSpin");
    QSpinBox *interval = f.spin("intervalSpin");
    // "whole" until a size is given; delay and interval mean nothing yet.
    QCOMPARE(fragment->text(), QStringLiteral("whole"));
    QVERIFY(!delay->isEnabled());
    QVERIFY(!interval->isEnabled());

    f.typeInto(fragment, QStringLiteral("100"));
    QCOMPARE(fragment->value(), 100);
    QVERIFY(delay->isEnabled());
    f.typeInto(delay, QStringLiteral("20"));
    f.typeInto(repeat, QStringLiteral("3"));
    QCOMPARE(repeat->value(), 3);
    QVERIFY(interval->isEnabled());
    f.typeInto(interval, QStringLiteral("250"));

    QTest::mouseClick(f.sendFinButton(), Qt::LeftButton);
    QCOMPARE(f.requests.size(), 1);
    const SendRequest &request = f.requests.constFirst();
    QCOMPARE(request.bytes, QByteArray("x"));
    QCOMPARE(request.fragmentSize, 100);
    QCOMPARE(request.fragmentDelayMs, 20);
    QCOMPARE(request.repeat, 3);
    QCOMPARE(request.intervalMs, 250);
    QCOMPARE(request.halfCloseAfter, true);

    // The ranges hold: no repeat below 1, at most a million.
    f.typeInto(repeat, QStringLiteral("0"));
    QVERIFY(repeat->value() >= 1);
    QCOMPARE(repeat->maximum(), 1000000);
    QCOMPARE(fragment->minimum(), 0);
}

void tst_SendComposer::disabledSendBlocksButtonsAndShortcuts()
{
    Fixture f;
    QVERIFY(f.windowActive);
    QTest::mouseClick(f.textEdit()->viewport(), Qt::LeftButton);
    QTest::keyClicks(f.textEdit(), QStringLiteral("abc"));
    const QString why = QStringLiteral("Select a connection to send on.");
    f.composer.setSendEnabled(false, why);
    QVERIFY(!f.composer.isSendEnabled());
    QVERIFY(!f.sendButton()->isEnabled());
    QVERIFY(!f.sendFinButton()->isEnabled());
    QCOMPARE(f.sendButton()->toolTip(), why);
    QCOMPARE(f.sendFinButton()->toolTip(), why);
    QLabel *reason = f.label("sendDisabledLabel");
    QVERIFY(reason->isVisible());
    QCOMPARE(reason->text(), why);

    QTest::keyClick(f.textEdit(), Qt::Key_Return, Qt::ControlModifier);
    QTest::keyClick(f.textEdit(), Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    QTest::keyClick(f.textEdit(), Qt::Key_Enter, Qt::ControlModifier | Qt::KeypadModifier);
    QTest::mouseClick(f.sendButton(), Qt::LeftButton);
    QCOMPARE(f.requests.size(), 0);
    QCOMPARE(f.textEdit()->toPlainText(), QStringLiteral("abc"));
    // Editing goes on while sending is off.
    QTest::keyClicks(f.textEdit(), QStringLiteral("d"));
    QCOMPARE(f.label("byteCountLabel")->text(), QStringLiteral("4 bytes"));

    f.composer.setSendEnabled(true);
    QVERIFY(reason->isHidden());
    QVERIFY(f.sendButton()->isEnabled());
    QVERIFY(f.sendButton()->toolTip().contains(QStringLiteral("Ctrl+Return")));
    QTest::keyClick(f.textEdit(), Qt::Key_Return, Qt::ControlModifier);
    QTest::keyClick(f.textEdit(), Qt::Key_Enter, Qt::ControlModifier | Qt::KeypadModifier);
    QTest::keyClick(f.textEdit(), Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(f.requests.size(), 3);
    QCOMPARE(f.requests.at(0).bytes, QByteArray("abcd"));
    QCOMPARE(f.requests.at(0).halfCloseAfter, false);
    QCOMPARE(f.requests.at(1).halfCloseAfter, false);
    QCOMPARE(f.requests.at(2).halfCloseAfter, true);

    // Without a reason the label stays away, the tooltip still says why.
    f.composer.setSendEnabled(false);
    QVERIFY(reason->isHidden());
    QVERIFY(!f.sendButton()->isEnabled());
    QVERIFY(!f.sendButton()->toolTip().isEmpty());
}

void tst_SendComposer::progressBar()
{
    Fixture f;
    auto *bar = f.child<QProgressBar>("progressBar");
    QVERIFY(bar->isHidden());
    f.composer.setProgress(0, 0);
    QVERIFY(bar->isHidden());
    f.composer.setProgress(1024 * 1024, 4 * 1024 * 1024);
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->value(), 250);
    QCOMPARE(bar->text(), QStringLiteral("1.00 MiB of 4.00 MiB"));
    // Past 2 GiB the bar still counts right.
    const qint64 big = qint64(6) << 30;
    f.composer.setProgress(big / 2, big);
    QCOMPARE(bar->value(), 500);
    f.composer.setProgress(big, big);
    QVERIFY(bar->isHidden());
}

void tst_SendComposer::saveAndRestoreState()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ini = dir.filePath(QStringLiteral("state.ini"));
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("abc");
    file.close();

    SendRequest sent;
    {
        Fixture f;
        QTest::keyClicks(f.textEdit(), QStringLiteral("a\\r\\n"));
        auto *combo = f.child<QComboBox>("lineEndingCombo");
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);
        QTest::keyClick(combo, Qt::Key_Down);
        f.clickMode("modeFileButton");
        QTest::keyClicks(f.filePathEdit(), file.fileName());
        f.typeInto(f.spin("fragmentSizeSpin"), QStringLiteral("10"));
        f.typeInto(f.spin("fragmentDelaySpin"), QStringLiteral("5"));
        f.typeInto(f.spin("repeatSpin"), QStringLiteral("7"));
        f.typeInto(f.spin("intervalSpin"), QStringLiteral("100"));
        f.clickMode("modeHexButton");
        QTest::keyClicks(f.hexEdit(), QStringLiteral("de ad"));
        QTest::mouseClick(f.sendButton(), Qt::LeftButton);
        QCOMPARE(f.requests.size(), 1);
        sent = f.requests.constFirst();

        QSettings settings(ini, QSettings::IniFormat);
        f.composer.saveState(settings);
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
    }

    {
        // The file holds words under "composer/", not enum numbers.
        const QSettings raw(ini, QSettings::IniFormat);
        QCOMPARE(raw.value(QStringLiteral("composer/mode")).toString(), QStringLiteral("hex"));
        QCOMPARE(raw.value(QStringLiteral("composer/lineEnding")).toString(),
                 QStringLiteral("crlf"));
        QCOMPARE(raw.value(QStringLiteral("composer/hex")).toString(), QStringLiteral("de ad"));
    }

    Fixture g;
    const QSettings settings(ini, QSettings::IniFormat);
    g.composer.restoreState(settings);
    QCOMPARE(g.composer.mode(), SendComposer::Mode::Hex);
    QCOMPARE(g.hexEdit()->toPlainText(), QStringLiteral("de ad"));
    QCOMPARE(g.textEdit()->toPlainText(), QStringLiteral("a\\r\\n"));
    QCOMPARE(g.filePathEdit()->text(), file.fileName());
    QCOMPARE(g.child<QComboBox>("lineEndingCombo")->currentIndex(), 2);
    QCOMPARE(g.spin("fragmentSizeSpin")->value(), 10);
    QCOMPARE(g.spin("fragmentDelaySpin")->value(), 5);
    QCOMPARE(g.spin("repeatSpin")->value(), 7);
    QCOMPARE(g.spin("intervalSpin")->value(), 100);

    QTest::mouseClick(g.sendButton(), Qt::LeftButton);
    QCOMPARE(g.requests.size(), 1);
    const SendRequest &again = g.requests.constFirst();
    QCOMPARE(again.bytes, sent.bytes);
    QCOMPARE(again.bytes, QByteArray("\xde\xad"));
    QCOMPARE(again.fragmentSize, sent.fragmentSize);
    QCOMPARE(again.fragmentDelayMs, sent.fragmentDelayMs);
    QCOMPARE(again.repeat, sent.repeat);
    QCOMPARE(again.intervalMs, sent.intervalMs);

    // Text mode with the restored line ending.
    g.clickMode("modeTextButton");
    QTest::mouseClick(g.sendButton(), Qt::LeftButton);
    QCOMPARE(g.requests.size(), 2);
    QCOMPARE(g.requests.at(1).bytes, QByteArray("a\r\n\r\n"));

    // Nothing saved: nothing changes, no crash on garbage.
    QTemporaryDir other;
    QSettings garbage(other.filePath(QStringLiteral("g.ini")), QSettings::IniFormat);
    garbage.setValue(QStringLiteral("composer/mode"), QStringLiteral("bogus"));
    garbage.setValue(QStringLiteral("composer/repeat"), QStringLiteral("many"));
    g.composer.restoreState(garbage);
    QCOMPARE(g.composer.mode(), SendComposer::Mode::Text);
    QCOMPARE(g.spin("repeatSpin")->value(), 7);
}

void tst_SendComposer::controlsAreNamedAndInTabOrder()
{
    Fixture f;
    // Every control a user operates has a name for screen readers and tests
    // (Qt's own parts, a spin box's line edit or a line edit's clear button,
    // are unnamed or named qt_*).
    const QList<QWidget *> children = f.composer.findChildren<QWidget *>();
    int controls = 0;
    for (QWidget *w : children) {
        const bool control = qobject_cast<QAbstractButton *>(w)
                             || qobject_cast<QAbstractSpinBox *>(w)
                             || qobject_cast<QPlainTextEdit *>(w) || qobject_cast<QLineEdit *>(w)
                             || qobject_cast<QComboBox *>(w);
        if (!control || w->objectName().isEmpty()
            || w->objectName().startsWith(QLatin1String("qt_")))
            continue;
        QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        ++controls;
    }
    // 14 of the composer, 7 of the request library (its toggle, its two
    // pages, filter, Save, More and a message's dismiss button).
    QCOMPARE(controls, 21);
    for (const char *name : {"byteCountLabel", "hexErrorLabel", "textErrorLabel", "fileInfoLabel"})
        QVERIFY2(!f.label(name)->accessibleName().isEmpty(), name);

    // Tab goes mode, editor, options, buttons.
    const QStringList expected
        = {QStringLiteral("modeTextButton"),   QStringLiteral("modeHexButton"),
           QStringLiteral("modeFileButton"),   QStringLiteral("textEdit"),
           QStringLiteral("hexEdit"),          QStringLiteral("filePathEdit"),
           QStringLiteral("browseButton"),     QStringLiteral("lineEndingCombo"),
           QStringLiteral("fragmentSizeSpin"), QStringLiteral("fragmentDelaySpin"),
           QStringLiteral("repeatSpin"),       QStringLiteral("intervalSpin"),
           QStringLiteral("sendButton"),       QStringLiteral("sendFinButton")};
    QStringList chain;
    QWidget *w = f.child<QWidget>("modeTextButton");
    for (int i = 0; i < 200 && chain.size() < expected.size(); ++i, w = w->nextInFocusChain()) {
        if (expected.contains(w->objectName()) && !chain.contains(w->objectName()))
            chain.append(w->objectName());
    }
    QCOMPARE(chain, expected);

    // The modes are one stop for Tab, like radio buttons; arrows move between them.
    QVERIFY(f.windowActive);
    auto *textButton = f.child<QToolButton>("modeTextButton");
    textButton->setFocus(Qt::TabFocusReason);
    QTest::keyClick(textButton, Qt::Key_Right);
    QCOMPARE(f.composer.mode(), SendComposer::Mode::Hex);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
    QCOMPARE(f.composer.mode(), SendComposer::Mode::File);
}

void tst_SendComposer::languageChangeKeepsState()
{
    Fixture f;
    f.clickMode("modeHexButton");
    QTest::keyClicks(f.hexEdit(), QStringLiteral("zz"));
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(&f.composer, &change);
    QCOMPARE(f.composer.mode(), SendComposer::Mode::Hex);
    QCOMPARE(f.label("hexErrorLabel")->text(),
             QStringLiteral("Not a hex digit: 'z' at column 1. Hex digits are 0-9 and a-f; put "
                            "spaces or ':' between bytes."));
    QCOMPARE(f.hexEdit()->extraSelections().size(), 1);
    QCOMPARE(f.child<QToolButton>("modeHexButton")->text(), QStringLiteral("Hex"));
    QVERIFY(!f.sendButton()->isEnabled());
}

void tst_SendComposer::renderEachMode()
{
    // Pictures to look at (/tmp/composer-*.png); the checks are that the
    // composer fits a 900 px strip and every mode draws something.
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.composer));
    const auto save = [&f](const char *name) {
        QApplication::processEvents();
        const QImage image = f.composer.grab().toImage();
        QVERIFY(!image.isNull());
        // Whatever shows (reason, progress, errors), it still fits 900 px.
        QVERIFY2(f.composer.minimumSizeHint().width() <= 900,
                 qPrintable(QString::number(f.composer.minimumSizeHint().width())));
        QCOMPARE(image.width(), 900 * int(image.devicePixelRatio()));
        QVERIFY(image.save(QStringLiteral("/tmp/composer-%1.png").arg(QLatin1String(name))));
    };
    QVERIFY2(f.composer.sizeHint().width() <= 900,
             qPrintable(QString::number(f.composer.sizeHint().width())));
    QVERIFY(f.composer.height() <= 220);

    QTest::keyClicks(f.textEdit(),
                     QStringLiteral("GET / HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n"));
    f.child<QComboBox>("lineEndingCombo")->setCurrentIndex(2);
    f.typeInto(f.spin("fragmentSizeSpin"), QStringLiteral("100"));
    f.typeInto(f.spin("fragmentDelaySpin"), QStringLiteral("20"));
    save("text");

    f.clickMode("modeHexButton");
    QTest::keyClicks(f.hexEdit(), QStringLiteral("48 65 6c 6c 6g 0d 0a"));
    save("hex-error");
    f.hexEdit()->selectAll();
    QTest::keyClicks(f.hexEdit(), QStringLiteral("0x48 0x65 0x6c 0x6c 0x6f"));
    save("hex");

    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(QByteArray(3 * 1024 * 1024, 'z'));
    file.close();
    f.composer.setFilePath(file.fileName());
    f.composer.setProgress(1024 * 1024, 3 * 1024 * 1024);
    save("file-progress");
    f.composer.setProgress(0, 0);
    f.filePathEdit()->setText(QStringLiteral("/no/such/file.bin"));
    save("file-missing");

    f.composer.setMode(SendComposer::Mode::Text);
    f.composer.setSendEnabled(false, QStringLiteral("Select a connection to send on."));
    save("disabled");
}

QTEST_MAIN(tst_SendComposer)
#include "tst_sendcomposer.moc"
