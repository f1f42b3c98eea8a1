// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QTimer>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace TcpInspector {

/// Edits the server's reply rules (docs/SCENARIOS.md, "Reply rules"): the
/// rules as text, checked as the user types, with the first error shown by
/// line and column. Apply hands them over while the dialog stays open, so
/// that a server answers by the new rules from its next message on.
class ReplyRulesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ReplyRulesDialog(const QString &rules, QWidget *parent = nullptr);

    QString rules() const;
    /// The example shown to a user who has no rules yet.
    static QString exampleRules();

Q_SIGNALS:
    /// The rules parse: the server may take them now.
    void applied(const QString &rules);

private:
    void check();
    void handleOpen();
    void handleSaveAs();

    QPlainTextEdit *m_editor;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QTimer m_checkTimer;
};

} // namespace TcpInspector
