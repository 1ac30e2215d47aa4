// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server_probe.h"

#include <QFutureWatcher>
#include <QMainWindow>

#include <functional>

class QLabel;

namespace sotay::widgets {

// The console's main window. For now it shows which server it works with and whether that server
// answers; the organisation tree, rosters and sync arrive with their own work.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    using Probe = std::function<Result<client::ServerHealth>()>;

    MainWindow(QUrl server, Probe probe, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Asks the server again (off the GUI thread).
    void checkServer();
    QString serverStatusText() const;

signals:
    void serverChecked(bool reachable);

private:
    void showProbeResult();
    void showAbout();

    QUrl m_server;
    Probe m_probe;
    QLabel* m_status = nullptr;
    QLabel* m_welcome = nullptr;
    QFutureWatcher<Result<client::ServerHealth>> m_watcher;
};

} // namespace sotay::widgets
