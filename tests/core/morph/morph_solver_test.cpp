#include "morph/morph_solver.h"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "io/mesh_import.h"
#include "mesh/demo_assets.h"
#include "mesh/hostile_variants.h"
#include "mesh/subdivide.h"
#include "mesh/topology.h"
#include "metrics/mesh_metrics.h"
#include "morph/landmarks.h"
#include "test_meshes.h"
#include "test_support.h"

namespace interp3d {
namespace {

MorphOptions smallOptions() {
  MorphOptions o = testing::smallMorphOptions();
  o.frames = 5;
  o.texture.size = 128;
  return o;
}

void expectPlausible(const TexturedMesh& m, std::size_t maxComponents) {
  const TopologyStats s = computeTopology(m);
  EXPECT_TRUE(s.watertight());
  EXPECT_TRUE(s.manifold());
  EXPECT_GE(s.components, 1u);
  EXPECT_LE(s.components, maxComponents);
  EXPECT_EQ(countSelfIntersections(m), 0u);
}

TEST(MorphSolver, DemoPairEndpointsExactAndFramesClosed) {
  const TexturedMesh creature = makeDemoCreature(testing::smallDemoOptions()),
                     torus = makeDemoTorus(testing::smallDemoOptions());
  MorphSolver solver(creature, torus, smallOptions());
  const auto& frames = solver.frames();
  ASSERT_EQ(frames.size(), 5u);
  EXPECT_EQ(frames.front().s, 0.0);
  EXPECT_EQ(frames.back().s, 1.0);
  for (std::size_t i = 1; i < frames.size(); ++i) EXPECT_GT(frames[i].s, frames[i - 1].s);
  EXPECT_EQ(solver.meshAt(0.0, true).positions, creature.positions);
  EXPECT_EQ(solver.meshAt(1.0, true).positions, torus.positions);
  for (double s : {0.25, 0.5, 0.75}) {
    const TexturedMesh m = solver.meshAt(s, true);
    expectPlausible(m, 1);
    ASSERT_TRUE(m.hasTexture());
    // A frame made of an input keeps that input's texture size; one meshed from the lattice gets
    // the options'.
    EXPECT_TRUE(m.materials[0].baseColorTexture.width == 128 ||
                m.materials[0].baseColorTexture.width ==
                    creature.materials[0].baseColorTexture.width);
  }
  const TexturedMesh preview = solver.meshAt(0.5, false);
  EXPECT_EQ(preview.vertexColors.size(), preview.vertexCount());
}

TEST(MorphSolver, MiddleFrameLiesBetweenTheEndpoints) {
  // A small sphere-like creature into a torus: halfway, the surface is closer to each endpoint
  // than the endpoints are to each other.
  const TexturedMesh a = makeDemoCreature(testing::smallDemoOptions()),
                     b = makeDemoTorus(testing::smallDemoOptions());
  MorphSolver solver(a, b, smallOptions());
  const TexturedMesh mid = solver.meshAt(0.5, false);
  const double ab = surfaceDistance(a, b, 4000).chamfer();
  EXPECT_LT(surfaceDistance(mid, a, 4000).chamfer(), ab);
  EXPECT_LT(surfaceDistance(mid, b, 4000).chamfer(), ab);
}

TEST(MorphSolver, SameSeedSameOutput) {
  const TexturedMesh a = makeDemoCreature(testing::smallDemoOptions()),
                     b = makeDemoTorus(testing::smallDemoOptions());
  MorphSolver one(a, b, smallOptions()), two(a, b, smallOptions());
  EXPECT_EQ(one.frames()[2].s, two.frames()[2].s);
  const TexturedMesh m1 = one.meshAt(0.4, true), m2 = two.meshAt(0.4, true);
  EXPECT_EQ(m1.positions, m2.positions);
  EXPECT_EQ(m1.materials[0].baseColorTexture.rgba, m2.materials[0].baseColorTexture.rgba);
}

TEST(MorphSolver, CancellationStopsTheJob) {
  Progress progress;
  progress.cancel();
  EXPECT_THROW(MorphSolver(makeDemoCreature(testing::smallDemoOptions()),
                           makeDemoTorus(testing::smallDemoOptions()), smallOptions(), progress),
               Cancelled);
}

TEST(MorphSolver, BadOptionsAreUsageErrors) {
  MorphOptions o = smallOptions();
  o.frames = 1;
  EXPECT_THROW(MorphSolver(testing::makeCube(), testing::makeCube(), o), UsageError);
}

// Awkward inputs: each morphs into closed frames without crashing.
TEST(MorphSolverInputs, OpenMeshWithHolesAndNoTexture) {
  const TexturedMesh teapot = loadMesh(testing::sharedAssets() / "untextured" / "teapot.obj").mesh;
  MorphSolver solver(teapot, makeDemoTorus(testing::smallDemoOptions()), smallOptions());
  expectPlausible(solver.meshAt(0.5, true), 3);
}

TEST(MorphSolverInputs, SeveralComponentsAndVeryDifferentScales) {
  TexturedMesh two = testing::makeCube();
  const auto offset = static_cast<std::uint32_t>(two.positions.size());
  for (std::size_t i = 0; i < offset; ++i)
    two.positions.push_back(two.positions[i] + glm::vec3(2.0f, 0, 0));
  for (std::size_t f = 0, n = two.triangles.size(); f < n; ++f) {
    two.triangles.push_back(two.triangles[f] + glm::uvec3(offset));
    two.materialIds.push_back(0);
    for (int k = 0; k < 3; ++k) two.cornerUVs.push_back(two.cornerUVs[3 * f + k]);
  }
  computeVertexNormals(two);
  TexturedMesh big = makeDemoTorus(testing::smallDemoOptions());
  for (glm::vec3& p : big.positions) p *= 1000.0f;
  MorphSolver solver(two, big, smallOptions());
  const TexturedMesh mid = solver.meshAt(0.5, true);
  expectPlausible(mid, 2);
  const float size = boundingBox(mid.positions).diagonal();
  EXPECT_GT(size, 3.0f);  // between the cubes' ~3.3 and the torus' ~1100
  EXPECT_LT(size, 1100.0f);
}

TEST(MorphSolverInputs, DegenerateTriangles) {
  TexturedMesh cube = testing::makeCube();
  cube.positions.push_back(cube.positions[0]);
  cube.triangles.push_back(
      {0, 1, static_cast<std::uint32_t>(cube.positions.size() - 1)});  // zero area
  cube.triangles.push_back({2, 2, 3});                                 // repeated index
  cube.materialIds.resize(cube.triangles.size(), 0);
  for (int k = 0; k < 6; ++k) cube.cornerUVs.push_back(glm::vec2(0.5f));
  computeVertexNormals(cube);
  MorphSolver solver(cube, makeDemoCreature(testing::smallDemoOptions()), smallOptions());
  expectPlausible(solver.meshAt(0.5, true), 1);
}

}  // namespace
}  // namespace interp3d

