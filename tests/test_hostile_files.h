// Hostile mesh files, made by the tests themselves: each reproduces a file that once crashed,
// hung or flooded the importer (issue 10), as bytes to write anywhere.
#pragma once

#include <cstdint>
#include <string>

namespace interp3d::testing {

// A GLB from its JSON and binary chunk (padded as the format requires).
std::string makeGlb(const std::string& json, const std::string& bin);
// A triangle GLB whose nodes form a chain `depth` long, the mesh on the deepest node.
std::string glbNodeChain(int depth);
// 588 bytes whose JSON chunk claims `claimed` bytes.
std::string glbClaimingJsonBytes(std::uint32_t claimed);
// A GLB whose buffer declares more bytes than its BIN chunk holds.
std::string glbBufferLongerThanItsChunk();
// A GLB whose position accessor reads past its buffer view.
std::string glbAccessorPastItsView();
// A GLB whose nodes form a cycle.
std::string glbNodeCycle();
// "ply\nformat ascii 1.0\n": a header that never ends.
std::string truncatedAsciiPly();
// A complete header declaring `vertices` vertices and one face, with no body.
std::string plyClaimingVertices(std::uint64_t vertices);
// A tetrahedron whose last face names vertex -1.
std::string offWithNegativeIndex();
// A tetrahedron OFF that is fine.
std::string goodOff();
// A binary STL header declaring `triangles` triangles, with one.
std::string stlClaimingTriangles(std::uint32_t triangles);

}  // namespace interp3d::testing
