// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in dialog against the real server in process: online sign-in, the server's refusal, the offline
// fallback checked against the replica's verifier, the remembered server and user, and the keyboard. Over
// https: the CA file chosen with its button, a refused certificate's reason in the error area; for plain
// http to another computer, the checkbox with its warning (only there), the refusal without it, and the
// leave remembered for that server only.
#include "gui_test_support.h"
#include "message_box.h"
#include "password_hasher.h"
#include "replica.h"
#include "sign_in_dialog.h"
#include "support/test_certificates.h"
#include "test_answer.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sotay;
using namespace sotay::widgets;

namespace {

QLineEdit* field(const SignInDialog& dialog, const char* name)
{
    return dialog.findChild<QLineEdit*>(QString::fromLatin1(name));
}

QCheckBox* leaveBox(const SignInDialog& dialog)
{
    return dialog.findChild<QCheckBox*>(QStringLiteral("allowInsecureHttp"));
}

QLabel* leaveWarning(const SignInDialog& dialog)
{
    return dialog.findChild<QLabel*>(QStringLiteral("insecureWarning"));
}

QPushButton* signInButton(const SignInDialog& dialog)
{
    return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

// Types into the visible dialog and presses Enter in the password field, as a person would.
void typeAndPressEnter(SignInDialog& dialog, const QString& username, const QString& password)
{
    field(dialog, "username")->clear();
    QTest::keyClicks(field(dialog, "username"), username);
    field(dialog, "password")->clear();
    QTest::keyClicks(field(dialog, "password"), password);
    QTest::keyClick(field(dialog, "password"), Qt::Key_Return);
}

SignInDialog::Options optionsFor(const QUrl& server, const QString& replicaPath)
{
    SignInDialog::Options options;
    options.server = server;
    options.replicaPath = replicaPath;
    options.verifierCost = PasswordHasher::Cost::minimal();
    return options;
}

// A replica that has seen `username` sign in online with `password` before: its key is wrapped by it.
void prepareReplica(const QString& path, const QString& username, const QString& password)
{
    auto replica = client::Replica::open(path);
    QVERIFY(replica.ok());
    QVERIFY((*replica)->setSignedInRole(QStringLiteral("officer")).ok());
    QVERIFY(((*replica)->unlock(password, PasswordHasher::Cost::minimal()).value()
        == client::Replica::Unlock::Created));
    QVERIFY((*replica)->setKeyOwner(username).ok());
}

// A replica from before its fields were sealed: only a verifier of the password.
void prepareUnsealedReplica(const QString& path, const QString& username, const QString& password)
{
    auto replica = client::Replica::open(path);
    QVERIFY(replica.ok());
    PasswordHasher hasher(PasswordHasher::Cost::minimal());
    const auto hash = hasher.hash(password);
    QVERIFY(hash.ok());
    QVERIFY((*replica)->setVerifier(username, *hash).ok());
}

} // namespace

class SignInDialogTests final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        test::prepareWindowTests(m_settings);
    }

    void init()
    {
        test::failOnReplicaMisuse();
        test::clearSettings();
        QVERIFY(m_folder.isValid());
    }

    void signsInOnTheServerAndRemembersTheServerAndTheUser()
    {
        auto setup = test::startTreeServer();
        const QString replicaPath = m_folder.filePath(QStringLiteral("online.sqlite"));
        SignInDialog dialog(optionsFor(setup->url(), replicaPath));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy accepted(&dialog, &QDialog::accepted);

        typeAndPressEnter(dialog, QStringLiteral("Officer.TB"), setup->officerPassword());
        // The answer comes later: the GUI thread went on, busy, with the fields locked.
        QVERIFY(dialog.isBusy());
        QVERIFY(!signInButton(dialog)->isEnabled());
        QVERIFY(!field(dialog, "password")->isEnabled());

        QVERIFY(accepted.wait(20000));
        const ConsoleSession& session = dialog.session();
        QVERIFY(session.online());
        QCOMPARE(session.username, setup->officer());
        QCOMPARE(session.server, setup->url());
        QCOMPARE(session.replicaPath, replicaPath);
        // The token works.
        QCOMPARE(
            setup->server
                ->call("GET", QStringLiteral("/api/v1/orgs/%1").arg(setup->tree.tranBien.id), session.token)
                .status,
            200);

        // The next offline sign-in is possible: the replica keeps its data key wrapped by the password, and
        // the session has the key open.
        QVERIFY(session.cipher.has_value());
        auto replica = client::Replica::open(replicaPath);
        QVERIFY(replica.ok());
        QVERIFY((*replica)->hasKey().value());
        QVERIFY(!(*replica)->state(QStringLiteral("key.wrapped")).value().contains(setup->officerPassword()));
        QCOMPARE((*replica)->unlock(setup->officerPassword(), PasswordHasher::Cost::minimal()).value(),
            client::Replica::Unlock::Opened);
        // And the role the server gave, which decides the roster's sensitive columns (an officer sees them).
        QCOMPARE((*replica)->signedInRole().value(), QStringLiteral("officer"));

        // The server and the user are remembered, the password never.
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("signIn/server")).toString(), setup->url().toDisplayString());
        QCOMPARE(settings.value(QStringLiteral("signIn/username")).toString(), setup->officer());
        for (const QString& key : settings.allKeys())
            QVERIFY2(!settings.value(key).toString().contains(setup->officerPassword()), qPrintable(key));

        SignInDialog next(optionsFor(QUrl(), replicaPath));
        QCOMPARE(field(next, "server")->text(), setup->url().toDisplayString());
        QCOMPARE(field(next, "username")->text(), setup->officer());
        QVERIFY(field(next, "password")->text().isEmpty());
    }

    void showsTheServersMessageWhenRefused()
    {
        auto setup = test::startTreeServer();
        SignInDialog dialog(optionsFor(setup->url(), m_folder.filePath(QStringLiteral("refused.sqlite"))));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy failed(&dialog, &SignInDialog::failed);

        typeAndPressEnter(dialog, setup->officer(), QStringLiteral("sai-mat-khau-roi"));
        QVERIFY(failed.wait(20000));
        QVERIFY2(dialog.errorText().contains(QStringLiteral("Tên đăng nhập hoặc mật khẩu không đúng")),
            qPrintable(dialog.errorText()));
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.isBusy());
        QVERIFY(signInButton(dialog)->isEnabled());
        QCOMPARE(dialog.focusWidget(), field(dialog, "password"));
        QVERIFY(!QSettings().contains(QStringLiteral("signIn/username")));
    }

    void theServerFromTheCommandLineOverridesTheRememberedOne()
    {
        QSettings settings;
        settings.setValue(QStringLiteral("signIn/server"), QStringLiteral("http://10.0.0.5:8080"));
        settings.setValue(QStringLiteral("signIn/username"), QStringLiteral("canbo.xa"));
        settings.sync();
        SignInDialog remembered(optionsFor(QUrl(), {}));
        QCOMPARE(field(remembered, "server")->text(), QStringLiteral("http://10.0.0.5:8080"));
        SignInDialog overridden(optionsFor(QUrl(QStringLiteral("http://192.168.1.20:9000")), {}));
        QCOMPARE(field(overridden, "server")->text(), QStringLiteral("http://192.168.1.20:9000"));
        QCOMPARE(field(overridden, "username")->text(), QStringLiteral("canbo.xa"));
    }

    void theKeyboardReachesEverything()
    {
        SignInDialog dialog(optionsFor(QUrl(QStringLiteral("http://127.0.0.1:8080")), {}));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        // The server is known and no user remembered: the cursor waits in the user name field.
        QCOMPARE(dialog.focusWidget(), field(dialog, "username"));
        QLineEdit* server = field(dialog, "server");
        QLineEdit* username = field(dialog, "username");
        QLineEdit* password = field(dialog, "password");
        QCOMPARE(server->nextInFocusChain(), username);
        QCOMPARE(username->nextInFocusChain(), password);
        // Every field has a label with a mnemonic pointing at it.
        for (QLineEdit* edit : { server, username, password, field(dialog, "caFile") }) {
            bool labelled = false;
            for (const QLabel* label : dialog.findChildren<QLabel*>())
                labelled = labelled || (label->buddy() == edit && label->text().contains(u'&'));
            QVERIFY2(labelled, qPrintable(edit->objectName()));
        }
        QVERIFY(signInButton(dialog)->isDefault());
        QVERIFY(signInButton(dialog)->text().contains(u'&'));
        // An empty user name is caught before anything is sent.
        QSignalSpy failed(&dialog, &SignInDialog::failed);
        QTest::keyClick(username, Qt::Key_Return);
        QCOMPARE(failed.count(), 1);
        QVERIFY(!dialog.isBusy());
        QCOMPARE(dialog.focusWidget(), username);
        // Esc cancels.
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        QTest::keyClick(username, Qt::Key_Escape);
        QCOMPARE(rejected.count(), 1);
    }

    void outOfReachOpensOfflineWithTheRightPassword()
    {
        const QUrl server = test::unreachableServer();
        const QString path = m_folder.filePath(QStringLiteral("offline-right.sqlite"));
        prepareReplica(path, QStringLiteral("canbo.xa"), QStringLiteral("mat-khau-cua-can-bo"));
        SignInDialog dialog(optionsFor(server, path));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        const int asked = MessageBox::askedCount();
        MessageBox::setNextAnswer(QMessageBox::Yes); // "open the data on this computer?"

        typeAndPressEnter(dialog, QStringLiteral("canbo.xa"), QStringLiteral("mat-khau-cua-can-bo"));
        QVERIFY(accepted.wait(20000));
        QCOMPARE(MessageBox::askedCount(), asked + 1);
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("Không kết nối được")),
            qPrintable(MessageBox::lastText()));
        QVERIFY(!dialog.session().online());
        QCOMPARE(dialog.session().replicaPath, path);
        QCOMPARE(dialog.session().username, QStringLiteral("canbo.xa"));
    }

    void outOfReachOpensAReplicaFromBeforeSealingWithItsVerifierAndSealsIt()
    {
        const QUrl server = test::unreachableServer();
        const QString path = m_folder.filePath(QStringLiteral("offline-unsealed.sqlite"));
        prepareUnsealedReplica(path, QStringLiteral("canbo.xa"), QStringLiteral("mat-khau-cua-can-bo"));
        SignInDialog dialog(optionsFor(server, path));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        MessageBox::setNextAnswer(QMessageBox::Yes); // "open the data on this computer?"
        typeAndPressEnter(dialog, QStringLiteral("canbo.xa"), QStringLiteral("mat-khau-cua-can-bo"));
        QVERIFY(accepted.wait(20000));
        QVERIFY(dialog.session().cipher.has_value());
        auto replica = client::Replica::open(path);
        QVERIFY(replica.ok());
        QVERIFY((*replica)->hasKey().value());
    }

    // The password was reset by an administrator (or changed on another computer): the server takes the new
    // one, the replica's key does not open with it. The replica is set aside with its unsent edits, a fresh
    // one is made, and the user is told where the old one is.
    void aReplicaLockedWithAnotherPasswordIsSetAsideAndAFreshOneMade()
    {
        auto setup = test::startTreeServer();
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QString path = folder.filePath(QStringLiteral("reset.sqlite"));
        const QString oldPassword = QStringLiteral("mat-khau-truoc-khi-cap-lai");
        prepareReplica(path, setup->officer(), oldPassword);
        {
            auto replica = client::Replica::open(path);
            QVERIFY(replica.ok());
            QVERIFY((*replica)->unlock(oldPassword, PasswordHasher::Cost::minimal()).ok());
            QVERIFY((*replica)
                        ->enqueue(QStringLiteral("PATCH"), QStringLiteral("/api/v1/members/1"),
                            { { QStringLiteral("citizenId"), QStringLiteral("079190009999") } }, 1)
                        .ok());
        }
        SignInDialog dialog(optionsFor(setup->url(), path));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        const int asked = MessageBox::askedCount();
        MessageBox::setNextAnswer(QMessageBox::Ok);
        typeAndPressEnter(dialog, setup->officer(), setup->officerPassword());
        QVERIFY(accepted.wait(20000));
        QCOMPARE(MessageBox::askedCount(), asked + 1);
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("mật khẩu cũ")),
            qPrintable(MessageBox::lastText()));
        QVERIFY(dialog.session().cipher.has_value());

        // The fresh replica opens with the new password; the old one, set aside, with the old password only,
        // its unsent edit still in it.
        const QStringList aside = QDir(folder.path()).entryList({ QStringLiteral("reset.truoc-*.sqlite") });
        QCOMPARE(aside.size(), 1);
        QVERIFY2(MessageBox::lastText().contains(aside.front()), qPrintable(MessageBox::lastText()));
        auto fresh = client::Replica::open(path);
        QVERIFY(fresh.ok());
        QCOMPARE((*fresh)->unlock(setup->officerPassword(), PasswordHasher::Cost::minimal()).value(),
            client::Replica::Unlock::Opened);
        QCOMPARE((*fresh)->pendingCount().value(), 0);
        auto old = client::Replica::open(folder.filePath(aside.front()));
        QVERIFY(old.ok());
        QCOMPARE((*old)->unlock(setup->officerPassword(), PasswordHasher::Cost::minimal()).value(),
            client::Replica::Unlock::WrongPassword);
        QCOMPARE((*old)->unlock(oldPassword, PasswordHasher::Cost::minimal()).value(),
            client::Replica::Unlock::Opened);
        const auto kept = (*old)->pending();
        QVERIFY(kept.ok() && kept->size() == 1);
        QCOMPARE(
            kept->front().body.value(QStringLiteral("citizenId")).toString(), QStringLiteral("079190009999"));
    }

    void outOfReachRefusesTheWrongPassword()
    {
        const QUrl server = test::unreachableServer();
        const QString path = m_folder.filePath(QStringLiteral("offline-wrong.sqlite"));
        prepareReplica(path, QStringLiteral("canbo.xa"), QStringLiteral("mat-khau-cua-can-bo"));
        SignInDialog dialog(optionsFor(server, path));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy failed(&dialog, &SignInDialog::failed);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        MessageBox::setNextAnswer(QMessageBox::Yes);

        typeAndPressEnter(dialog, QStringLiteral("canbo.xa"), QStringLiteral("mat-khau-khac-han"));
        QVERIFY(failed.wait(20000));
        QVERIFY2(dialog.errorText().contains(QStringLiteral("Mật khẩu không khớp")),
            qPrintable(dialog.errorText()));
        QCOMPARE(accepted.count(), 0);
        QVERIFY(!dialog.isBusy());
        QCOMPARE(dialog.focusWidget(), field(dialog, "password"));
    }

    void outOfReachWithoutAReplicaSaysTheFirstSignInMustBeOnline()
    {
        const QUrl server = test::unreachableServer();
        const QString path = m_folder.filePath(QStringLiteral("never-synced.sqlite"));
        SignInDialog dialog(optionsFor(server, path));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy failed(&dialog, &SignInDialog::failed);
        MessageBox::setNextAnswer(QMessageBox::Yes);

        typeAndPressEnter(dialog, QStringLiteral("canbo.moi"), QStringLiteral("mat-khau-bat-ky"));
        QVERIFY(failed.wait(20000));
        QVERIFY2(dialog.errorText().contains(QStringLiteral("Lần đăng nhập đầu tiên phải có kết nối")),
            qPrintable(dialog.errorText()));
        QVERIFY(!QFileInfo::exists(path)); // no empty replica was left behind
    }

    void outOfReachWithAReplicaOfAnotherUserHasNoVerifierEither()
    {
        const QUrl server = test::unreachableServer();
        const QString path = m_folder.filePath(QStringLiteral("someone-else.sqlite"));
        prepareReplica(path, QStringLiteral("nguoi.khac"), QStringLiteral("mat-khau-nguoi-khac"));
        SignInDialog dialog(optionsFor(server, path));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy failed(&dialog, &SignInDialog::failed);
        MessageBox::setNextAnswer(QMessageBox::Yes);

        typeAndPressEnter(dialog, QStringLiteral("canbo.xa"), QStringLiteral("mat-khau-nguoi-khac"));
        QVERIFY(failed.wait(20000));
        QVERIFY2(dialog.errorText().contains(QStringLiteral("Lần đăng nhập đầu tiên phải có kết nối")),
            qPrintable(dialog.errorText()));
    }

    void decliningOfflineShowsWhyTheServerIsOutOfReach()
    {
        const QUrl server = test::unreachableServer();
        SignInDialog dialog(optionsFor(server, m_folder.filePath(QStringLiteral("declined.sqlite"))));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy failed(&dialog, &SignInDialog::failed);
        MessageBox::setNextAnswer(QMessageBox::No);

        typeAndPressEnter(dialog, QStringLiteral("canbo.xa"), QStringLiteral("mat-khau-cua-can-bo"));
        QVERIFY(failed.wait(20000));
        QVERIFY2(dialog.errorText().contains(QStringLiteral("Không kết nối được tới máy chủ")),
            qPrintable(dialog.errorText()));
        QCOMPARE(dialog.focusWidget(), field(dialog, "server"));
    }

    void theLeaveForPlainHttpIsOfferedOnlyForAnotherComputer()
    {
        SignInDialog dialog(optionsFor(QUrl(QStringLiteral("http://127.0.0.1:8080")), {}));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!leaveBox(dialog)->isVisible());
        QVERIFY(!leaveWarning(dialog)->isVisible());
        QLineEdit* server = field(dialog, "server");
        for (const char* elsewhere : { "http://10.0.0.5:8080", "10.0.0.5", "http://sotay.dongnai.example" }) {
            server->setText(QString::fromLatin1(elsewhere));
            QVERIFY2(leaveBox(dialog)->isVisible(), elsewhere);
            QVERIFY2(leaveWarning(dialog)->isVisible(), elsewhere);
        }
        // The warning says what is at stake.
        QVERIFY2(leaveWarning(dialog)->text().contains(QStringLiteral("dữ liệu cá nhân của đảng viên")),
            qPrintable(leaveWarning(dialog)->text()));
        QVERIFY(leaveBox(dialog)->text().contains(QStringLiteral("không mã hoá (http)")));
        for (const char* local : { "http://127.0.0.1:8080", "localhost:8080", "http://[::1]:8080",
                 "https://10.0.0.5:8443", "https://sotay.dongnai.example" }) {
            server->setText(QString::fromLatin1(local));
            QVERIFY2(!leaveBox(dialog)->isVisible(), local);
            QVERIFY2(!leaveWarning(dialog)->isVisible(), local);
        }
    }

    void plainHttpToAnotherComputerIsRefusedWithoutTheLeaveAndRememberedWithIt()
    {
        // .invalid never resolves: with the leave the sign-in is tried and finds the server out of reach.
        const QUrl elsewhere(QStringLiteral("http://may-chu.invalid:8080"));
        const QString path = m_folder.filePath(QStringLiteral("elsewhere.sqlite"));
        prepareReplica(path, QStringLiteral("canbo.xa"), QStringLiteral("mat-khau-cua-can-bo"));
        {
            SignInDialog dialog(optionsFor(elsewhere, path));
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY(leaveBox(dialog)->isVisible());
            QVERIFY(!leaveBox(dialog)->isChecked());
            QSignalSpy failed(&dialog, &SignInDialog::failed);
            const int asked = MessageBox::askedCount();
            typeAndPressEnter(dialog, QStringLiteral("canbo.xa"), QStringLiteral("mat-khau-cua-can-bo"));
            // Refused at once, before anything is sent: no offline offer, the reason and the way out shown.
            QCOMPARE(failed.count(), 1);
            QVERIFY(!dialog.isBusy());
            QCOMPARE(MessageBox::askedCount(), asked);
            QVERIFY2(
                dialog.errorText().contains(QStringLiteral("không mã hoá")), qPrintable(dialog.errorText()));
            QVERIFY2(dialog.errorText().contains(QStringLiteral("https://")), qPrintable(dialog.errorText()));
            QCOMPARE(dialog.focusWidget(), leaveBox(dialog));

            // With the leave it goes on: out of reach, then opened offline on this computer's data.
            QSignalSpy accepted(&dialog, &QDialog::accepted);
            QTest::keyClick(leaveBox(dialog), Qt::Key_Space);
            QVERIFY(leaveBox(dialog)->isChecked());
            MessageBox::setNextAnswer(QMessageBox::Yes);
            QTest::keyClick(field(dialog, "password"), Qt::Key_Return);
            QVERIFY(accepted.wait(20000));
            QVERIFY2(MessageBox::lastText().contains(QStringLiteral("Không kết nối được")),
                qPrintable(MessageBox::lastText()));
            QVERIFY(dialog.session().tls.allowInsecureHttp);
        }
        // Remembered for that server, and for no other.
        SignInDialog again(optionsFor(elsewhere, path));
        QVERIFY(leaveBox(again)->isChecked());
        field(again, "server")->setText(QStringLiteral("http://may-khac.invalid:8080"));
        QVERIFY(!leaveBox(again)->isChecked());
        field(again, "server")->setText(elsewhere.toString());
        QVERIFY(leaveBox(again)->isChecked());
    }

    void signsInOverHttpsWithTheChosenCaFileAndShowsWhyACertificateIsRefused()
    {
        const test::TestCertificates certificates;
        QVERIFY2(certificates.problem().isEmpty(), qPrintable(certificates.problem()));
        const auto database = test::TestDatabase::sqlite();
        test::RunningServer server(*database, 4, [&certificates](server::ServerConfig& config) {
            config.tls = { certificates.goodCertificate(), certificates.serverKey() };
        });
        const QUrl url(QStringLiteral("https://localhost:%1").arg(server.port()));
        const QString password = QString::fromLatin1(test::RunningServer::kAdminPassword);
        SignInDialog dialog(optionsFor(url, m_folder.filePath(QStringLiteral("https.sqlite"))));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!leaveBox(dialog)->isVisible());
        QSignalSpy failed(&dialog, &SignInDialog::failed);
        QSignalSpy accepted(&dialog, &QDialog::accepted);

        // Without a CA file the system's store knows nothing of the test authority: refused, with the way
        // out.
        const int asked = MessageBox::askedCount();
        typeAndPressEnter(dialog, QStringLiteral("admin"), password);
        QVERIFY(failed.wait(20000));
        QVERIFY2(dialog.errorText().contains(QStringLiteral("không tin được chứng chỉ của máy chủ")),
            qPrintable(dialog.errorText()));
        QVERIFY2(dialog.errorText().contains(QStringLiteral("«Chứng chỉ gốc (CA)»")),
            qPrintable(dialog.errorText()));
        QCOMPARE(MessageBox::askedCount(), asked); // not "out of reach": no offline offer
        QCOMPARE(accepted.count(), 0);

        // A CA file that is not there is refused with its name before anything is sent.
        QLineEdit* caFile = field(dialog, "caFile");
        caFile->setText(m_folder.filePath(QStringLiteral("khong-co.pem")));
        QTest::keyClick(field(dialog, "password"), Qt::Key_Return);
        QCOMPARE(failed.count(), 2);
        QVERIFY(!dialog.isBusy());
        QVERIFY2(dialog.errorText().contains(QStringLiteral("khong-co.pem")), qPrintable(dialog.errorText()));
        QCOMPARE(dialog.focusWidget(), caFile);

        // Chosen with its button (the file dialog answered by the test), the CA file lets the sign-in
        // through.
        testAnswerFor<QFileDialog, bool>() = [&certificates](QFileDialog& chooser) {
            chooser.selectFile(certificates.caFile());
            return true;
        };
        auto* choose = dialog.findChild<QPushButton*>(QStringLiteral("chooseCaFile"));
        QTest::mouseClick(choose, Qt::LeftButton);
        testAnswerFor<QFileDialog, bool>() = {};
        QCOMPARE(QDir::fromNativeSeparators(caFile->text()), certificates.caFile());
        QTest::keyClick(field(dialog, "password"), Qt::Key_Return);
        QVERIFY(accepted.wait(20000));
        QVERIFY(dialog.session().online());
        QCOMPARE(dialog.session().tls.caFile, certificates.caFile());

        // Remembered for this server.
        SignInDialog next(optionsFor(url, {}));
        QCOMPARE(QDir::fromNativeSeparators(field(next, "caFile")->text()), certificates.caFile());
    }

private:
    QTemporaryDir m_settings;
    QTemporaryDir m_folder;
};

QTEST_MAIN(SignInDialogTests)
#include "sign_in_dialog_tests.moc"
