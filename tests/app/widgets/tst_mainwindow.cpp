// SPDX-License-Identifier: GPL-3.0-or-later
// The main window driven as a user drives it: clicks and keys on the real
// widgets, real loopback connections underneath, offscreen.
#include "composer/sendcomposer.h"
#include "models/byteformat.h"
#include "models/connectionlistmodel.h"
#include "net/connection.h"
#include "session/workbench.h"
#include "views/hexview.h"
#include "widgets/clientpanel.h"
#include "widgets/connectionview.h"
#include "widgets/mainwindow.h"
#include "widgets/rowhighlightdelegate.h"
#include "widgets/serverpanel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace TcpInspector;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void embeddedServerListensAndClientIsPreset();
    void fragmentedLineIsManyChunksOneMessage();
    void selectingAMessageHighlightsItsChunks();
    void halfCloseShowsInBothTables();
    void barePortShowsInlineError();
    void badFramingSpecIsExplainedAndGoodOneRedecodes();
    void filterFindAndCopy();
    void settingsAreRemembered();
    void shortcutsConnectAndHalfClose();

private:
    template<typename T>
    T *child(QObject *parent, const char *name)
    {
        T *widget = parent->findChild<T *>(QLatin1String(name));
        if (!widget)
            qFatal("no %s named %s", T::staticMetaObject.className(), name);
        return widget;
    }
    void clickRow(QAbstractItemView *view, int row);
    bool connectOnce();
    QString stateCell(ConnectionListModel *model, int row);

    std::unique_ptr<MainWindow> m_window;
};

