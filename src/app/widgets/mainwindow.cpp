// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/mainwindow.h"

#include "framing/decoderregistry.h"

#include "composer/sendcomposer.h"
#include "lessons/lessonpane.h"
#include "models/byteformat.h"
#include "models/modeltext.h"
#include "net/connection.h"
#include "scenario/scenariopane.h"
#include "session/workbench.h"
#include "views/timelineview.h"
#include "widgets/advancedsection.h"
#include "widgets/appearance.h"
#include "widgets/autosave.h"
#include "widgets/clientpanel.h"
#include "widgets/connectionactions.h"
#include "widgets/connectiontable.h"
#include "widgets/connectionview.h"
#include "widgets/conversationpane.h"
#include "widgets/descriptorlabel.h"
#include "widgets/docklayout.h"
#include "widgets/eventlogpane.h"
#include "widgets/gettingstarted.h"
#include "widgets/keepmenu.h"
#include "widgets/presentationmode.h"
#include "widgets/relaypanel.h"
#include "widgets/replaybar.h"
#include "widgets/serverpanel.h"
#include "widgets/sessionfiles.h"
#include "widgets/settingskeys.h"
#include "widgets/timelinepane.h"

#include "ui_mainwindow.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QTranslator>
#include <QVBoxLayout>

namespace TcpInspector {

MainWindow::MainWindow(Options options, QWidget *parent)
    : QMainWindow(parent),
      m_ui(std::make_unique<Ui::MainWindow>()),
      m_workbench(std::make_unique<Workbench>()),
      m_options(std::move(options))
{
    m_ui->setupUi(this);
    buildLayout();
    wireActions();
    buildLanguageMenu();
    if (m_options.useSettings)
        restoreSettings();
    m_appearance = new Appearance(m_ui->menuView, m_options.useSettings, this);
    m_gettingStarted = new GettingStarted(
        this, m_ui->menuHelp, m_ui->actionAbout,
        qobject_cast<QVBoxLayout *>(m_ui->centralWidget->layout()), m_options.useSettings,
        m_options.firstStartHint || GettingStarted::hintWanted(m_options.useSettings));
    // No session is open yet, whatever the saved layout says.
    m_replayBar->hide();

    // The window pulls at display rate (docs/ARCHITECTURE.md, "Data flow"): however fast
    // bytes arrive, the GUI thread does a bounded amount of work per frame.
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(33);
    connect(m_refreshTimer, &QTimer::timeout, this, &MainWindow::refresh);
    m_refreshTimer->start();

    if (m_options.listenOnStart)
        m_server->listen();
    refresh();
}

MainWindow::~MainWindow()
{
    // Views hold pointers into connections; drop them before the I/O thread goes.
    m_view->setConnection(nullptr);
    m_conversation->setConnection(nullptr);
    delete m_autosave; // a write in progress reads them too
}

void MainWindow::buildLayout()
{
    m_server = new ServerPanel(m_workbench.get());
    m_client = new ClientPanel(m_workbench.get());
    m_view = new ConnectionView(m_workbench.get());
    m_conversation = new ConversationPane;
    m_conversation->setObjectName(QStringLiteral("conversationPane"));
    m_composer = new SendComposer;
    m_composer->setWorkbench(m_workbench.get());
    m_timeline = new TimelinePane(m_workbench.get());
    m_timeline->setObjectName(QStringLiteral("timelinePane"));
    m_eventLog = new EventLogPane(m_workbench.get());
    m_eventLog->setObjectName(QStringLiteral("eventLogPane"));
    m_scenarios = new ScenarioPane(m_workbench.get());
    m_scenarios->setObjectName(QStringLiteral("scenarioPane"));
    m_lessons = new LessonPane(m_workbench.get());
    m_lessons->setObjectName(QStringLiteral("lessonPane"));
    m_relay = new RelayPanel(m_workbench.get());
    m_relay->setObjectName(QStringLiteral("relayPanel"));
    m_server->setObjectName(QStringLiteral("serverPanel"));
    m_client->setObjectName(QStringLiteral("clientPanel"));
    m_view->setObjectName(QStringLiteral("connectionView"));
    m_composer->setObjectName(QStringLiteral("sendComposer"));

    // The stream views keep the centre; every other part is a dock the user
    // can move, tab, hide and bring back (View menu).
    auto *layout = new QVBoxLayout(m_ui->centralWidget);
    layout->setContentsMargins(4, 4, 4, 0);
    // One direction's chunks and messages, or both directions as one
    // conversation; each has the selector that switches, so neither loses
    // a line to a tab bar.
    m_centre = new QStackedWidget;
    m_centre->setObjectName(QStringLiteral("centre"));
    m_centre->addWidget(m_view);
    m_centre->addWidget(m_conversation);
    layout->addWidget(m_centre);
    // A first start fills most of a large screen and all of a laptop's or a
    // projector's, where every line counts (a saved geometry comes later).
    if (const QScreen *screen = this->screen()) {
        const QSize available = screen->availableGeometry().size();
        if (DockLayout::arrangementFor(available) == DockLayout::Arrangement::Wide) {
            resize(available * 0.9);
        } else {
            resize(available);
            setWindowState(windowState() | Qt::WindowMaximized);
        }
    }
    m_docks = new DockLayout(this);
    m_docks->setPanel(DockLayout::Server, m_server, true);
    m_docks->setPanel(DockLayout::Client, m_client, true);
    m_docks->setPanel(DockLayout::Timeline, m_timeline, false);
    m_docks->setPanel(DockLayout::Events, m_eventLog, false);
    m_docks->setPanel(DockLayout::Composer, m_composer, true);
    m_docks->setPanel(DockLayout::Scenarios, m_scenarios, false);
    m_docks->setPanel(DockLayout::Lessons, m_lessons, true);
    m_docks->setPanel(DockLayout::Relay, m_relay, true);
    m_docks->reset();
    const QList<QAction *> toggles = m_docks->toggleActions();
    m_ui->menuView->insertActions(m_ui->actionResetLayout, toggles);
    m_ui->menuView->insertSeparator(toggles.first());
    m_presentation = new PresentationMode(this, m_docks, m_composer);
    m_ui->menuView->insertActions(m_ui->menuLanguage->menuAction(), m_presentation->actions());
    m_ui->menuView->insertSeparator(m_ui->menuLanguage->menuAction());
    m_scenarioMenu = new QMenu(this);
    m_scenarioMenu->addActions(m_scenarios->menuActions());
    menuBar()->insertMenu(m_ui->menuHelp->menuAction(), m_scenarioMenu);
    m_scenarioMenu->setTitle(tr("&Scenario"));
    m_lessonMenu = new QMenu(this);
    m_lessonMenu->addActions(m_lessons->menuActions());
    menuBar()->insertMenu(m_ui->menuHelp->menuAction(), m_lessonMenu);
    m_lessonMenu->setTitle(tr("&Lesson"));

    m_rxRateLabel = new QLabel;
    m_txRateLabel = new QLabel;
    m_messageRateLabel = new QLabel;
    m_connectionsLabel = new QLabel;
    m_listeningLabel = new QLabel;
    for (QLabel *label : {m_rxRateLabel, m_txRateLabel, m_messageRateLabel, m_connectionsLabel})
        statusBar()->addWidget(label);
    // Open descriptors against the limit: the first thing a burst of
    // connections runs out of (EMFILE).
    statusBar()->addWidget(new DescriptorLabel);
    // Ring mode is a choice the user makes; the label says it is on.
    m_keepMenu = new KeepMenu(m_workbench.get(), m_options.useSettings, this);
    m_ui->menuConnection->addSeparator();
    m_ui->menuConnection->addMenu(m_keepMenu);
    statusBar()->addWidget(m_keepMenu->statusLabel());
    statusBar()->addPermanentWidget(m_listeningLabel);
    m_files = new SessionFiles(m_workbench.get(), this, m_options.useSettings, this);
    m_files->addToMenu(m_ui->menuFile, m_ui->actionQuit);
    connect(m_files, &SessionFiles::reported, this, &MainWindow::handleFilesReport);
    m_autosave = new Autosave(m_workbench.get(), m_files, this, m_options.autosaveFolder,
                              m_options.useSettings, this);
    m_autosave->addToMenu(m_ui->menuFile, m_ui->actionQuit);
    statusBar()->addWidget(m_autosave->statusLabel());
    connect(m_autosave, &Autosave::reported, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    wireReplay();
}

void MainWindow::openSession(const QString &path)
{
    m_files->openAndReport(path);
}

void MainWindow::wireReplay()
{
    m_replayBar = new ReplayBar(m_workbench.get(), this);
    addToolBar(Qt::TopToolBarArea, m_replayBar);
    m_replayMenu = new QMenu(tr("Replay"), this);
    m_replayBar->addToMenu(m_replayMenu);
    m_ui->menuFile->insertMenu(m_ui->actionQuit, m_replayMenu);
    m_ui->menuFile->insertSeparator(m_ui->actionQuit);
    connect(m_files, &SessionFiles::opened, m_replayBar, &ReplayBar::setSession);
    connect(m_replayBar, &ReplayBar::reported, this, &MainWindow::handleFilesReport);
    connect(m_replayBar, &ReplayBar::connectionsAboutToGo, this, [this] {
        if (m_current && m_current->isRecorded())
            m_replayFollowId = m_current->id();
        else if (m_current)
            m_replayFollowId = 0;
    });
    connect(m_replayBar, &ReplayBar::connectionRevealed, this, [this](Connection *connection) {
        if (m_replayFollowId ? connection->id() == m_replayFollowId : !m_current)
            selectInPanel(connection);
    });
    // The timeline's right edge is the replay's cursor, as it is now live.
    connect(m_replayBar, &ReplayBar::began, this,
            [this] { m_timeline->view()->setFollowLive(true); });
}

void MainWindow::wireActions()
{
    connect(m_server, &ServerPanel::currentConnectionChanged, this,
            &MainWindow::handlePanelSelection);
    connect(m_client, &ClientPanel::currentConnectionChanged, this,
            &MainWindow::handlePanelSelection);
    connect(m_server, &ServerPanel::listening, m_client, &ClientPanel::suggestTarget);
    wirePanel(m_server);
    wirePanel(m_client);
    wirePanel(m_relay);
    connect(m_relay, &RelayPanel::currentConnectionChanged, this,
            &MainWindow::handlePanelSelection);
    // The faults (or the TLS fields) opened in a short dock would show a
    // line or two: the dock grows to hold them, taking the height from the
    // connection view.
    for (AdvancedSection *section : {m_relay->faultsSection(), m_relay->tlsSection()}) {
        connect(section, &AdvancedSection::expandedChanged, this, [this, section](bool open) {
            QDockWidget *dock = m_docks->dock(DockLayout::Relay);
            if (!open || !dock || dock->isFloating())
                return;
            QTimer::singleShot(0, dock, [this, dock, section] {
                const int wanted = dock->height() + section->contentHeight() - section->height();
                resizeDocks({dock}, {std::min(wanted, height() * 2 / 3)}, Qt::Vertical);
            });
        });
    }
    connect(m_view, &ConnectionView::framingApplied, this, &MainWindow::handleFramingApplied);
    connect(m_workbench.get(), &Workbench::connectionsAboutToBeRemoved, this,
            [this](const QList<Connection *> &gone) {
                if (gone.contains(m_current))
                    showConnection(nullptr);
            });
    connect(
        m_workbench.get(), &Workbench::acceptFailed, this, [this](const SocketErrorInfo &error) {
            statusBar()->showMessage(
                tr("Accept failed: %1 (details in the event log)").arg(error.explanation), 10000);
        });
    connect(
        m_workbench.get(), &Workbench::sendFailed, this,
        [this](Connection *, const QString &reason) { statusBar()->showMessage(reason, 10000); });
    connect(m_view, &ConnectionView::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    connect(m_timeline, &TimelinePane::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    // Timeline and stream views point at each other: a click on a lane or a
    // tick shows that connection and chunk; a selected row gets a cursor.
    TimelineView *timeline = m_timeline->view();
    connect(timeline, &TimelineView::connectionActivated, this,
            [this](Connection *connection) { selectInPanel(connection); });
    connect(m_eventLog, &EventLogPane::connectionActivated, this,
            [this](Connection *connection) { selectInPanel(connection); });
    connect(timeline, &TimelineView::chunkActivated, this,
            [this](Connection *connection, Direction direction, qint64 chunk) {
                selectInPanel(connection);
                m_view->setDirection(direction);
                m_view->selectChunk(chunk);
            });
    connect(m_view, &ConnectionView::timeSelected, timeline, &TimelineView::showTime);
    connect(m_scenarios, &ScenarioPane::showRequested, this, &MainWindow::showStepTarget);
    connect(m_presentation, &PresentationMode::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 3000); });
    connect(m_scenarios, &ScenarioPane::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    // The menu's Run, Step and Stop act on the pane: bring it forward.
    for (QAction *action : m_scenarios->menuActions()) {
        connect(action, &QAction::triggered, this,
                [this] { m_docks->dock(DockLayout::Scenarios)->raise(); });
    }
    connect(m_composer, &SendComposer::sendRequested, this,
            [this](const SendRequest &request) { m_workbench->send(m_current, request); });

    wireLessons();
    wireMenus();
    wireConversation();
}

void MainWindow::wireConversation()
{
    m_conversation->linkTo(m_view);
    connect(m_conversation, &ConversationPane::directionViewRequested, this,
            [this] { m_centre->setCurrentWidget(m_view); });
    connect(m_view, &ConnectionView::conversationRequested, this,
            [this] { m_centre->setCurrentWidget(m_conversation); });
    connect(m_conversation, &ConversationPane::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    connect(m_ui->actionShowConversation, &QAction::triggered, this,
            [this] { m_centre->setCurrentWidget(m_conversation); });
    // TLS records or plaintext, for the stream views: after the three that pick the view.
    const QList<QAction *> viewActions = m_ui->menuView->actions();
    m_ui->menuView->insertAction(
        viewActions.value(viewActions.indexOf(m_ui->actionShowConversation) + 1),
        m_view->wireAction());
}

void MainWindow::wireLessons()
{
    connect(m_lessons, &LessonPane::showRequested, this,
            [this](quint64 id, Direction direction, qint64 offset, qint64 timeNs,
                   LessonPane::View view) {
                showStepTarget(id, direction, offset, timeNs);
                // The chunk and message tables are in the centre (not the
                // conversation); the timeline and its kernel strip share a
                // tab group with the lesson.
                if (view == LessonPane::View::Timeline || view == LessonPane::View::Kernel)
                    m_docks->dock(DockLayout::Timeline)->raise();
                else
                    m_centre->setCurrentWidget(m_view);
            });
    // A lesson runs endpoints of its own; what it changes is which connection
    // the window shows, and that comes back when it is reset.
    connect(m_lessons, &LessonPane::windowStateSaveRequested, this,
            [this] { m_beforeLesson = m_current; });
    connect(m_lessons, &LessonPane::windowStateRestoreRequested, this, [this] {
        if (m_beforeLesson)
            selectInPanel(m_beforeLesson);
    });
    for (QAction *action : m_lessons->menuActions()) {
        connect(action, &QAction::triggered, this,
                [this] { m_docks->dock(DockLayout::Lessons)->raise(); });
    }
    // In front of a class only what the lesson looks at: its own pane, the
    // stream tables in the centre, and the timeline when it names it.
    connect(m_lessons, &LessonPane::lessonChanged, this, [this] {
        const Lesson *lesson = m_lessons->currentLesson();
        if (!lesson)
            return;
        QStringList docks {m_docks->dock(DockLayout::Lessons)->objectName()};
        if (lesson->views.contains(QLatin1String("timeline"))
            || lesson->views.contains(QLatin1String("kernel")))
            docks += m_docks->dock(DockLayout::Timeline)->objectName();
        setPresentationDocks(docks);
    });
}

bool MainWindow::openLesson(const QString &id)
{
    if (!m_lessons->openLesson(id))
        return false;
    m_docks->dock(DockLayout::Lessons)->show();
    m_docks->dock(DockLayout::Lessons)->raise();
    return true;
}

void MainWindow::wireMenus()
{
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionResetLayout, &QAction::triggered, m_docks, &DockLayout::reset);
    connect(m_ui->actionListen, &QAction::triggered, this, [this] {
        if (m_workbench->isListening())
            m_server->stop();
        else
            m_server->listen();
    });
    connect(m_ui->actionConnect, &QAction::triggered, this,
            [this] { m_client->connectToTarget(); });
    connect(m_ui->actionHalfClose, &QAction::triggered, this, [this] {
        for (Connection *connection : actionTargets())
            m_workbench->halfClose(connection);
    });
    connect(m_ui->actionClose, &QAction::triggered, this, [this] {
        for (Connection *connection : actionTargets())
            m_workbench->close(connection);
    });
    connect(m_ui->actionReset, &QAction::triggered, this, [this] {
        for (Connection *connection : actionTargets())
            m_workbench->abortWithReset(connection);
    });
    connect(m_ui->actionClearClosed, &QAction::triggered, this,
            [this] { m_workbench->removeFinished(); });
    connect(m_ui->actionFind, &QAction::triggered, this, [this] {
        // Find searches one direction: its field is in the direction view.
        m_centre->setCurrentWidget(m_view);
        m_view->focusFind();
    });
    connect(m_ui->actionShowReceived, &QAction::triggered, this, [this] {
        m_centre->setCurrentWidget(m_view);
        m_view->setDirection(Direction::Rx);
    });
    connect(m_ui->actionShowSent, &QAction::triggered, this, [this] {
        m_centre->setCurrentWidget(m_view);
        m_view->setDirection(Direction::Tx);
    });
    for (ByteFormat::Format format : ByteFormat::copyFormats()) {
        QAction *action = m_ui->menuCopyAs->addAction(ByteFormat::formatName(format), this,
                                                      [this, format] { m_view->copyAs(format); });
        action->setData(int(format));
    }
}

template<typename Panel>
void MainWindow::wirePanel(Panel *panel)
{
    connect(panel, &Panel::connectionShowRequested, this, &MainWindow::selectInPanel);
    connect(panel, &Panel::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    connect(panel, &Panel::sendToManyRequested, this, [this](const QList<Connection *> &targets) {
        if (const std::optional<SendRequest> request = m_composer->request(false))
            m_workbench->sendToMany(targets, *request);
        else
            statusBar()->showMessage(tr("Nothing to send: type the bytes in the composer first."),
                                     6000);
    });
}

QList<Connection *> MainWindow::actionTargets() const
{
    // The rows selected in the panel of the shown connection, when it is one
    // of them; otherwise the shown connection alone.
    if (!m_current)
        return {};
    const QList<Connection *> selected = tableOf(m_current)->selectedConnections();
    return selected.contains(m_current) ? selected : QList<Connection *> {m_current};
}

ConnectionTable *MainWindow::tableOf(const Connection *connection) const
{
    if (connection->relayPair() != 0)
        return m_relay->table();
    return connection->side() == Connection::Side::Server ? m_server->table() : m_client->table();
}

void MainWindow::handleFramingApplied(Connection::Side side, Direction direction,
                                      const QString &spec)
{
    // New connections of that side start with the framing just chosen.
    auto apply = [&](auto *panel, const QString &rx, const QString &tx) {
        panel->setDefaultFraming(direction == Direction::Rx ? spec : rx,
                                 direction == Direction::Tx ? spec : tx);
    };
    const QString rx = m_current ? m_current->rx().framing() : spec;
    const QString tx = m_current ? m_current->tx().framing() : spec;
    if (m_current && m_current->relayPair() != 0) {
        apply(m_relay, rx, tx);
        statusBar()->showMessage(
            tr("New relayed connections will start with framing %1.").arg(spec), 6000);
        return;
    }
    if (side == Connection::Side::Server) {
        apply(m_server, rx, tx);
        statusBar()->showMessage(tr("New server connections will start with framing %1.").arg(spec),
                                 6000);
    } else {
        apply(m_client, rx, tx);
        statusBar()->showMessage(tr("New client connections will start with framing %1.").arg(spec),
                                 6000);
    }
}

void MainWindow::buildLanguageMenu()
{
    auto *group = new QActionGroup(this);
    const QList<std::pair<QString, QString>> languages = {
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh_CN"), QStringLiteral("中文 (简体)")},
    };
    for (const auto &[code, name] : languages) {
        QAction *action = m_ui->menuLanguage->addAction(name);
        action->setCheckable(true);
        action->setData(code);
        action->setChecked(code == m_language);
        group->addAction(action);
        connect(action, &QAction::triggered, this,
                [this, language = code] { setLanguage(language); });
    }
}

void MainWindow::setLanguage(const QString &language)
{
    if (m_translator) {
        QCoreApplication::removeTranslator(m_translator.get());
        m_translator.reset();
    }
    if (m_qtTranslator) {
        QCoreApplication::removeTranslator(m_qtTranslator.get());
        m_qtTranslator.reset();
    }
    m_language = QStringLiteral("en");
    if (language != QLatin1String("en")) {
        auto translator = std::make_unique<QTranslator>();
        if (translator->load(QStringLiteral(":/i18n/tcpinspector_%1.qm").arg(language))) {
            QCoreApplication::installTranslator(translator.get());
            m_translator = std::move(translator);
            m_language = language;
            // Qt's own dialogs and buttons, when Debian's qt6-translations-l10n has them.
            auto qt = std::make_unique<QTranslator>();
            if (qt->load(QStringLiteral("qtbase_%1").arg(language),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
                QCoreApplication::installTranslator(qt.get());
                m_qtTranslator = std::move(qt);
            }
        }
    }
    for (QAction *action : m_ui->menuLanguage->actions())
        action->setChecked(action->data().toString() == m_language);
    m_scenarios->setLanguage(m_language);
    m_lessons->setLanguage(m_language);
}

void MainWindow::selectInPanel(Connection *connection)
{
    if (!connection)
        return;
    tableOf(connection)->selectConnection(connection);
    showConnection(connection);
}

void MainWindow::showStepTarget(quint64 connectionId, Direction direction, qint64 offset,
                                qint64 timeNs)
{
    Connection *connection = m_workbench->connectionById(connectionId);
    if (!connection) {
        statusBar()->showMessage(tr("The connection of that step is no longer listed."), 6000);
        return;
    }
    selectInPanel(connection);
    m_view->setDirection(direction);
    // Selecting the message or chunk moves the timeline's cursor to it;
    // a step that touched no bytes puts the cursor at its own time.
    if (offset >= 0)
        m_view->selectByte(offset);
    else
        m_timeline->view()->showTime(connection, timeNs);
}

void MainWindow::handlePanelSelection(Connection *connection, bool automatic)
{
    if (automatic && m_current && !isFinalState(m_current->state()))
        return;
    showConnection(connection);
}

void MainWindow::showConnection(Connection *connection)
{
    if (connection == m_current && connection)
        return;
    m_current = connection;
    m_view->setConnection(connection);
    m_conversation->setConnection(connection);
    m_files->setCurrentConnection(connection);
    updateComposer();
}

void MainWindow::handleFilesReport(const QString &text, bool isError)
{
    if (!isError) {
        statusBar()->showMessage(text, 5000);
        return;
    }
    showProblems(tr("Session"), text, QStringLiteral("sessionReport"));
}

void MainWindow::showProblems(const QString &title, const QString &text, const QString &name)
{
    // Not modal: a damaged file's list of problems must not stop the window
    // from showing what could be read.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(name);
    box->open();
}

void MainWindow::refresh()
{
    m_server->refresh();
    m_client->refresh();
    m_relay->refresh();
    m_view->refresh();
    m_conversation->refresh();
    m_timeline->view()->refresh();
    m_eventLog->refresh();
    updateStatusBar();
    updateComposer();
}

void MainWindow::updateComposer()
{
    if (!m_current) {
        m_composer->setSendEnabled(false, tr("Select a connection to send on."));
        m_composer->setProgress(0, 0);
        return;
    }
    const ConnectionState state = m_current->state();
    // One rule for the composer and the panels' Send to.
    const bool canSend = ConnectionActions::canSend({m_current});
    QString why;
    if (m_current->isRecorded()) {
        why = tr("This connection is a recording: it cannot send.");
    } else if (!canSend) {
        why = state == ConnectionState::LocalHalfClosed
                  ? tr("This connection sent its FIN: it can no longer send.")
                  : tr("This connection is %1: it cannot send.").arg(ModelText::state(state));
    }
    m_composer->setSendEnabled(canSend, why);
    const Workbench::Progress progress = m_workbench->sendProgress(m_current);
    if (progress.finished)
        m_composer->setProgress(0, 0);
    else
        m_composer->setProgress(progress.sent, progress.total);
}

void MainWindow::updateStatusBar()
{
    qint64 rx = 0;
    qint64 tx = 0;
    qint64 messages = 0;
    int open = 0;
    const QList<Connection *> all = m_workbench->connections();
    for (const Connection *connection : all) {
        rx += connection->rx().store().size();
        tx += connection->tx().store().size();
        messages += connection->rx().frameCount() + connection->tx().frameCount();
        if (!isFinalState(connection->state()))
            ++open;
    }
    const qint64 now = monotonicNs();
    m_rxRate.sample(now, rx);
    m_txRate.sample(now, tx);
    m_messageRate.sample(now, messages);
    m_rxRateLabel->setText(tr("rx %1").arg(ModelText::byteRate(m_rxRate.rate())));
    m_txRateLabel->setText(tr("tx %1").arg(ModelText::byteRate(m_txRate.rate())));
    m_messageRateLabel->setText(tr("%1 messages/s").arg(qRound64(m_messageRate.rate())));
    // Whole sentences per number rather than %n: English needs no plural catalogue then.
    m_connectionsLabel->setText(open == 1 ? tr("1 open connection")
                                          : tr("%1 open connections").arg(open));
    m_listeningLabel->setText(
        m_workbench->isListening()
            ? tr("listening on %1").arg(m_workbench->boundAddress().toString())
            : tr("not listening"));
}

void MainWindow::setPresentationMode(bool on)
{
    m_presentation->setOn(on);
}

bool MainWindow::presentationMode() const
{
    return m_presentation->isOn();
}

void MainWindow::setPresentationDocks(const QStringList &dockObjectNames)
{
    m_presentation->setDocks(dockObjectNames);
}

void MainWindow::saveSettings()
{
    QSettings settings;
    // Presentation mode is saved as on, and the rest as it is without it.
    m_presentation->saveSettings(settings);
    m_presentation->setOn(false);
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), m_docks->saveState());
    settings.setValue(QStringLiteral("window/language"), m_language);
    m_server->saveSettings(settings);
    m_client->saveSettings(settings);
    m_relay->saveSettings(settings);
    // The embedded server takes a new port each start: a target aimed at it
    // would be refused next time, so only a target of the user's own is kept.
    if (m_workbench->isListening()
        && settings.value(SettingsKey::clientTarget()).toString()
               == m_workbench->boundAddress().toString())
        settings.remove(SettingsKey::clientTarget());
    m_view->saveSettings(settings);
    m_conversation->saveSettings(settings);
    m_composer->saveState(settings);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    // A state saved before the docks (or by another layout version) is
    // ignored: the window keeps the arrangement for its screen.
    m_docks->restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_server->restoreSettings(settings);
    m_client->restoreSettings(settings);
    m_relay->restoreSettings(settings);
    m_view->restoreSettings(settings);
    m_conversation->restoreSettings(settings);
    m_composer->restoreState(settings);
    m_presentation->restoreSettings(settings);
    const QString fallback = QLocale().name().startsWith(QLatin1String("zh"))
                                 ? QStringLiteral("zh_CN")
                                 : QStringLiteral("en");
    const QString language = settings.value(QStringLiteral("window/language"), fallback).toString();
    if (language != m_language)
        setLanguage(language);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_scenarios->confirmDiscard()) {
        event->ignore();
        return;
    }
    if (m_options.useSettings)
        saveSettings();
    event->accept();
}

void MainWindow::retranslate()
{
    m_ui->retranslateUi(this);
    m_docks->retranslate();
    m_presentation->retranslate();
    m_files->retranslate();
    if (m_gettingStarted)
        m_gettingStarted->retranslate();
    if (m_appearance)
        m_appearance->retranslate();
    m_replayBar->retranslate();
    m_replayMenu->setTitle(tr("Replay"));
    m_autosave->retranslate();
    m_scenarioMenu->setTitle(tr("&Scenario"));
    m_lessonMenu->setTitle(tr("&Lesson"));
    for (QAction *action : m_ui->menuCopyAs->actions())
        action->setText(ByteFormat::formatName(ByteFormat::Format(action->data().toInt())));
    updateStatusBar();
    updateComposer();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

} // namespace TcpInspector
