// Image similarity for render tests: a structural-similarity (SSIM) score on luminance.
#pragma once

#include "mesh/textured_mesh.h"

namespace interp3d::testing {

// Mean SSIM over 8x8 windows (stride 4) of the luminance of two images of equal size, in
// [-1, 1] with 1 for identical images. Returns -1 when the sizes differ.
double ssim(const Image& a, const Image& b);

}  // namespace interp3d::testing
