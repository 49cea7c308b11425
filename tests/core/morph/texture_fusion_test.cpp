#include "morph/texture_fusion.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "geometry/surface_query.h"
#include "geometry/surface_sampling.h"
#include "mesh/normalize.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

// A warp that moves nothing (the inputs lie on each other).
FrameWarp stillWarp() {
  FrameWarp still;
  still.toSource = VectorGrid(GridSpec::unitCube(8), glm::vec3(0.0f));
  still.toTarget = still.toSource;
  return still;
}

TEST(TextureFusion, EndsAreTheEndpointsColours) {
  const glm::vec4 fs(0.8f, 0.1f, 0.3f, 1), ls(0.6f, 0.2f, 0.3f, 1), ft(0.1f, 0.9f, 0.5f, 1),
      lt(0.2f, 0.7f, 0.4f, 1);
  const glm::vec4 a = fuseColors(fs, ls, ft, lt, 0.0f), b = fuseColors(fs, ls, ft, lt, 1.0f);
  EXPECT_NEAR(glm::distance(a, fs), 0.0f, 1e-6f);
  EXPECT_NEAR(glm::distance(b, ft), 0.0f, 1e-6f);
}

// Near each end a frame shows that end's colours alone (a feature of the other input, in another
// place, is not painted in faintly), and the colours pass over around the middle, evenly weighted
// there and monotonic.
TEST(TextureFusion, ColoursPassOverAroundTheMiddleNotNearTheEnds) {
  const glm::vec4 fs(0.9f, 0.1f, 0.1f, 1), ls(0.7f, 0.2f, 0.2f, 1), ft(0.1f, 0.2f, 0.9f, 1),
      lt(0.2f, 0.3f, 0.7f, 1);
  for (float s : {0.04f, 0.1f}) {
    EXPECT_LT(glm::distance(fuseColors(fs, ls, ft, lt, s), fs), 0.02f) << s;
    EXPECT_LT(glm::distance(fuseColors(fs, ls, ft, lt, 1.0f - s), ft), 0.02f) << s;
  }
  // Linear blending left an eighth of the other input at s = 0.125.
  EXPECT_LT(glm::distance(fuseColors(fs, ls, ft, lt, 0.875f), ft), 0.1f * glm::distance(fs, ft));
  EXPECT_NEAR(colourWeight(0.5f), 0.5f, 1e-6f);
  EXPECT_NEAR(detailWeight(0.5f), 0.5f, 1e-6f);
  float last = 0.0f;
  for (int i = 0; i <= 50; ++i) {  // the first half; the second mirrors it
    const float s = i / 100.0f;
    EXPECT_GE(colourWeight(s), last) << s;
    last = colourWeight(s);
    // Detail passes over within the colours' window.
    EXPECT_GE(colourWeight(s), detailWeight(s) - 1e-6f) << s;
    EXPECT_NEAR(colourWeight(s) + colourWeight(1.0f - s), 1.0f, 1e-5f) << s;
  }
}

// Independent detail of equal contrast on both sides keeps most of that contrast at s = 0.5,
// where a plain cross-fade loses a third of it (1/sqrt(2)).
TEST(TextureFusion, DetailKeepsItsContrastHalfway) {
  std::mt19937 rng(5);
  std::normal_distribution<float> detail(0.0f, 0.08f);
  double fused = 0.0, faded = 0.0, source = 0.0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const glm::vec4 low(0.5f, 0.5f, 0.5f, 1.0f);
    const float ds = detail(rng), dt = detail(rng);
    const glm::vec4 fs = low + glm::vec4(ds, ds, ds, 0), ft = low + glm::vec4(dt, dt, dt, 0);
    const float f = fuseColors(fs, low, ft, low, 0.5f).r - 0.5f;
    const float c = 0.5f * (fs.r + ft.r) - 0.5f;
    fused += f * f, faded += c * c, source += ds * ds;
  }
  // Most of it: where the two happen to agree, no more than either has (0.925; a plain
  // cross-fade keeps 0.707).
  EXPECT_GT(std::sqrt(fused / source), 0.9);
  EXPECT_LE(std::sqrt(fused / source), 1.0);
  EXPECT_NEAR(std::sqrt(faded / source), 1.0 / std::sqrt(2.0), 0.03);
}

