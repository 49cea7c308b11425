#include "io/mesh_import.h"

#include <fstream>
#include <sstream>

#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <gtest/gtest.h>
#include <stb/stb_image_write.h>
#include <assimp/Exporter.hpp>
#include <assimp/Importer.hpp>

#include "io/image_io.h"
#include "mesh/topology.h"
#include "test_meshes.h"
#include "test_support.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {
namespace {

using testing::ScratchDir;
using testing::sharedAssets;
using testing::writeText;

// Expects `fn` to throw E whose message contains every one of `needles`.
template <typename E, typename Fn>
void expectErrorMentions(Fn fn, std::initializer_list<std::string> needles) {
  try {
    fn();
    FAIL() << "expected an error";
  } catch (const E& e) {
    for (const std::string& n : needles)
      EXPECT_NE(std::string(e.what()).find(n), std::string::npos) << e.what();
  }
}

const char* kQuadObj =
    "mtllib quad.mtl\n"
    "v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\n"
    "vt 0 0\nvt 1 0\nvt 1 1\nvt 0 1\n"
    "usemtl tex\nf 1/1 2/2 3/3 4/4\n";

TEST(MeshImport, SpotHasItsTextureAndIsClosed) {
  const LoadedMesh l = loadMesh(sharedAssets() / "spot" / "spot.obj");
  EXPECT_TRUE(l.warnings.empty());
  EXPECT_EQ(l.mesh.vertexCount(), 2930u);
  EXPECT_EQ(l.mesh.triangleCount(), 5856u);
  ASSERT_TRUE(l.mesh.hasTexture());
  ASSERT_EQ(l.mesh.materials.size(), 1u);  // the unused default material is dropped
  EXPECT_EQ(l.mesh.materials[0].baseColorTexture.width, 1024);
  EXPECT_TRUE(computeTopology(l.mesh).watertight());
}

TEST(MeshImport, BobIsGenusOne) {
  const LoadedMesh l = loadMesh(sharedAssets() / "bob" / "bob_tri.obj");
  EXPECT_EQ(l.mesh.triangleCount(), 10688u);
  EXPECT_EQ(l.mesh.materials[0].baseColorTexture.width, 2048);
  EXPECT_EQ(computeTopology(l.mesh).eulerCharacteristic, 0);
}

TEST(MeshImport, SkinnedGlbLoadsInBindPoseWithEmbeddedTexture) {
  const LoadedMesh l = loadMesh(sharedAssets() / "fox" / "Fox.glb");
  EXPECT_EQ(l.mesh.triangleCount(), 576u);
  ASSERT_TRUE(l.mesh.hasTexture());
  EXPECT_EQ(l.mesh.materials[0].textureSource, "embedded");
  EXPECT_EQ(l.mesh.materials[0].baseColorTexture.width, 1024);
  const BoundingBox box = boundingBox(l.mesh.positions);
  EXPECT_GT(box.size().z, 100.0f);  // the fox stands along +Y, about 155 units long
  EXPECT_GT(box.size().y, 60.0f);
}

TEST(MeshImport, OpenTeapotLoadsAsOpen) {
  const LoadedMesh l = loadMesh(sharedAssets() / "untextured" / "teapot.obj");
  EXPECT_FALSE(computeTopology(l.mesh).watertight());
  EXPECT_FALSE(l.mesh.hasTexture());
}

TEST(MeshImport, QuadsAreTriangulatedAndTextureFormatsDecode) {
  ScratchDir dir("formats");
  const Image img = testing::makeTestImage(8, 8);
  ASSERT_TRUE(stbi_write_bmp((dir / "t.bmp").c_str(), 8, 8, 4, img.rgba.data()));
  ASSERT_TRUE(stbi_write_tga((dir / "t.tga").c_str(), 8, 8, 4, img.rgba.data()));
  ASSERT_TRUE(stbi_write_jpg((dir / "t.jpg").c_str(), 8, 8, 4, img.rgba.data(), 100));
  savePng(dir / "t.png", img);
  for (const std::string ext : {"png", "jpg", "bmp", "tga"}) {
    writeText(dir / "quad.mtl", "newmtl tex\nKd 1 1 1\nbsdf pbr\nmap_Kd t." + ext + "\n");
    writeText(dir / "quad.obj", kQuadObj);
    const LoadedMesh l = loadMesh(dir / "quad.obj");
    EXPECT_TRUE(l.warnings.empty()) << ext;
    EXPECT_EQ(l.mesh.triangleCount(), 2u) << ext;
    ASSERT_TRUE(l.mesh.hasTexture()) << ext;
    const Image& t = l.mesh.materials[0].baseColorTexture;
    ASSERT_EQ(t.width, 8) << ext;
    const int tolerance = ext == "jpg" ? 12 : 0;
    EXPECT_NEAR(t.rgba[4 * (3 * 8 + 5) + 0], 16 * 5, tolerance) << ext;  // pixel (5, 3) red
    EXPECT_NEAR(t.rgba[4 * (3 * 8 + 5) + 1], 16 * 3, tolerance) << ext;
  }
}

TEST(MeshImport, MultiMaterialObjKeepsEveryTexture) {
  ScratchDir dir("multi");
  Image red = testing::makeTestImage(2, 2), blue = testing::makeTestImage(4, 4);
  savePng(dir / "a.png", red);
  savePng(dir / "b.png", blue);
  writeText(dir / "m.mtl", "newmtl a\nmap_Kd a.png\nnewmtl b\nKd 0.5 0.25 1\nmap_Kd b.png\n");
  writeText(dir / "m.obj",
            "mtllib m.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvt 1 0\nvt 1 1\n"
            "usemtl a\nf 1/1 2/2 3/3\nusemtl b\nf 1/1 3/3 4/2\n");
  const LoadedMesh l = loadMesh(dir / "m.obj");
  ASSERT_EQ(l.mesh.materials.size(), 2u);
  EXPECT_EQ(l.mesh.materials[0].baseColorTexture.width, 2);
  EXPECT_EQ(l.mesh.materials[1].baseColorTexture.width, 4);
  EXPECT_NEAR(l.mesh.materials[1].baseColorFactor.g, 0.25f, 1e-6);
  EXPECT_NE(l.mesh.materialIds[0], l.mesh.materialIds[1]);
  EXPECT_EQ(l.mesh.vertexCount(), 4u);
}

// An OBJ written with a UTF-8 byte-order mark (some Windows editors do) keeps its first line:
// its material library, and with it the texture, were lost without a word.
TEST(MeshImport, AByteOrderMarkDoesNotHideTheFirstLine) {
  ScratchDir dir("bom");
  savePng(dir / "a.png", testing::makeTestImage(8, 8));
  writeText(dir / "m.mtl", "newmtl a\nmap_Kd a.png\n");
  writeText(dir / "m.obj",
            "\xEF\xBB\xBFmtllib m.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\nvt 0 0\nvt 1 0\nvt 1 1\n"
            "usemtl a\nf 1/1 2/2 3/3\n");
  const LoadedMesh l = loadMesh(dir / "m.obj");
  ASSERT_EQ(l.mesh.materials.size(), 1u);
  EXPECT_EQ(l.mesh.materials[0].baseColorTexture.width, 8);
  EXPECT_EQ(l.mesh.triangleCount(), 1u);
}

// A glTF material whose texture reads the second set of texture coordinates (texCoord 1) is
// mapped by that set, not by the first (here all zeros: the mesh came out one flat colour).
TEST(MeshImport, ATextureOnTheSecondUvSetUsesIt) {
  ScratchDir dir("uv1");
  savePng(dir / "a.png", testing::makeTestImage(4, 4));
  const float data[] = {0,     0,    0,     1,    0,     0,   0, 1, 0,  // POSITION
                        0,     0,    0,     0,    0,     0,             // TEXCOORD_0
                        0.25f, 0.5f, 0.75f, 0.5f, 0.25f, 1.0f};         // TEXCOORD_1
  {
    std::ofstream bin(dir / "b.bin", std::ios::binary);
    bin.write(reinterpret_cast<const char*>(data), sizeof data);
  }
  writeText(dir / "m.gltf", R"({"asset": {"version": "2.0"}, "scene": 0,
    "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
    "meshes": [{"primitives": [{"attributes": {"POSITION": 0, "TEXCOORD_0": 1, "TEXCOORD_1": 2},
                                "material": 0}]}],
    "materials": [{"pbrMetallicRoughness": {"baseColorTexture": {"index": 0, "texCoord": 1}}}],
    "textures": [{"source": 0}], "images": [{"uri": "a.png"}],
    "buffers": [{"uri": "b.bin", "byteLength": 84}],
    "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 36},
                    {"buffer": 0, "byteOffset": 36, "byteLength": 24},
                    {"buffer": 0, "byteOffset": 60, "byteLength": 24}],
    "accessors": [
      {"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
       "min": [0, 0, 0], "max": [1, 1, 0]},
      {"bufferView": 1, "componentType": 5126, "count": 3, "type": "VEC2"},
      {"bufferView": 2, "componentType": 5126, "count": 3, "type": "VEC2"}]})");
  const LoadedMesh l = loadMesh(dir / "m.gltf");
  ASSERT_EQ(l.mesh.triangleCount(), 1u);
  ASSERT_TRUE(l.mesh.hasUVs());
  ASSERT_EQ(l.mesh.materials[0].baseColorTexture.width, 4);
  float u = 0.0f;
  for (const glm::vec2& uv : l.mesh.cornerUVs) u += uv.x;
  EXPECT_NEAR(u, 1.25f, 1e-5f);  // the second set's (0.25 + 0.75 + 0.25), not zeros
}