namespace interp3d {
namespace {

TEST(MorphSolverLandmarks, CorrespondenceRespectsALandmark) {
  // Without a landmark the creature's snout (+X) maps near the torus' +X side; pin it to -X.
  const TexturedMesh creature = makeDemoCreature(testing::smallDemoOptions()),
                     torus = makeDemoTorus(testing::smallDemoOptions());
  const BoundingBox box = boundingBox(creature.positions);
  const glm::vec3 snout(box.max.x, 0.0f, 0.0f);
  MorphOptions o = smallOptions();
  const glm::vec3 free = MorphSolver(creature, torus, o).correspondingPoints({snout})[0];
  EXPECT_GT(free.x, 0.0f);
  o.landmarks.push_back({snout, glm::vec3(-0.5f, 0.0f, 0.0f)});
  const glm::vec3 pinned = MorphSolver(creature, torus, o).correspondingPoints({snout})[0];
  EXPECT_LT(glm::distance(pinned, glm::vec3(-0.5f, 0.0f, 0.0f)), 0.1f);
}

// The source's tips (what the GUI's Suggest offers) are the cow's feet and nose, in its own units
// however large it is.
TEST(MorphSolverLandmarks, SourceTipsAreTheFeetAndTheNose) {
  const std::filesystem::path labels = testing::sourceDir() / "tests/data/landmarks";
  const LabelledPoints cow = loadLabelledPoints(labels / "cow.json");
  TexturedMesh mesh = loadMesh(testing::sharedAssets() / cow.mesh).mesh;
  const TexturedMesh ball = testing::makeSphere(0.5f);
  for (float scale : {1.0f, 1000.0f}) {
    for (glm::vec3& p : mesh.positions) p *= scale;
    MorphOptions o;
    o.frames = 2;
    o.threads = 2;
    const std::vector<glm::vec3> tips = MorphSolver(mesh, ball, o).sourceTips();
    const float size = boundingBox(mesh.positions).diagonal();
    for (const char* label :
         {"nose", "left_front_foot", "right_front_foot", "left_back_foot", "right_back_foot"}) {
      float nearest = 1e30f;
      for (const glm::vec3& t : tips)
        nearest = std::min(nearest, glm::distance(t, scale * cow.points.at(label)));
      EXPECT_LT(nearest, 0.05f * size) << label << " at scale " << scale;
    }
    for (glm::vec3& p : mesh.positions) p /= scale;
  }
}

}  // namespace
}  // namespace interp3d