// Where the two inputs' detail agrees (a mesh morphed into itself or a copy, two sculpt stages
// with one texture), every frame keeps the colour: the contrast of unrelated detail is kept, but
// never raised above what either input has (a vertex-coloured mesh into itself came out darker
// halfway, its green clipped to nothing).
TEST(TextureFusion, DetailTheInputsShareIsNotRaised) {
  const glm::vec4 low(0.5f, 0.45f, 0.4f, 1.0f);
  for (const glm::vec4& colour :
       {glm::vec4(0.9f, 0.1f, 0.3f, 1.0f), glm::vec4(0.2f, 0.02f, 0.95f, 1.0f), low}) {
    for (float s : {0.25f, 0.5f, 0.6f}) {
      const glm::vec4 fused = fuseColors(colour, low, colour, low, s);
      for (int c = 0; c < 3; ++c) EXPECT_NEAR(fused[c], colour[c], 1e-6f) << s << " " << c;
    }
  }
}

// A frame at s = 0 of a morph between a mesh and itself with no displacement takes the mesh's own
// colours.
TEST(TextureFusion, BakedColoursFollowTheCorrespondence) {
  TexturedMesh unit = testing::smallDemoPair().creature;
  normalizeToUnitCube(unit);
  const SurfaceQuery query(unit);
  const TextureOptions options;
  const SurfaceTexture texture(unit, options);
  const FrameWarp still = stillWarp();
  const FusionInputs in{texture, query, texture, query, still};
  TexturedMesh frame = unit;
  frame.materials = {Material{}};
  frame.materialIds.assign(frame.triangleCount(), 0);
  frame.cornerUVs.clear();
  TextureOptions bake = options;
  bake.size = 256;
  bakeFrameTexture(in, frame, 0.0, bake, 2);
  ASSERT_TRUE(frame.hasTexture());
  EXPECT_EQ(frame.materials[0].baseColorTexture.width, 256);
  double err = 0.0;
  std::size_t count = 0;
  for (std::size_t f = 0; f < frame.triangleCount(); f += 7) {
    const SurfacePoint centre{frame.positions[frame.triangles[f].x], static_cast<std::uint32_t>(f),
                              glm::vec2(1.0f / 3.0f)};
    err += glm::distance(glm::vec3(colorAt(frame, centre)), glm::vec3(colorAt(unit, centre)));
    ++count;
  }
  EXPECT_LT(err / count, 0.05);
  // Vertex colours of the same frame agree.
  const std::vector<glm::vec4> colours = fusedColors(in, unit.positions, 0.0);
  ASSERT_EQ(colours.size(), unit.positions.size());
  const std::vector<SurfacePoint> at = query.closest(unit.positions);
  for (std::size_t v = 0; v < unit.positions.size(); v += 11) {
    const glm::vec4 expected = glm::clamp(colorAt(unit, at[v]), 0.0f, 1.0f);
    EXPECT_NEAR(glm::distance(glm::vec3(colours[v]), glm::vec3(expected)), 0.0f, 1e-4f) << v;
  }
}