namespace {
// A one-triangle glTF in `dir`/NAME with its data in b.bin: texture coordinates (0, 0), (1, 0),
// (0, 1) in glTF's texture space, indices 0 1 `last`, `extra` spliced into the top-level object,
// `node` into its node and `textureInfo` into the material's base colour texture reference.
fs::path triangleGltf(const fs::path& dir, const std::string& name, const std::string& extra = "",
                      const std::string& node = "", const std::string& textureInfo = "",
                      std::uint16_t last = 2) {
  const float data[] = {0, 0, 0, 1, 0, 0, 0, 1, 0,  // POSITION
                        0, 0, 1, 0, 0, 1};          // TEXCOORD_0
  const std::uint16_t indices[] = {0, 1, last, 0};  // padded to 4 bytes
  {
    std::ofstream bin(dir / "b.bin", std::ios::binary);
    bin.write(reinterpret_cast<const char*>(data), sizeof data);
    bin.write(reinterpret_cast<const char*>(indices), sizeof indices);
  }
  if (!fs::exists(dir / "a.png")) savePng(dir / "a.png", testing::makeTestImage(4, 4));
  writeText(dir / name, R"({"asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}],
    "nodes": [{"mesh": 0)" + node +
                            R"(}],
    "meshes": [{"primitives": [{"attributes": {"POSITION": 0, "TEXCOORD_0": 1}, "indices": 2,
                                "material": 0}]}],
    "materials": [{"name": "skin", "pbrMetallicRoughness": {"baseColorTexture": {"index": 0)" +
                            textureInfo + R"(}}}],
    "textures": [{"source": 0}], "images": [{"uri": "a.png"}],
    "buffers": [{"uri": "b.bin", "byteLength": 68}],
    "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 36},
                    {"buffer": 0, "byteOffset": 36, "byteLength": 24},
                    {"buffer": 0, "byteOffset": 60, "byteLength": 6}],
    "accessors": [
      {"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
       "min": [0, 0, 0], "max": [1, 1, 0]},
      {"bufferView": 1, "componentType": 5126, "count": 3, "type": "VEC2"},
      {"bufferView": 2, "componentType": 5123, "count": 3, "type": "SCALAR"}])" +
                            extra + "}");
  return dir / name;
}

std::string allWarnings(const LoadedMesh& l) {
  std::string all;
  for (const std::string& w : l.warnings) all += w + "\n";
  return all;
}

std::string importError(const fs::path& file) {
  try {
    loadMesh(file);
  } catch (const Error& e) {
    return e.what();
  }
  return "(read without an error)";
}
}  // namespace

