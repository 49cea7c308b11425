// Small meshes built in code for tests.
#pragma once

#include "mesh/textured_mesh.h"

namespace interp3d::testing {

// A closed unit cube [0,1]^3, 8 vertices, 12 outward counter-clockwise triangles, per-corner
// UVs and one material with a 4x4 texture whose pixel (x, y) is (16x, 16y, 200, 255).
TexturedMesh makeCube();

// A 4x4 RGBA image with pixel (x, y) = (16x, 16y, 200, 255).
Image makeTestImage(int width = 4, int height = 4);

// Signed volume (positive when triangles are counter-clockwise seen from outside).
double signedVolume(const TexturedMesh& mesh);

}  // namespace interp3d::testing