// By default an in-between frame meshed from the lattice gets as many texels per unit of surface
// as the denser input (spot->bob's middle frames had a 1024-pixel atlas beside bob's 2048-pixel
// texture: a quarter of its density, and a drop in sharpness where the lattice took over).
TEST(TextureFusion, AnAtlasIsAsDenseAsTheDenserInput) {
  EXPECT_EQ(atlasSizeFor(1000.0, 1.0, 1000, 256), 256);   // already dense enough: the least
  EXPECT_EQ(atlasSizeFor(4000.0, 1.0, 1000, 256), 512);   // twice as long each way
  EXPECT_EQ(atlasSizeFor(4001.0, 1.0, 1000, 256), 1024);  // a hair more: the next power of two
  EXPECT_EQ(atlasSizeFor(1e12, 1.0, 1000, 256), 4096);    // never more than 4096
  EXPECT_EQ(atlasSizeFor(1000.0, 1.0, 0, 256), 256);      // nothing covered: the least

  TexturedMesh unit = testing::smallDemoPair().creature;
  normalizeToUnitCube(unit);
  const double density = meanTexelDensity(unit);
  ASSERT_GT(density, 0.0);
  TexturedMesh denser = unit;  // its texture eight times as large each way (nearest pixel)
  const Image& small = unit.materials[0].baseColorTexture;
  Image& large = denser.materials[0].baseColorTexture;
  large.width = 8 * small.width;
  large.height = 8 * small.height;
  large.rgba.resize(static_cast<std::size_t>(large.width) * large.height * 4);
  for (int y = 0; y < large.height; ++y)
    for (int x = 0; x < large.width; ++x)
      for (int c = 0; c < 4; ++c)
        large.rgba[(static_cast<std::size_t>(y) * large.width + x) * 4 + c] =
            small.rgba[(static_cast<std::size_t>(y / 8) * small.width + x / 8) * 4 + c];
  EXPECT_NEAR(meanTexelDensity(denser), 64.0 * density, 1e-6 * density);
  TexturedMesh plain = unit;
  plain.materials[0].baseColorTexture = Image();
  EXPECT_EQ(meanTexelDensity(plain), 0.0);
  // UVs that tile a texture 8 times each way show its texels no more often than once.
  TexturedMesh tiled = unit;
  for (glm::vec2& uv : tiled.cornerUVs) uv *= 8.0f;
  const Image& tile = tiled.materials[0].baseColorTexture;
  EXPECT_LE(meanTexelDensity(tiled),
            static_cast<double>(tile.width) * tile.height / surfaceArea(tiled) * (1.0 + 1e-9));

  const SurfaceQuery query(unit);
  const TextureOptions automatic;  // size 0
  ASSERT_EQ(automatic.size, 0);
  const FrameWarp still = stillWarp();
  auto bakeBetween = [&](const TexturedMesh& source, const TexturedMesh& target) {
    const SurfaceTexture st(source, automatic), tt(target, automatic);
    TexturedMesh frame = unit;
    frame.materials = {Material{}};
    frame.materialIds.assign(frame.triangleCount(), 0);
    frame.cornerUVs.clear();
    bakeFrameTexture({st, query, tt, query, still}, frame, 0.5, automatic, 2);
    return frame;
  };
  auto bake = [&](const TexturedMesh& input) { return bakeBetween(input, input); };
  for (const TexturedMesh* input : {&unit, &denser}) {
    const TexturedMesh frame = bake(*input);
    const int side = frame.materials[0].baseColorTexture.width;
    EXPECT_GE(meanTexelDensity(frame), meanTexelDensity(*input)) << side;
    // The power of two below would not have been dense enough.
    if (side > 256) {
      EXPECT_LT(meanTexelDensity(frame) / 4.0, meanTexelDensity(*input)) << side;
    }
  }
  const int dense = bake(denser).materials[0].baseColorTexture.width;
  EXPECT_GT(dense, bake(unit).materials[0].baseColorTexture.width);
  // Between the two, whichever end is the denser: its density.
  EXPECT_EQ(bakeBetween(unit, denser).materials[0].baseColorTexture.width, dense);
  EXPECT_EQ(bakeBetween(denser, unit).materials[0].baseColorTexture.width, dense);
}

