// SPDX-License-Identifier: GPL-3.0-or-later
#include "console_lock.h"

#include "idle_watcher.h"

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

namespace sotay::widgets {
namespace {

// A plain surface over the whole of one window, raised above every other child of it (the central widget,
// the docks, the menu and status bars), and raised again when the window gains a child.
class LockCover final : public QWidget {
public:
    explicit LockCover(QWidget* window)
        : QWidget(window)
        , m_text(new QLabel(this))
    {
        setObjectName(QStringLiteral("lockCover"));
        setAutoFillBackground(true);
        QPalette surface = palette();
        surface.setColor(QPalette::Window, QColor(0xe5, 0xe7, 0xeb));
        setPalette(surface);
        m_text->setAlignment(Qt::AlignCenter);
        m_text->setWordWrap(true);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(m_text);
        retranslate();
        setGeometry(window->rect());
        window->installEventFilter(this);
        show();
        raise();
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == parentWidget()) {
            if (event->type() == QEvent::Resize)
                setGeometry(parentWidget()->rect());
            else if (event->type() == QEvent::ChildAdded)
                QTimer::singleShot(0, this, [this] { raise(); });
        }
        return QWidget::eventFilter(watched, event);
    }

    void changeEvent(QEvent* event) override
    {
        if (event->type() == QEvent::LanguageChange)
            retranslate();
        QWidget::changeEvent(event);
    }

private:
    void retranslate()
    {
        m_text->setText(ConsoleLock::tr("Sổ tay đã khoá. Nhập mật khẩu để tiếp tục làm việc."));
    }

    QLabel* m_text;
};

bool isCoverable(const QWidget* window)
{
    const Qt::WindowType type = window->windowType();
    return window->isWindow() && type != Qt::Popup && type != Qt::ToolTip && type != Qt::Desktop
        && type != Qt::SplashScreen;
}

// Whether `widget` is `dialog` or one of its windows (a menu of its field).
bool belongsTo(const QWidget* widget, const QWidget* dialog)
{
    for (const QWidget* up = widget; up; up = up->parentWidget())
        if (up == dialog)
            return true;
    return false;
}

} // namespace

ConsoleLock::ConsoleLock(Options options, QWidget* window)
    : QObject(window)
    , m_options(std::move(options))
    , m_window(window)
    , m_idle(new IdleWatcher(m_options.idleMilliseconds, this))
{
    m_options.dialog.idleMinutes = std::max(1, m_options.idleMilliseconds / 60000);
    connect(m_idle, &IdleWatcher::idle, this, [this] { lock(LockDialog::Reason::Idle); });
}

ConsoleLock::~ConsoleLock()
{
    QApplication::instance()->removeEventFilter(this);
}

void ConsoleLock::lock(LockDialog::Reason reason)
{
    if (m_locked)
        return;
    m_locked = true;
    m_idle->pause();
    m_activeBefore = QApplication::activeWindow();
    m_focusBefore = QApplication::focusWidget();
    // Open menus and completers would stay above the covers.
    for (int i = 0; i < 16 && QApplication::activePopupWidget(); ++i)
        QApplication::activePopupWidget()->close();
    QToolTip::hideText();
    if (!m_dialog) {
        m_dialog = new LockDialog(m_options.dialog, m_window);
        connect(m_dialog, &LockDialog::unlocked, this, &ConsoleLock::takeUnlock);
        connect(m_dialog, &LockDialog::signOutRequested, this, [this] {
            m_dialog->release();
            emit signOutRequested();
        });
    }
    for (QWidget* window : QApplication::topLevelWidgets())
        if (window != m_dialog && window->isVisible() && isCoverable(window))
            cover(window);
    QApplication::instance()->installEventFilter(this);
    m_dialog->prepare(reason);
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    m_dialog->passwordField()->setFocus(Qt::OtherFocusReason); // once shown: a dialog shown picks its own
    emit locked();
}

void ConsoleLock::cover(QWidget* window)
{
    if (coverOf(window))
        return;
    m_covers.append(new LockCover(window));
}

QWidget* ConsoleLock::coverOf(const QWidget* window) const
{
    for (const QPointer<QWidget>& cover : m_covers)
        if (cover && cover->parentWidget() == window)
            return cover;
    return nullptr;
}

QList<QWidget*> ConsoleLock::coveredWindows() const
{
    QList<QWidget*> windows;
    for (const QPointer<QWidget>& cover : m_covers)
        if (cover)
            windows.append(cover->parentWidget());
    return windows;
}

void ConsoleLock::takeUnlock(const QString& token, bool offline)
{
    m_locked = false;
    QApplication::instance()->removeEventFilter(this);
    m_dialog->release();
    uncover();
    if (m_activeBefore && m_activeBefore->isVisible())
        m_activeBefore->activateWindow();
    if (m_focusBefore && m_focusBefore->isVisible())
        m_focusBefore->setFocus(Qt::OtherFocusReason);
    m_idle->restart();
    emit unlocked(token, offline);
}

void ConsoleLock::uncover()
{
    for (const QPointer<QWidget>& cover : std::as_const(m_covers))
        delete cover.data();
    m_covers.clear();
}

void ConsoleLock::raiseDialog()
{
    if (!m_locked || !m_dialog)
        return;
    // The newest modal window is the one that takes input: show the dialog again to be it.
    m_dialog->hide();
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    m_dialog->passwordField()->setFocus(Qt::OtherFocusReason);
}

bool ConsoleLock::eventFilter(QObject* watched, QEvent* event)
{
    if (m_locked && event->type() == QEvent::Show && watched->isWidgetType()) {
        auto* window = static_cast<QWidget*>(watched);
        if (isCoverable(window) && !belongsTo(window, m_dialog)) {
            QPointer<QWidget> shown(window);
            QTimer::singleShot(0, this, [this, shown] {
                if (!m_locked || !shown || !shown->isVisible())
                    return;
                cover(shown);
                if (shown->isModal())
                    raiseDialog();
            });
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace sotay::widgets
