#include "io/mesh_precheck.h"

#include <gtest/gtest.h>

#include "io/mesh_export.h"
#include "io/mesh_import.h"
#include "test_hostile_files.h"
#include "test_meshes.h"
#include "test_support.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {
namespace {

using testing::ScratchDir;

// The message precheckMeshFile throws for `bytes` written as `name`, or "" when it passes.
std::string precheckMessage(const ScratchDir& dir, const std::string& name,
                            const std::string& bytes) {
  testing::writeText(dir / name, bytes);
  try {
    precheckMeshFile(dir / name);
  } catch (const IoError& e) {
    return e.what();
  }
  return "";
}

// A small binary PLY whose face property line lost its end to binary bytes (as fuzz_ply found).
std::string mangledPlyHeader() {
  std::string ply = testing::plyClaimingVertices(3);
  const std::size_t at = ply.find("vertex_indices\n");
  ply.replace(at, 15, std::string("vertex_indi\xc4\xff\xff\xff", 15));
  return ply + std::string(3 * 12 + 13, '\0');
}

TEST(MeshPrecheck, EveryKnownHostileFileIsACleanErrorNamingTheFile) {
  ScratchDir dir("precheck");
  const struct {
    const char* name;
    std::string bytes;
    const char* says;
  } cases[] = {
      {"truncated.ply", testing::truncatedAsciiPly(), "no end_header"},
      {"claims.ply", testing::plyClaimingVertices(30000000), "declares 30000000 vertex"},
      {"chain.glb", testing::glbNodeChain(30000), "nest more than 1000 deep"},
      {"claims2gb.glb", testing::glbClaimingJsonBytes(2000000000u), "declares 2000000000 bytes"},
      {"buffer.glb", testing::glbBufferLongerThanItsChunk(), "buffer 0 declares 2000000000"},
      {"accessor.glb", testing::glbAccessorPastItsView(), "accessor 0 declares 500000000"},
      {"cycle.glb", testing::glbNodeCycle(), "cycle"},
      {"negative.off", testing::offWithNegativeIndex(), "refers to vertex -1"},
      {"claims.stl", testing::stlClaimingTriangles(100000000u), "declares 100000000 triangles"},
      // Found by fuzz_ply: a face property line mangled into binary, which crashed Assimp.
      {"mangled.ply", mangledPlyHeader(),
       "line 8 of the PLY header ('property list uchar int vertex_indi????"},
      // Found by a bad-input sweep: read as 0 without a word.
      {"digits.obj", "v 99999999999999999999 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n",
       "line 1: a coordinate has 20 or more digits"},
      // Found by fuzz_off: 14 bytes that made Assimp take 5 GB and 15 s.
      {"header.off", "OFF2\n333333333", "declares 333333333 vertices or faces"},
  };
  for (const auto& c : cases) {
    const std::string message = precheckMessage(dir, c.name, c.bytes);
    EXPECT_NE(message.find(c.name), std::string::npos) << c.name << ": " << message;
    EXPECT_NE(message.find(c.says), std::string::npos) << c.name << ": " << message;
  }
}

TEST(MeshPrecheck, SoundFilesPass) {
  ScratchDir dir("precheck-ok");
  EXPECT_EQ(precheckMessage(dir, "chain.glb", testing::glbNodeChain(50)), "");
  EXPECT_EQ(precheckMessage(dir, "tetra.off", testing::goodOff()), "");
  EXPECT_EQ(precheckMessage(dir, "digits.obj",
                            "v 1234567890123456789 -0.12345678901234567890123 1e25\n"
                            "vt 1.5e+20 2E-30\nf 1 1 1\n"),
            "");
  // Without a header line the counts come first.
  EXPECT_EQ(precheckMessage(dir, "headerless.off",
                            "4 4 0\n0 0 0\n1 0 0\n0 1 0\n0 0 1\n3 0 2 1\n3 0 1 3\n3 0 3 "
                            "2\n3 1 2 3\n"),
            "");
  // The shared assets are real files from real exporters: none may be refused.
  int checked = 0;
  for (const auto& e : fs::recursive_directory_iterator(testing::sharedAssets())) {
    const std::string ext = e.path().extension().string();
    if (ext != ".obj" && ext != ".glb" && ext != ".gltf" && ext != ".ply" && ext != ".off" &&
        ext != ".stl")
      continue;
    EXPECT_NO_THROW(precheckMeshFile(e.path())) << e.path();
    ++checked;
  }
  EXPECT_GT(checked, 5);
}

TEST(MeshPrecheck, TheNodeDepthLimitIsAnOption) {
  ScratchDir dir("precheck-depth");
  testing::writeText(dir / "chain.glb", testing::glbNodeChain(2000));
  EXPECT_THROW(precheckMeshFile(dir / "chain.glb"), IoError);
  PrecheckLimits limits;
  limits.maxNodeDepth = 5000;
  EXPECT_NO_THROW(precheckMeshFile(dir / "chain.glb", limits));
}

TEST(MeshImportIsolation, AFileTheImporterChokesOnIsAnErrorAndThisProcessGoesOn) {
  ScratchDir dir("isolation");
  // Past the structural check, straight to Assimp in its own process: a 30,000-node chain
  // overflows a small stack inside the importer.
  testing::writeText(dir / "chain.glb", testing::glbNodeChain(30000));
  ImportOptions options;
  options.precheck.maxNodeDepth = 1000000;
  options.limits.stackMB = 1;
  try {
    loadMesh(dir / "chain.glb", options);
    FAIL() << "a 30,000-deep scene loaded on a 1 MB stack";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("chain.glb: the importer crashed"), std::string::npos)
        << e.what();
  }
  // With the stack it needs, the same file loads: the child was the only casualty.
  options.limits.stackMB = 512;
  EXPECT_EQ(loadMesh(dir / "chain.glb", options).mesh.triangleCount(), 1u);
}