// A colour texture's KHR_texture_transform moves the texture coordinates (it was ignored, and an
// atlas showed the wrong tile). The extension's own example: the lower-left quarter of the image,
// turned a quarter clockwise. Imported coordinates have v up (1 minus glTF's v).
TEST(MeshImport, AGltfTextureTransformMovesTheTextureCoordinates) {
  ScratchDir dir("textransform");
  const LoadedMesh plain = loadMesh(triangleGltf(dir.path(), "plain.gltf"));
  ASSERT_EQ(plain.mesh.cornerUVs.size(), 3u);
  EXPECT_NEAR(plain.mesh.cornerUVs[1].x, 1.0f, 1e-6f);
  EXPECT_NEAR(plain.mesh.cornerUVs[1].y, 1.0f, 1e-6f);  // glTF (1, 0)
  const LoadedMesh moved = loadMesh(triangleGltf(dir.path(), "moved.gltf", "", "",
                                                 R"(, "extensions": {"KHR_texture_transform":
           {"offset": [0, 1], "rotation": 1.57079632679, "scale": [0.5, 0.5]}})"));
  ASSERT_EQ(moved.mesh.cornerUVs.size(), 3u);
  const glm::vec2 expected[] = {{0.0f, 0.0f}, {0.0f, 0.5f}, {0.5f, 0.0f}};
  for (int k = 0; k < 3; ++k) {
    EXPECT_NEAR(moved.mesh.cornerUVs[k].x, expected[k].x, 1e-5f)
        << "corner " << k << ": " << moved.mesh.cornerUVs[k].x << " " << moved.mesh.cornerUVs[k].y;
    EXPECT_NEAR(moved.mesh.cornerUVs[k].y, expected[k].y, 1e-5f)
        << "corner " << k << ": " << moved.mesh.cornerUVs[k].x << " " << moved.mesh.cornerUVs[k].y;
  }
  EXPECT_EQ(allWarnings(moved), "");
}

