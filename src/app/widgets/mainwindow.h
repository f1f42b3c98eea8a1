// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/ratemeter.h"
#include "net/connection.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QLabel;
class QStackedWidget;
class QMenu;
class QTimer;
class QTranslator;

namespace Ui {
class MainWindow;
}

namespace TcpInspector {

class Appearance;
class Autosave;
class ClientPanel;
class ConnectionTable;
class ConnectionView;
class ConversationPane;
class DockLayout;
class EventLogPane;
class GettingStarted;
class KeepMenu;
class PresentationMode;
class RelayPanel;
class ReplayBar;
class SendComposer;
class TimelinePane;
class LessonPane;
class ScenarioPane;
class ServerPanel;
class SessionFiles;
class Workbench;

/// Both ends of a TCP connection side by side, the stream views of the one
/// selected, the send composer and live rates, all in one window.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    struct Options
    {
        bool listenOnStart = true; ///< the embedded echo server, so Connect works at once
        bool useSettings = true;   ///< read and write QSettings
        /// Where File > Autosave Session writes and a crashed run's session is
        /// looked for; empty: the user's data folder with useSettings, else none.
        QString autosaveFolder;
        /// The first-start hint whatever the settings say (tests, screenshots).
        bool firstStartHint = false;
    };

    explicit MainWindow(Options options, QWidget *parent = nullptr);
    explicit MainWindow(QWidget *parent = nullptr) : MainWindow(Options(), parent) { }
    ~MainWindow() override;

    Workbench *workbench() const { return m_workbench.get(); }
    ServerPanel *serverPanel() const { return m_server; }
    ClientPanel *clientPanel() const { return m_client; }
    ConnectionView *connectionView() const { return m_view; }
    /// Both directions of the shown connection in time order (issue 15), in
    /// the centre instead of the direction view when chosen.
    ConversationPane *conversationPane() const { return m_conversation; }
    /// The centre: the direction view or the conversation.
    QStackedWidget *centre() const { return m_centre; }
    SendComposer *composer() const { return m_composer; }
    TimelinePane *timelinePane() const { return m_timeline; }
    DockLayout *docks() const { return m_docks; }
    EventLogPane *eventLog() const { return m_eventLog; }
    ScenarioPane *scenarioPane() const { return m_scenarios; }
    LessonPane *lessonPane() const { return m_lessons; }
    /// The relay between a client and its server (issue 15).
    RelayPanel *relayPanel() const { return m_relay; }
    /// File menu: sessions saved and opened, exports.
    SessionFiles *sessionFiles() const { return m_files; }
    /// How the command line asks the window to start (tcpinspector --listen,
    /// --connect, --framing).
    struct StartRequest
    {
        QString listen;      ///< listen here instead of the embedded 127.0.0.1:0
        QString connect;     ///< open a client connection to this address
        QString framing;     ///< both directions of every new connection
        QString relayTarget; ///< relay to this address, from relayListen
        QString relayListen; ///< where the relay listens; empty: 127.0.0.1:0
    };
    /// Does what request asks, in the panels as a user would; each problem
    /// in the returned list names its option and says what is wrong.
    QStringList applyStart(const StartRequest &request);
    /// Opens a session file as File > Open Session does, problems shown.
    void openSession(const QString &path);
    /// Plays an opened session back.
    ReplayBar *replayBar() const { return m_replayBar; }
    Autosave *autosave() const { return m_autosave; }
    /// Opens the lesson (an id of LessonCatalog::builtIn()) and brings its
    /// dock forward; false for an unknown id.
    bool openLesson(const QString &id);
    PresentationMode *presentation() const { return m_presentation; }
    GettingStarted *gettingStarted() const { return m_gettingStarted; }
    Appearance *appearance() const { return m_appearance; }
    /// Presentation mode (View menu): large type, high contrast, fewer docks.
    void setPresentationMode(bool on);
    bool presentationMode() const;
    /// The docks (object names, such as "serverDock") presentation mode
    /// keeps; a lesson reduces the layout to what it uses.
    void setPresentationDocks(const QStringList &dockObjectNames);
    /// The connection the view shows and the composer and actions act on.
    Connection *currentConnection() const { return m_current; }
    void showConnection(Connection *connection);
    /// A panel's current connection changed; automatic ones (a table following
    /// a new connection) do not replace an open connection on display.
    void handlePanelSelection(Connection *connection, bool automatic);
    /// Selects the connection in its panel's table and shows it.
    void selectInPanel(Connection *connection);
    /// What a scenario step touched: its connection, the message or chunk
    /// at @p offset of @p direction (-1: none) and the timeline's cursor.
    void showStepTarget(quint64 connectionId, Direction direction, qint64 offset, qint64 timeNs);
    /// Display rate: tables, views, rates, progress. A timer calls it ~30 times a second.
    void refresh();
    /// "en" or "zh_CN"; installs the translation and retranslates every form.
    void setLanguage(const QString &language);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildLayout();
    void wireActions();
    void wireMenus();
    void wireLessons();
    void wireReplay();
    void wireConversation();
    template<typename Panel>
    void wirePanel(Panel *panel);
    QList<Connection *> actionTargets() const;
    /// The table that lists connection: the relay's, the server's or the client's.
    ConnectionTable *tableOf(const Connection *connection) const;
    void handleFramingApplied(Connection::Side side, Direction direction, const QString &spec);
    void buildLanguageMenu();
    void updateStatusBar();
    void handleFilesReport(const QString &text, bool isError);
    /// A non-modal warning box, named name (for tests).
    void showProblems(const QString &title, const QString &text, const QString &name);
    void updateComposer();
    void retranslate();
    void saveSettings();
    void restoreSettings();

