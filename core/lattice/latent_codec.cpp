#include "lattice/latent_codec.h"

namespace interp3d {

void PlainCodec::encode(const VoxelPatch* patches, std::size_t n, float /*spacing*/,
                        float* codes) const {
  for (std::size_t v = 0; v < n; ++v) {
    const VoxelPatch& patch = patches[v];
    float* code = codes + v * 14;
    for (int c = 0; c < 8; ++c) code[c] = patch.sdf[c];
    for (int a = 0; a < 3; ++a) code[8 + a] = patch.color[a], code[11 + a] = patch.normal[a];
  }
}

void PlainCodec::decode(const float* codes, std::size_t n, float /*spacing*/,
                        VoxelPatch* patches) const {
  for (std::size_t v = 0; v < n; ++v) {
    const float* code = codes + v * 14;
    VoxelPatch& patch = patches[v];
    for (int c = 0; c < 8; ++c) patch.sdf[c] = code[c];
    for (int a = 0; a < 3; ++a) patch.color[a] = code[8 + a], patch.normal[a] = code[11 + a];
  }
}

}  // namespace interp3d
