// SPDX-License-Identifier: GPL-3.0-or-later
// The wrapping layout of the panels' rows: one row when there is room, more
// rows and no more width when there is not, columns that line up, pairs
// that never part, and a .ui row taken over in place.
#include "views/flowlayout.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QVBoxLayout>

using namespace TcpInspector;

class tst_FlowLayout : public QObject
{
    Q_OBJECT

private slots:
    void wraps_data();
    void wraps();
    void uniformColumnsLineUp();
    void replacesARow();
    void keepsAGroupTogether();
};

void tst_FlowLayout::wraps_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("rows");
    QTest::newRow("room for all") << 2000 << 1;
    QTest::newRow("room for two") << 0 << 3; // filled in below: 2 buttons a row
    QTest::newRow("one a row") << 1 << 5;
}

void tst_FlowLayout::wraps()
{
    QFETCH(int, width);
    QFETCH(int, rows);
    QWidget window;
    auto *flow = new FlowLayout(&window);
    flow->setContentsMargins(0, 0, 0, 0);
    flow->setSpacings(10, 10);
    QList<QPushButton *> buttons;
    for (int i = 0; i < 5; ++i) {
        auto *button = new QPushButton(QStringLiteral("Button"));
        button->setFixedSize(100, 30);
        flow->addWidget(button);
        buttons.append(button);
    }
    if (width == 0)
        width = 2 * 100 + 10 + 50;
    QCOMPARE(flow->minimumSize().width(), 100);
    const int height = flow->heightForWidth(width);
    QCOMPARE(height, rows * 30 + (rows - 1) * 10);
    flow->setGeometry(QRect(0, 0, width, height));
    int lastRight = 0;
    for (const QPushButton *button : std::as_const(buttons)) {
        QVERIFY(button->geometry().right() < qMax(width, 100));
        lastRight = qMax(lastRight, button->geometry().bottom());
    }
    QCOMPARE(lastRight + 1, height);
}

void tst_FlowLayout::uniformColumnsLineUp()
{
    QWidget window;
    auto *flow = new FlowLayout(&window);
    flow->setContentsMargins(0, 0, 0, 0);
    flow->setUniformColumns(true);
    QList<QWidget *> pairs;
    for (const char *text : {"Idle timeout", "MSS", "Receive buffer size", "Probes"}) {
        auto *label = new QLabel(QLatin1String(text));
        auto *field = new QLineEdit;
        pairs.append(flow->addPair(label, field));
        QCOMPARE(label->buddy(), field);
    }
    const int cell = pairs.at(2)->sizeHint().width();
    const int width = 2 * cell + 3 * flow->spacing() + 1;
    flow->setGeometry(QRect(0, 0, width, flow->heightForWidth(width)));
    // Two columns of the widest pair's width: the fields end at the same x.
    QCOMPARE(pairs.at(0)->geometry().width(), cell);
    QCOMPARE(pairs.at(1)->geometry().width(), cell);
    QCOMPARE(pairs.at(0)->x(), pairs.at(2)->x());
    QCOMPARE(pairs.at(1)->x(), pairs.at(3)->x());
    QVERIFY(pairs.at(2)->y() > pairs.at(0)->y());
}

void tst_FlowLayout::replacesARow()
{
    QWidget window;
    auto *column = new QVBoxLayout(&window);
    auto *top = new QLabel(QStringLiteral("top"));
    column->addWidget(top);
    auto *row = new QHBoxLayout;
    row->setObjectName(QStringLiteral("optionsRow"));
    auto *label = new QLabel(QStringLiteral("Engine"));
    auto *field = new QLineEdit;
    label->setBuddy(field);
    auto *button = new QPushButton(QStringLiteral("Go"));
    row->addWidget(label);
    row->addWidget(field);
    row->addStretch(1);
    row->addWidget(button);
    column->addLayout(row);
    column->addWidget(new QLabel(QStringLiteral("bottom")));

    FlowLayout *flow = FlowLayout::replace(row);
    QCOMPARE(column->indexOf(flow), 1);
    QCOMPARE(flow->objectName(), QStringLiteral("optionsRow"));
    QCOMPARE(flow->count(), 2); // the pair and the button; the stretch is gone
    QCOMPARE(flow->itemAt(1)->widget(), button);
    QCOMPARE(label->parentWidget(), field->parentWidget());
    QCOMPARE(flow->itemAt(0)->widget(), label->parentWidget());
}

void tst_FlowLayout::keepsAGroupTogether()
{
    QWidget window;
    auto *column = new QVBoxLayout(&window);
    auto *row = new QHBoxLayout;
    row->setSpacing(0);
    QList<QPushButton *> buttons;
    for (const char *text : {"Text", "Hex", "File", "Send"}) {
        buttons.append(new QPushButton(QLatin1String(text)));
        row->addWidget(buttons.last());
    }
    column->addLayout(row);
    FlowLayout *flow = FlowLayout::replace(row, {{buttons.at(0), buttons.at(1), buttons.at(2)}});
    QCOMPARE(flow->count(), 2);
    QWidget *group = flow->itemAt(0)->widget();
    QVERIFY(group);
    QCOMPARE(group->layout()->count(), 3);
    QCOMPARE(group->layout()->spacing(), 0); // as close as they stood in the row
    QCOMPARE(buttons.at(2)->parentWidget(), group);
    QCOMPARE(flow->itemAt(1)->widget(), buttons.at(3));
    // Narrower than the group: the group wraps as one, never apart.
    const int width = group->sizeHint().width();
    flow->setGeometry(QRect(0, 0, width, flow->heightForWidth(width)));
    QCOMPARE(group->geometry().width(), width);
    QVERIFY(buttons.at(3)->geometry().top() >= group->geometry().bottom());
}

QTEST_MAIN(tst_FlowLayout)
#include "tst_flowlayout.moc"
