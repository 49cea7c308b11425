#include "test_hostile_files.h"

#include <cstring>

#include <nlohmann/json.hpp>

namespace interp3d::testing {

namespace {

void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

std::string triangleBin() {
  const float p[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
  return std::string(reinterpret_cast<const char*>(p), sizeof(p));
}

nlohmann::json triangleGltf(nlohmann::json nodes, std::uint64_t bufferBytes = 36,
                            std::uint64_t count = 3) {
  return {{"asset", {{"version", "2.0"}}},
          {"scene", 0},
          {"scenes", {{{"nodes", {0}}}}},
          {"nodes", std::move(nodes)},
          {"meshes", {{{"primitives", {{{"attributes", {{"POSITION", 0}}}}}}}}},
          {"accessors",
           {{{"bufferView", 0},
             {"componentType", 5126},
             {"count", count},
             {"type", "VEC3"},
             {"min", {0, 0, 0}},
             {"max", {1, 1, 0}}}}},
          {"bufferViews", {{{"buffer", 0}, {"byteLength", 36}}}},
          {"buffers", {{{"byteLength", bufferBytes}}}}};
}

}  // namespace

std::string makeGlb(const std::string& json, const std::string& bin) {
  std::string j = json, b = bin;
  while (j.size() % 4) j.push_back(' ');
  while (b.size() % 4) b.push_back('\0');
  std::string out = "glTF";
  put32(out, 2);
  put32(out, static_cast<std::uint32_t>(12 + 8 + j.size() + (b.empty() ? 0 : 8 + b.size())));
  put32(out, static_cast<std::uint32_t>(j.size()));
  out += "JSON" + j;
  if (!b.empty()) {
    put32(out, static_cast<std::uint32_t>(b.size()));
    out += std::string("BIN\0", 4) + b;
  }
  return out;
}

std::string glbNodeChain(int depth) {
  nlohmann::json nodes = nlohmann::json::array();
  for (int i = 0; i + 1 < depth; ++i) nodes.push_back({{"children", {i + 1}}});
  nodes.push_back({{"mesh", 0}});
  return makeGlb(triangleGltf(nodes).dump(), triangleBin());
}

std::string glbClaimingJsonBytes(std::uint32_t claimed) {
  std::string out = makeGlb(R"({"asset":{"version":"2.0"}})", "");
  out.resize(588, ' ');
  out[8] = static_cast<char>(588 & 0xFF);
  out[9] = static_cast<char>(588 >> 8);
  std::memcpy(&out[12], &claimed, 4);  // little-endian machines only, as the format
  return out;
}

std::string glbBufferLongerThanItsChunk() {
  return makeGlb(triangleGltf({{{"mesh", 0}}}, 2000000000).dump(), triangleBin());
}

std::string glbAccessorPastItsView() {
  return makeGlb(triangleGltf({{{"mesh", 0}}}, 36, 500000000).dump(), triangleBin());
}

std::string glbNodeCycle() {
  return makeGlb(triangleGltf({{{"children", {1}}}, {{"children", {0}}, {"mesh", 0}}}).dump(),
                 triangleBin());
}

std::string truncatedAsciiPly() {
  return "ply\nformat ascii 1.0\n";
}

std::string plyClaimingVertices(std::uint64_t vertices) {
  return "ply\nformat binary_little_endian 1.0\nelement vertex " + std::to_string(vertices) +
         "\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty list "
         "uchar int vertex_indices\nend_header\n";
}

std::string offWithNegativeIndex() {
  return "OFF\n4 4 0\n0 0 0\n1 0 0\n0 1 0\n0 0 1\n3 0 2 1\n3 0 1 3\n3 0 3 2\n3 1 2 -1\n";
}

std::string goodOff() {
  return "OFF\n# a tetrahedron\n4 4 0\n0 0 0\n1 0 0\n0 1 0\n0 0 1\n3 0 2 1\n3 0 1 3\n3 0 3 2\n"
         "3 1 2 3\n";
}

std::string stlClaimingTriangles(std::uint32_t triangles) {
  std::string out(80, ' ');
  put32(out, triangles);
  out += std::string(50, '\0');
  return out;
}

}  // namespace interp3d::testing
