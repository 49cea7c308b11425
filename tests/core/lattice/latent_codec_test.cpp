#include "lattice/latent_codec.h"

#include <gtest/gtest.h>

#include "geometry/surface_query.h"
#include "lattice/solid_field.h"
#include "mesh/demo_assets.h"
#include "mesh/normalize.h"
#include "morph/morph_solver.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

TEST(LatentCodec, PlainCodecRoundTripsTheLatticeExactly) {
  TexturedMesh torus = makeDemoTorus(testing::smallDemoOptions());
  normalizeToUnitCube(torus);
  const SurfaceQuery query(torus);
  const ScalarGrid original = signedDistanceGrid(torus, query, GridSpec::unitCube(24, 2));
  const PlainCodec codec;
  const StructuredLatent latent = encodeStructuredLatent(original, torus, query, codec);
  EXPECT_GT(latent.cells.size(), 500u);
  EXPECT_EQ(latent.codes.size(), latent.cells.size() * 14);
  ScalarGrid decoded = original;
  std::fill(decoded.values.begin(), decoded.values.end(), 7.0f);
  decodeStructuredLatent(latent, codec, decoded);
  std::size_t written = 0;
  for (std::size_t i = 0; i < decoded.values.size(); ++i) {
    if (decoded.values[i] == 7.0f) continue;
    EXPECT_EQ(decoded.values[i], original.values[i]);
    ++written;
  }
  EXPECT_GT(written, latent.cells.size());  // every active cell's corners
  // Colours come from the torus' texture (teal and orange, never the default white).
  VoxelPatch patch;
  codec.decode(&latent.codes[0], 1, original.spec.spacing, &patch);
  EXPECT_LT(patch.color.r + patch.color.g + patch.color.b, 2.9f);
}

// A codec that decodes every distance 0.03 larger: the morph must show its effect.
class ShrinkingCodec : public PlainCodec {
 public:
  std::string name() const override { return "shrinking"; }
  void decode(const float* codes, std::size_t n, float spacing,
              VoxelPatch* patches) const override {
    PlainCodec::decode(codes, n, spacing, patches);
    for (std::size_t v = 0; v < n; ++v)
      for (float& d : patches[v].sdf) d += 0.03f;
  }
};

TEST(LatentCodec, TheMorphInterpolatesWhatTheCodecDecodes) {
  MorphOptions o = testing::smallMorphOptions();
  const auto [a, b] = testing::smallDemoPair();
  const float plain = boundingBox(MorphSolver(a, b, o).meshAt(0.5, false).positions).diagonal();
  o.learned.codec = std::make_shared<ShrinkingCodec>();
  const MorphSolver shrunk(a, b, o);
  EXPECT_GT(shrunk.latentCells(false), 0u);
  EXPECT_GT(shrunk.latentCells(true), 0u);
  EXPECT_LT(boundingBox(shrunk.meshAt(0.5, false).positions).diagonal(), plain * 0.97f);
}

}  // namespace
}  // namespace interp3d
