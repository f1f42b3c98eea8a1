// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/scenarioeditor.h"

#include "scenario/scenarioexamples.h"
#include "scenario/scenariohighlighter.h"
#include "scenario/scenarioparser.h"
#include "views/viewzoom.h"

#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHelpEvent>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QSplitter>
#include <QTextBlock>
#include <QToolTip>
#include <QVBoxLayout>

namespace TcpInspector {

namespace {
constexpr int LineRole = Qt::UserRole;
constexpr int ColumnRole = Qt::UserRole + 1;
} // namespace

ScenarioEditor::ScenarioEditor(QWidget *parent)
    : QWidget(parent), m_text(new QPlainTextEdit), m_problems(new QListWidget)
{
    m_text->setObjectName(QStringLiteral("scenarioText"));
    m_problems->setObjectName(QStringLiteral("scenarioProblems"));
    ViewZoom::instance()->followFixedFont(m_text);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->viewport()->installEventFilter(this);
    m_highlighter = new ScenarioHighlighter(m_text->document());
    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_text);
    splitter->addWidget(m_problems);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    m_problems->setMinimumHeight(fontMetrics().height() * 2 + 8);
    m_text->setMinimumHeight(fontMetrics().height() * 3 + 8);
    // A message names the valid words: it wraps rather than scrolls sideways.
    m_problems->setWordWrap(true);
    m_problems->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    // Parsing on every key would underline a word while it is being typed.
    m_reparse.setSingleShot(true);
    m_reparse.setInterval(reparseDelayMs);
    connect(&m_reparse, &QTimer::timeout, this, &ScenarioEditor::reparse);
    connect(m_text, &QPlainTextEdit::textChanged, &m_reparse, qOverload<>(&QTimer::start));
    connect(m_text->document(), &QTextDocument::modificationChanged, this,
            &ScenarioEditor::titleChanged);
    connect(m_problems, &QListWidget::itemActivated, this, &ScenarioEditor::handleProblemActivated);
    connect(m_problems, &QListWidget::itemClicked, this, &ScenarioEditor::handleProblemActivated);
    m_name = tr("untitled.scn");
}

ScenarioEditor::~ScenarioEditor() = default;

QString ScenarioEditor::text() const
{
    return m_text->toPlainText();
}

void ScenarioEditor::setText(const QString &text, const QString &path, const QString &name)
{
    m_path = path;
    m_name = name;
    m_text->setPlainText(text);
    m_text->document()->setModified(false);
    m_reparse.stop();
    reparse();
    emit titleChanged();
}

bool ScenarioEditor::isModified() const
{
    return m_text->document()->isModified();
}

QString ScenarioEditor::directory() const
{
    if (m_path.startsWith(QLatin1Char(':')))
        return ScenarioExamples::resourceDirectory();
    return m_path.isEmpty() ? QString() : QFileInfo(m_path).absolutePath();
}

ScenarioFile ScenarioEditor::parse() const
{
    ScenarioParser parser;
    return parser.parseText(text(), m_name, directory());
}

QList<ScenarioDiagnostic> ScenarioEditor::diagnostics() const
{
    return m_highlighter->diagnostics();
}

QString ScenarioEditor::problemText(const ScenarioDiagnostic &diagnostic) const
{
    return tr("Line %1, column %2: %3")
        .arg(diagnostic.line)
        .arg(diagnostic.column)
        .arg(diagnostic.message);
}

void ScenarioEditor::reparse()
{
    const ScenarioFile file = parse();
    m_highlighter->setDiagnostics(file.diagnostics);
    m_problems->clear();
    for (const ScenarioDiagnostic &diagnostic : file.diagnostics) {
        auto *item = new QListWidgetItem(problemText(diagnostic), m_problems);
        item->setData(LineRole, diagnostic.line);
        item->setData(ColumnRole, diagnostic.column);
        item->setToolTip(diagnostic.toString());
        item->setForeground(QColor(0xc6, 0x28, 0x28));
    }
    if (file.diagnostics.isEmpty())
        new QListWidgetItem(tr("No errors."), m_problems);
    emit parsed(file);
}

void ScenarioEditor::handleProblemActivated(QListWidgetItem *item)
{
    const int line = item->data(LineRole).toInt();
    if (line <= 0)
        return;
    const QTextBlock block = m_text->document()->findBlockByNumber(line - 1);
    QTextCursor cursor(block);
    cursor.setPosition(block.position()
                       + std::clamp(item->data(ColumnRole).toInt() - 1, 0, block.length() - 1));
    m_text->setTextCursor(cursor);
    m_text->setFocus();
}

bool ScenarioEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_text->viewport() || event->type() != QEvent::ToolTip)
        return QWidget::eventFilter(watched, event);
    // The message of the error under the mouse.
    const auto *help = static_cast<QHelpEvent *>(event);
    const QTextCursor cursor = m_text->cursorForPosition(help->pos());
    const QTextBlock block = cursor.block();
    QStringList messages;
    for (const ScenarioDiagnostic &diagnostic : m_highlighter->diagnostics()) {
        if (diagnostic.line != block.blockNumber() + 1)
            continue;
        const auto [first, end] = ScenarioHighlighter::span(diagnostic, block.text());
        if (cursor.positionInBlock() >= first && cursor.positionInBlock() <= end)
            messages += diagnostic.message;
    }
    if (messages.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), messages.join(QLatin1Char('\n')), m_text);
    return true;
}

bool ScenarioEditor::confirmDiscard()
{
    if (!isModified())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"),
        tr("%1 has changes that are not saved. Save them?").arg(m_name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

bool ScenarioEditor::newFile()
{
    if (!confirmDiscard())
        return false;
    setText(QString(), QString(), tr("untitled.scn"));
    return true;
}

bool ScenarioEditor::open()
{
    if (!confirmDiscard())
        return false;
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open scenario"), QFileInfo(m_path).absolutePath(),
                                       tr("Scenarios (*.scn);;All files (*)"));
    return !path.isEmpty() && openFile(path);
}

bool ScenarioEditor::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        emit statusMessage(tr("Cannot open %1: %2").arg(path, file.errorString()));
        return false;
    }
    setText(QString::fromUtf8(file.readAll()), path, QFileInfo(path).fileName());
    return true;
}

bool ScenarioEditor::save()
{
    // A shipped example is read-only: it is saved under a new name.
    if (m_path.isEmpty() || m_path.startsWith(QLatin1Char(':')))
        return saveAs();
    return writeTo(m_path);
}

bool ScenarioEditor::saveAs()
{
    const QString start = m_path.startsWith(QLatin1Char(':')) || m_path.isEmpty() ? m_name : m_path;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save scenario"), start,
                                                      tr("Scenarios (*.scn);;All files (*)"));
    if (path.isEmpty() || !writeTo(path))
        return false;
    m_path = path;
    m_name = QFileInfo(path).fileName();
    emit titleChanged();
    return true;
}

bool ScenarioEditor::writeTo(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text().toUtf8()) < 0 || !file.commit()) {
        emit statusMessage(tr("Cannot save %1: %2").arg(path, file.errorString()));
        return false;
    }
    m_text->document()->setModified(false);
    emit statusMessage(tr("Saved %1.").arg(QFileInfo(path).fileName()));
    return true;
}

void ScenarioEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        reparse();
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
