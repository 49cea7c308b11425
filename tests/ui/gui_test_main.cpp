// The GUI tests' main: a QApplication on X (tests/tools/with_display.sh starts Xvfb when there is
// no display) with Mesa's software renderer, settings in Qt's test location, then GoogleTest.
#include <QApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "xcb");
  qputenv("LIBGL_ALWAYS_SOFTWARE", "1");
  QApplication app(argc, argv);
  QStandardPaths::setTestModeEnabled(true);  // the user's settings are never read or written
  QApplication::setOrganizationName("Interp3D-tests");
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
