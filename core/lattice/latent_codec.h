// Codes for the local patches of the structured latent (lattice/structured_latent.h): a patch is
// the signed distances at a lattice cell's 8 corners, a colour and a normal; a LatentCodec turns
// patches into codes and back. The plain codec stores the raw samples; a learned codec (the
// prior's) plugs in through MorphOptions::codec.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

namespace interp3d {

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

}  // namespace interp3d
