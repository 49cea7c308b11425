// The classical peer: OpenVDB's level-set morphing (tools::LevelSetMorphing) between the signed
// distance fields of two meshes, at the same voxel size and frame count as our morph. Frames are
// sampled evenly in its pseudo-time until the level set stops moving. Only openvdb_morph.cpp sees
// OpenVDB; writing the frames is the caller's (bench/vs_openvdb.h).
#pragma once

#include <vector>

#include "mesh/textured_mesh.h"

namespace interp3d {

struct OpenVdbMorphOptions {
  int frames = 17;
  int resolution = 64;  // voxels across the unit cube
};

struct OpenVdbMorphResult {
  double seconds = 0.0;              // level sets, morphing and meshing (not file writing)
  double pseudoTime = 0.0;           // until convergence
  std::size_t iterations = 0;        // CFL steps
  std::vector<TexturedMesh> frames;  // untextured, grey, in interpolated user units
};

// Throws Error when a frame comes out empty.
OpenVdbMorphResult openVdbMorph(const TexturedMesh& source, const TexturedMesh& target,
                                const OpenVdbMorphOptions& options);

}  // namespace interp3d
