// SPDX-License-Identifier: GPL-3.0-or-later
// RowTableView over a model that grows to 10 million rows: nothing kept per
// row (QTableView's header keeps 8 bytes a row), data() asked for the visible
// rows only, rows appended off screen repaint nothing, and the usual table
// behaviour: scrolling to a row, hit tests, clicks, keys, painted selection.
#include "views/rowtableview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QHeaderView>
#include <QScrollBar>
#include <QTest>

#include <unistd.h>

using namespace TcpInspector;

namespace {

// Rows that exist only as a count, as the stream models' rows do.
class GrowingModel : public QAbstractTableModel
{
public:
    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : m_rows;
    }
    int columnCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : 3;
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        ++m_dataCalls;
        if (role == Qt::DisplayRole)
            return QStringLiteral("%1:%2").arg(index.row()).arg(index.column());
        return QVariant();
    }
    void grow(int rows)
    {
        beginInsertRows(QModelIndex(), m_rows, m_rows + rows - 1);
        m_rows += rows;
        endInsertRows();
    }
    mutable qint64 m_dataCalls = 0;

private:
    int m_rows = 0;
};

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

// The style may shade the selection by a step or two.
bool near(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) <= 4 && std::abs(a.green() - b.green()) <= 4
           && std::abs(a.blue() - b.blue()) <= 4;
}

} // namespace

class tst_RowTableView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void tenMillionRowsCostNothingPerRow();
    void scrollsAndHitTestsByRows();
    void rowsAppendedOffScreenDoNotRepaint();
    void clicksAndKeysSelectRows();
    void paintsTheSelection();

private:
    std::unique_ptr<GrowingModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<RowTableView> m_view;
};

