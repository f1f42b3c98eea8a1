// SPDX-License-Identifier: GPL-3.0-or-later
// FollowScroller on a plain table whose model grows in batches, as the
// stream models do at display rate: follows at the end, stays put after the
// user scrolls up (a row selected or not), resumes at the end, and does one
// scroll per batch, not one per row.
#include "widgets/followscroller.h"

#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

using namespace TcpInspector;

class tst_FollowScroller : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void followsWhileAtTheEnd();
    void scrollingUpStopsAndTheEndResumes();
    void selectedRowAwayFromTheEndStaysPut();
    void turnedOffStaysPutTurnedOnGoesToTheEnd();
    void oneScrollPerBatch();

private:
    void addRows(int count);
    bool atEnd() const;

    std::unique_ptr<QStandardItemModel> m_model;
    std::unique_ptr<QTableView> m_view;
    FollowScroller *m_follow = nullptr;
};

void tst_FollowScroller::init()
{
    m_model = std::make_unique<QStandardItemModel>(0, 2);
    m_view = std::make_unique<QTableView>();
    m_view->setModel(m_model.get());
    m_view->resize(300, 200);
    m_follow = new FollowScroller(m_view.get());
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void tst_FollowScroller::cleanup()
{
    m_view.reset();
    m_model.reset();
}

void tst_FollowScroller::addRows(int count)
{
    // One batch, as the stream models announce them: one insert, then the
    // view lays it out on its next turn of the event loop.
    const int first = m_model->rowCount();
    m_model->insertRows(first, count);
    for (int row = first; row < first + count; ++row)
        m_model->setData(m_model->index(row, 0), row);
    QCoreApplication::processEvents();
}

bool tst_FollowScroller::atEnd() const
{
    const QScrollBar *bar = m_view->verticalScrollBar();
    return bar->maximum() > 0 && bar->value() == bar->maximum();
}

void tst_FollowScroller::followsWhileAtTheEnd()
{
    QVERIFY(m_follow->isFollowing());
    for (int batch = 0; batch < 20; ++batch) {
        addRows(37);
        QTRY_VERIFY(m_view->verticalScrollBar()->maximum() > 0);
        QTRY_VERIFY(atEnd());
    }
    // The last row is on screen.
    const QRect last = m_view->visualRect(m_model->index(m_model->rowCount() - 1, 0));
    QVERIFY(m_view->viewport()->rect().intersects(last));
}

void tst_FollowScroller::scrollingUpStopsAndTheEndResumes()
{
    addRows(200);
    QTRY_VERIFY(atEnd());
    QSignalSpy changed(m_follow, &FollowScroller::followingChanged);
    QScrollBar *bar = m_view->verticalScrollBar();
    bar->setValue(bar->maximum() - 50); // the user scrolls up
    QVERIFY(!m_follow->isFollowing());
    QCOMPARE(changed.count(), 1);
    const int place = bar->value();
    for (int batch = 0; batch < 5; ++batch)
        addRows(100);
    QTRY_VERIFY(bar->maximum() > place + 400); // the 500 new rows are laid out
    QCOMPARE(bar->value(), place);
    QVERIFY(!atEnd());
    // Back to the end: following again.
    bar->setValue(bar->maximum());
    QVERIFY(m_follow->isFollowing());
    addRows(100);
    QTRY_VERIFY(atEnd());
    QCOMPARE(changed.count(), 2);
}

void tst_FollowScroller::selectedRowAwayFromTheEndStaysPut()
{
    addRows(300);
    QTRY_VERIFY(atEnd());
    m_view->scrollToTop();
    m_view->selectRow(3);
    const int place = m_view->verticalScrollBar()->value();
    for (int batch = 0; batch < 5; ++batch)
        addRows(50);
    QTest::qWait(20);
    QCOMPARE(m_view->verticalScrollBar()->value(), place);
    QCOMPARE(m_view->currentIndex().row(), 3);
    // A selected row at the end does not stop following either.
    m_view->scrollToBottom();
    m_view->selectRow(m_model->rowCount() - 1);
    addRows(50);
    QTRY_VERIFY(atEnd());
    QCOMPARE(m_view->currentIndex().row(), m_model->rowCount() - 51);
}

void tst_FollowScroller::turnedOffStaysPutTurnedOnGoesToTheEnd()
{
    addRows(100);
    QTRY_VERIFY(atEnd());
    m_follow->setEnabled(false);
    QVERIFY(!m_follow->isFollowing());
    const int place = m_view->verticalScrollBar()->value();
    addRows(100);
    QTRY_VERIFY(m_view->verticalScrollBar()->maximum() > place + 50);
    QCOMPARE(m_view->verticalScrollBar()->value(), place);
    m_follow->setEnabled(true);
    QVERIFY(atEnd());
    QVERIFY(m_follow->isFollowing());
}

void tst_FollowScroller::oneScrollPerBatch()
{
    QSignalSpy moved(m_view->verticalScrollBar(), &QScrollBar::valueChanged);
    for (int batch = 0; batch < 10; ++batch) {
        addRows(1000);
        QTRY_VERIFY(atEnd());
    }
    // 10,000 rows in 10 batches: at most one move per batch.
    QVERIFY2(moved.count() <= 10, qPrintable(QString::number(moved.count())));
    QVERIFY(moved.count() >= 1);
}

QTEST_MAIN(tst_FollowScroller)
#include "tst_followscroller.moc"
