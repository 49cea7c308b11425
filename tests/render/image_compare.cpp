#include "render/image_compare.h"

#include <vector>

namespace interp3d::testing {

namespace {
std::vector<double> luminance(const Image& img) {
  std::vector<double> y(static_cast<std::size_t>(img.width) * img.height);
  for (std::size_t i = 0; i < y.size(); ++i) {
    const std::uint8_t* p = &img.rgba[4 * i];
    y[i] = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
  }
  return y;
}
}  // namespace

double ssim(const Image& a, const Image& b) {
  if (a.width != b.width || a.height != b.height || a.empty()) return -1.0;
  const std::vector<double> ya = luminance(a), yb = luminance(b);
  const double c1 = (0.01 * 255) * (0.01 * 255), c2 = (0.03 * 255) * (0.03 * 255);
  const int win = 8, stride = 4;
  double total = 0.0;
  int windows = 0;
  for (int y0 = 0; y0 + win <= a.height; y0 += stride) {
    for (int x0 = 0; x0 + win <= a.width; x0 += stride) {
      double ma = 0, mb = 0;
      for (int y = y0; y < y0 + win; ++y) {
        for (int x = x0; x < x0 + win; ++x) {
          ma += ya[static_cast<std::size_t>(y) * a.width + x];
          mb += yb[static_cast<std::size_t>(y) * a.width + x];
        }
      }
      const double n = win * win;
      ma /= n;
      mb /= n;
      double va = 0, vb = 0, cov = 0;
      for (int y = y0; y < y0 + win; ++y) {
        for (int x = x0; x < x0 + win; ++x) {
          const double da = ya[static_cast<std::size_t>(y) * a.width + x] - ma;
          const double db = yb[static_cast<std::size_t>(y) * a.width + x] - mb;
          va += da * da;
          vb += db * db;
          cov += da * db;
        }
      }
      va /= n - 1;
      vb /= n - 1;
      cov /= n - 1;
      total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      ++windows;
    }
  }
  return windows ? total / windows : -1.0;
}

}  // namespace interp3d::testing
