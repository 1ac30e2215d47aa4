// SPDX-License-Identifier: GPL-3.0-or-later
#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace sotay::widgets {

MainWindow::MainWindow(QUrl server, Probe probe, QWidget* parent)
    : QMainWindow(parent)
    , m_server(std::move(server))
    , m_probe(std::move(probe))
{
    setWindowTitle(tr("Sổ tay đảng viên điện tử — Bảng điều khiển quản trị"));
    resize(960, 640);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    m_welcome = new QLabel(central);
    m_welcome->setWordWrap(true);
    m_welcome->setAlignment(Qt::AlignCenter);
    m_welcome->setText(tr("Máy chủ: %1").arg(m_server.toDisplayString()));
    layout->addStretch();
    layout->addWidget(m_welcome);
    layout->addStretch();
    setCentralWidget(central);

    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);

    auto* fileMenu = menuBar()->addMenu(tr("&Tệp"));
    auto* refresh = fileMenu->addAction(tr("&Kiểm tra kết nối"));
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QAction::triggered, this, &MainWindow::checkServer);
    fileMenu->addSeparator();
    auto* quit = fileMenu->addAction(tr("T&hoát"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    connect(quit, &QAction::triggered, this, &QWidget::close);

    auto* helpMenu = menuBar()->addMenu(tr("Trợ &giúp"));
    auto* about = helpMenu->addAction(tr("&Giới thiệu Sổ tay"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);

    connect(&m_watcher, &QFutureWatcher<Result<client::ServerHealth>>::finished, this,
        &MainWindow::showProbeResult);
    checkServer();
}

MainWindow::~MainWindow()
{
    m_watcher.waitForFinished();
}

void MainWindow::checkServer()
{
    if (m_watcher.isRunning())
        return;
    m_status->setText(tr("Đang kết nối tới máy chủ %1…").arg(m_server.toDisplayString()));
    m_watcher.setFuture(QtConcurrent::run(m_probe));
}

QString MainWindow::serverStatusText() const
{
    return m_status->text();
}

void MainWindow::showProbeResult()
{
    const auto result = m_watcher.result();
    if (result) {
        m_status->setText(
            tr("Đã kết nối tới máy chủ %1 (phiên bản %2).").arg(m_server.toDisplayString(), result->version));
    } else {
        m_status->setText(result.error().message);
    }
    emit serverChecked(result.ok());
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("Giới thiệu Sổ tay"),
        tr("Sổ tay đảng viên điện tử — bảng điều khiển quản trị, phiên bản %1.\nQt %2.")
            .arg(QStringLiteral(SOTAY_VERSION), QString::fromLatin1(qVersion())));
}

} // namespace sotay::widgets
