// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/replaybar.h"

#include "models/modeltext.h"
#include "recording/sessionreplay.h"
#include "session/workbench.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QSlider>
#include <QStyle>

namespace TcpInspector {

namespace {
const double kSpeeds[] = {0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0};
constexpr int kNormalSpeed = 3;
} // namespace

ReplayBar::ReplayBar(Workbench *workbench, QWidget *parent)
    : QToolBar(parent),
      m_workbench(workbench),
      m_replay(new SessionReplay(
          [this](std::unique_ptr<RecordedConnection> connection) {
              Connection *shown = connection.get();
              m_workbench->adoptReplayed(std::move(connection));
              emit connectionRevealed(shown);
          },
          [this](const QList<RecordedConnection *> &connections) {
              emit connectionsAboutToGo();
              m_workbench->removeRecorded(connections);
          },
          this))
{
    setObjectName(QStringLiteral("replayBar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    buildActions();
    connect(m_replay, &SessionReplay::positionChanged, this, &ReplayBar::updateState);
    connect(m_replay, &SessionReplay::playingChanged, this, &ReplayBar::updateState);
    retranslate();
    updateState();
    hide();
}

ReplayBar::~ReplayBar() = default;

void ReplayBar::buildActions()
{
    m_title = new QLabel(this);
    m_title->setContentsMargins(4, 0, 8, 0);
    addWidget(m_title);
    const auto icon = [this](QStyle::StandardPixmap pixmap) {
        return style()->standardIcon(pixmap);
    };
    m_restart = addAction(icon(QStyle::SP_MediaSkipBackward), QString());
    m_restart->setShortcut(Qt::CTRL | Qt::Key_F6);
    m_stepBack = addAction(icon(QStyle::SP_MediaSeekBackward), QString());
    m_stepBack->setShortcut(Qt::SHIFT | Qt::Key_F6);
    m_play = addAction(icon(QStyle::SP_MediaPlay), QString());
    m_play->setShortcut(Qt::Key_F7);
    m_stepForward = addAction(icon(QStyle::SP_MediaSeekForward), QString());
    m_stepForward->setShortcut(Qt::Key_F6);
    m_showAll = addAction(icon(QStyle::SP_MediaSkipForward), QString());
    m_showAll->setShortcut(Qt::CTRL | Qt::Key_F7);
    m_speed = new QComboBox(this);
    for (double speed : kSpeeds)
        m_speed->addItem(QStringLiteral("%1x").arg(speed), speed);
    m_speed->setCurrentIndex(kNormalSpeed);
    m_speedAction = addWidget(m_speed);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setMinimumWidth(120);
    addWidget(m_slider);
    m_position = new QLabel(this);
    m_position->setContentsMargins(8, 0, 4, 0);
    addWidget(m_position);

    connect(m_restart, &QAction::triggered, this,
            [this] { withReplay([this] { m_replay->restart(); }); });
    connect(m_stepBack, &QAction::triggered, this,
            [this] { withReplay([this] { m_replay->stepBack(); }); });
    connect(m_stepForward, &QAction::triggered, this,
            [this] { withReplay([this] { m_replay->stepForward(); }); });
    connect(m_showAll, &QAction::triggered, this,
            [this] { withReplay([this] { m_replay->revealAll(); }); });
    connect(m_play, &QAction::triggered, this, [this] {
        withReplay([this] {
            if (m_replay->isPlaying()) {
                m_replay->pause();
                return;
            }
            if (m_replay->atEnd())
                m_replay->restart();
            m_replay->play();
        });
    });
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this] { m_replay->setSpeed(m_speed->currentData().toDouble()); });
    // Seeking decodes from the start again: once, where the handle is let go.
    m_slider->setTracking(false);
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        if (m_begun && value != m_replay->position())
            m_replay->seek(value);
    });
    connect(m_slider, &QSlider::sliderPressed, this, [this] {
        if (!m_begun)
            begin();
    });
}

void ReplayBar::setSession(const QString &path)
{
    m_replay->pause();
    m_path = path;
    m_begun = false;
    retranslate();
    show();
}

bool ReplayBar::begin()
{
    if (m_begun)
        return true;
    if (m_path.isEmpty())
        return false;
    // Decode as the connections are decoded now: the user may have chosen
    // another framing for one of them after opening.
    m_replay->clearFramings();
    for (const Connection *connection : m_workbench->connections(Connection::Side::Server)
                                            + m_workbench->connections(Connection::Side::Client)) {
        if (connection->isRecorded())
            m_replay->setFramings(connection->id(), connection->rx().framing(),
                                  connection->tx().framing());
    }
    QList<SessionError> problems;
    const bool opened = m_replay->open(m_path, LoadOptions(), &problems);
    for (const SessionError &problem : std::as_const(problems)) {
        if (problem.kind != SessionError::Kind::Warning)
            emit reported(problem.toString(), true);
    }
    if (!opened)
        return false;
    // The whole session goes; the replay's connections come one by one.
    emit connectionsAboutToGo();
    m_workbench->removeRecorded();
    m_begun = true;
    emit began();
    return true;
}

template<typename F>
void ReplayBar::withReplay(F &&action)
{
    if (begin())
        action();
    updateState();
}

void ReplayBar::updateState()
{
    const bool playing = m_replay->isPlaying();
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    const bool ready = !m_path.isEmpty();
    const bool started = m_begun && m_replay->isOpen();
    for (QAction *action : {m_restart, m_stepBack, m_play, m_stepForward, m_showAll})
        action->setEnabled(ready);
    m_stepBack->setEnabled(started && m_replay->position() > 0);
    m_showAll->setEnabled(ready && !(started && m_replay->atEnd()));
    const QSignalBlocker blocker(m_slider);
    m_slider->setEnabled(ready);
    m_slider->setRange(0, started ? int(m_replay->chunkCount()) : 1);
    m_slider->setValue(started ? int(m_replay->position()) : 1);
    m_position->setText(positionText());
}

QString ReplayBar::positionText() const
{
    if (!m_begun || !m_replay->isOpen())
        return tr("not started: the whole session is shown");
    // From the session's start, as the tables count.
    const QString time
        = ModelText::relativeTime(m_replay->clockNs() - m_replay->info().startMonotonicNs);
    return tr("chunk %1 of %2, %3").arg(m_replay->position()).arg(m_replay->chunkCount()).arg(time);
}

void ReplayBar::addToMenu(QMenu *menu) const
{
    menu->addActions({m_restart, m_stepBack, m_play, m_stepForward, m_showAll});
}

void ReplayBar::retranslate()
{
    setWindowTitle(tr("Replay"));
    m_title->setText(m_path.isEmpty() ? tr("Replay")
                                      : tr("Replay %1").arg(QFileInfo(m_path).fileName()));
    m_restart->setText(tr("Restart"));
    m_restart->setToolTip(tr("Start the replay again with nothing shown (Ctrl+F6)"));
    m_stepBack->setText(tr("Back"));
    m_stepBack->setToolTip(tr("One chunk back (Shift+F6)"));
    m_stepForward->setText(tr("Step"));
    m_stepForward->setToolTip(
        tr("The next chunk of any connection, with the events before it (F6)"));
    m_showAll->setText(tr("Show all"));
    m_showAll->setToolTip(tr("Reveal everything that is left (Ctrl+F7)"));
    m_play->setToolTip(tr("Play the chunks in time, at the chosen speed, or pause (F7)"));
    m_speed->setToolTip(tr("Replay speed: 1x is the pace it was recorded at"));
    m_slider->setToolTip(tr("Chunks revealed; drag to go to one"));
    updateState();
}

} // namespace TcpInspector