// glTF files the importer would misread are refused by name, and what it would drop is said:
// faces on vertices that do not exist (dropped, leaving holes), a rotation that is not a unit
// quaternion (it squashed the mesh), quantised vertices (read as garbage), a colour texture only
// in WebP (the model came in white), an extension the file requires and nothing reads.
TEST(MeshImport, GltfTheImporterWouldMisreadIsRefusedOrSaid) {
  ScratchDir dir("gltfmisread");
  EXPECT_NE(importError(triangleGltf(dir.path(), "oob.gltf", "", "", "", 7))
                .find("oob.gltf: some faces refer to vertices the file does not have"),
            std::string::npos);
  EXPECT_NE(importError(triangleGltf(dir.path(), "quat.gltf", "", R"(, "rotation": [0, 2, 0, 2])"))
                .find("quat.gltf: node 0's rotation [0,2,0,2] is not a unit quaternion"),
            std::string::npos);
  EXPECT_EQ(loadMesh(triangleGltf(dir.path(), "turn.gltf", "", R"(, "rotation": [0, 0.6, 0, 0.8])"))
                .mesh.triangleCount(),
            1u);
  EXPECT_NE(importError(triangleGltf(dir.path(), "q.gltf",
                                     R"(, "extensionsUsed": ["KHR_mesh_quantization"],
                                        "extensionsRequired": ["KHR_mesh_quantization"])"))
                .find("q.gltf: its vertices are stored quantised"),
            std::string::npos);
  const fs::path webp = triangleGltf(dir.path(), "webp.gltf");
  std::ostringstream read;
  read << std::ifstream(webp).rdbuf();
  std::string text = read.str();
  const std::string plainTexture = R"("textures": [{"source": 0}])";
  text.replace(text.find(plainTexture), plainTexture.size(),
               R"("textures": [{"extensions": {"EXT_texture_webp": {"source": 0}}}])");
  writeText(webp, text);
  const LoadedMesh w = loadMesh(webp);
  EXPECT_TRUE(w.mesh.materials[0].baseColorTexture.empty());
  EXPECT_NE(allWarnings(w).find("webp.gltf: the colour texture of material 'skin' is only given "
                                "as WebP (EXT_texture_webp)"),
            std::string::npos);
  EXPECT_NE(allWarnings(loadMesh(triangleGltf(dir.path(), "req.gltf",
                                              R"(, "extensionsUsed": ["EXT_mesh_gpu_instancing"],
                               "extensionsRequired": ["EXT_mesh_gpu_instancing"])")))
                .find("req.gltf: the file requires the extension EXT_mesh_gpu_instancing"),
            std::string::npos);
  EXPECT_EQ(allWarnings(loadMesh(triangleGltf(dir.path(), "plain.gltf"))), "");
}

// A file with no faces says so in words, not in the importer's ("Validation failed:
// aiScene::mNumMeshes is 0", "Mesh  contains no faces").
TEST(MeshImport, AFileWithoutFacesSaysSo) {
  ScratchDir dir("nofaces");
  writeText(dir / "text.obj", "hello world\nthis is text\n");
  writeText(dir / "points.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\n");
  EXPECT_NE(importError(dir / "text.obj").find("text.obj: cannot read mesh: it holds no mesh"),
            std::string::npos)
      << importError(dir / "text.obj");
  EXPECT_NE(importError(dir / "points.obj")
                .find("points.obj: cannot read mesh: it has vertices but no faces"),
            std::string::npos)
      << importError(dir / "points.obj");
}

// What an OBJ asks for that could not be had is said, not dropped: a material no library
// defines, texture coordinates no face can use, a texture named as a URI, a model a million
// times its size from the origin, and another kind of file named .obj.
TEST(MeshImport, WhatAnObjAsksForAndDoesNotGetIsSaid) {
  ScratchDir dir("objasks");
  savePng(dir / "my tex.png", testing::makeTestImage(4, 4));
  writeText(dir / "m.mtl", "newmtl a\nmap_Kd my%20tex.png\n");
  const std::string triangle = "v 0 0 0\nv 1 0 0\nv 1 1 0\nvt 0 0\nvt 1 0\nvt 1 1\n";
  auto warnings = [&](const std::string& name, const std::string& text) {
    writeText(dir / name, text);
    std::string all;
    for (const std::string& w : loadMesh(dir / name).warnings) all += w + "\n";
    return all;
  };
  writeText(dir / "uri.obj", "mtllib m.mtl\n" + triangle + "usemtl a\nf 1/1 2/2 3/3\n");
  EXPECT_EQ(loadMesh(dir / "uri.obj").mesh.materials[0].baseColorTexture.width, 4);
  EXPECT_NE(warnings("zzz.obj", "mtllib m.mtl\n" + triangle + "usemtl zzz\nf 1/1 2/2 3/3\n")
                .find("material 'zzz', which no material library defines"),
            std::string::npos);
  EXPECT_NE(warnings("vt.obj", "mtllib m.mtl\n" + triangle + "usemtl a\nf 1/1 2/2 3/30\n")
                .find("texture coordinates could not be read"),
            std::string::npos);
  EXPECT_NE(warnings("far.obj", "v 1000000 0 0\nv 1000001 0 0\nv 1000001 1 0\nf 1 2 3\n")
                .find("times its own size from the origin"),
            std::string::npos);
  EXPECT_EQ(warnings("plain.obj", "mtllib m.mtl\n" + triangle + "usemtl a\nf 1/1 2/2 3/3\n"), "");
  writeText(dir / "png.obj", "\x89PNG\r\n\x1a\n");
  try {
    loadMesh(dir / "png.obj");
    ADD_FAILURE() << "a PNG named .obj was read";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("this is a PNG image, not an OBJ"), std::string::npos)
        << e.what();
  }
}

TEST(MeshImport, NodeTransformsAreAppliedAndMeshesMerged) {
  ScratchDir dir("nodes");
  // Two instances of one triangle, the second translated by +10 in X.
  writeText(dir / "two.dae", R"(<?xml version="1.0" encoding="utf-8"?>
<COLLADA xmlns="http://www.collada.org/2005/11/COLLADASchema" version="1.4.1">
  <asset><unit meter="1"/><up_axis>Y_UP</up_axis></asset>
  <library_geometries><geometry id="tri"><mesh>
    <source id="p"><float_array id="pa" count="9">0 0 0 1 0 0 0 1 0</float_array>
      <technique_common><accessor source="#pa" count="3" stride="3">
        <param name="X" type="float"/><param name="Y" type="float"/><param name="Z" type="float"/>
      </accessor></technique_common></source>
    <vertices id="v"><input semantic="POSITION" source="#p"/></vertices>
    <triangles count="1"><input semantic="VERTEX" source="#v" offset="0"/><p>0 1 2</p></triangles>
  </mesh></geometry></library_geometries>
  <library_visual_scenes><visual_scene id="s">
    <node id="a"><instance_geometry url="#tri"/></node>
    <node id="b"><translate>10 0 0</translate><instance_geometry url="#tri"/></node>
  </visual_scene></library_visual_scenes>
  <scene><instance_visual_scene url="#s"/></scene>
</COLLADA>)");
  const LoadedMesh l = loadMesh(dir / "two.dae");
  EXPECT_EQ(l.mesh.triangleCount(), 2u);
  EXPECT_EQ(l.mesh.vertexCount(), 6u);
  const BoundingBox box = boundingBox(l.mesh.positions);
  EXPECT_NEAR(box.max.x, 11.0f, 1e-5);
  EXPECT_EQ(computeTopology(l.mesh).components, 2u);
}

// A node that mirrors its mesh (a negative scale) keeps the faces facing out: the winding is
// reversed with the mirror (glTF 2.0, 3.7.4), so the solid's volume stays positive.
TEST(MeshImport, AMirroringNodeKeepsTheFacesFacingOut) {
  ScratchDir dir("mirror");
  // A tetrahedron with outward faces, once as it is and once mirrored in X and moved aside.
  writeText(dir / "mirror.dae", R"(<?xml version="1.0" encoding="utf-8"?>
<COLLADA xmlns="http://www.collada.org/2005/11/COLLADASchema" version="1.4.1">
  <asset><unit meter="1"/><up_axis>Y_UP</up_axis></asset>
  <library_geometries><geometry id="tet"><mesh>
    <source id="p"><float_array id="pa" count="12">0 0 0 1 0 0 0 1 0 0 0 1</float_array>
      <technique_common><accessor source="#pa" count="4" stride="3">
        <param name="X" type="float"/><param name="Y" type="float"/><param name="Z" type="float"/>
      </accessor></technique_common></source>
    <vertices id="v"><input semantic="POSITION" source="#p"/></vertices>
    <triangles count="4"><input semantic="VERTEX" source="#v" offset="0"/>
      <p>0 2 1 0 1 3 0 3 2 1 2 3</p></triangles>
  </mesh></geometry></library_geometries>
  <library_visual_scenes><visual_scene id="s">
    <node id="a"><instance_geometry url="#tet"/></node>
    <node id="b"><translate>10 0 0</translate><scale>-1 1 1</scale>
      <instance_geometry url="#tet"/></node>
  </visual_scene></library_visual_scenes>
  <scene><instance_visual_scene url="#s"/></scene>
</COLLADA>)");
  const LoadedMesh l = loadMesh(dir / "mirror.dae");
  ASSERT_EQ(l.mesh.triangleCount(), 8u);
  double plain = 0.0, mirrored = 0.0;  // signed volumes (divergence theorem)
  for (const glm::uvec3& t : l.mesh.triangles) {
    const glm::vec3 a = l.mesh.positions[t.x], b = l.mesh.positions[t.y], c = l.mesh.positions[t.z];
    (a.x > 5.0f || b.x > 5.0f || c.x > 5.0f ? mirrored : plain) +=
        glm::dot(a, glm::cross(b, c)) / 6.0;
  }
  EXPECT_NEAR(plain, 1.0 / 6.0, 1e-5);
  EXPECT_NEAR(mirrored, 1.0 / 6.0, 1e-5);
}

// Spot as Assimp reads it, for having Assimp write it in other formats.
const aiScene* readSpot(Assimp::Importer& importer) {
  return importer.ReadFile((sharedAssets() / "spot" / "spot.obj").string(), aiProcess_Triangulate);
}

TEST(MeshImport, ReadsFormatsAssimpWrites) {
  ScratchDir dir("assimp");
  Assimp::Importer importer;
  const aiScene* scene = readSpot(importer);
  ASSERT_NE(scene, nullptr);
  Assimp::Exporter exporter;
  for (const auto& [id, ext] : std::vector<std::pair<std::string, std::string>>{
           {"fbxa", "fbx"}, {"collada", "dae"}, {"stl", "stl"}, {"plyb", "ply"}, {"glb2", "glb"}}) {
    const fs::path out = dir / ("spot." + ext);
    ASSERT_EQ(exporter.Export(scene, id, out.string()), AI_SUCCESS)
        << id << exporter.GetErrorString();
    const LoadedMesh l = loadMesh(out);
    EXPECT_EQ(l.mesh.triangleCount(), 5856u) << ext;
    EXPECT_EQ(l.mesh.vertexCount(), 2930u) << ext;
  }
}

TEST(MeshImport, GltfWithExternalTexture) {
  ScratchDir dir("gltf");
  Assimp::Importer importer;
  const aiScene* scene = readSpot(importer);
  ASSERT_NE(scene, nullptr);
  Assimp::Exporter exporter;
  ASSERT_EQ(exporter.Export(scene, "gltf2", (dir / "spot.gltf").string()), AI_SUCCESS);
  fs::copy_file(sharedAssets() / "spot" / "spot_texture.png", dir / "spot_texture.png");
  const LoadedMesh l = loadMesh(dir / "spot.gltf");
  EXPECT_TRUE(l.warnings.empty());
  EXPECT_EQ(l.mesh.triangleCount(), 5856u);
  ASSERT_TRUE(l.mesh.hasTexture());
  EXPECT_EQ(l.mesh.materials[0].baseColorTexture.width, 1024);
  EXPECT_NE(l.mesh.materials[0].textureSource.find("spot_texture.png"), std::string::npos);
}

TEST(MeshImport, ReadsOff) {
  ScratchDir dir("off");
  writeText(dir / "tet.off",
            "OFF\n4 4 0\n0 0 0\n1 0 0\n0 1 0\n0 0 1\n3 0 2 1\n3 0 1 3\n3 0 3 2\n3 1 2 3\n");
  const LoadedMesh l = loadMesh(dir / "tet.off");
  EXPECT_EQ(l.mesh.triangleCount(), 4u);
  EXPECT_TRUE(computeTopology(l.mesh).watertight());
}

// --- bad input ---

TEST(MeshImportErrors, MissingFile) {
  expectErrorMentions<IoError>([] { loadMesh("/nonexistent/dir/none.obj"); },
                               {"none.obj", "does not exist"});
}

TEST(MeshImportErrors, EmptyFile) {
  ScratchDir dir("empty");
  writeText(dir / "empty.obj", "");
  expectErrorMentions<IoError>([&] { loadMesh(dir / "empty.obj"); }, {"empty.obj", "empty"});
}

TEST(MeshImportErrors, CorruptFiles) {
  ScratchDir dir("corrupt");
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 7919) % 251));
  writeText(dir / "garbage.glb", garbage);
  expectErrorMentions<Error>([&] { loadMesh(dir / "garbage.glb"); }, {"garbage.glb"});
  writeText(dir / "garbage.fbx", garbage);
  expectErrorMentions<Error>([&] { loadMesh(dir / "garbage.fbx"); }, {"garbage.fbx"});
  // A GLB cut in half.
  const std::string fox = [&] {
    std::ifstream in(sharedAssets() / "fox" / "Fox.glb", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  writeText(dir / "cut.glb", fox.substr(0, fox.size() / 2));
  expectErrorMentions<Error>([&] { loadMesh(dir / "cut.glb"); }, {"cut.glb"});
}

TEST(MeshImportErrors, NoTriangles) {
  ScratchDir dir("notris");
  writeText(dir / "points.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nl 1 2\n");
  expectErrorMentions<Error>([&] { loadMesh(dir / "points.obj"); }, {"points.obj"});
}

TEST(MeshImportErrors, NonFiniteCoordinates) {
  ScratchDir dir("nan");
  writeText(dir / "nan.obj", "v 0 0 0\nv nan 0 0\nv 0 1 0\nf 1 2 3\n");
  expectErrorMentions<MeshError>([&] { loadMesh(dir / "nan.obj"); }, {"nan.obj", "non-finite"});
  writeText(dir / "inf.obj", "v 0 0 0\nv inf 0 0\nv 0 1 0\nf 1 2 3\n");
  expectErrorMentions<MeshError>([&] { loadMesh(dir / "inf.obj"); }, {"inf.obj", "non-finite"});
}

TEST(MeshImportErrors, OutOfRangeIndices) {
  ScratchDir dir("range");
  writeText(dir / "range.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 99\n");
  expectErrorMentions<Error>([&] { loadMesh(dir / "range.obj"); }, {"range.obj"});
  writeText(dir / "range.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 7\n");
  expectErrorMentions<Error>([&] { loadMesh(dir / "range.off"); }, {"range.off"});
}

TEST(MeshImportErrors, MissingTextureIsAWarningAndKeepsTheBaseColour) {
  ScratchDir dir("notex");
  writeText(dir / "quad.mtl", "newmtl tex\nKd 0.2 0.4 0.6\nmap_Kd gone.png\n");
  writeText(dir / "quad.obj", kQuadObj);
  const LoadedMesh l = loadMesh(dir / "quad.obj");
  ASSERT_EQ(l.warnings.size(), 1u);
  EXPECT_NE(l.warnings[0].find("gone.png"), std::string::npos);
  EXPECT_NE(l.warnings[0].find("quad.obj"), std::string::npos);
  EXPECT_FALSE(l.mesh.hasTexture());
  EXPECT_NEAR(l.mesh.materials[0].baseColorFactor.b, 0.6f, 1e-6);
}

// Assimp says nothing when an OBJ's material library is missing or is not one (found by a
// bad-input sweep: the morph came out untextured without a word).
TEST(MeshImportErrors, AMissingOrBogusMaterialLibraryIsAWarning) {
  ScratchDir dir("nomtl");
  writeText(dir / "quad.obj", kQuadObj);  // names quad.mtl, which is not there
  const LoadedMesh missing = loadMesh(dir / "quad.obj");
  ASSERT_EQ(missing.warnings.size(), 1u);
  EXPECT_NE(missing.warnings[0].find("quad.obj: its material library 'quad.mtl' is missing"),
            std::string::npos)
      << missing.warnings[0];
  writeText(dir / "quad.mtl", "\x01\x02 not a material library");
  const LoadedMesh bogus = loadMesh(dir / "quad.obj");
  ASSERT_EQ(bogus.warnings.size(), 1u);
  EXPECT_NE(bogus.warnings[0].find("defines no material"), std::string::npos) << bogus.warnings[0];
  writeText(dir / "quad.mtl", "newmtl tex\nKd 0.2 0.4 0.6\n");
  EXPECT_TRUE(loadMesh(dir / "quad.obj").warnings.empty());
}

TEST(MeshImportErrors, CorruptTextureIsAWarning) {
  ScratchDir dir("badtex");
  writeText(dir / "bad.png", "not a png at all");
  writeText(dir / "quad.mtl", "newmtl tex\nmap_Kd bad.png\n");
  writeText(dir / "quad.obj", kQuadObj);
  const LoadedMesh l = loadMesh(dir / "quad.obj");
  ASSERT_EQ(l.warnings.size(), 1u);
  EXPECT_NE(l.warnings[0].find("bad.png"), std::string::npos);
  EXPECT_FALSE(l.mesh.hasTexture());
}

}  // namespace
}  // namespace interp3d
