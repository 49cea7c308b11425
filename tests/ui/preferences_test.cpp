#include "ui/preferences.h"

#include <QApplication>
#include <QPalette>
#include <QSettings>

#include <gtest/gtest.h>

namespace interp3d {
namespace {

// Saved preferences come back; their defaults apply over the table's, a stale value is skipped;
// the dark theme darkens the window and the system theme brings the platform's back.
TEST(Preferences, SaveLoadApplyAndTheme) {
  QSettings().clear();
  Preferences p;
  p.theme = "dark";
  p.threads = 3;
  p.defaults = {{"frames", "33"}, {"schedule", "ease"}, {"resolution", "99999"}};
  p.save();
  const Preferences back = Preferences::load();
  EXPECT_EQ(back.theme, "dark");
  EXPECT_EQ(back.threads, 3);
  MorphSettings s = defaultMorphSettings();
  back.applyTo(s);
  EXPECT_EQ(s.morph.frames, 33);
  EXPECT_EQ(s.morph.timing.schedule, Schedule::Ease);
  EXPECT_EQ(s.morph.fields.resolution, 64);  // 99999 is out of range: skipped
  EXPECT_EQ(s.morph.threads, 3);
  applyTheme("dark");
  EXPECT_LT(QApplication::palette().color(QPalette::Window).lightness(), 80);
  applyTheme("system");
  EXPECT_GT(QApplication::palette().color(QPalette::Window).lightness(), 150);
  QSettings().clear();
}

}  // namespace
}  // namespace interp3d
