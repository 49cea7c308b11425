#include "morph/texture_atlas.h"

#include <algorithm>
#include <cmath>

namespace interp3d {

namespace {
// Chart corners in pixel coordinates (x right, y down) for triangle `f`.
void chartCorners(int cellsPerRow, float cell, std::size_t f, glm::vec2 out[3]) {
  const std::size_t pair = f / 2;
  const float x0 = static_cast<float>(pair % cellsPerRow) * cell;
  const float y0 = static_cast<float>(pair / cellsPerRow) * cell;
  const float g = 1.0f, h = 1.5f;  // gutter to the cell border and to the diagonal
  glm::vec2 a(x0 + g, y0 + g), b(x0 + cell - 2 * h, y0 + g), c(x0 + g, y0 + cell - 2 * h);
  if (f % 2 == 1) {  // the other half: reflect through the cell centre
    const glm::vec2 centre(x0 + cell / 2, y0 + cell / 2);
    a = 2.0f * centre - a, b = 2.0f * centre - b, c = 2.0f * centre - c;
  }
  out[0] = a, out[1] = b, out[2] = c;
}
}  // namespace

TriangleAtlas layoutTriangleAtlas(std::size_t triangleCount, int textureSize) {
  TriangleAtlas atlas;
  atlas.size = textureSize;
  const std::size_t cells = (triangleCount + 1) / 2;
  const int perRow = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(cells)))));
  const float cell = static_cast<float>(textureSize) / perRow;
  atlas.cornerUVs.resize(3 * triangleCount);
  for (std::size_t f = 0; f < triangleCount; ++f) {
    glm::vec2 px[3];
    chartCorners(perRow, cell, f, px);
    for (int k = 0; k < 3; ++k) atlas.cornerUVs[3 * f + k] = {px[k].x / textureSize, 1.0f - px[k].y / textureSize};
  }
  return atlas;
}

std::vector<Texel> atlasTexels(const TriangleAtlas& atlas) {
  std::vector<Texel> texels;
  const std::size_t triangles = atlas.cornerUVs.size() / 3;
  const float s = static_cast<float>(atlas.size);
  for (std::size_t f = 0; f < triangles; ++f) {
    glm::vec2 p[3];
    for (int k = 0; k < 3; ++k) p[k] = {atlas.cornerUVs[3 * f + k].x * s, (1.0f - atlas.cornerUVs[3 * f + k].y) * s};
    const float area = (p[1].x - p[0].x) * (p[2].y - p[0].y) - (p[2].x - p[0].x) * (p[1].y - p[0].y);
    if (std::fabs(area) < 1e-8f) continue;
    const int x0 = std::max(0, static_cast<int>(std::floor(std::min({p[0].x, p[1].x, p[2].x}))));
    const int x1 = std::min(atlas.size - 1, static_cast<int>(std::ceil(std::max({p[0].x, p[1].x, p[2].x}))));
    const int y0 = std::max(0, static_cast<int>(std::floor(std::min({p[0].y, p[1].y, p[2].y}))));
    const int y1 = std::min(atlas.size - 1, static_cast<int>(std::ceil(std::max({p[0].y, p[1].y, p[2].y}))));
    for (int y = y0; y <= y1; ++y) {
      for (int x = x0; x <= x1; ++x) {
        const glm::vec2 c(x + 0.5f, y + 0.5f);
        const float w1 = ((c.x - p[0].x) * (p[2].y - p[0].y) - (p[2].x - p[0].x) * (c.y - p[0].y)) / area;
        const float w2 = ((p[1].x - p[0].x) * (c.y - p[0].y) - (c.x - p[0].x) * (p[1].y - p[0].y)) / area;
        const float w0 = 1.0f - w1 - w2;
        if (w0 < -1e-4f || w1 < -1e-4f || w2 < -1e-4f) continue;
        texels.push_back({x, y, static_cast<std::uint32_t>(f), {w0, w1, w2}});
      }
    }
  }
  return texels;
}

void dilateImage(Image& image, std::vector<std::uint8_t>& covered, int rings) {
  const int w = image.width, h = image.height;
  for (int ring = 0; ring < rings; ++ring) {
    std::vector<std::uint8_t> next = covered;
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        const std::size_t i = static_cast<std::size_t>(y) * w + x;
        if (covered[i]) continue;
        int sum[4] = {0, 0, 0, 0}, count = 0;
        for (const auto& [dx, dy] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, -1}, {1, -1}, {-1, 1}}) {
          const int nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const std::size_t j = static_cast<std::size_t>(ny) * w + nx;
          if (!covered[j]) continue;
          for (int c = 0; c < 4; ++c) sum[c] += image.rgba[4 * j + c];
          ++count;
        }
        if (count == 0) continue;
        for (int c = 0; c < 4; ++c) image.rgba[4 * i + c] = static_cast<std::uint8_t>(sum[c] / count);
        next[i] = 1;
      }
    }
    covered.swap(next);
  }
}

}  // namespace interp3d
