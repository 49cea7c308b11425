#include "prior/loss_plot.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

namespace interp3d {

namespace {

// A 5 x 7 bitmap font for the few characters the plot writes (rows top to bottom, bit 4 left).
const std::uint8_t* glyph(char c) {
  static const std::uint8_t digits[10][7] = {
      {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}, {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E},
      {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}, {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E},
      {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}, {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E},
      {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}, {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08},
      {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}, {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C}};
  static const struct {
    char c;
    std::uint8_t rows[7];
  } letters[] = {
      {'A', {0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}},
      {'C', {0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E}},
      {'D', {0x1C, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1C}},
      {'E', {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F}},
      {'G', {0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F}},
      {'I', {0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E}},
      {'L', {0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F}},
      {'N', {0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11}},
      {'O', {0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}},
      {'P', {0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10}},
      {'R', {0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11}},
      {'S', {0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E}},
      {'T', {0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04}},
      {'U', {0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}},
      {'-', {0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00}},
      {'.', {0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C}},
  };
  if (c >= '0' && c <= '9') return digits[c - '0'];
  c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const auto& l : letters)
    if (l.c == c) return l.rows;
  return nullptr;  // drawn as a space
}

struct Canvas {
  Image& img;
  void put(int x, int y, const std::uint8_t* c) {
    if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
    std::uint8_t* p = &img.rgba[4 * (static_cast<std::size_t>(y) * img.width + x)];
    for (int i = 0; i < 3; ++i) p[i] = c[i];
    p[3] = 255;
  }
  // Text at (x, y) = top-left, each font pixel `scale` pixels wide; returns the width drawn.
  int text(int x, int y, const std::string& s, const std::uint8_t* c, int scale = 2) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (const std::uint8_t* g = glyph(s[i])) {
        for (int row = 0; row < 7; ++row)
          for (int col = 0; col < 5; ++col)
            if (g[row] & (0x10 >> col))
              for (int dy = 0; dy < scale; ++dy)
                for (int dx = 0; dx < scale; ++dx)
                  put(x + 6 * scale * static_cast<int>(i) + col * scale + dx, y + row * scale + dy,
                      c);
      }
    }
    return 6 * scale * static_cast<int>(s.size());
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
    const int top = static_cast<int>(s) * panelHeight + margin + 8;
    const int bottom = static_cast<int>(s + 1) * panelHeight - margin;
    const int left = 84, right = width - margin;
    canvas.text(left, top - 24, series[s].name + " - LOG10 LOSS", colors[s % 4]);
    const std::string steps = std::to_string(loss.size()) + " STEPS";
    canvas.text(right - 12 * static_cast<int>(steps.size()), bottom + 6, steps, axis);
    canvas.text(left, bottom + 6, "0", axis);
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
      const std::string label = "1E" + std::to_string(static_cast<int>(d));
      canvas.text(left - 8 - 12 * static_cast<int>(label.size()), y - 7, label, axis);
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
