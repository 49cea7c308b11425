#include "ui/timeline.h"

#include <QSlider>
#include <QTest>

#include <gtest/gtest.h>

namespace interp3d {
namespace {

TEST(Timeline, AClickGoesToTheFrameUnderTheCursor) {
  Timeline timeline;
  timeline.resize(800, 40);
  timeline.setFrameCount(17);
  timeline.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&timeline));
  auto* slider = timeline.findChild<QSlider*>("frameSlider");
  ASSERT_TRUE(slider);
  const QPoint at(slider->width() * 3 / 4, slider->height() / 2);
  QTest::mouseClick(slider, Qt::LeftButton, Qt::NoModifier, at);
  EXPECT_NEAR(timeline.currentFrame(), 12, 1);  // a page step would have gone to 10
}

}  // namespace
}  // namespace interp3d