namespace interp3d {
namespace {

TEST(MorphSolverInputs, MillionTriangleInput) {
  const TexturedMesh big = subdivideMidpoint(makeDemoCreature(), 3);  // 16128 * 64 triangles
  ASSERT_GT(big.triangleCount(), 1000000u);
  MorphSolver solver(big, makeDemoTorus(testing::smallDemoOptions()), smallOptions());
  const TexturedMesh mid = solver.meshAt(0.5, true);
  const TopologyStats s = computeTopology(mid);
  EXPECT_TRUE(s.watertight());
  EXPECT_EQ(s.components, 1u);
}

}  // namespace
}  // namespace interp3d

namespace interp3d {
namespace {

TexturedMesh spotMesh() {
  return loadMesh(testing::sharedAssets() / "spot" / "spot.obj").mesh;
}

MorphOptions frameOptions() {
  MorphOptions o = testing::smallMorphOptions();
  o.fields.resolution = 32;
  o.correspondence.resolution = 14;
  o.frames = 9;
  o.texture.size = 64;
  return o;
}

// Every face on vertices of its own, moved by up to `crack` of the diagonal: a triangle soup with
// hairline cracks, as some exporters write.
TexturedMesh crackedSoup(const TexturedMesh& mesh, float crack) {
  TexturedMesh out = mesh;
  out.positions.clear();
  out.normals.clear();
  out.vertexColors.clear();
  const float step = crack * boundingBox(mesh.positions).diagonal();
  std::uint32_t k = 0;
  for (glm::uvec3& t : out.triangles)
    for (int c = 0; c < 3; ++c, ++k) {
      const float u = static_cast<float>((k * 2654435761u) % 1000u) / 1000.0f - 0.5f;
      out.positions.push_back(mesh.positions[t[c]] + glm::vec3(u, -u, 0.5f * u) * step);
      t[c] = k;
    }
  return out;
}

// Spot written twice, with a tenth of its faces flipped, or as a soup of faces with hairline
// cracks, morphs as spot does: the same frames within a fraction of a lattice cell. (The soup's
// frames made of spot came apart into 5856 specks.)
TEST(MorphSolverFrames, HostileCopiesOfAnInputMorphAsTheInputDoes) {
  const TexturedMesh spot = spotMesh(), torus = makeDemoTorus(testing::smallDemoOptions());
  // Notes of what was repaired (the path taken, a genus change here, is said in its own note).
  auto repairs = [](const MorphSolver& solver) {
    std::vector<std::string> out;
    for (const std::string& n : solver.notes())
      if (n.rfind("one topology:", 0) != 0) out.push_back(n);
    return out;
  };
  const MorphSolver plain(spot, torus, frameOptions());
  EXPECT_TRUE(repairs(plain).empty());
  EXPECT_EQ(plain.notes().size(), 1u);
  for (const TexturedMesh& hostile :
       {duplicateShell(spot), flipFaces(spot, 0.1), crackedSoup(spot, 2e-5f)}) {
    const MorphSolver solver(hostile, torus, frameOptions());
    ASSERT_EQ(repairs(solver).size(), 1u);
    for (double s : {0.25, 0.5}) {
      const TexturedMesh a = plain.meshAt(s, false), b = solver.meshAt(s, false);
      const double diag = boundingBox(a.positions).diagonal();
      EXPECT_LT(surfaceDistance(a, b, 4000).chamfer() / diag, 0.004) << repairs(solver)[0];
      EXPECT_TRUE(computeTopology(b).manifold()) << "s=" << s;
      EXPECT_EQ(computeTopology(b).components, 1u) << "s=" << s;
    }
  }
}

// Half of the cow, an open shell, morphs into spot as a solid closed across its cut, and says so:
// every in-between frame of the lattice one closed piece without handles. (With the default
// options its ragged old solid, 3 parts and 16 handles, shredded the frame where the lattice took
// over; SolidField.AShellCutOpenIsClosedByOneCap checks the solid itself.)
TEST(MorphSolverFrames, AShellCutOpenMorphsWithoutTearing) {
  const TexturedMesh half =
      keepHalf(loadMesh(testing::sharedAssets() / "untextured" / "cow.obj").mesh);
  MorphOptions o = frameOptions();
  o.fields.resolution = 64;
  const MorphSolver solver(half, spotMesh(), o);
  bool said = false;
  for (const std::string& n : solver.notes()) said = said || n.find("openings closed") != n.npos;
  EXPECT_TRUE(said);
  const auto& frames = solver.frames();
  int lattice = 0;
  for (std::size_t i = 1; i + 1 < frames.size(); ++i) {
    FrameInfo info;
    const TopologyStats t = computeTopology(solver.meshAt(frames[i].s, false, {}, &info));
    if (info.geometry != FrameInfo::Geometry::Lattice) continue;  // the inputs' own meshes
    ++lattice;
    EXPECT_TRUE(t.watertight()) << i;
    EXPECT_EQ(t.components, 1u) << i;
    EXPECT_EQ(t.genus, 0u) << i;
  }
  EXPECT_GT(lattice, 0);
}

// Every in-between frame of a genus-changing pair: closed, one piece, no handle beyond the torus'
// one; the frames next to each end are that end's own mesh, carried along the morph, and the
// sequence goes source mesh -> lattice -> target mesh without switching back (a frame that
// flicked from the lattice surface to the settled input and back showed a horn blink).
TEST(MorphSolverFrames, FramesAreCleanAndTheEndsAreMadeOfTheInputs) {
  const auto [creature, torus] = testing::smallDemoPair();
  MorphOptions o = frameOptions();
  const MorphSolver solver(creature, torus, o);
  const auto& frames = solver.frames();
  int phase = 0;  // 0 source mesh, 1 lattice, 2 target mesh
  for (std::size_t i = 1; i + 1 < frames.size(); ++i) {
    FrameInfo info;
    const TexturedMesh m = solver.meshAt(frames[i].s, false, {}, &info);
    const int now = info.geometry == FrameInfo::Geometry::Source    ? 0
                    : info.geometry == FrameInfo::Geometry::Lattice ? 1
                                                                    : 2;
    EXPECT_GE(now, phase) << "frame " << i << " is " << info.name();
    phase = std::max(phase, now);
    const TopologyStats t = computeTopology(m);
    EXPECT_TRUE(t.watertight()) << i;
    EXPECT_EQ(t.components, 1u) << i;
    EXPECT_LE(t.genus, 1u) << i;
    if (i == 1) {
      EXPECT_EQ(info.geometry, FrameInfo::Geometry::Source);
      EXPECT_EQ(m.triangles, creature.triangles);
    }
    if (i + 2 == frames.size()) {
      EXPECT_EQ(info.geometry, FrameInfo::Geometry::Target);
      EXPECT_EQ(m.triangles, torus.triangles);
    }
  }
}

// The two ends' searches for where the lattice takes over run side by side, a thread or more each;
// the frames are those of one thread, frame by frame and vertex by vertex.
TEST(MorphSolverFrames, OneThreadOrTwoMakeTheSameFrames) {
  const auto [creature, torus] = testing::smallDemoPair();
  MorphOptions o = frameOptions();
  o.threads = 1;
  const MorphSolver one(creature, torus, o);
  for (int threads : {2, 4}) {
    o.threads = threads;
    const MorphSolver two(creature, torus, o);
    ASSERT_EQ(one.frames().size(), two.frames().size());
    int inputs = 0;
    for (std::size_t i = 0; i < one.frames().size(); ++i) {
      ASSERT_EQ(one.frames()[i].s, two.frames()[i].s) << i;
      FrameInfo a, b;
      const TexturedMesh m1 = one.meshAt(one.frames()[i].s, false, {}, &a);
      const TexturedMesh m2 = two.meshAt(two.frames()[i].s, false, {}, &b);
      EXPECT_EQ(a.name(), b.name()) << i;
      EXPECT_EQ(m1.triangles, m2.triangles) << i;
      ASSERT_EQ(m1.positions.size(), m2.positions.size()) << i;
      for (std::size_t v = 0; v < m1.positions.size(); ++v)
        ASSERT_LT(glm::length(m1.positions[v] - m2.positions[v]), 1e-5f) << i << " " << v;
      inputs += a.geometry != FrameInfo::Geometry::Lattice && i > 0 && i + 1 < one.frames().size();
    }
    EXPECT_GT(inputs, 0);  // some in-betweens were found by the searches
  }
}

// The built-in demo pair at the default options (R = 64, 17 frames): the creature's settled
// mesh fitted frames 1-2 and 4-5 but not 3, so its horn blinked as frame 3 came from the
// lattice. An input is a frame only in one unbroken run from its own end.
TEST(MorphSolverFrames, TheDemoPairNeverSwitchesBackToAnInput) {
  const MorphOptions o;
  const MorphSolver solver(makeDemoCreature(), makeDemoTorus(), o);
  const auto& frames = solver.frames();
  ASSERT_EQ(frames.size(), 17u);
  std::string kinds;
  for (std::size_t i = 1; i + 1 < frames.size(); ++i) {
    FrameInfo info;
    solver.meshAt(frames[i].s, false, {}, &info);
    kinds += info.geometry == FrameInfo::Geometry::Source    ? 'S'
             : info.geometry == FrameInfo::Geometry::Lattice ? 'L'
                                                             : 'T';
  }
  EXPECT_EQ(kinds.find("LS"), std::string::npos) << kinds;
  EXPECT_EQ(kinds.find("TL"), std::string::npos) << kinds;
  EXPECT_EQ(kinds.find("TS"), std::string::npos) << kinds;
  EXPECT_EQ(kinds.front(), 'S') << kinds;
  EXPECT_EQ(kinds.back(), 'T') << kinds;
}

// The constant-speed schedule measures the morph the same whatever the frame count.
TEST(MorphSolverFrames, ConstantSpeedDoesNotDependOnTheFrameCount) {
  const auto [creature, torus] = testing::smallDemoPair();
  MorphOptions five = frameOptions(), seventeen = frameOptions();
  five.frames = 5;
  seventeen.frames = 17;
  const double a = MorphSolver(creature, torus, five).frames()[2].s;
  const double b = MorphSolver(creature, torus, seventeen).frames()[8].s;
  EXPECT_NEAR(a, b, 0.02);
}

// Sizes a thousand times apart: frames grow in proportion, step by step, and move with the size.
TEST(MorphSolverFrames, SizeAndPlacementChangeInEqualProportions) {
  const auto [creature, torus] = testing::smallDemoPair();
  const TexturedMesh far = scaledAndMoved(torus, 1000.0, glm::vec3(5000.0f, 0.0f, 0.0f));
  MorphOptions o = frameOptions();
  o.timing.schedule = Schedule::Linear;
  const MorphSolver solver(creature, far, o);
  std::vector<double> sizes;
  for (const MorphFrame& f : solver.frames())
    sizes.push_back(boundingBox(solver.meshAt(f.s, false).positions).diagonal());
  for (std::size_t i = 1; i + 1 < sizes.size(); ++i) {
    const double ratio = sizes[i + 1] / sizes[i];
    EXPECT_GT(ratio, 1.8) << i;  // 1000^(1/8) = 2.37 per step
    EXPECT_LT(ratio, 3.2) << i;
  }
}

}  // namespace
}  // namespace interp3d

