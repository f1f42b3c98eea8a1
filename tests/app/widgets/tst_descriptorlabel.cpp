// SPDX-License-Identifier: GPL-3.0-or-later
// The status bar's descriptor label follows sockets opened and closed on its
// own timer, and turns to the warning colour past 80 % of the limit.
#include "widgets/descriptorlabel.h"

#include <QTest>

#include <vector>

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace TcpInspector;

class tst_DescriptorLabel : public QObject
{
    Q_OBJECT

private slots:
    void followsSocketsOnItsTimer();
    void warnsNearTheLimit();
    void cleanup();

private:
    void openSockets(int count);

    std::vector<int> m_fds;
    rlimit m_saved {};
    bool m_lowered = false;
};

void tst_DescriptorLabel::openSockets(int count)
{
    for (int i = 0; i < count; ++i)
        m_fds.push_back(::socket(AF_INET, SOCK_STREAM, 0));
}

void tst_DescriptorLabel::cleanup()
{
    for (int fd : m_fds)
        ::close(fd);
    m_fds.clear();
    if (m_lowered)
        ::setrlimit(RLIMIT_NOFILE, &m_saved);
    m_lowered = false;
}

void tst_DescriptorLabel::followsSocketsOnItsTimer()
{
    DescriptorLabel label;
    QCOMPARE(label.objectName(), QStringLiteral("descriptorLabel"));
    const int before = label.usage().open();
    QVERIFY(before >= 3);
    QCOMPARE(label.text(), DescriptorUsage(before, label.usage().limit()).text());
    QVERIFY(label.toolTip().contains(QLatin1String("EMFILE")));
    openSockets(40);
    // No call: the label's own timer reads the count again.
    QTRY_COMPARE_WITH_TIMEOUT(label.usage().open(), before + 40, 2000);
    QVERIFY(label.text().startsWith(QStringLiteral("fds %1").arg(before + 40)));
    cleanup();
    QTRY_COMPARE_WITH_TIMEOUT(label.usage().open(), before, 2000);
}

void tst_DescriptorLabel::warnsNearTheLimit()
{
    QWidget bar;
    auto *label = new DescriptorLabel(&bar);
    const QColor normal = label->palette().color(QPalette::WindowText);
    QVERIFY(!label->isWarning());
    QVERIFY(::getrlimit(RLIMIT_NOFILE, &m_saved) == 0);
    // Past 80 % but with room to spare: the sanitizers' runtime opens a pipe
    // to probe memory, and a limit one descriptor above the count made it
    // report a false "invalid vptr" in CI.
    openSockets(40);
    const int open = DescriptorUsage::current().open();
    rlimit lower = m_saved;
    lower.rlim_cur = rlim_t(open * 6 / 5 + 1);
    m_lowered = true;
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &lower) == 0);
    label->sample();
    QVERIFY(label->isWarning());
    QVERIFY(label->palette().color(QPalette::WindowText) != normal);
    QVERIFY(label->text().endsWith(QStringLiteral(" / %1").arg(lower.rlim_cur)));
    ::setrlimit(RLIMIT_NOFILE, &m_saved);
    m_lowered = false;
    label->sample();
    QVERIFY(!label->isWarning());
    QCOMPARE(label->palette().color(QPalette::WindowText), normal);
}

QTEST_MAIN(tst_DescriptorLabel)
#include "tst_descriptorlabel.moc"
