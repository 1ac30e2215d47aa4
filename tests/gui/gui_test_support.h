// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the widget tests share: the real server in process over an SQLite test database with the small
// tree, a few members and an officer of Trấn Biên; an address where no server listens; settings kept in a
// temporary folder.
#include "field_cipher.h"
#include "member/member.h"
#include "support/demo_tree.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QApplication>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

namespace sotay::test {

struct TreeServer {
    static constexpr const char* kOfficer = "officer.tb";
    static constexpr const char* kOfficerPassword = "mat-khau-officer.tb";

    std::unique_ptr<TestDatabase> database;
    SmallTree tree;
    Member hoa, nam, lan; // Hoa and Nam in Trấn Biên (the officer's scope), Lan in Phú Riềng
    std::unique_ptr<RunningServer> server;

    QUrl url() const;
    QString officer() const { return QString::fromLatin1(kOfficer); }
    QString officerPassword() const { return QString::fromLatin1(kOfficerPassword); }
    // A fresh token of the officer (throws if the server refuses).
    QString signInOfficer() const;
};

// Starts the server; throws std::runtime_error when something is missing.
std::unique_ptr<TreeServer> startTreeServer();

// A loopback address where nothing listens.
QUrl unreachableServer();

// Points QSettings at `folder` and names the application, so that tests never touch the user's settings.
void useTemporarySettings(const QTemporaryDir& folder);
// What a test of whole windows does first: settings in `folder`, and message boxes answered at once.
void prepareWindowTests(const QTemporaryDir& folder);
// A replica connection used from a thread that did not open it, or closed while in use, fails the test
// (call it in each test's init()).
void failOnReplicaMisuse();
// The data key of the replica at `path`, opened (or made) with a test password as sign-in does: a session
// that carries it works on a sealed replica.
FieldCipher replicaKey(const QString& path);
void clearSettings();
// Gives the offscreen platform (when it is the one in use) a screen of `width`×`height` pixels instead of its
// default 800×600, so that what depends on the screen's size (the window's opening size, the tree dock's
// width) is what a real office screen gives. Call it in main(), before QApplication exists; the screen's
// description is written into `folder`. False when the file could not be written.
bool useOffscreenScreen(const QTemporaryDir& folder, int width, int height);
// Fills a new SQLite file with a demo province of `members` members, as of the tests' day (2026-11-25), as a
// replica the main window can open without a server. The error's message when it could not.
QString seedDemoReplica(const QString& file, int members);

} // namespace sotay::test

// The main() of a widget suite run on an offscreen screen of `width`×`height` (useOffscreenScreen).
#define SOTAY_GUI_TEST_MAIN_ON_SCREEN(TestClass, width, height)                                              \
    int main(int argc, char** argv)                                                                          \
    {                                                                                                        \
        const QTemporaryDir screens;                                                                         \
        if (!sotay::test::useOffscreenScreen(screens, (width), (height)))                                    \
            return 1;                                                                                        \
        QApplication app(argc, argv);                                                                        \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                                             \
        TestClass tests;                                                                                     \
        QTEST_SET_MAIN_SOURCE_PATH                                                                           \
        return QTest::qExec(&tests, argc, argv);                                                             \
    }

namespace sotay::test {

} // namespace sotay::test
