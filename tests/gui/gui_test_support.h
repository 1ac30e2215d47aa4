// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the widget tests share: the real server in process over an SQLite test database with the small
// tree, a few members and an officer of Trấn Biên; an address where no server listens; settings kept in a
// temporary folder.
#include "member/member.h"
#include "support/demo_tree.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QString>
#include <QTemporaryDir>
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
void clearSettings();
// Gives the offscreen platform (when it is the one in use) a screen of `width`×`height` pixels instead of its
// default 800×600, so that what depends on the screen's size (the window's opening size, the tree dock's
// width) is what a real office screen gives. Call it in main(), before QApplication exists; the screen's
// description is written into `folder`. False when the file could not be written.
bool useOffscreenScreen(const QTemporaryDir& folder, int width, int height);

} // namespace sotay::test
