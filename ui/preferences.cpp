#include "ui/preferences.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPalette>
#include <QSettings>
#include <QSpinBox>
#include <QStyle>
#include <QStyleFactory>

#include "util/error.h"

namespace interp3d {

namespace {
const char* kTheme = "preferences/theme";
const char* kThreads = "preferences/threads";
const char* kDefaults = "preferences/defaults";
// The options a new morph starts from (the rest belong to one run or one file).
const char* kDefaultOptions[] = {"frames",   "resolution",   "schedule",      "ease-in",
                                 "ease-out", "texture-size", "max-triangles", "topology",
                                 "align",    "tips",         "format",        "prior"};
}  // namespace

Preferences Preferences::load() {
  const QSettings s;
  Preferences p;
  p.theme = s.value(kTheme, "system").toString();
  p.threads = s.value(kThreads, 0).toInt();
  const QVariantMap map = s.value(kDefaults).toMap();
  for (auto it = map.begin(); it != map.end(); ++it)
    p.defaults[it.key().toStdString()] = it.value().toString().toStdString();
  return p;
}

void Preferences::save() const {
  QSettings s;
  s.setValue(kTheme, theme);
  s.setValue(kThreads, threads);
  QVariantMap map;
  for (const auto& [name, value] : defaults)
    map[QString::fromStdString(name)] = QString::fromStdString(value);
  s.setValue(kDefaults, map);
}

void Preferences::applyTo(MorphSettings& settings) const {
  for (const auto& [name, value] : defaults) {
    try {
      applyOption(settings, name, value);
    } catch (const Error&) {  // an option renamed or narrowed since: its default stays
    }
  }
  if (threads > 0) applyOption(settings, "threads", std::to_string(threads));
}

void applyTheme(const QString& theme) {
  static const QString platformStyle = QApplication::style()->name();
  if (theme == "system") {
    QApplication::setStyle(QStyleFactory::create(platformStyle));
    QApplication::setPalette(QApplication::style()->standardPalette());
    return;
  }
  QApplication::setStyle(QStyleFactory::create("Fusion"));
  if (theme == "light") {
    QApplication::setPalette(QApplication::style()->standardPalette());
    return;
  }
  QPalette dark;
  const QColor window(45, 47, 52), base(30, 31, 35), text(220, 222, 228), mid(70, 73, 80);
  dark.setColor(QPalette::Window, window);
  dark.setColor(QPalette::WindowText, text);
  dark.setColor(QPalette::Base, base);
  dark.setColor(QPalette::AlternateBase, window);
  dark.setColor(QPalette::ToolTipBase, base);
  dark.setColor(QPalette::ToolTipText, text);
  dark.setColor(QPalette::Text, text);
  dark.setColor(QPalette::Button, window);
  dark.setColor(QPalette::ButtonText, text);
  dark.setColor(QPalette::BrightText, QColor(255, 90, 90));
  dark.setColor(QPalette::Mid, mid);
  // Fusion draws frames and the boxes of checkable menu items with these.
  dark.setColor(QPalette::Light, QColor(95, 98, 106));
  dark.setColor(QPalette::Midlight, QColor(80, 83, 90));
  dark.setColor(QPalette::Dark, QColor(24, 25, 28));
  dark.setColor(QPalette::Shadow, QColor(12, 12, 14));
  dark.setColor(QPalette::Highlight, QColor(64, 130, 210));
  dark.setColor(QPalette::HighlightedText, QColor(255, 255, 255));
  dark.setColor(QPalette::Link, QColor(100, 160, 240));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    dark.setColor(QPalette::Disabled, role, QColor(120, 122, 128));
  QApplication::setPalette(dark);
}

bool editPreferences(QWidget* parent, Preferences& prefs, const MorphSettings& current) {
  QDialog dialog(parent);
  dialog.setWindowTitle(QObject::tr("Preferences"));
  auto* form = new QFormLayout(&dialog);
  auto* theme = new QComboBox(&dialog);
  theme->addItem(QObject::tr("As the system"), "system");
  theme->addItem(QObject::tr("Dark"), "dark");
  theme->addItem(QObject::tr("Light"), "light");
  theme->setCurrentIndex(std::max(0, theme->findData(prefs.theme)));
  theme->setToolTip(QObject::tr("The look of the window; the viewports keep their backdrop"));
  auto* threads = new QSpinBox(&dialog);
  threads->setRange(0, 256);
  threads->setSpecialValueText(QObject::tr("Every core"));
  threads->setValue(prefs.threads);
  threads->setToolTip(QObject::tr("Worker threads of a morph (LibTorch, lattice loops)"));
  auto* keep =
      new QCheckBox(QObject::tr("Start new morphs with the Morph panel's options"), &dialog);
  keep->setToolTip(
      QObject::tr("Frames, resolution, timing, texture size, alignment, topology, "
                  "format and prior as the panel shows them now"));
  auto* forget = new QCheckBox(QObject::tr("Forget saved defaults"), &dialog);
  forget->setEnabled(!prefs.defaults.empty());
  form->addRow(QObject::tr("Theme"), theme);
  form->addRow(QObject::tr("Threads"), threads);
  form->addRow(keep);
  form->addRow(forget);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  form->addRow(buttons);
  if (dialog.exec() != QDialog::Accepted) return false;
  prefs.theme = theme->currentData().toString();
  prefs.threads = threads->value();
  if (forget->isChecked()) prefs.defaults.clear();
  if (keep->isChecked())
    for (const char* name : kDefaultOptions) prefs.defaults[name] = optionValue(current, name);
  prefs.save();
  applyTheme(prefs.theme);
  return true;
}

}  // namespace interp3d
