// The structured latent (DESIGN.md stage 1): for every lattice cell the surface passes through, a
// code for its local patch — signed distances at the cell's 8 corners, colour and normal. A
// LatentCodec turns patches into codes and back. The plain codec stores the raw samples; a learned
// codec (issue 4) plugs in through MorphOptions::codec and its decoded distances are what the
// morph interpolates and meshes.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "mesh/textured_mesh.h"
#include "morph/grid.h"

namespace interp3d {

class SurfaceQuery;

struct VoxelPatch {
  std::array<float, 8> sdf{};  // corner c at offset (c & 1, (c >> 1) & 1, (c >> 2) & 1)
  glm::vec3 color{1.0f};       // base colour at the surface point nearest the cell centre, RGB 0..1
  glm::vec3 normal{0.0f, 0.0f, 1.0f};
};

class LatentCodec {
 public:
  virtual ~LatentCodec() = default;
  virtual std::string name() const = 0;
  virtual int codeSize() const = 0;
  // Encodes `n` patches of a lattice with point spacing `spacing`; writes n * codeSize() floats.
  virtual void encode(const VoxelPatch* patches, std::size_t n, float spacing,
                      float* codes) const = 0;
  // Decodes `n` codes (n * codeSize() floats) into `patches`.
  virtual void decode(const float* codes, std::size_t n, float spacing,
                      VoxelPatch* patches) const = 0;
};

// Raw samples: 8 distances, colour, normal (14 floats). Decoding returns the patch exactly.
class PlainCodec : public LatentCodec {
 public:
  std::string name() const override { return "plain"; }
  int codeSize() const override { return 14; }
  void encode(const VoxelPatch* patches, std::size_t n, float spacing, float* codes) const override;
  void decode(const float* codes, std::size_t n, float spacing, VoxelPatch* patches) const override;
};

struct StructuredLatent {
  std::vector<glm::ivec3> cells;  // lattice index of each active cell's corner 0
  std::vector<float> codes;       // cells.size() * codeSize
  int codeSize = 0;
};

// Encodes every lattice cell of `sdf` whose corners change sign. Colours and normals come from
// `mesh` (in the lattice's coordinates) at the surface point nearest each cell centre, found with
// `query` (built on `mesh`).
StructuredLatent encodeStructuredLatent(const ScalarGrid& sdf, const TexturedMesh& mesh,
                                        const SurfaceQuery& query, const LatentCodec& codec);

// Writes the decoded corner distances back into `sdf` (corners shared by several active cells
// get the mean of their decoded values); lattice points outside active cells are unchanged.
void decodeStructuredLatent(const StructuredLatent& latent, const LatentCodec& codec,
                            ScalarGrid& sdf);

}  // namespace interp3d
