#include "morph/correspondence.h"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "morph/normalize_align.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

TEST(Correspondence, AMeshMatchedToItselfStaysPut) {
  const NormalizedPair pair = normalizeAndAlign(testing::smallDemoPair().creature,
                                                testing::smallDemoPair().creature, {}, 0);
  const GridSpec spec = GridSpec::unitCube(24, 3);
  const PlainCodec codec;
  const MorphEndpoint a = prepareEndpoint(pair.source, spec, codec, {}, {});
  const MorphEndpoint b = prepareEndpoint(pair.target, spec, codec, {}, {});
  CorrespondenceOptions o;
  o.resolution = 12;
  const Correspondence c = correspond(a, b, {}, {}, spec, 24, o, nullptr, 0, 2);
  double moved = 0.0;
  for (const glm::vec3& p : pair.source.unit.positions)
    moved += glm::length(c.sourceToTarget.sample(p));
  EXPECT_LT(moved / pair.source.unit.positions.size(), 0.01);
  // Origins: nothing moves at the frame's own end.
  const glm::vec3 x(0.1f, -0.2f, 0.05f);
  EXPECT_EQ(c.warpAt(0.0f).sourceOrigin(x), x);
  EXPECT_EQ(c.warpAt(1.0f).targetOrigin(x), x);
}

TEST(Correspondence, ALandmarkPairIsPinned) {
  const auto demo = testing::smallDemoPair();
  const NormalizedPair pair = normalizeAndAlign(demo.creature, demo.torus, {}, 0);
  const GridSpec spec = GridSpec::unitCube(24, 3);
  const PlainCodec codec;
  const MorphEndpoint a = prepareEndpoint(pair.source, spec, codec, {}, {});
  const MorphEndpoint b = prepareEndpoint(pair.target, spec, codec, {}, {});
  CorrespondenceOptions o;
  o.resolution = 12;
  const glm::vec3 from(0.45f, 0.0f, 0.0f), to(-0.45f, 0.0f, 0.0f);
  const Correspondence c = correspond(a, b, {from}, {to}, spec, 24, o, nullptr, 0, 2);
  EXPECT_LT(glm::distance(from + c.sourceToTarget.sample(from), to), 0.15f);
  Progress cancelled;
  cancelled.cancel();
  EXPECT_THROW(correspond(a, b, {}, {}, spec, 24, o, nullptr, 0, 2, cancelled), Cancelled);
}

}  // namespace
}  // namespace interp3d
