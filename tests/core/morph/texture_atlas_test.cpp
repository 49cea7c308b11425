#include "morph/texture_atlas.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "mesh/demo_assets.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

struct AtlasFacts {
  std::size_t texels = 0, overlaps = 0, foreignNeighbours = 0;
  double fill = 0.0;
};

// The chart of every triangle in the atlas's layout.
std::vector<std::uint32_t> chartsOf(const TexturedMesh& mesh, const TriangleAtlas& atlas) {
  TexturedMesh laidOut = mesh;
  laidOut.cornerUVs = atlas.cornerUVs;
  return textureCharts(laidOut);
}

// Packing, gutters and fill of an atlas of `mesh`.
AtlasFacts inspect(const TexturedMesh& mesh, const TriangleAtlas& atlas) {
  AtlasFacts f;
  const std::vector<std::uint32_t> chart = chartsOf(mesh, atlas);
  const std::vector<Texel> texels = atlasTexels(atlas);
  f.texels = texels.size();
  std::vector<std::int64_t> owner(static_cast<std::size_t>(atlas.size) * atlas.size, -1);
  for (const Texel& t : texels) {
    std::int64_t& o = owner[static_cast<std::size_t>(t.y) * atlas.size + t.x];
    if (o >= 0 && chart[o] != chart[t.triangle]) ++f.overlaps;
    o = t.triangle;
  }
  std::size_t covered = 0;
  for (std::int64_t o : owner) covered += o >= 0;
  f.fill = static_cast<double>(covered) / owner.size();
  // Texels of different charts are never neighbours: the gutter keeps them apart.
  for (int y = 0; y + 1 < atlas.size; ++y) {
    for (int x = 0; x + 1 < atlas.size; ++x) {
      const std::int64_t a = owner[static_cast<std::size_t>(y) * atlas.size + x];
      if (a < 0) continue;
      for (const auto& [dx, dy] : {std::pair{1, 0}, std::pair{0, 1}, std::pair{1, 1}}) {
        const std::int64_t b = owner[static_cast<std::size_t>(y + dy) * atlas.size + x + dx];
        if (b >= 0 && chart[a] != chart[b]) ++f.foreignNeighbours;
      }
    }
  }
  return f;
}

TEST(TextureAtlas, ChartsFitDoNotOverlapKeepGuttersAndFillTheTexture) {
  for (const TexturedMesh& mesh :
       {testing::makeSphere(0.5f), testing::smallDemoPair().torus, testing::makeCube()}) {
    const TriangleAtlas atlas = layoutChartAtlas(mesh, 256);
    ASSERT_EQ(atlas.size, 256);
    ASSERT_EQ(atlas.cornerUVs.size(), 3 * mesh.triangleCount());
    for (const glm::vec2& uv : atlas.cornerUVs) {
      EXPECT_GE(uv.x, 0.0f);
      EXPECT_LE(uv.x, 1.0f);
      EXPECT_GE(uv.y, 0.0f);
      EXPECT_LE(uv.y, 1.0f);
    }
    const AtlasFacts f = inspect(mesh, atlas);
    EXPECT_GT(f.texels, 0u);
    EXPECT_EQ(f.overlaps, 0u) << "overlapping charts";
    EXPECT_EQ(f.foreignNeighbours, 0u) << "charts closer than the gutter";
    EXPECT_GT(f.fill, 0.45) << "fill";
  }
}

// The surface of a frame meshed from the lattice is one or a few blobs with limbs: its charts are
// large and irregular. Turning charts by quarter turns, packing into holes left between charts
// and smoothing chart borders raised the fill from 0.45-0.52 to 0.59-0.64 on frames of the
// public pairs.
TEST(TextureAtlas, AFrameLikeSurfaceFillsMostOfTheTexture) {
  const TexturedMesh creature = makeDemoCreature();
  const TriangleAtlas atlas = layoutChartAtlas(creature, 1024);
  const AtlasFacts f = inspect(creature, atlas);
  EXPECT_EQ(f.overlaps, 0u);
  EXPECT_EQ(f.foreignNeighbours, 0u);
  EXPECT_GT(f.fill, 0.55);
  // Drawn on two threads, the same layout.
  const TriangleAtlas twice = layoutChartAtlas(creature, 1024, 2);
  ASSERT_EQ(twice.cornerUVs.size(), atlas.cornerUVs.size());
  EXPECT_TRUE(std::equal(twice.cornerUVs.begin(), twice.cornerUVs.end(), atlas.cornerUVs.begin()));
}

TEST(TextureAtlas, DilationGrowsCoveredTexelsByTheGivenRings) {
  Image img;
  img.width = img.height = 16;
  img.rgba.assign(16 * 16 * 4, 0);
  std::vector<std::uint8_t> covered(16 * 16, 0);
  const std::size_t centre = 8 * 16 + 8;
  covered[centre] = 1;
  for (int c = 0; c < 4; ++c) img.rgba[4 * centre + c] = 200;
  dilateImage(img, covered, 2);
  for (int y = 0; y < 16; ++y) {
    for (int x = 0; x < 16; ++x) {
      const bool inside = std::abs(x - 8) <= 2 && std::abs(y - 8) <= 2;
      const std::size_t px = static_cast<std::size_t>(y) * 16 + x;
      EXPECT_EQ(covered[px] != 0, inside) << x << "," << y;
      if (inside) {
        EXPECT_EQ(img.rgba[4 * px], 200) << x << "," << y;
      }
    }
  }
}

}  // namespace
}  // namespace interp3d
