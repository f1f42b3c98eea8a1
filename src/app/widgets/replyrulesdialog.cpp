// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/replyrulesdialog.h"

#include "scenario/replyruleparser.h"
#include "scenario/replyrules.h"
#include "views/viewzoom.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QVBoxLayout>

namespace TcpInspector {

namespace {
constexpr int checkDelayMs = 250; // after the last key, so typing stays smooth
} // namespace

ReplyRulesDialog::ReplyRulesDialog(const QString &rules, QWidget *parent)
    : QDialog(parent),
      m_editor(new QPlainTextEdit(this)),
      m_status(new QLabel(this)),
      m_buttons(new QDialogButtonBox(
          QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Reply rules"));
    auto *help = new QLabel(
        tr("One rule per line; the first rule that matches a received message answers it. "
           "<code>[exact|prefix|contains|regex] \"PATTERN\" [reply \"DATA\"] [delay=100ms] "
           "[then=half-close|close|reset] [once]</code>, or <code>default</code> for what no "
           "rule matched. In a reply, {{0}} is the message, {{1}}... a regex's groups; "
           "{{counter}} and {{time}} work too."),
        this);
    help->setWordWrap(true);
    help->setTextFormat(Qt::RichText);
    ViewZoom::instance()->followFixedFont(m_editor);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setPlainText(rules.isEmpty() ? exampleRules() : rules);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *open = m_buttons->addButton(tr("&Open..."), QDialogButtonBox::ActionRole);
    auto *save = m_buttons->addButton(tr("&Save As..."), QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(help);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(640, 360);

    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(checkDelayMs);
    connect(&m_checkTimer, &QTimer::timeout, this, &ReplyRulesDialog::check);
    connect(m_editor, &QPlainTextEdit::textChanged, &m_checkTimer, qOverload<>(&QTimer::start));
    connect(open, &QPushButton::clicked, this, &ReplyRulesDialog::handleOpen);
    connect(save, &QPushButton::clicked, this, &ReplyRulesDialog::handleSaveAs);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { emit applied(this->rules()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        emit applied(this->rules());
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    check();
}

QString ReplyRulesDialog::rules() const
{
    return m_editor->toPlainText();
}

QString ReplyRulesDialog::exampleRules()
{
    return QStringLiteral("# %1\n"
                          "exact \"PING\" reply \"+PONG\\r\\n\"\n"
                          "regex \"^GET (\\w+)\" reply \"VALUE {{1}}\\r\\n\" delay=100ms\n"
                          "contains \"QUIT\" reply \"bye\\r\\n\" then=close\n"
                          "default reply \"ERR unknown: {{0}}\\r\\n\"\n")
        .arg(tr("An example: edit it, then Apply."));
}

void ReplyRulesDialog::check()
{
    const ReplyRuleFile file = ReplyRuleParser().parseText(rules(), tr("line"), QDir::homePath());
    QString error;
    if (!file.hasErrors())
        ReplyRules::fromFile(file, &error);
    if (file.hasErrors()) {
        const ScenarioDiagnostic &first = file.diagnostics.constFirst();
        error = tr("Line %1, column %2: %3").arg(first.line).arg(first.column).arg(first.message);
        if (file.diagnostics.size() > 1)
            error += QLatin1Char(' ')
                     + tr("(and %n more)", nullptr, int(file.diagnostics.size() - 1));
    }
    const bool ok = error.isEmpty();
    m_status->setText(ok ? tr("%n rule(s), ready.", nullptr, int(file.rules.size())) : error);
    m_status->setStyleSheet(ok ? QString() : QStringLiteral("color: #c62828;"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(ok);
}

void ReplyRulesDialog::handleOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open reply rules"), QString(),
                                                      tr("Reply rules (*.rules);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Reply rules"),
                             tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    m_editor->setPlainText(QString::fromUtf8(file.readAll()));
}

void ReplyRulesDialog::handleSaveAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save reply rules"), QString(),
                                                      tr("Reply rules (*.rules);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(rules().toUtf8()) < 0 || !file.flush()) {
        QMessageBox::warning(this, tr("Reply rules"),
                             tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
}

} // namespace TcpInspector
