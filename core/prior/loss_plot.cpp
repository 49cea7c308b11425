#include "prior/loss_plot.h"

#include <algorithm>
#include <cmath>

namespace interp3d {

namespace {

struct Canvas {
  Image& img;
  void put(int x, int y, const std::uint8_t* c) {
    if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
    std::uint8_t* p = &img.rgba[4 * (static_cast<std::size_t>(y) * img.width + x)];
    for (int i = 0; i < 3; ++i) p[i] = c[i];
    p[3] = 255;
  }
  void line(int x0, int y0, int x1, int y1, const std::uint8_t* c) {
    const int dx = std::abs(x1 - x0), dy = -std::abs(y1 - y0);
    const int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    while (true) {
      put(x0, y0, c);
      put(x0, y0 + 1, c);
      if (x0 == x1 && y0 == y1) break;
      const int e2 = 2 * err;
      if (e2 >= dy) err += dy, x0 += sx;
      if (e2 <= dx) err += dx, y0 += sy;
    }
  }
};

}  // namespace

Image plotLossCurves(const std::vector<LossSeries>& series, int width, int panelHeight) {
  static const std::uint8_t colors[4][3] = {
      {31, 119, 180}, {255, 127, 14}, {44, 160, 44}, {214, 39, 40}};
  static const std::uint8_t grid[3] = {220, 220, 220}, axis[3] = {60, 60, 60};
  Image img;
  img.width = width;
  img.height = std::max<int>(1, static_cast<int>(series.size())) * panelHeight;
  img.rgba.assign(static_cast<std::size_t>(img.width) * img.height * 4, 255);
  Canvas canvas{img};
  const int margin = 24;
  for (std::size_t s = 0; s < series.size(); ++s) {
    const std::vector<double>& loss = series[s].loss;
    const int top = static_cast<int>(s) * panelHeight + margin;
    const int bottom = static_cast<int>(s + 1) * panelHeight - margin;
    const int left = margin, right = width - margin;
    double lo = 1e300, hi = -1e300;
    for (double v : loss)
      if (v > 0.0 && std::isfinite(v))
        lo = std::min(lo, std::log10(v)), hi = std::max(hi, std::log10(v));
    if (lo > hi) lo = -1.0, hi = 0.0;
    lo = std::floor(lo);
    hi = std::max(std::ceil(hi), lo + 1.0);
    for (double d = lo; d <= hi; d += 1.0) {
      const int y = bottom - static_cast<int>((d - lo) / (hi - lo) * (bottom - top));
      canvas.line(left, y, right, y, grid);
    }
    canvas.line(left, top, left, bottom, axis);
    canvas.line(left, bottom, right, bottom, axis);
    // The curve: each pixel column shows the mean log loss of the steps it covers.
    const std::size_t n = loss.size();
    int previousY = -1;
    for (int x = left; x <= right && n > 0; ++x) {
      const std::size_t a = (x - left) * n / (right - left + 1);
      const std::size_t b = std::max(a + 1, (x - left + 1) * n / (right - left + 1));
      double sum = 0.0;
      int count = 0;
      for (std::size_t i = a; i < std::min(b, n); ++i)
        if (loss[i] > 0.0 && std::isfinite(loss[i])) sum += std::log10(loss[i]), ++count;
      if (!count) continue;
      const int y = bottom - static_cast<int>((sum / count - lo) / (hi - lo) * (bottom - top));
      canvas.line(x - 1, previousY < 0 ? y : previousY, x, y, colors[s % 4]);
      previousY = y;
    }
  }
  return img;
}

}  // namespace interp3d
