// The user's preferences (Edit > Preferences): the theme, the worker threads and the options a
// new morph starts from. Kept with QSettings; headless runs never read them, so screenshots and
// benchmarks do not depend on who runs them.
#pragma once

#include <map>
#include <string>

#include <QString>

#include "jobs/option_table.h"

class QWidget;

namespace interp3d {

struct Preferences {
  QString theme = "system";                     // system, dark or light
  int threads = 0;                              // 0: every core
  std::map<std::string, std::string> defaults;  // option name -> value, applied at start

  static Preferences load();
  void save() const;
  // The defaults and thread count applied over `settings`; options a file or the command line
  // gives afterwards still win. A stored value no longer valid is skipped.
  void applyTo(MorphSettings& settings) const;
};

// Fusion with a dark or light palette, or the platform's own look ("system").
void applyTheme(const QString& theme);

// The dialog; true when the user pressed OK (prefs changed and saved). `current` is what the
// panel shows, offered as the new defaults.
bool editPreferences(QWidget* parent, Preferences& prefs, const MorphSettings& current);

}  // namespace interp3d