// Each end's colours come from that end's texture, on texels inside its charts (interpolated) and
// on those across its seams (queried), whatever the other end's charts are there.
TEST(TextureFusion, EachEndsColoursComeFromItsOwnTexture) {
  TexturedMesh source = testing::smallDemoPair().creature;
  normalizeToUnitCube(source);
  const SurfaceQuery sq(source);
  // The same surface in another layout (a chart atlas, its seams elsewhere than the source's),
  // in the negative of the source's colours.
  TexturedMesh target = source;
  target.materials = {Material{}};
  target.materialIds.assign(target.triangleCount(), 0);
  target.cornerUVs.clear();
  {
    TextureOptions relayout;
    relayout.size = 512;
    const SurfaceTexture own(source, relayout);
    bakeFrameTexture({own, sq, own, sq, stillWarp()}, target, 0.0, relayout, 2);
  }
  for (std::size_t i = 0; i < target.materials[0].baseColorTexture.rgba.size(); ++i)
    if (i % 4 != 3) {
      std::uint8_t& c = target.materials[0].baseColorTexture.rgba[i];
      c = static_cast<std::uint8_t>(255 - c);
    }
  const SurfaceQuery tq(target);
  TextureOptions options;
  options.size = 512;
  const SurfaceTexture st(source, options), tt(target, options);
  const FrameWarp still = stillWarp();
  for (const double s : {0.0, 1.0}) {
    TexturedMesh frame = source;
    frame.materials = {Material{}};
    frame.materialIds.assign(frame.triangleCount(), 0);
    frame.cornerUVs.clear();
    bakeFrameTexture({st, sq, tt, tq, still}, frame, s, options, 2);
    const TexturedMesh& end = s == 0.0 ? source : target;
    // Points all over every triangle: how many take colours far from the end's own.
    std::size_t far = 0, count = 0;
    for (std::size_t f = 0; f < frame.triangleCount(); ++f)
      for (const glm::vec2 b : {glm::vec2(0.2f, 0.2f), glm::vec2(0.6f, 0.2f), glm::vec2(0.2f, 0.6f),
                                glm::vec2(1.0f / 3.0f)}) {
        const SurfacePoint p{frame.positions[frame.triangles[f].x], static_cast<std::uint32_t>(f),
                             b};
        far += glm::distance(glm::vec3(colorAt(frame, p)), glm::vec3(colorAt(end, p))) > 0.25f;
        ++count;
      }
    // (1.2% and 0.1% here. Texels across the source's seams reading the target's texture made it
    // 6% at s = 0, the other way round 16% at s = 1; reading across the target's seams where its
    // charts lie side by side in the texture, 3.9% at s = 1.)
    EXPECT_LT(far, count / 60) << "s = " << s;
  }
}

// A frame next to an input's end, where the other input's share is below what 8 bits show, keeps
// that input's own textures untouched (no bake: frames 1 and 15 of spot->bob cost a 1024- and a
// 2048-pixel bake for nothing); further in, the texture is baked.
TEST(TextureFusion, AFrameBesideItsEndKeepsItsInputsOwnTexture) {
  const auto [creature, torus] = testing::smallDemoPair();
  TexturedMesh source = creature, target = torus;
  normalizeToUnitCube(source);
  normalizeToUnitCube(target);
  ASSERT_TRUE(hasOwnLayout(source));
  const SurfaceQuery sq(source), tq(target);
  const TextureOptions options;
  const SurfaceTexture st(source, options), tt(target, options);
  const FrameWarp still = stillWarp();
  const FusionInputs in{st, sq, tt, tq, still};
  for (double s : {0.0, 0.05}) {
    TexturedMesh frame = source;
    bakeOwnLayout(in, frame, false, s, 2);
    EXPECT_EQ(frame.materials[0].baseColorTexture.rgba, source.materials[0].baseColorTexture.rgba)
        << s;
    EXPECT_EQ(frame.materials[0].textureSource, source.materials[0].textureSource) << s;
    TexturedMesh last = target;
    ASSERT_TRUE(hasOwnLayout(last));
    bakeOwnLayout(in, last, true, 1.0 - s, 2);
    EXPECT_EQ(last.materials[0].baseColorTexture.rgba, target.materials[0].baseColorTexture.rgba)
        << s;
  }
  TexturedMesh further = source;
  bakeOwnLayout(in, further, false, 0.3, 2);
  EXPECT_EQ(further.materials[0].textureSource, "baked");
  EXPECT_NE(further.materials[0].baseColorTexture.rgba, source.materials[0].baseColorTexture.rgba);
}

// Where UVs overlap (here every other triangle is mapped onto its neighbour's texels), the bake is
// the same on any number of threads: the later triangle's colour, as on one thread.
TEST(TextureFusion, ABakeInAnInputsLayoutDoesNotDependOnTheThreadCount) {
  const auto [creature, torus] = testing::smallDemoPair();
  TexturedMesh source = creature, target = torus;
  normalizeToUnitCube(source);
  normalizeToUnitCube(target);
  for (std::size_t f = 1; f < source.triangleCount(); f += 2)
    for (int k = 0; k < 3; ++k) source.cornerUVs[3 * f + k] = source.cornerUVs[3 * (f - 1) + k];
  const SurfaceQuery sq(source), tq(target);
  const TextureOptions options;
  const SurfaceTexture st(source, options), tt(target, options);
  const FrameWarp still = stillWarp();
  const FusionInputs in{st, sq, tt, tq, still};
  TexturedMesh one = source, three = source;
  bakeOwnLayout(in, one, false, 0.5, 1);
  bakeOwnLayout(in, three, false, 0.5, 3);
  EXPECT_EQ(one.materials[0].textureSource, "baked");
  EXPECT_TRUE(one.materials[0].baseColorTexture.rgba == three.materials[0].baseColorTexture.rgba);
}

