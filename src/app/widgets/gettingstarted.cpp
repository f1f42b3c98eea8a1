// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/gettingstarted.h"

#include "net/connection.h"
#include "session/workbench.h"
#include "widgets/clientpanel.h"
#include "widgets/firststarthint.h"
#include "widgets/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QUrl>
#include <QVBoxLayout>

#include <memory>

namespace TcpInspector {

namespace {
QString hintDoneKey()
{
    return QStringLiteral("window/firstStartHintDone");
}

/// The user guide of this language: installed beside the programs, or in
/// the source tree a developer runs from; empty when neither is there.
QString guidePath(const QString &language)
{
    const QString name = language.startsWith(QLatin1String("zh")) ? QStringLiteral("GUIDE.zh_CN.md")
                                                                  : QStringLiteral("GUIDE.md");
    const QDir bin(QCoreApplication::applicationDirPath());
    for (const QString &candidate :
         {bin.filePath(QStringLiteral("../share/doc/tcpinspector/") + name),
          bin.filePath(QStringLiteral("../../../docs/") + name)}) {
        if (QFileInfo::exists(candidate))
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QString();
}
} // namespace

GettingStarted::GettingStarted(MainWindow *window, QMenu *help, QAction *about,
                               QVBoxLayout *central, bool useSettings, bool show)
    : QObject(window),
      m_window(window),
      m_hint(new FirstStartHint(window)),
      m_show(new QAction(this)),
      m_guide(new QAction(this)),
      m_aboutQt(new QAction(this)),
      m_useSettings(useSettings)
{
    m_show->setObjectName(QStringLiteral("actionGettingStarted"));
    m_guide->setObjectName(QStringLiteral("actionUserGuide"));
    m_guide->setShortcut(QKeySequence::HelpContents);
    help->insertActions(about, {m_show, m_guide});
    help->insertSeparator(about);
    help->addAction(m_aboutQt);
    central->insertWidget(0, m_hint);
    m_hint->setVisible(show);
    connect(m_show, &QAction::triggered, m_hint, &QWidget::show);
    connect(m_guide, &QAction::triggered, this, &GettingStarted::openGuide);
    connect(about, &QAction::triggered, this, &GettingStarted::showAbout);
    connect(m_aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    connect(m_hint, &FirstStartHint::demoRequested, this, &GettingStarted::runDemo);
    connect(m_hint, &FirstStartHint::dismissed, this, [this] {
        if (m_useSettings)
            QSettings().setValue(hintDoneKey(), true);
    });
    Workbench *bench = window->workbench();
    connect(bench, &Workbench::listeningChanged, this, [this, bench] {
        m_hint->setServerAddress(bench->isListening() ? bench->boundAddress().toString()
                                                      : QString());
    });
    retranslate();
}

bool GettingStarted::hintWanted(bool useSettings)
{
    return useSettings && !QSettings().value(hintDoneKey(), false).toBool();
}

bool GettingStarted::runDemo()
{
    // The connection appears once the I/O thread has made it.
    Workbench *bench = m_window->workbench();
    auto added = std::make_shared<QMetaObject::Connection>();
    *added = connect(bench, &Workbench::connectionAdded, this, [this, added](Connection *c) {
        if (c->side() != Connection::Side::Client || c->relayPair() != 0)
            return;
        disconnect(*added);
        watchDemo(c);
    });
    if (m_window->clientPanel()->connectToTarget())
        return true;
    disconnect(*added);
    return false;
}

void GettingStarted::watchDemo(Connection *client)
{
    m_window->selectInPanel(client);
    // Once established, a line the echo server sends back: a chunk each way.
    // The connection lives on the I/O thread and may be established already.
    auto once = std::make_shared<QMetaObject::Connection>();
    const auto sendWhenUp = [this, once, c = QPointer<Connection>(client)](ConnectionState state) {
        if (!*once || state == ConnectionState::Connecting || state == ConnectionState::Resolving)
            return;
        disconnect(*once);
        *once = QMetaObject::Connection();
        if (c && state == ConnectionState::Established) {
            SendRequest request;
            request.bytes = QByteArrayLiteral("hello, TCP\n");
            m_window->workbench()->send(c, request);
        }
    };
    *once = connect(client, &Connection::stateChanged, this, sendWhenUp);
    sendWhenUp(client->state());
}

void GettingStarted::showAbout()
{
    QMessageBox::about(
        m_window, tr("About TCP Inspector"),
        tr("<h3>TCP Inspector %1</h3><p>Makes TCP visible: every read as the chunk it was, the "
           "messages a framing decoder builds from them, and what each end of a connection "
           "did and when.</p><p>Copyright © the TCP Inspector developers. Free software under "
           "the GNU General Public License, version 3 or later (GPL-3.0-or-later): you may "
           "share and change it; it comes with no warranty. The licence is in LICENSE, "
           "installed in share/doc/tcpinspector.</p><p>Built with Qt %2, running on Qt %3.</p>")
            .arg(QCoreApplication::applicationVersion(), QStringLiteral(QT_VERSION_STR),
                 QString::fromLatin1(qVersion())));
}

void GettingStarted::openGuide()
{
    const QString path = guidePath(QLocale().name());
    if (path.isEmpty() || !QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        QMessageBox::information(
            m_window, tr("User guide"),
            tr("The user guide is docs/GUIDE.md in the source, and in share/doc/tcpinspector "
               "where the package installs it; this installation has no copy."));
}

void GettingStarted::retranslate()
{
    m_show->setText(tr("&Getting Started"));
    m_show->setToolTip(tr("Show the hint about the two panels again"));
    m_guide->setText(tr("&User Guide"));
    m_aboutQt->setText(tr("About &Qt"));
}

} // namespace TcpInspector
