#include "ui/morph_panel.h"

#include <QSpinBox>

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