// A layout with a quarter of the other input's texels per length where it lies asks for its
// textures four times as large; as dense a layout, none larger. Baked at twice the size, a frame's
// texture shows what the plain bake shows, at twice the pixels.
TEST(TextureFusion, ACoarseLayoutIsBakedLarger) {
  const auto [creature, torus] = testing::smallDemoPair();
  TexturedMesh target = creature;
  normalizeToUnitCube(target);
  ASSERT_TRUE(hasOwnLayout(target));
  TexturedMesh coarse = target;  // the same surface, its layout a quarter as long each way
  for (glm::vec2& uv : coarse.cornerUVs) uv = 0.25f * uv;
  const SurfaceQuery tq(target);
  EXPECT_EQ(layoutScale(target, target.positions, target, tq), 1);
  EXPECT_EQ(layoutScale(coarse, coarse.positions, target, tq), 4);
  const int side = coarse.materials[0].baseColorTexture.width;
  EXPECT_EQ(layoutScale(coarse, coarse.positions, target, tq, 2 * side), 2);  // at most 2 sides
  TexturedMesh plain = torus;
  normalizeToUnitCube(plain);
  plain.materials[0].baseColorTexture = Image();  // no texture to be denser than
  EXPECT_EQ(layoutScale(coarse, coarse.positions, plain, SurfaceQuery(plain)), 1);

  const TextureOptions options;
  const SurfaceTexture st(coarse, options), larger(coarse, options, 2), tt(target, options);
  // The magnified texture is the texture, twice as large.
  const Image &own = coarse.materials[0].baseColorTexture, &big = larger.bakeTexture(0);
  ASSERT_EQ(big.width, 2 * own.width);
  double apart = 0.0;
  for (int k = 0; k < 500; ++k) {
    const glm::vec2 uv((k % 25 + 0.37f) / 25.0f, (k / 25 + 0.61f) / 20.0f);
    apart += glm::distance(big.sample(uv), own.sample(uv));
  }
  EXPECT_LT(apart / 500, 0.02);
  const FrameWarp still = stillWarp();
  TexturedMesh once = coarse, twice = coarse;
  bakeOwnLayout({st, tq, tt, tq, still}, once, false, 1.0, 2, {}, &target.positions);
  bakeOwnLayout({larger, tq, tt, tq, still}, twice, false, 1.0, 2, {}, &target.positions);
  const Image &a = once.materials[0].baseColorTexture, &b = twice.materials[0].baseColorTexture;
  EXPECT_EQ(b.width, 2 * a.width);
  EXPECT_EQ(b.height, 2 * a.height);
  // At the end both read the target: the larger misses its colours by less.
  double missOnce = 0.0, missTwice = 0.0;
  int count = 0;
  for (std::size_t f = 0; f < coarse.triangles.size(); f += 3) {
    const glm::uvec3 t = coarse.triangles[f];
    SurfacePoint p;
    p.triangle = static_cast<std::uint32_t>(f);
    p.barycentric = glm::vec2(1.0f / 3.0f);
    p.position = (target.positions[t.x] + target.positions[t.y] + target.positions[t.z]) / 3.0f;
    const glm::vec4 truth = glm::clamp(colorAt(target, p), 0.0f, 1.0f);
    const glm::vec2 uv = uvAt(coarse, p);
    missOnce += glm::distance(glm::vec3(a.sample(uv)), glm::vec3(truth));
    missTwice += glm::distance(glm::vec3(b.sample(uv)), glm::vec3(truth));
    ++count;
  }
  ASSERT_GT(count, 10);
  EXPECT_LT(missTwice, 0.8 * missOnce) << missOnce / count << " " << missTwice / count;
}

}  // namespace
}  // namespace interp3d