    std::unique_ptr<Ui::MainWindow> m_ui;
    std::unique_ptr<Workbench> m_workbench;
    Options m_options;
    ServerPanel *m_server = nullptr;
    ClientPanel *m_client = nullptr;
    ConnectionView *m_view = nullptr;
    ConversationPane *m_conversation = nullptr;
    QStackedWidget *m_centre = nullptr;
    SendComposer *m_composer = nullptr;
    TimelinePane *m_timeline = nullptr;
    EventLogPane *m_eventLog = nullptr;
    ScenarioPane *m_scenarios = nullptr;
    LessonPane *m_lessons = nullptr;
    RelayPanel *m_relay = nullptr;
    QMenu *m_lessonMenu = nullptr;
    QPointer<Connection> m_beforeLesson; ///< shown before a lesson's first callout
    QMenu *m_scenarioMenu = nullptr;
    DockLayout *m_docks = nullptr;
    PresentationMode *m_presentation = nullptr;
    GettingStarted *m_gettingStarted = nullptr;
    Appearance *m_appearance = nullptr;
    QTimer *m_refreshTimer = nullptr;
    Connection *m_current = nullptr;
    QLabel *m_rxRateLabel = nullptr;
    QLabel *m_txRateLabel = nullptr;
    QLabel *m_messageRateLabel = nullptr;
    QLabel *m_connectionsLabel = nullptr;
    KeepMenu *m_keepMenu = nullptr;
    SessionFiles *m_files = nullptr;
    ReplayBar *m_replayBar = nullptr;
    QMenu *m_replayMenu = nullptr;
    /// The recorded connection shown when a replay took them away: shown
    /// again when the replay reveals it.
    quint64 m_replayFollowId = 0;
    Autosave *m_autosave = nullptr;
    QLabel *m_listeningLabel = nullptr;
    RateMeter m_rxRate;
    RateMeter m_txRate;
    RateMeter m_messageRate;
    std::unique_ptr<QTranslator> m_translator;
    std::unique_ptr<QTranslator> m_qtTranslator;
    QString m_language = QStringLiteral("en");
};

} // namespace TcpInspector
