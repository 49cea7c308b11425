// The ui tests' main: a QApplication on Qt's offscreen platform (no display needed), then
// GoogleTest. Tests wait for queued results by spinning the event loop (testing::waitUntil).
#include <QApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  QStandardPaths::setTestModeEnabled(true);  // the user's settings are never read or written
  QApplication::setOrganizationName("Interp3D-tests");
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