namespace interp3d {
namespace {

TexturedMesh tetrahedron(float scale) {
  TexturedMesh m;
  m.positions = {{1, 1, 1}, {1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}};
  for (glm::vec3& p : m.positions) p *= scale;
  m.triangles = {{0, 1, 2}, {0, 3, 1}, {0, 2, 3}, {1, 3, 2}};
  m.materials = {Material{}};
  m.materialIds.assign(4, 0);
  computeVertexNormals(m);
  return m;
}

// The extent of a mesh along each axis, over its largest.
glm::vec3 proportions(const TexturedMesh& m) {
  const BoundingBox box = boundingBox(m.positions);
  const glm::vec3 e = box.max - box.min;
  return e / std::max({e.x, e.y, e.z});
}

TEST(MorphSolverInputs, ScalesTwelveOrdersApartKeepTheirShape) {
  const TexturedMesh creature = makeDemoCreature(testing::smallDemoOptions());
  const TexturedMesh tiny = scaledAndMoved(creature, 1e-6, glm::vec3(0.0f));
  const TexturedMesh huge = scaledAndMoved(creature, 1e6, glm::vec3(0.0f));
  const MorphSolver solver(tiny, huge, smallOptions());
  const TexturedMesh mid = solver.meshAt(0.5, false);
  const double size = boundingBox(mid.positions).diagonal();
  const double expected = boundingBox(creature.positions).diagonal();  // the geometric mean
  EXPECT_GT(size, 0.3 * expected);
  EXPECT_LT(size, 3.0 * expected);
  // Not a line: the same proportions as the middle of the creature morphed into itself.
  const MorphSolver same(creature, creature, smallOptions());
  const glm::vec3 want = proportions(same.meshAt(0.5, false)), got = proportions(mid);
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(got[k], want[k], 0.05f) << k;
}

TEST(MorphSolverInputs, AHugeTetrahedronDoesNotCollapseToAPoint) {
  const TexturedMesh creature = makeDemoCreature(testing::smallDemoOptions());
  const MorphSolver solver(tetrahedron(1e30f), creature, smallOptions());
  for (const double s : {0.25, 0.5, 0.75}) {
    const TexturedMesh m = solver.meshAt(s, false);
    ASSERT_FALSE(m.triangles.empty()) << s;
    for (const glm::vec3& p : m.positions) ASSERT_TRUE(std::isfinite(p.x + p.y + p.z)) << s;
    const glm::vec3 e = proportions(m);
    EXPECT_GT(std::min({e.x, e.y, e.z}), 0.2f) << s;  // a solid, not a point or a line
  }
}

TEST(MorphSolverInputs, ATetrahedronBecomesASingleTriangleAtAnyResolution) {
  TexturedMesh triangle;
  triangle.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};
  triangle.triangles = {{0, 1, 2}};
  triangle.materials = {Material{}};
  triangle.materialIds = {0};
  computeVertexNormals(triangle);
  for (const int resolution : {8, 32}) {
    MorphOptions o = smallOptions();
    o.fields.resolution = resolution;
    const MorphSolver solver(tetrahedron(1.0f), triangle, o);
    for (const MorphFrame& f : solver.frames())
      EXPECT_FALSE(solver.meshAt(f.s, false).triangles.empty()) << resolution << " " << f.index;
  }
}

}  // namespace
}  // namespace interp3d

