// The ui tests' main: a QApplication on Qt's offscreen platform (no display needed), then
// GoogleTest. Tests wait for queued results by spinning the event loop (testing::waitUntil).
#include <QApplication>

#include <gtest/gtest.h>

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
