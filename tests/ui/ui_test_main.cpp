// The Qt tests' main: a QApplication on INTERP3D_TEST_PLATFORM (ui_tests: Qt's offscreen
// platform, no display; gui_tests: X, under Xvfb from tests/tools/with_display.sh, with Mesa's
// software renderer for the viewports), settings in Qt's test location, then GoogleTest. Tests
// wait for queued results by spinning the event loop (testing::waitUntil).
#include <QApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", INTERP3D_TEST_PLATFORM);
  qputenv("LIBGL_ALWAYS_SOFTWARE", "1");
  QApplication app(argc, argv);
  QStandardPaths::setTestModeEnabled(true);  // the user's settings are never read or written
  QApplication::setOrganizationName("Interp3D-tests");
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