namespace interp3d {
namespace {

// A prior from a user's file that returns NaN (issue 10: SIGSEGV before).
class NanDescriptors : public DescriptorModel {
 public:
  int size() const override { return 4; }
  std::vector<float> describe(const ScalarGrid&,
                              const std::vector<glm::vec3>& points) const override {
    std::vector<float> out(points.size() * 4, 0.5f);
    out[out.size() / 2] = std::nanf("");
    return out;
  }
};

class NanRefiner : public FieldRefiner {
 public:
  void refine(const ScalarGrid&, const ScalarGrid&, float, ScalarGrid& field) const override {
    field.values[field.values.size() / 3] = std::numeric_limits<float>::infinity();
  }
};

class NanCodec : public LatentCodec {
 public:
  std::string name() const override { return "nan"; }
  int codeSize() const override { return 8; }
  void encode(const VoxelPatch* patches, std::size_t n, float, float* codes) const override {
    for (std::size_t i = 0; i < n; ++i)
      for (int k = 0; k < 8; ++k) codes[8 * i + k] = patches[i].sdf[k];
  }
  void decode(const float* codes, std::size_t n, float, VoxelPatch* patches) const override {
    for (std::size_t i = 0; i < n; ++i)
      for (int k = 0; k < 8; ++k) patches[i].sdf[k] = i == n / 2 ? std::nanf("") : codes[8 * i + k];
  }
};

TEST(MorphSolverInputs, APriorThatReturnsNanIsAClearError) {
  const auto [creature, torus] = testing::smallDemoPair();
  const auto messageOf = [&](const LearnedParts& parts) -> std::string {
    MorphOptions o = smallOptions();
    o.learned = parts;
    try {
      const MorphSolver solver(creature, torus, o);
      solver.meshAt(0.5, false);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  };
  LearnedParts descriptors;
  descriptors.descriptors = std::make_shared<NanDescriptors>();
  EXPECT_NE(messageOf(descriptors).find("descriptor model returned 1 values that are not finite"),
            std::string::npos)
      << messageOf(descriptors);
  LearnedParts structure;
  structure.structure = std::make_shared<NanRefiner>();
  EXPECT_NE(messageOf(structure).find("structure model returned 1 lattice values"),
            std::string::npos)
      << messageOf(structure);
  LearnedParts codec;
  codec.codec = std::make_shared<NanCodec>();
  EXPECT_NE(messageOf(codec).find("latent codec 'nan' decoded a value that is not finite"),
            std::string::npos)
      << messageOf(codec);
}

}  // namespace
}  // namespace interp3d

namespace interp3d {
namespace {

// A triangle budget of 1 is a legal option: frames still have a surface (they once had none).
TEST(MorphSolverInputs, ATinyTriangleBudgetStillGivesFramesASurface) {
  // spot (genus 0) -> bob (genus 1): the middle frames come from the lattice.
  const TexturedMesh spot = loadMesh(testing::sharedAssets() / "spot" / "spot.obj").mesh;
  const TexturedMesh bob = loadMesh(testing::sharedAssets() / "bob" / "bob_tri.obj").mesh;
  MorphOptions o = smallOptions();
  o.maxTriangles = 1;
  const MorphSolver solver(spot, bob, o);
  int lattice = 0;
  for (const MorphFrame& f : solver.frames()) {
    FrameInfo info;
    const TexturedMesh m = solver.meshAt(f.s, false, {}, &info);
    lattice += info.geometry == FrameInfo::Geometry::Lattice;
    EXPECT_GE(m.triangleCount(), 4u) << f.index;
    EXPECT_TRUE(computeTopology(m).watertight()) << f.index;
  }
  EXPECT_GT(lattice, 0);  // the budget applies to lattice frames: at least one was made
}

// Source and target of the same genus: one topology. Every frame is the source's mesh (its
// triangles, its UVs), the last lands on the target, and a genus change takes the lattice path
// and says so.
TEST(MorphSolverOneTopology, SameGenusFramesShareTheSourcesMeshAndLandOnTheTarget) {
  TexturedMesh source = testing::makeSphere(0.4f, glm::vec3(0.0f), 24);
  TexturedMesh target = testing::makeSphere(0.3f, glm::vec3(0.0f), 48);
  const glm::vec4 grey(0.6f, 0.6f, 0.6f, 1.0f);  // untextured, the same colour
  source.materials.at(0).baseColorFactor = target.materials.at(0).baseColorFactor = grey;
  for (glm::vec3& p : target.positions) p *= glm::vec3(1.6f, 1.0f, 0.7f);
  computeVertexNormals(target);
  MorphOptions o = smallOptions();
  o.fields.resolution = 32;
  MorphSolver solver(source, target, o);
  ASSERT_TRUE(solver.oneTopology());
  const TexturedMesh first = solver.meshAt(0.0, false);
  for (const MorphFrame& f : solver.frames()) {
    FrameInfo info;
    const TexturedMesh m = solver.meshAt(f.s, false, {}, &info);
    EXPECT_EQ(info.name(), "one topology");
    EXPECT_EQ(m.triangles, first.triangles) << f.index;
    const std::vector<glm::vec3> shape = solver.shapeAt(f.s);
    ASSERT_EQ(shape.size(), m.positions.size());
    for (std::size_t v = 0; v < shape.size(); v += 97)
      EXPECT_LT(glm::distance(shape[v], m.positions[v]), 1e-5f) << f.index;
    // Shown as the inputs' grey: the colour counted once (vertex colour times material factor).
    if (f.s > 0.0 && f.s < 1.0) {
      ASSERT_EQ(m.vertexColors.size(), m.positions.size());
      const glm::vec4 shown =
          m.materials.at(m.materialIds.at(0)).baseColorFactor * m.vertexColors[0];
      EXPECT_LT(glm::distance(shown, grey), 0.02f) << f.index;
    }
  }
  const double diagonal = boundingBox(target.positions).diagonal();
  EXPECT_LT(surfaceDistance(solver.meshAt(1.0, false), target, 4000, 1).chamfer(),
            0.005 * diagonal);
  EXPECT_LT(surfaceDistance(first, source, 4000, 1).chamfer(), 1e-4 * diagonal);
  bool said = false;
  for (const std::string& n : solver.notes()) said |= n.find("one topology") != std::string::npos;
  EXPECT_TRUE(said);

  o.oneTopology.mode = TopologyMode::Lattice;
  EXPECT_FALSE(MorphSolver(source, target, o).oneTopology());
  const testing::DemoPair demo = testing::smallDemoPair();  // genus 0 and 1
  o.oneTopology.mode = TopologyMode::Source;
  MorphSolver change(demo.creature, demo.torus, o);
  EXPECT_FALSE(change.oneTopology());
  said = false;
  for (const std::string& n : change.notes()) said |= n.find("genus 0") != std::string::npos;
  EXPECT_TRUE(said);
}

// One mesh in two shapes (a sculpt stage and the next, a blend-shape target): every vertex goes to
// its own place on the target, and a mesh morphed into itself stays itself on every frame (spot
// into spot showed its eyes twice halfway: the landing found by the correspondence slid along
// the surface).
TEST(MorphSolverOneTopology, OneMeshInTwoShapesSendsEachVertexToItsOwnPlace) {
  const TexturedMesh source = testing::smallDemoPair().creature;
  TexturedMesh bent = source;
  for (glm::vec3& p : bent.positions) p += glm::vec3(0.3f * p.y * p.y, 0.0f, 0.1f * p.x);
  computeVertexNormals(bent);
  MorphOptions o = smallOptions();
  o.fields.resolution = 32;
  for (const TexturedMesh* target : std::initializer_list<const TexturedMesh*>{&source, &bent}) {
    MorphSolver solver(source, *target, o);
    ASSERT_TRUE(solver.oneTopology());
    bool said = false;
    for (const std::string& n : solver.notes())
      said |= n.find("one mesh in two shapes") != std::string::npos;
    EXPECT_TRUE(said);
    const double diagonal = boundingBox(target->positions).diagonal();
    const TexturedMesh last = solver.meshAt(1.0, false);
    ASSERT_EQ(last.positions.size(), target->positions.size());
    double worst = 0.0;
    for (std::size_t v = 0; v < last.positions.size(); ++v)
      worst = std::max(worst, double(glm::distance(last.positions[v], target->positions[v])));
    EXPECT_LT(worst, 1e-4 * diagonal);
    if (target == &source) {  // into itself: every frame is the mesh
      const TexturedMesh middle = solver.meshAt(0.5, false);
      worst = 0.0;
      for (std::size_t v = 0; v < middle.positions.size(); ++v)
        worst = std::max(worst, double(glm::distance(middle.positions[v], source.positions[v])));
      EXPECT_LT(worst, 1e-4 * diagonal);
    }
  }
}

// A landmark is a hard constraint of the one-topology landing: its source point lands on its
// target point (within 0.5% of the diagonal) even where the flow alone sends it elsewhere.
TEST(MorphSolverOneTopology, ALandmarkLandsWhereItIsPinned) {
  const TexturedMesh source = testing::makeSphere(0.4f, glm::vec3(0.0f), 24);
  TexturedMesh target = testing::makeSphere(0.3f, glm::vec3(0.0f), 48);
  for (glm::vec3& p : target.positions) p *= glm::vec3(1.6f, 1.0f, 0.7f);
  computeVertexNormals(target);
  MorphOptions o = smallOptions();
  o.fields.resolution = 32;
  o.oneTopology.mode = TopologyMode::Source;
  const glm::vec3 side(0.4f, 0.0f, 0.0f), top(0.0f, 0.3f, 0.0f);
  const double diagonal = boundingBox(target.positions).diagonal();
  const MorphSolver free(source, target, o);
  ASSERT_TRUE(free.oneTopology());
  EXPECT_GT(glm::distance(free.correspondingPoints({side})[0], top), 0.1 * diagonal);
  o.landmarks = {{side, top}};
  const MorphSolver pinned(source, target, o);
  ASSERT_TRUE(pinned.oneTopology());
  EXPECT_LT(glm::distance(pinned.correspondingPoints({side})[0], top), 0.005 * diagonal);
}

// An untextured source on a textured target: the atlas the source's mesh gets is laid out where
// it lands, so the target's texture keeps an even density over the landed mesh. Laid out on the
// source, a sphere landed on an ellipsoid stretched 2.5 times one way and halved another had its
// texels far denser on the ellipsoid's flat sides than on its ends (cow on spot: a smeared eye).
TEST(MorphSolverOneTopology, AnUntexturedSourcesAtlasIsLaidOutWhereItLands) {
  TexturedMesh source = testing::makeSphere(0.4f, glm::vec3(0.0f), 24);
  TexturedMesh target = testing::makeSphere(0.3f, glm::vec3(0.0f), 48);
  const glm::vec3 stretch(2.5f, 1.0f, 0.5f);
  target.cornerUVs.clear();
  for (const glm::uvec3& t : target.triangles)
    for (int k = 0; k < 3; ++k) {
      const glm::vec3 p = glm::normalize(target.positions[t[k]]);
      target.cornerUVs.emplace_back(0.5f + std::atan2(p.z, p.x) / 6.2831853f,
                                    std::acos(std::clamp(p.y, -1.0f, 1.0f)) / 3.1415927f);
    }
  for (glm::vec3& p : target.positions) p *= stretch;
  computeVertexNormals(target);
  target.materials.at(0).baseColorTexture = testing::makeTestImage(64, 64);
  ASSERT_TRUE(target.hasTexture());
  MorphOptions o = smallOptions();
  o.fields.resolution = 32;
  o.oneTopology.mode = TopologyMode::Source;
  // No colours a vertex, or the same white at every vertex (as some exporters write), alike.
  for (const bool white : {false, true}) {
    source.vertexColors.assign(white ? source.positions.size() : 0, glm::vec4(1.0f));
    MorphSolver solver(source, target, o);
    ASSERT_TRUE(solver.oneTopology());
    const TexturedMesh middle = solver.meshAt(0.5, true);
    const std::vector<glm::vec3> landed = solver.shapeAt(1.0);
    ASSERT_EQ(middle.cornerUVs.size(), 3 * middle.triangles.size());
    ASSERT_EQ(landed.size(), middle.positions.size());
    std::vector<double> density;  // texture area over landed area, per triangle
    for (std::size_t f = 0; f < middle.triangles.size(); ++f) {
      const glm::uvec3 t = middle.triangles[f];
      const glm::vec2 a = middle.cornerUVs[3 * f], b = middle.cornerUVs[3 * f + 1],
                      c = middle.cornerUVs[3 * f + 2];
      const double uv = 0.5 * std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y));
      const double area =
          0.5 * glm::length(glm::cross(landed[t.y] - landed[t.x], landed[t.z] - landed[t.x]));
      if (area > 0.0) density.push_back(uv / area);
    }
    std::sort(density.begin(), density.end());
    const double low = density[density.size() / 10], high = density[density.size() * 9 / 10];
    EXPECT_LT(high / low, 2.0) << low << " to " << high << (white ? ", white vertices" : "");
  }
}

}  // namespace
}  // namespace interp3d
