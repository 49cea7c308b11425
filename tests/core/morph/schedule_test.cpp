#include "morph/schedule.h"

#include <cmath>

#include <gtest/gtest.h>

#include "test_meshes.h"
#include "util/error.h"

namespace interp3d {
namespace {

TEST(Schedule, ValuesAndNames) {
  for (Schedule s : {Schedule::Linear, Schedule::Ease, Schedule::Beta, Schedule::ConstantSpeed}) {
    EXPECT_EQ(parseSchedule(scheduleName(s)), s);
    EXPECT_NEAR(scheduleValue(s, 0.0), 0.0, 1e-12);
    EXPECT_NEAR(scheduleValue(s, 1.0), 1.0, 1e-12);
    EXPECT_NEAR(scheduleValue(s, 0.5), 0.5, 1e-12);
  }
  EXPECT_LT(scheduleValue(Schedule::Beta, 0.2), scheduleValue(Schedule::Ease, 0.2));
  EXPECT_THROW(parseSchedule("wobbly"), UsageError);
}

TEST(Schedule, ClosedFormsAreMonotonicSymmetricAndShaped) {
  for (Schedule s : {Schedule::Linear, Schedule::Ease, Schedule::Beta}) {
    double previous = -1.0;
    for (int i = 0; i <= 100; ++i) {
      const double t = i / 100.0, v = scheduleValue(s, t);
      EXPECT_GE(v, previous) << scheduleName(s) << " at " << t;
      EXPECT_NEAR(v + scheduleValue(s, 1.0 - t), 1.0, 1e-9) << scheduleName(s);  // symmetric
      previous = v;
    }
  }
  // Ease and Beta(6,6) are slow at the ends and fast in the middle; Beta more so.
  EXPECT_NEAR(scheduleValue(Schedule::Ease, 0.25), 0.15625, 1e-12);
  EXPECT_LT(scheduleValue(Schedule::Beta, 0.1), 0.01);
  EXPECT_NEAR(scheduleValue(Schedule::Beta, 0.25), 0.0343, 1e-3);  // I_0.25(6, 6)
  EXPECT_NEAR(scheduleValue(Schedule::Linear, 0.3), 0.3, 1e-12);
  // Out-of-range times clamp.
  EXPECT_EQ(scheduleValue(Schedule::Ease, -1.0), 0.0);
  EXPECT_EQ(scheduleValue(Schedule::Beta, 2.0), 1.0);
}

TEST(Schedule, FramesHaveEvenTimesAndTheirScheduleValues) {
  ScheduleOptions o;
  o.schedule = Schedule::Ease;
  int calls = 0;
  const auto frames = scheduleFrames(
      5, o,
      [&](double, int) {
        ++calls;
        return testing::makeSphere(1.0f);
      },
      0, 1);
  ASSERT_EQ(frames.size(), 5u);
  EXPECT_EQ(calls, 0);  // a closed-form schedule measures nothing
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(frames[i].index, i);
    EXPECT_DOUBLE_EQ(frames[i].t, i / 4.0);
    EXPECT_DOUBLE_EQ(frames[i].s, scheduleValue(Schedule::Ease, i / 4.0));
  }
}

// Spheres whose radius grows as 1 + 3 s^2: at constant speed the radius, not s, advances evenly.
TEST(Schedule, ConstantSpeedEvensOutTheGeometricChange) {
  ScheduleOptions o;
  o.schedule = Schedule::ConstantSpeed;
  const auto radius = [](double s) { return 1.0 + 3.0 * s * s; };
  const auto frames = scheduleFrames(
      9, o, [&](double s, int) { return testing::makeSphere(static_cast<float>(radius(s))); }, 0,
      2);
  ASSERT_EQ(frames.size(), 9u);
  EXPECT_EQ(frames.front().s, 0.0);
  EXPECT_EQ(frames.back().s, 1.0);
  for (const MorphFrame& f : frames) {
    // Even radius steps: radius(s) = 1 + 3 t, so s = sqrt(t).
    EXPECT_NEAR(f.s, std::sqrt(f.t), 0.03) << "frame " << f.index;
  }
}

TEST(Schedule, CancelledMeasurementThrows) {
  ScheduleOptions o;
  Progress progress;
  progress.cancel();
  EXPECT_THROW(scheduleFrames(
                   5, o, [](double, int) { return testing::makeSphere(1.0f); }, 0, 1, progress),
               Cancelled);
}

}  // namespace
}  // namespace interp3d

namespace interp3d {
namespace {

// Nothing moves (a mesh morphed into itself): constant speed advances linearly instead of
// following measured noise (it once put frames at s = 0.02, 0.49, 0.98).
TEST(Schedule, ConstantSpeedOfAStillMorphIsLinear) {
  ScheduleOptions o;
  o.schedule = Schedule::ConstantSpeed;
  // A sphere that changes by far less than its size: a hair of jitter per candidate.
  const auto jittered = [](double s, int) {
    return testing::makeSphere(1.0f + 1e-4f * static_cast<float>(std::sin(40.0 * s)));
  };
  for (const MorphFrame& f : scheduleFrames(5, o, jittered, 0, 2))
    EXPECT_NEAR(f.s, f.t, 1e-9) << "frame " << f.index;
  // Measured as if it moved, the noise would set the timing.
  o.stillFraction = 0.0;
  double offLinear = 0.0;
  for (const MorphFrame& f : scheduleFrames(5, o, jittered, 0, 2))
    offLinear = std::max(offLinear, std::fabs(f.s - f.t));
  EXPECT_GT(offLinear, 0.01);
}

}  // namespace
}  // namespace interp3d

namespace interp3d {
namespace {

// The timing curve: the identity without easing, exact ends, monotone; easing in slows the start
// and easing out the end; at constant speed the radius then follows the curve.
TEST(Schedule, TheTimingCurveEasesInAndOut) {
  for (double t : {0.0, 0.1, 0.37, 0.5, 0.9, 1.0}) EXPECT_NEAR(timingCurve(t, 0, 0), t, 1e-9);
  for (const auto& [in, out] : {std::pair{0.6, 0.0}, {0.0, 0.6}, {1.0, 1.0}, {0.3, 0.8}}) {
    EXPECT_NEAR(timingCurve(0.0, in, out), 0.0, 1e-9);
    EXPECT_NEAR(timingCurve(1.0, in, out), 1.0, 1e-9);
    double previous = 0.0;
    for (int i = 1; i <= 100; ++i) {
      const double s = timingCurve(i / 100.0, in, out);
      EXPECT_GE(s, previous - 1e-12);
      previous = s;
    }
  }
  EXPECT_LT(timingCurve(0.1, 0.6, 0.0), 0.05);  // a gentle start
  EXPECT_GT(timingCurve(0.9, 0.0, 0.6), 0.95);  // a gentle end
  ScheduleOptions o;
  o.schedule = Schedule::ConstantSpeed;
  o.easeIn = o.easeOut = 0.7;
  const auto radius = [](double s) { return 1.0 + 3.0 * s * s; };
  const auto frames = scheduleFrames(
      9, o, [&](double s, int) { return testing::makeSphere(static_cast<float>(radius(s))); }, 0,
      2);
  for (const MorphFrame& f : frames)
    EXPECT_NEAR(radius(f.s), 1.0 + 3.0 * timingCurve(f.t, 0.7, 0.7), 0.1) << f.index;
}

}  // namespace
}  // namespace interp3d
