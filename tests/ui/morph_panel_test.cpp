#include "ui/morph_panel.h"

#include "ui/schedule_curve.h"

#include <QCoreApplication>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <gtest/gtest.h>

namespace interp3d {
namespace {

TEST(MorphPanel, RangesDefaultsAndTooltipsComeFromTheOptionTable) {
  MorphPanel panel;
  for (const char* name : {"frames", "resolution", "texture-size"}) {
    const OptionSpec& spec = optionSpec(name);
    QSpinBox* box = panel.spinBox(name);
    ASSERT_TRUE(box) << name;
    EXPECT_EQ(box->minimum(), static_cast<int>(spec.min)) << name;
    EXPECT_EQ(box->maximum(), static_cast<int>(spec.max)) << name;
    EXPECT_EQ(box->value(), std::stoi(spec.defaultValue)) << name;
    EXPECT_EQ(box->toolTip().toStdString(), spec.help) << name;
  }
  // The texture size's default, 0, says what it means.
  EXPECT_EQ(panel.spinBox("texture-size")->text().toStdString(), "As dense as the inputs");
}

TEST(MorphPanel, SettingsRoundTripThroughTheWidgets) {
  MorphPanel panel;
  MorphSettings s = defaultMorphSettings();
  applyOption(s, "frames", "33");
  applyOption(s, "resolution", "96");
  applyOption(s, "schedule", "ease");
  applyOption(s, "texture-size", "512");
  applyOption(s, "align", "heading");
  applyOption(s, "topology", "source");
  applyOption(s, "seed", "9");  // not on the panel: kept from the base
  panel.setSettings(s);
  const MorphSettings back = panel.settings(s);
  EXPECT_EQ(back.morph.frames, 33);
  EXPECT_EQ(back.morph.fields.resolution, 96);
  EXPECT_EQ(back.morph.timing.schedule, Schedule::Ease);
  EXPECT_EQ(back.morph.texture.size, 512);
  EXPECT_TRUE(back.morph.align.enabled);
  EXPECT_TRUE(back.morph.align.heading);
  EXPECT_EQ(back.morph.oneTopology.mode, TopologyMode::Source);
  EXPECT_EQ(back.morph.seed, 9u);
  s.prior = "off";
  panel.setSettings(s);
  EXPECT_EQ(panel.settings(s).prior, "off");
}

}  // namespace
}  // namespace interp3d

namespace interp3d {
namespace {

// The timing curve: easing set in the settings shows on the curve and comes back; dragging the
// left handle to the middle eases in by a half; a double-click takes the easing away.
TEST(MorphPanel, TheTimingCurveEasesByDragging) {
  MorphPanel panel;
  MorphSettings s = defaultMorphSettings();
  applyOption(s, "ease-in", "0.25");
  applyOption(s, "ease-out", "0.75");
  QSignalSpy set(&panel, &MorphPanel::settingsEdited);
  panel.setSettings(s);
  EXPECT_EQ(set.count(), 0);  // set by the program: not an edit
  MorphSettings back = panel.settings(defaultMorphSettings());
  EXPECT_DOUBLE_EQ(back.morph.timing.easeIn, 0.25);
  EXPECT_DOUBLE_EQ(back.morph.timing.easeOut, 0.75);
  auto* curve = panel.findChild<ScheduleCurve*>("scheduleCurve");
  ASSERT_TRUE(curve);
  curve->resize(220, 120);
  QSignalSpy edited(&panel, &MorphPanel::settingsEdited);
  // The left handle sits a quarter along the bottom edge of the plot (10 px margins).
  const int left = 10, width = 200, bottom = 120 - 18;
  QTest::mousePress(curve, Qt::LeftButton, Qt::NoModifier, QPoint(left + width / 4, bottom));
  QMouseEvent move(QEvent::MouseMove, QPointF(left + width / 2, bottom), QPointF(), Qt::NoButton,
                   Qt::LeftButton, Qt::NoModifier);
  QCoreApplication::sendEvent(curve, &move);
  QTest::mouseRelease(curve, Qt::LeftButton, Qt::NoModifier, QPoint(left + width / 2, bottom));
  EXPECT_NEAR(curve->easeIn(), 0.5, 0.02);
  EXPECT_DOUBLE_EQ(curve->easeOut(), 0.75);
  EXPECT_EQ(edited.count(), 1);  // one drag, one edit
  back = panel.settings(defaultMorphSettings());
  EXPECT_NEAR(back.morph.timing.easeIn, 0.5, 0.02);
  QTest::mouseDClick(curve, Qt::LeftButton);
  EXPECT_EQ(curve->easeIn(), 0.0);
  EXPECT_EQ(curve->easeOut(), 0.0);
}

// When a morph ends, no button moves: the Morph button took the Cancel button's place under the
// pointer (the progress bar hid and the timing curve grew into its room), and a late click on
// Cancel started a new morph.
TEST(MorphPanel, TheButtonsStayPutWhenAMorphStartsAndEnds) {
  MorphPanel panel;
  panel.show();
  panel.resize(320, panel.minimumSizeHint().height());
  auto place = [&] {
    QCoreApplication::processEvents();
    std::vector<int> y;
    for (QPushButton* b : panel.findChildren<QPushButton*>()) y.push_back(b->geometry().y());
    return y;
  };
  panel.setState(true, false, false);
  const std::vector<int> idle = place();
  ASSERT_GE(idle.size(), 4u);
  panel.setState(true, true, false);
  EXPECT_EQ(place(), idle);
  panel.setState(true, false, true);
  EXPECT_EQ(place(), idle);
}

}  // namespace
}  // namespace interp3d