void tst_RowTableView::init()
{
    m_model = std::make_unique<GrowingModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_view = std::make_unique<RowTableView>();
    m_view->setModel(m_model.get());
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->resize(400, 300);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void tst_RowTableView::cleanup()
{
    m_view.reset();
    m_tester.reset();
    m_model.reset();
}

void tst_RowTableView::tenMillionRowsCostNothingPerRow()
{
    // QTableView keeps a section per row even with its header hidden and
    // Fixed: 80 MB at 10 M rows. This view keeps none. (The model tester
    // checks every inserted row: the other cases have it.)
    m_tester.reset();
    const qint64 before = residentBytes();
    for (int batch = 0; batch < 10; ++batch) {
        m_model->grow(1'000'000);
        QCoreApplication::processEvents();
    }
    const qint64 grown = residentBytes() - before;
    QVERIFY2(grown < 8 * 1024 * 1024, qPrintable(QString::number(grown)));
    QCOMPARE(m_view->verticalScrollBar()->maximum(),
             10'000'000 - m_view->viewport()->height() / m_view->rowHeight());

    // A paint asks for the visible cells only, at the end as at the top.
    m_view->scrollToBottom();
    m_model->m_dataCalls = 0;
    m_view->viewport()->repaint();
    const qint64 cells = qint64(m_view->visibleRowCount()) * m_model->columnCount();
    QVERIFY(m_model->m_dataCalls > 0);
    QVERIFY2(m_model->m_dataCalls <= cells * 20, qPrintable(QString::number(m_model->m_dataCalls)));
}

void tst_RowTableView::scrollsAndHitTestsByRows()
{
    m_model->grow(100'000);
    QCoreApplication::processEvents();
    const int page = m_view->viewport()->height() / m_view->rowHeight();
    const QModelIndex last = m_model->index(99'999, 1);
    m_view->scrollTo(last);
    QCOMPARE(m_view->firstVisibleRow(), 100'000 - page);
    const QRect rect = m_view->visualRect(last);
    QVERIFY(m_view->viewport()->rect().contains(rect));
    QCOMPARE(m_view->indexAt(rect.center()), last);
    m_view->scrollTo(m_model->index(500, 0), QAbstractItemView::PositionAtTop);
    QCOMPARE(m_view->firstVisibleRow(), 500);
    QCOMPARE(m_view->indexAt(QPoint(2, 1)), m_model->index(500, 0));
    QCOMPARE(m_view->indexAt(QPoint(2, m_view->rowHeight() * 3 + 1)).row(), 503);
    // Rows above the view are above it, not clamped into it.
    QVERIFY(m_view->visualRect(m_model->index(10, 0)).bottom() < 0);
    // Past the last row there is nothing.
    m_model->grow(1);
    m_view->scrollToBottom();
    QVERIFY(!m_view->indexAt(QPoint(2, m_view->viewport()->height() + 5)).isValid());
}

void tst_RowTableView::rowsAppendedOffScreenDoNotRepaint()
{
    m_model->grow(1000);
    QCoreApplication::processEvents();
    QTest::qWait(20);
    const qint64 paints = m_view->paintCount();
    const int maximum = m_view->verticalScrollBar()->maximum();
    for (int i = 0; i < 5; ++i) {
        m_model->grow(100);
        QCoreApplication::processEvents();
    }
    QCOMPARE(m_view->paintCount(), paints);
    QCOMPARE(m_view->verticalScrollBar()->maximum(), maximum + 500);
    // At the end, new rows land on screen once scrolled to.
    m_view->scrollToBottom();
    QTRY_VERIFY(m_view->paintCount() > paints);
    // A table that is not full shows its new rows at once.
    GrowingModel small;
    RowTableView view;
    view.setModel(&small);
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    small.grow(2);
    QTest::qWait(20);
    const qint64 smallPaints = view.paintCount();
    small.grow(2);
    QTRY_VERIFY(view.paintCount() > smallPaints);
}

void tst_RowTableView::clicksAndKeysSelectRows()
{
    m_model->grow(1000);
    QCoreApplication::processEvents();
    const QRect row5 = m_view->visualRect(m_model->index(5, 1));
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::NoModifier, row5.center());
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().row(), 5);
    QCOMPARE(m_view->currentIndex().row(), 5);
    QTest::keyClick(m_view.get(), Qt::Key_Down);
    QCOMPARE(m_view->currentIndex().row(), 6);
    QTest::keyClick(m_view.get(), Qt::Key_End);
    QCOMPARE(m_view->currentIndex().row(), 999);
    QCOMPARE(m_view->selectionModel()->selectedRows().first().row(), 999);
    QVERIFY(m_view->viewport()->rect().contains(m_view->visualRect(m_view->currentIndex())));
    m_view->selectRow(7);
    rows = m_view->selectionModel()->selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().row(), 7);
    QCOMPARE(m_view->firstVisibleRow(), 7); // the current row is scrolled into view
}

void tst_RowTableView::paintsTheSelection()
{
    m_model->grow(50);
    m_view->horizontalHeader()->resizeSection(0, 120);
    QCoreApplication::processEvents();
    m_view->setFocus();
    m_view->selectRow(2);
    const QImage image = m_view->viewport()->grab().toImage();
    const QRect selected = m_view->visualRect(m_model->index(2, 0));
    const QRect plain = m_view->visualRect(m_model->index(4, 0));
    const QColor highlight = m_view->palette().color(QPalette::Active, QPalette::Highlight);
    // Right of the text, inside the cell: the selection's color on row 2 only.
    const QPoint inSelected(selected.right() - 4, selected.center().y());
    const QPoint inPlain(plain.right() - 4, plain.center().y());
    QVERIFY(near(image.pixelColor(inSelected), highlight));
    QVERIFY(!near(image.pixelColor(inPlain), highlight));
    // The grid line under each row.
    QVERIFY(image.pixelColor(plain.left() + 4, plain.bottom()).rgb()
            != image.pixelColor(inPlain).rgb());
}

QTEST_MAIN(tst_RowTableView)
#include "tst_rowtableview.moc"
