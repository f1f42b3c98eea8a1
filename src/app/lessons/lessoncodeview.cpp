// SPDX-License-Identifier: GPL-3.0-or-later
#include "lessons/lessoncodeview.h"

#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace TcpInspector {

namespace {
QWidget *column(QLabel *title, QPlainTextEdit *code)
{
    auto *widget = new QWidget;
    auto *layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    code->setReadOnly(true);
    code->setLineWrapMode(QPlainTextEdit::NoWrap);
    code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(title);
    layout->addWidget(code, 1);
    return widget;
}
} // namespace

LessonCodeView::LessonCodeView(QWidget *parent)
    : QWidget(parent),
      m_goTitle(new QLabel),
      m_cppTitle(new QLabel),
      m_go(new QPlainTextEdit),
      m_cpp(new QPlainTextEdit)
{
    m_go->setObjectName(QStringLiteral("lessonGoCode"));
    m_cpp->setObjectName(QStringLiteral("lessonCppCode"));
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(column(m_goTitle, m_go));
    split->addWidget(column(m_cppTitle, m_cpp));
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    retranslate();
}

void LessonCodeView::setCode(const QString &go, const QString &cpp)
{
    m_go->setPlainText(go);
    m_cpp->setPlainText(cpp);
}

void LessonCodeView::retranslate()
{
    m_goTitle->setText(tr("Go (as in the article)"));
    m_cppTitle->setText(tr("C++ / Qt"));
}

void LessonCodeView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
