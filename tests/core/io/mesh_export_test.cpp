#include "io/mesh_export.h"

#include <gtest/gtest.h>

#include "io/mesh_import.h"
#include "mesh/topology.h"
#include "test_meshes.h"
#include "test_support.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {
namespace {

using testing::ScratchDir;

// The colour each corner shows, in original and reloaded meshes, must agree.
void expectSameSurfaceColours(const TexturedMesh& a, const TexturedMesh& b, float tolerance) {
  ASSERT_EQ(a.triangleCount(), b.triangleCount());
  for (std::size_t f = 0; f < a.triangleCount();
       f += std::max<std::size_t>(1, a.triangleCount() / 200)) {
    for (int k = 0; k < 3; ++k) {
      // Triangles keep their order and corner order through our writers and Assimp's readers.
      EXPECT_EQ(a.positions[a.triangles[f][k]], b.positions[b.triangles[f][k]]);
      const glm::vec4 ca = cornerColor(a, f, k), cb = cornerColor(b, f, k);
      EXPECT_NEAR(ca.r, cb.r, tolerance);
      EXPECT_NEAR(ca.g, cb.g, tolerance);
      EXPECT_NEAR(ca.b, cb.b, tolerance);
    }
  }
}

class RoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(RoundTrip, KeepsCountsUVsAndTexturePixels) {
  ScratchDir dir("roundtrip");
  const LoadedMesh spot = loadMesh(testing::sharedAssets() / "spot" / "spot.obj");
  const fs::path out = dir / ("spot." + GetParam());
  saveMesh(spot.mesh, out);
  const LoadedMesh back = loadMesh(out);
  EXPECT_TRUE(back.warnings.empty());
  EXPECT_EQ(back.mesh.vertexCount(), spot.mesh.vertexCount());
  EXPECT_EQ(back.mesh.triangleCount(), spot.mesh.triangleCount());
  EXPECT_TRUE(computeTopology(back.mesh).watertight());
  if (GetParam() == "ply") {
    // Vertex colours: the texture averaged per vertex, so compare loosely.
    ASSERT_EQ(back.mesh.vertexColors.size(), back.mesh.vertexCount());
    return;
  }
  ASSERT_TRUE(back.mesh.hasUVs());
  for (std::size_t i = 0; i < spot.mesh.cornerUVs.size(); i += 97) {
    EXPECT_NEAR(back.mesh.cornerUVs[i].x, spot.mesh.cornerUVs[i].x, 1e-6);
    EXPECT_NEAR(back.mesh.cornerUVs[i].y, spot.mesh.cornerUVs[i].y, 1e-6);
  }
  ASSERT_TRUE(back.mesh.hasTexture());
  EXPECT_EQ(back.mesh.materials[0].baseColorTexture.rgba,
            spot.mesh.materials[0].baseColorTexture.rgba);
  expectSameSurfaceColours(spot.mesh, back.mesh, 1e-4f);
}

INSTANTIATE_TEST_SUITE_P(Formats, RoundTrip, ::testing::Values("glb", "obj", "ply"));

TEST(Export, MultiMaterialGlbKeepsEveryMaterial) {
  ScratchDir dir("multimat");
  TexturedMesh cube = testing::makeCube();
  Material second;
  second.name = "second";
  second.baseColorFactor = {0.1f, 0.2f, 0.3f, 1.0f};
  second.baseColorTexture = testing::makeTestImage(8, 2);
  cube.materials.push_back(second);
  for (std::size_t f = 6; f < cube.triangleCount(); ++f) cube.materialIds[f] = 1;
  saveGlb(cube, dir / "cube.glb");
  const LoadedMesh back = loadMesh(dir / "cube.glb");
  ASSERT_EQ(back.mesh.materials.size(), 2u);
  EXPECT_EQ(back.mesh.vertexCount(), 8u);
  EXPECT_EQ(back.mesh.triangleCount(), 12u);
  int withWide = 0;
  for (const Material& m : back.mesh.materials) withWide += m.baseColorTexture.width == 8;
  EXPECT_EQ(withWide, 1);
  EXPECT_TRUE(computeTopology(back.mesh).watertight());
}

TEST(Export, PlyCarriesTextureColoursAsVertexColours) {
  ScratchDir dir("plycolor");
  TexturedMesh cube = testing::makeCube();
  savePly(cube, dir / "cube.ply");
  const LoadedMesh back = loadMesh(dir / "cube.ply");
  ASSERT_EQ(back.mesh.vertexColors.size(), 8u);
  // Every corner samples the 4x4 test texture in its middle: blue is 200 everywhere.
  for (const glm::vec4& c : back.mesh.vertexColors)
    EXPECT_NEAR(c.b, 200.0f / 255.0f, 1.0f / 255.0f);
}

TEST(Export, UnknownExtensionIsAUsageError) {
  EXPECT_THROW(saveMesh(testing::makeCube(), "/tmp/x.xyz"), UsageError);
}

TEST(Export, MissingFolderFailsWithoutWritingAnything) {
  ScratchDir dir("nofolder");
  try {
    saveGlb(testing::makeCube(), dir / "missing" / "cube.glb");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("cube.glb"), std::string::npos);
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(Export, FailedWriteLeavesTheOldFileAndNoTemporaries) {
  ScratchDir dir("atomic");
  const fs::path out = dir / "cube.glb";
  saveGlb(testing::makeCube(), out);
  const auto before = fs::file_size(out);
  TexturedMesh broken = testing::makeCube();
  broken.triangles[0].x = 1000;  // invalid: the export must refuse before touching the file
  EXPECT_THROW(saveGlb(broken, out), MeshError);
  EXPECT_EQ(fs::file_size(out), before);
  // A target that is a folder: the rename fails, the temporary is cleaned up.
  fs::create_directory(dir / "taken.glb");
  fs::create_directory(dir / "taken.glb" / "child");
  EXPECT_THROW(saveGlb(testing::makeCube(), dir / "taken.glb"), IoError);
  int entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    ++entries;
    EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
  }
  EXPECT_EQ(entries, 2);
}

TEST(Export, FailedObjLeavesNeitherItsMaterialFileNorItsTextures) {
  ScratchDir dir("objfail");
  TexturedMesh cube = testing::makeCube();
  ASSERT_TRUE(cube.hasTexture());
  fs::create_directory(dir / "cube.obj");  // the OBJ itself cannot be written
  EXPECT_THROW(saveObj(cube, dir / "cube.obj"), IoError);
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(dir.path())) left.push_back(e.path().filename());
  EXPECT_EQ(left, std::vector<std::string>{"cube.obj"});
}

TEST(Export, TheLongestLegalFileNameCanBeWritten) {
  ScratchDir dir("longname");
  for (const char* ext : {".glb", ".obj", ".ply"}) {
    const std::string name = std::string(255 - std::string(ext).size(), 'n') + ext;
    ASSERT_EQ(name.size(), 255u);
    saveMesh(testing::makeCube(), dir / name);
    EXPECT_TRUE(fs::exists(dir / name)) << ext;
    const LoadedMesh back = loadMesh(dir / name);
    EXPECT_GT(back.mesh.triangleCount(), 0u) << ext;
    EXPECT_TRUE(back.warnings.empty()) << ext << ": " << back.warnings.front();
  }
}

}  // namespace
}  // namespace interp3d
