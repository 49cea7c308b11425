#include "jobs/option_table.h"

#include <cmath>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "util/error.h"

namespace interp3d {
namespace {

std::string usageError(MorphSettings& s, const std::string& name, const std::string& value) {
  try {
    applyOption(s, name, value);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

std::string number(double v) {
  if (v == std::floor(v)) return std::to_string(static_cast<long long>(v));
  std::ostringstream os;
  os << v;
  return os.str();
}

TEST(OptionTable, DefaultsAreTheEnginesDefaults) {
  const MorphSettings s = defaultMorphSettings();
  const MorphOptions engine;
  EXPECT_EQ(s.morph.frames, engine.frames);
  EXPECT_EQ(s.morph.fields.resolution, engine.fields.resolution);
  EXPECT_EQ(s.morph.timing.schedule, engine.timing.schedule);
  EXPECT_EQ(s.morph.texture.size, engine.texture.size);
  EXPECT_EQ(s.morph.align.enabled, engine.align.enabled);
  EXPECT_EQ(s.morph.seed, engine.seed);
  EXPECT_GE(s.morph.threads, 1);  // 0 in the table: every core
  EXPECT_EQ(s.priorRenoise, MorphSettings{}.priorRenoise);
  EXPECT_EQ(s.priorParts.toString(), defaultPriorParts().toString());
  EXPECT_EQ(s.prior, "auto");
  EXPECT_EQ(s.format, "glb");
}

TEST(OptionTable, NamesAreUniqueAndEveryOptionHasHelp) {
  std::set<std::string> names;
  for (const OptionSpec& spec : morphOptionTable()) {
    EXPECT_TRUE(names.insert(spec.name).second) << spec.name;
    EXPECT_FALSE(spec.help.empty()) << spec.name;
    EXPECT_FALSE(spec.label.empty()) << spec.name;
    EXPECT_EQ(&optionSpec(spec.name), &spec);
  }
  EXPECT_THROW(optionSpec("wobble"), UsageError);
}

TEST(OptionTable, RangesAreEnforcedAtBothEnds) {
  for (const OptionSpec& spec : morphOptionTable()) {
    MorphSettings s = defaultMorphSettings();
    if (spec.kind == OptionKind::Integer || spec.kind == OptionKind::Number) {
      EXPECT_EQ(usageError(s, spec.name, number(spec.min)), "") << spec.name;
      EXPECT_EQ(usageError(s, spec.name, number(spec.max)), "") << spec.name;
      const double step = spec.kind == OptionKind::Integer ? 1.0 : 0.01 * (spec.max - spec.min);
      for (double bad : {spec.min - step, spec.max + step}) {
        const std::string e = usageError(s, spec.name, number(bad));
        EXPECT_NE(e.find("--" + spec.name + " must be"), std::string::npos) << e;
        EXPECT_NE(e.find("from " + number(spec.min) + " to " + number(spec.max)), std::string::npos)
            << e;
      }
      EXPECT_NE(usageError(s, spec.name, "twelve"), "") << spec.name;
      EXPECT_NE(usageError(s, spec.name, ""), "") << spec.name;
    } else if (spec.kind == OptionKind::Choice) {
      for (const std::string& c : spec.choices) EXPECT_EQ(usageError(s, spec.name, c), "");
      EXPECT_NE(usageError(s, spec.name, "wobbly").find("wobbly"), std::string::npos);
    }
  }
}

TEST(OptionTable, ValuesReachTheEngineOptions) {
  MorphSettings s = defaultMorphSettings();
  applyOption(s, "frames", "33");
  applyOption(s, "resolution", "96");
  applyOption(s, "schedule", "ease");
  applyOption(s, "texture-size", "512");
  applyOption(s, "align", "auto");
  applyOption(s, "seed", "7");
  applyOption(s, "threads", "3");
  applyOption(s, "prior", "off");
  applyOption(s, "prior-parts", "codec,structure");
  applyOption(s, "prior-renoise", "0.25");
  applyOption(s, "format", "ply");
  applyOption(s, "landmarks", "marks.json");
  EXPECT_EQ(s.morph.frames, 33);
  EXPECT_EQ(s.morph.fields.resolution, 96);
  EXPECT_EQ(s.morph.timing.schedule, Schedule::Ease);
  EXPECT_EQ(s.morph.texture.size, 512);
  EXPECT_TRUE(s.morph.align.enabled);
  EXPECT_EQ(s.morph.seed, 7u);
  EXPECT_EQ(s.morph.threads, 3);
  EXPECT_EQ(s.prior, "off");
  EXPECT_EQ(s.priorParts.toString(), "codec,structure");
  EXPECT_FLOAT_EQ(s.priorRenoise, 0.25f);
  EXPECT_EQ(s.format, "ply");
  EXPECT_EQ(s.landmarksFile, "marks.json");
  EXPECT_THROW(applyOption(s, "prior-parts", "colour"), UsageError);
}

TEST(OptionTable, UsageShowsTheValues) {
  EXPECT_EQ(optionUsage(optionSpec("frames")), "--frames N");
  EXPECT_EQ(optionUsage(optionSpec("align")), "--align none|auto|heading");
}

}  // namespace
}  // namespace interp3d

namespace interp3d {
namespace {

// What a project file stores: every option read back as text and applied again gives the same
// value, at the defaults and away from them.
TEST(OptionTable, ValuesReadBackAsTheyWereGiven) {
  MorphSettings changed = defaultMorphSettings();
  const std::vector<std::pair<std::string, std::string>> given = {
      {"frames", "33"},           {"resolution", "96"},      {"schedule", "ease"},
      {"texture-size", "512"},    {"max-triangles", "9000"}, {"topology", "lattice"},
      {"format", "obj"},          {"align", "auto"},         {"seed", "7"},
      {"threads", "3"},           {"prior", "off"},          {"prior-parts", "codec,structure"},
      {"prior-renoise", "0.25"},  {"import-memory", "512"},  {"import-seconds", "2.5"},
      {"landmarks", "pins.json"}, {"ease-in", "0.25"},       {"ease-out", "0.123456789"}};
  for (const auto& [name, value] : given) applyOption(changed, name, value);
  for (const auto& [name, value] : given) EXPECT_EQ(optionValue(changed, name), value) << name;
  // Read back, a value changes nothing however many digits it has.
  MorphSettings reread = defaultMorphSettings();
  for (const auto& [name, value] : given) applyOption(reread, name, optionValue(changed, name));
  EXPECT_EQ(reread.morph.timing.easeOut, changed.morph.timing.easeOut);
  EXPECT_EQ(reread.priorRenoise, changed.priorRenoise);
  EXPECT_EQ(reread.import.limits.seconds, changed.import.limits.seconds);
  for (const MorphSettings& settings : {defaultMorphSettings(), changed}) {
    for (const OptionSpec& spec : morphOptionTable()) {
      MorphSettings again = settings;
      applyOption(again, spec.name, optionValue(settings, spec.name));
      EXPECT_EQ(optionValue(again, spec.name), optionValue(settings, spec.name)) << spec.name;
    }
  }
  EXPECT_THROW(optionValue(changed, "no-such-option"), UsageError);
}

}  // namespace
}  // namespace interp3d
