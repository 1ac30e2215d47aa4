// SPDX-License-Identifier: GPL-3.0-or-later
#include "folding_completer.h"

#include "text/vietnamese_text.h"

#include <QComboBox>

namespace sotay::widgets {

FoldingCompleter::FoldingCompleter(int keyRole, QObject* parent)
    : QCompleter(parent)
{
    setCompletionRole(keyRole);
    setFilterMode(Qt::MatchContains);
    setCaseSensitivity(Qt::CaseInsensitive);
    setCompletionMode(QCompleter::PopupCompletion);
    setModelSorting(QCompleter::UnsortedModel);
}

FoldingCompleter* FoldingCompleter::install(QComboBox* combo, int keyRole)
{
    auto* completer = new FoldingCompleter(keyRole, combo);
    completer->setModel(combo->model());
    combo->setCompleter(completer);
    return completer;
}

QStringList FoldingCompleter::splitPath(const QString& path) const
{
    return { text::fold(path) };
}

QString FoldingCompleter::pathFromIndex(const QModelIndex& index) const
{
    return index.data(Qt::DisplayRole).toString();
}

} // namespace sotay::widgets