void tst_MainWindow::init()
{
    MainWindow::Options options;
    options.useSettings = false;
    m_window = std::make_unique<MainWindow>(options);
    m_window->resize(1280, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_MainWindow::cleanup()
{
    m_window.reset();
}

void tst_MainWindow::clickRow(QAbstractItemView *view, int row)
{
    const QRect rect = view->visualRect(view->model()->index(row, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}

bool tst_MainWindow::connectOnce()
{
    auto *button = child<QPushButton>(m_window->clientPanel(), "connectButton");
    QTest::mouseClick(button, Qt::LeftButton);
    Workbench *bench = m_window->workbench();
    return QTest::qWaitFor(
        [&] {
            const auto clients = bench->connections(Connection::Side::Client);
            return bench->connections(Connection::Side::Server).size() == 1 && clients.size() == 1
                   && clients.first()->state() == ConnectionState::Established;
        },
        5000);
}

QString tst_MainWindow::stateCell(ConnectionListModel *model, int row)
{
    return model->index(row, ConnectionListModel::StateColumn).data().toString();
}

void tst_MainWindow::embeddedServerListensAndClientIsPreset()
{
    Workbench *bench = m_window->workbench();
    QVERIFY(bench->isListening());
    QCOMPARE(bench->boundAddress().host, QStringLiteral("127.0.0.1"));
    QVERIFY(bench->boundAddress().port != 0);
    auto *target = child<QLineEdit>(m_window->clientPanel(), "targetEdit");
    QCOMPARE(target->text(), bench->boundAddress().toString());
    auto *reply = child<QComboBox>(m_window->serverPanel(), "replyCombo");
    QCOMPARE(reply->currentData().toString(), QStringLiteral("echo"));
    // The composer says why it cannot send yet.
    auto *send = child<QPushButton>(m_window->composer(), "sendButton");
    QVERIFY(!send->isEnabled());

    // Connect, then Send, with no typing but the message.
    QVERIFY(connectOnce());
    QTRY_VERIFY(m_window->currentConnection() != nullptr);
    auto *text = child<QPlainTextEdit>(m_window->composer(), "textEdit");
    QTest::keyClicks(text, QStringLiteral("ping\\n"));
    QTRY_VERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    Connection *client = bench->connections(Connection::Side::Client).first();
    QTRY_COMPARE_WITH_TIMEOUT(client->rx().store().read(0, 5), QByteArray("ping\n"), 5000);
}

void tst_MainWindow::fragmentedLineIsManyChunksOneMessage()
{
    QVERIFY(connectOnce());
    Workbench *bench = m_window->workbench();
    Connection *client = bench->connections(Connection::Side::Client).first();
    Connection *server = bench->connections(Connection::Side::Server).first();
    QTRY_COMPARE(m_window->currentConnection(), client);

    // A 1000-byte line, cut by the composer into 7 writes 15 ms apart.
    SendComposer *composer = m_window->composer();
    auto *text = child<QPlainTextEdit>(composer, "textEdit");
    text->setPlainText(QString(999, QLatin1Char('x')) + QStringLiteral("\\n"));
    child<QSpinBox>(composer, "fragmentSizeSpin")->setValue(143);
    child<QSpinBox>(composer, "fragmentDelaySpin")->setValue(15);
    auto *send = child<QPushButton>(composer, "sendButton");
    QTRY_VERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().store().size(), qint64(1000), 5000);
    QCOMPARE(client->tx().store().chunkCount(), qint64(7));

    // The server side, as the user opens it: 7 or more reads, one message.
    auto *serverTable = child<QTableView>(m_window->serverPanel(), "connectionTable");
    clickRow(serverTable, 0);
    QTRY_COMPARE(m_window->currentConnection(), server);
    ConnectionView *view = m_window->connectionView();
    QTRY_VERIFY(view->chunkTable()->model()->rowCount() >= 7);
    QTRY_COMPARE(view->messageTable()->model()->rowCount(), 1);
    const QModelIndex size = view->messageTable()->model()->index(0, 4);
    QCOMPARE(size.data().toString(), QStringLiteral("1000"));
}

void tst_MainWindow::selectingAMessageHighlightsItsChunks()
{
    QVERIFY(connectOnce());
    Workbench *bench = m_window->workbench();
    Connection *client = bench->connections(Connection::Side::Client).first();
    Connection *server = bench->connections(Connection::Side::Server).first();
    SendRequest request;
    request.bytes = "first line\nsecond line is longer\nthird";
    request.fragmentSize = 5;
    request.fragmentDelayMs = 5;
    bench->send(client, request);
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().store().size(), qint64(request.bytes.size()), 5000);
    m_window->serverPanel()->selectConnection(server);
    QTRY_COMPARE(m_window->currentConnection(), server);
    ConnectionView *view = m_window->connectionView();
    // Two lines and the unfinished "third" as the partial row.
    QTRY_COMPARE(view->messageTable()->model()->rowCount(), 3);
    const int chunks = view->chunkTable()->model()->rowCount();
    QVERIFY(chunks >= 8);

    // The second message: bytes 11 to 32.
    clickRow(view->messageTable(), 1);
    const IndexRange highlighted = view->highlightedChunkRows();
    const StreamStore &store = server->rx().store();
    IndexRange expected = chunksOfRange(store, 11, 22);
    QCOMPARE(highlighted.first, expected.first);
    QCOMPARE(highlighted.last, expected.last);
    QCOMPARE(view->hexView()->highlights().size(), size_t(1));
    QCOMPARE(view->hexView()->highlights().front().offset, qint64(11));
    QCOMPARE(view->hexView()->highlights().front().length, qint64(22));

    // And it shows: a highlighted chunk row is painted in the link color,
    // the first chunk (bytes 0-4, only in message 1) is not.
    view->chunkTable()->scrollToTop();
    QApplication::processEvents();
    const QImage image = view->chunkTable()->viewport()->grab().toImage();
    auto rowColor = [&](int row) {
        const QRect rect
            = view->chunkTable()->visualRect(view->chunkTable()->model()->index(row, 2));
        return image.pixelColor(rect.right() - 3, rect.center().y());
    };
    const QColor link = RowHighlightDelegate::linkColor(view->chunkTable()->palette());
    const QColor lit = rowColor(int(expected.first));
    const QColor plain = rowColor(0);
    QVERIFY2(lit != plain, qPrintable(lit.name() + QLatin1Char(' ') + plain.name()));
    // The tint pulls the base toward the highlight color.
    const QColor base = plain;
    auto distance = [](const QColor &a, const QColor &b) {
        return qAbs(a.red() - b.red()) + qAbs(a.green() - b.green()) + qAbs(a.blue() - b.blue());
    };
    QVERIFY(distance(lit, link) < distance(base, link));

    // The other way: selecting the last chunk highlights the partial row.
    clickRow(view->chunkTable(), chunks - 1);
    QCOMPARE(view->highlightedMessageRows().last, qint64(2));
}

void tst_MainWindow::halfCloseShowsInBothTables()
{
    // The native engine: Qt would read the EOF even while reading is paused.
    auto *listen = child<QPushButton>(m_window->serverPanel(), "listenButton");
    QTest::mouseClick(listen, Qt::LeftButton);
    QVERIFY(!m_window->workbench()->isListening());
    auto *engine = child<QComboBox>(m_window->serverPanel(), "engineCombo");
    engine->setCurrentIndex(engine->findData(QStringLiteral("native")));
    QTest::mouseClick(listen, Qt::LeftButton);
    QVERIFY(m_window->workbench()->isListening());
    QVERIFY(connectOnce());
    Workbench *bench = m_window->workbench();
    Connection *client = bench->connections(Connection::Side::Client).first();
    Connection *server = bench->connections(Connection::Side::Server).first();
    QCOMPARE(server->engine(), EngineKind::Native);
    auto *serverModel = qobject_cast<ConnectionListModel *>(
        child<QTableView>(m_window->serverPanel(), "connectionTable")->model());
    auto *clientModel = qobject_cast<ConnectionListModel *>(
        child<QTableView>(m_window->clientPanel(), "connectionTable")->model());
    QVERIFY(serverModel && clientModel);
    QTRY_COMPARE(stateCell(clientModel, 0), QStringLiteral("Established"));

    // The server stops reading, so its EOF waits and the half-close stays visible.
    clickRow(child<QTableView>(m_window->serverPanel(), "connectionTable"), 0);
    QTest::mouseClick(child<QPushButton>(m_window->serverPanel(), "pauseReadingButton"),
                      Qt::LeftButton);
    QTest::qWait(50);
    clickRow(child<QTableView>(m_window->clientPanel(), "connectionTable"), 0);
    QTRY_COMPARE(m_window->currentConnection(), client);
    QTest::mouseClick(child<QPushButton>(m_window->clientPanel(), "halfCloseButton"),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(stateCell(clientModel, 0), QStringLiteral("Half-closed by us"), 5000);
    QTest::qWait(100);
    QCOMPARE(stateCell(serverModel, 0), QStringLiteral("Established"));
    // A half-closed connection cannot send: the composer says so.
    auto *send = child<QPushButton>(m_window->composer(), "sendButton");
    QTRY_VERIFY(!send->isEnabled());

    // Reading again: the server reads the EOF, owes nothing, closes; both end Closed.
    clickRow(child<QTableView>(m_window->serverPanel(), "connectionTable"), 0);
    QTest::mouseClick(child<QPushButton>(m_window->serverPanel(), "pauseReadingButton"),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(stateCell(serverModel, 0), QStringLiteral("Closed"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(stateCell(clientModel, 0), QStringLiteral("Closed"), 5000);
    QVERIFY(isFinalState(server->state()));
}

void tst_MainWindow::barePortShowsInlineError()
{
    auto *target = child<QLineEdit>(m_window->clientPanel(), "targetEdit");
    auto *error = child<QLabel>(m_window->clientPanel(), "targetError");
    target->clear();
    QTest::keyClicks(target, QStringLiteral("8080"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("127.0.0.1:8080")), qPrintable(error->text()));
    // Connect refuses it too, opening nothing.
    QTest::mouseClick(child<QPushButton>(m_window->clientPanel(), "connectButton"), Qt::LeftButton);
    QTest::qWait(50);
    QCOMPARE(m_window->workbench()->connections().size(), 0);
    // Fixing it clears the message as it is typed.
    QTest::keyClick(target, Qt::Key_Home);
    QTest::keyClicks(target, QStringLiteral("127.0.0.1:"));
    QVERIFY(!error->isVisible());

    // The server's field says the same, under the server.
    QTest::mouseClick(child<QPushButton>(m_window->serverPanel(), "listenButton"), Qt::LeftButton);
    QVERIFY(!m_window->workbench()->isListening());
    auto *address = child<QLineEdit>(m_window->serverPanel(), "addressEdit");
    address->clear();
    QTest::keyClicks(address, QStringLiteral("9000"));
    auto *serverError = child<QLabel>(m_window->serverPanel(), "addressError");
    QVERIFY(serverError->isVisible());
    QVERIFY(serverError->text().contains(QLatin1String(":9000")));
}

void tst_MainWindow::badFramingSpecIsExplainedAndGoodOneRedecodes()
{
    QVERIFY(connectOnce());
    Workbench *bench = m_window->workbench();
    Connection *client = bench->connections(Connection::Side::Client).first();
    Connection *server = bench->connections(Connection::Side::Server).first();
    SendRequest request;
    request.bytes = "abcdefghij\n";
    bench->send(client, request);
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().store().size(), qint64(11), 5000);
    m_window->serverPanel()->selectConnection(server);
    ConnectionView *view = m_window->connectionView();
    QTRY_COMPARE(view->messageTable()->model()->rowCount(), 1);

    auto *spec = child<QLineEdit>(view, "framingSpecEdit");
    auto *error = child<QLabel>(view, "framingError");
    spec->clear();
    QTest::keyClicks(spec, QStringLiteral("fixed:len=x"));
    QVERIFY(error->isVisible());
    QVERIFY2(!error->text().isEmpty(), "a bad spec says what is wrong");
    spec->clear();
    QTest::keyClicks(spec, QStringLiteral("fixed:len=4"));
    QTest::keyClick(spec, Qt::Key_Return);
    QVERIFY2(!error->isVisible(), qPrintable(error->text()));
    // 11 bytes in 4-byte frames: 2 messages and a partial row of 3 bytes.
    QTRY_COMPARE_WITH_TIMEOUT(view->messageTable()->model()->rowCount(), 3, 5000);
    QCOMPARE(server->rx().framing(), QStringLiteral("fixed:len=4"));
}

void tst_MainWindow::filterFindAndCopy()
{
    QVERIFY(connectOnce());
    Workbench *bench = m_window->workbench();
    Connection *client = bench->connections(Connection::Side::Client).first();
    Connection *server = bench->connections(Connection::Side::Server).first();
    SendRequest request;
    request.bytes = "alpha\nbeta\ngamma alpha\n";
    request.fragmentSize = 4;
    request.fragmentDelayMs = 2;
    bench->send(client, request);
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().store().size(), qint64(request.bytes.size()), 5000);
    m_window->serverPanel()->selectConnection(server);
    ConnectionView *view = m_window->connectionView();
    QAbstractItemView *messages = view->messageTable();
    QTRY_COMPARE(messages->model()->rowCount(), 3);

    auto *find = child<QLineEdit>(view, "findEdit");
    QTest::keyClicks(find, QStringLiteral("alpha"));
    QTest::mouseClick(child<QToolButton>(view, "filterButton"), Qt::LeftButton);
    QCOMPARE(messages->model()->rowCount(), 2);
    // The second row shown is the third message: links use the stream's rows.
    clickRow(messages, 1);
    const IndexRange expected = chunksOfRange(server->rx().store(), 11, 12);
    QCOMPARE(view->highlightedChunkRows().first, expected.first);
    QCOMPARE(view->highlightedChunkRows().last, expected.last);
    view->copyAs(ByteFormat::PythonBytes);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("b\"gamma alpha\\n\""));

    // Live: typing narrows it further; hex works too; a bad hex digit says where.
    QTest::keyClicks(find, QStringLiteral(" alpha"));
    QTRY_COMPARE(messages->model()->rowCount(), 0); // once typing pauses
    auto *mode = child<QComboBox>(view, "findModeCombo");
    mode->setCurrentIndex(1); // "alpha alpha" is no hex: the filter turns itself off
    QVERIFY(!child<QToolButton>(view, "filterButton")->isChecked());
    find->clear();
    QTest::keyClicks(find, QStringLiteral("62 65"));
    QTest::mouseClick(child<QToolButton>(view, "filterButton"), Qt::LeftButton);
    QCOMPARE(messages->model()->rowCount(), 1);
    QTest::keyClicks(find, QStringLiteral(" zz"));
    QTRY_VERIFY(!child<QToolButton>(view, "filterButton")->isChecked());
    QCOMPARE(messages->model()->rowCount(), 3);
    QVERIFY(!child<QLabel>(view, "findStatus")->text().isEmpty());

    // Find without the filter: the next match selects its message.
    find->clear();
    mode->setCurrentIndex(0);
    QTest::keyClicks(find, QStringLiteral("gamma"));
    QTest::keyClick(find, Qt::Key_Return);
    QTRY_COMPARE(messages->currentIndex().row(), 2);
    // Next goes on from the last match, and wraps around at the end.
    find->clear();
    QTest::keyClicks(find, QStringLiteral("alpha"));
    auto *status = child<QLabel>(view, "findStatus");
    QTest::keyClick(find, Qt::Key_Return); // after the selected third message: wraps to 0
    QTRY_COMPARE(messages->currentIndex().row(), 0);
    QTest::keyClick(find, Qt::Key_Return);
    QTRY_COMPARE(messages->currentIndex().row(), 2);
    QCOMPARE(view->hexView()->selection().offset, qint64(17));
    QTest::keyClick(find, Qt::Key_Return);
    QTRY_COMPARE(messages->currentIndex().row(), 0);
    QVERIFY2(status->text().contains(QLatin1String("wrapped")), qPrintable(status->text()));
}

void tst_MainWindow::settingsAreRemembered()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("TcpInspectorTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    m_window.reset();
    {
        MainWindow first; // with settings
        auto *reply = child<QComboBox>(first.serverPanel(), "replyCombo");
        reply->setCurrentIndex(reply->findData(QStringLiteral("text")));
        child<QLineEdit>(first.serverPanel(), "replyArgumentEdit")
            ->setText(QStringLiteral("OK\\r\\n"));
        child<QSpinBox>(first.clientPanel(), "timeoutSpin")->setValue(1234);
        child<QCheckBox>(first.clientPanel(), "noDelayCheck")->setChecked(true);
        child<QSpinBox>(first.composer(), "repeatSpin")->setValue(3);
        first.close();
    }
    MainWindow second;
    QCOMPARE(child<QComboBox>(second.serverPanel(), "replyCombo")->currentData().toString(),
             QStringLiteral("text"));
    QCOMPARE(child<QLineEdit>(second.serverPanel(), "replyArgumentEdit")->text(),
             QStringLiteral("OK\\r\\n"));
    QCOMPARE(child<QSpinBox>(second.clientPanel(), "timeoutSpin")->value(), 1234);
    QVERIFY(child<QCheckBox>(second.clientPanel(), "noDelayCheck")->isChecked());
    QCOMPARE(child<QSpinBox>(second.composer(), "repeatSpin")->value(), 3);
    // It listened again on a fresh port: the saved address is what was asked for.
    QVERIFY(second.workbench()->isListening());
}

void tst_MainWindow::shortcutsConnectAndHalfClose()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
    Workbench *bench = m_window->workbench();
    QTRY_COMPARE_WITH_TIMEOUT(bench->connections(Connection::Side::Client).size(), 1, 5000);
    Connection *client = bench->connections(Connection::Side::Client).first();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ConnectionState::Established, 5000);
    QTRY_COMPARE(m_window->currentConnection(), client);
    QTest::keyClick(m_window.get(), Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(client->state() != ConnectionState::Established, 5000);
    bool finSent = false;
    for (const TimelineEvent &event : client->timeline().since(0))
        finSent |= event.type == TimelineEvent::HalfClosed && event.direction == Direction::Tx;
    QVERIFY(finSent);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
