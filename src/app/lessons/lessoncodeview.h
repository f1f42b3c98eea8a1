// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace TcpInspector {

/// A lesson's code, side by side: Go as in the article on the left, the
/// same in C++ with Qt on the right, read-only and monospace.
class LessonCodeView : public QWidget
{
    Q_OBJECT

public:
    explicit LessonCodeView(QWidget *parent = nullptr);

    void setCode(const QString &go, const QString &cpp);
    QPlainTextEdit *goView() const { return m_go; }
    QPlainTextEdit *cppView() const { return m_cpp; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_goTitle;
    QLabel *m_cppTitle;
    QPlainTextEdit *m_go;
    QPlainTextEdit *m_cpp;
};

} // namespace TcpInspector
