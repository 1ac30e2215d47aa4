// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCompleter>

class QComboBox;

namespace sotay::widgets {

// Completion that matches like every search of the console: the typed text folded (text::fold: lower case,
// đ as d, without marks) anywhere in each item's folded key, so "binh tan" finds "Bình Tân". The key is
// item data at `keyRole`; the line edit takes the item's text when one is chosen.
class FoldingCompleter final : public QCompleter {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FoldingCompleter)

public:
    explicit FoldingCompleter(int keyRole, QObject* parent = nullptr);

    // Puts a folding completer on an editable combo box whose items carry their key at `keyRole`.
    static FoldingCompleter* install(QComboBox* combo, int keyRole);

    QStringList splitPath(const QString& path) const override;
    QString pathFromIndex(const QModelIndex& index) const override;
};

} // namespace sotay::widgets
