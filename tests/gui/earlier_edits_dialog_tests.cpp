// SPDX-License-Identifier: GPL-3.0-or-later
// The edits of a replica set aside after a password reset: the old password moves them into the current
// replica under their own keys and removes the old file; a wrong one says so and changes nothing;
// discarding asks first; the main window offers the dialog while such a file lies beside its replica.
#include "earlier_edits_dialog.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "message_box.h"
#include "password_hasher.h"
#include "replica.h"
#include "replica_unlock.h"
#include "store/sql.h"

#include <QAction>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sotay;
using namespace sotay::widgets;

namespace {

const QString kOldPassword = QStringLiteral("mat-khau-truoc-khi-cap-lai");
const QString kNewPassword = QStringLiteral("mat-khau-moi-sau-khi-cap-lai");

QJsonObject correction()
{
    return { { QStringLiteral("citizenId"), QStringLiteral("079190009999") },
        { QStringLiteral("hometown"), QStringLiteral("Huế") } };
}

} // namespace

class EarlierEditsDialogTests final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        test::prepareWindowTests(m_settings);
    }

    void init()
    {
        m_folder = std::make_unique<QTemporaryDir>();
        QVERIFY(m_folder->isValid());
        m_aside = m_folder->filePath(QStringLiteral("officer.truoc-2026-12-07-101500.sqlite"));
        auto old = client::Replica::open(m_aside);
        QVERIFY(old.ok());
        QCOMPARE((*old)->unlock(kOldPassword, PasswordHasher::Cost::minimal()).value(),
            client::Replica::Unlock::Created);
        const auto first
            = (*old)->enqueue(QStringLiteral("PATCH"), QStringLiteral("/api/v1/members/7"), correction(), 3);
        const auto second
            = (*old)->enqueue(QStringLiteral("POST"), QStringLiteral("/api/v1/members/7/events"),
                { { QStringLiteral("type"), QStringLiteral("exemption") },
                    { QStringLiteral("occurredOn"), QStringLiteral("2026-11-20") } });
        QVERIFY(first.ok() && second.ok());
        QVERIFY((*old)->claim(second->id).value()); // sent once, its answer never came
        m_keys = { first->idempotencyKey, second->idempotencyKey };
        auto current = client::Replica::open(currentPath());
        QVERIFY(current.ok());
        QCOMPARE((*current)->unlock(kNewPassword, PasswordHasher::Cost::minimal()).value(),
            client::Replica::Unlock::Created);
        m_current = std::move(*current);
    }

    void cleanup()
    {
        m_current.reset();
        m_folder.reset();
    }

    void aWrongPasswordSaysSoAndChangesNothing()
    {
        EarlierEditsDialog dialog(m_aside, *m_current);
        QSignalSpy failed(&dialog, &EarlierEditsDialog::failed);
        dialog.setOldPassword(kNewPassword);
        dialog.recover();
        QVERIFY(dialog.isBusy());
        QVERIFY(failed.wait(20000));
        QVERIFY2(
            dialog.errorText().contains(QStringLiteral("không mở được")), qPrintable(dialog.errorText()));
        QVERIFY(QFile::exists(m_aside));
        QCOMPARE(m_current->pendingCount().value(), 0);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void theOldPasswordMovesTheEditsUnderTheirOwnKeysAndRemovesTheOldFile()
    {
        EarlierEditsDialog dialog(m_aside, *m_current);
        QSignalSpy settled(&dialog, &EarlierEditsDialog::settled);
        dialog.setOldPassword(kOldPassword);
        dialog.recover();
        QVERIFY(settled.wait(20000));
        QCOMPARE(dialog.moved(), 2);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!QFile::exists(m_aside));
        const auto moved = m_current->pending();
        QVERIFY(moved.ok());
        QCOMPARE(moved->size(), 2);
        QCOMPARE((QStringList { moved->at(0).idempotencyKey, moved->at(1).idempotencyKey }), m_keys);
        QCOMPARE(moved->at(0).body, correction());
        QCOMPARE(moved->at(0).ifMatch, std::optional<qint64>(3));
        // Sealed in the current replica, under its key.
        auto raw = sql::exec(m_current->db(), QStringLiteral("SELECT body FROM outbox ORDER BY id"));
        QVERIFY(raw.ok() && raw->next());
        QVERIFY(!raw->value(0).toString().contains(QStringLiteral("079190009999")));
        raw->finish();
        // Taken over again (a second attempt after a failure), nothing is doubled.
        QVERIFY(!m_current->adopt(moved->at(0)).value());
        QCOMPARE(m_current->pendingCount().value(), 2);
    }

    void discardingAsksFirstAndRemovesTheOldFile()
    {
        EarlierEditsDialog dialog(m_aside, *m_current);
        MessageBox::setNextAnswer(QMessageBox::No);
        dialog.discard();
        QVERIFY(QFile::exists(m_aside));
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("không hoàn tác")),
            qPrintable(MessageBox::lastText()));
        MessageBox::setNextAnswer(QMessageBox::Yes);
        dialog.discard();
        QVERIFY(!QFile::exists(m_aside));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(m_current->pendingCount().value(), 0);
    }

    void theKeyboardGoesFromThePasswordToEachButton()
    {
        EarlierEditsDialog dialog(m_aside, *m_current);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("oldPassword"));
        QVERIFY(password);
        QCOMPARE(QApplication::focusWidget(), password);
        QStringList order;
        for (int i = 0; i < 3; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            auto* button = qobject_cast<QPushButton*>(QApplication::focusWidget());
            QVERIFY(button);
            order.append(button->text());
        }
        QCOMPARE(order,
            (QStringList { QStringLiteral("&Chuyển sửa đổi"), QStringLiteral("Để &sau"),
                QStringLiteral("&Bỏ bản cũ…") }));
        // Enter in the password field moves the edits (the default button).
        QSignalSpy settled(&dialog, &EarlierEditsDialog::settled);
        password->setText(kOldPassword);
        password->setFocus();
        QTest::keyClick(password, Qt::Key_Return);
        QVERIFY(settled.wait(20000));
    }

    void theMainWindowOffersItWhileAnOldFileLiesBesideItsReplica()
    {
        const FieldCipher key = *m_current->cipher();
        m_current.reset();
        MainWindow::Options options;
        options.syncAtStart = false;
        options.syncIntervalMilliseconds = 60 * 60 * 1000;
        options.verifierCost = PasswordHasher::Cost::minimal();
        MainWindow window(ConsoleSession { test::unreachableServer(), QStringLiteral("officer"), {},
                              currentPath(), {}, key },
            options);
        QVERIFY(window.earlierEditsAction()->isEnabled());
        EarlierEditsDialog::setTestAnswer([](EarlierEditsDialog& dialog) {
            QSignalSpy settled(&dialog, &EarlierEditsDialog::settled);
            dialog.setOldPassword(kOldPassword);
            dialog.recover();
            QVERIFY(settled.wait(20000));
        });
        window.earlierEditsAction()->trigger();
        EarlierEditsDialog::setTestAnswer({});
        QVERIFY(!window.earlierEditsAction()->isEnabled());
        QCOMPARE(window.replica()->pendingCount().value(), 2);
    }

private:
    QString currentPath() const { return m_folder->filePath(QStringLiteral("officer.sqlite")); }

    QTemporaryDir m_settings;
    std::unique_ptr<QTemporaryDir> m_folder;
    QString m_aside;
    QStringList m_keys;
    std::unique_ptr<client::Replica> m_current;
};

QTEST_MAIN(EarlierEditsDialogTests)
#include "earlier_edits_dialog_tests.moc"