TEST(MeshImportIsolation, ImportsAreIdenticalInAndOutOfTheChildProcess) {
  for (const fs::path& file : {testing::sharedAssets() / "spot" / "spot.obj",
                               testing::sharedAssets() / "fox" / "Fox.glb"}) {
    ImportOptions direct;
    direct.isolated = false;
    const LoadedMesh a = loadMesh(file), b = loadMesh(file, direct);
    EXPECT_EQ(a.mesh.positions, b.mesh.positions) << file;
    EXPECT_EQ(a.mesh.normals, b.mesh.normals) << file;
    EXPECT_EQ(a.mesh.triangles, b.mesh.triangles) << file;
    EXPECT_EQ(a.mesh.cornerUVs, b.mesh.cornerUVs) << file;
    EXPECT_EQ(a.mesh.materialIds, b.mesh.materialIds) << file;
    ASSERT_EQ(a.mesh.materials.size(), b.mesh.materials.size()) << file;
    for (std::size_t m = 0; m < a.mesh.materials.size(); ++m) {
      EXPECT_EQ(a.mesh.materials[m].baseColorTexture.rgba,
                b.mesh.materials[m].baseColorTexture.rgba);
      EXPECT_EQ(a.mesh.materials[m].baseColorFactor, b.mesh.materials[m].baseColorFactor);
      EXPECT_EQ(a.mesh.materials[m].textureSource, b.mesh.materials[m].textureSource);
    }
    EXPECT_EQ(a.warnings, b.warnings);
  }
}

TEST(MeshImportIsolation, CancellingALoadStopsIt) {
  Progress progress;
  progress.cancel();
  EXPECT_THROW(loadMesh(testing::sharedAssets() / "spot" / "spot.obj", {}, progress), Cancelled);
}

}  // namespace
}  // namespace interp3d

namespace interp3d {
namespace {

// Issue 10 found a bit-flipped binary PLY that segfaults inside Assimp's reader; fuzz_ply finds
// more (aborts, segfaults, a hang). Every byte of a face list overwritten, one file at a time:
// each load is a mesh or an IoError naming the file, never the end of this process.
TEST(MeshImportIsolation, BitFlippedBinaryPlysAreMeshesOrErrors) {
  ScratchDir dir("bitflip");
  const fs::path clean = dir / "clean.ply";
  savePly(testing::makeSphere(1.0f, glm::vec3(0.0f), 12), clean);
  const std::string bytes = readFile(clean);
  const std::size_t body = bytes.find("end_header\n") + 11;
  ImportOptions options;
  options.limits.seconds = 10.0;
  int loaded = 0, refused = 0, crashed = 0;
  std::uint32_t state = 12345;
  for (int i = 0; i < 60; ++i) {
    state = state * 1664525u + 1013904223u;
    std::string flipped = bytes;
    // The last quarter of the body holds the faces: "3 a b c" as uchar + 3 x int.
    const std::size_t at = bytes.size() - 1 - (state >> 8) % ((bytes.size() - body) / 4);
    flipped[at] = static_cast<char>(i % 2 ? 0xff : flipped[at] ^ (1 << (state % 8)));
    const fs::path file = dir / ("flip" + std::to_string(i) + ".ply");
    testing::writeText(file, flipped);
    try {
      loadMesh(file, options);
      ++loaded;
    } catch (const IoError& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find(file.filename().string()), std::string::npos) << message;
      ++refused;
      crashed += message.find("crashed") != std::string::npos;
    } catch (const MeshError& e) {
      EXPECT_NE(std::string(e.what()).find(file.filename().string()), std::string::npos);
      ++refused;
    }
  }
  std::printf("bit flips: %d loaded, %d refused (%d crashed the importer)\n", loaded, refused,
              crashed);
  EXPECT_GT(refused, 0);  // the flips do reach the reader
}

}  // namespace
}  // namespace interp3d
