#include "ui/landmark_list.h"

#include <cmath>

namespace interp3d {

int LandmarkList::place(bool onSource, const glm::vec3& point) {
  for (std::size_t i = 0; i < pairs_.size(); ++i) {
    std::optional<glm::vec3>& side = onSource ? pairs_[i].source : pairs_[i].target;
    if (!side) {
      side = point;
      return static_cast<int>(i);
    }
  }
  Pair pair;
  (onSource ? pair.source : pair.target) = point;
  pairs_.push_back(pair);
  return size() - 1;
}

void LandmarkList::move(int index, bool onSource, const glm::vec3& point) {
  if (index < 0 || index >= size()) return;
  (onSource ? pairs_[index].source : pairs_[index].target) = point;
}

void LandmarkList::remove(int index) {
  if (index >= 0 && index < size()) pairs_.erase(pairs_.begin() + index);
}

std::vector<Landmark> LandmarkList::complete() const {
  std::vector<Landmark> out;
  for (const Pair& p : pairs_)
    if (p.complete()) out.push_back({*p.source, *p.target});
  return out;
}

void LandmarkList::assign(const std::vector<Landmark>& landmarks) {
  pairs_.clear();
  for (const Landmark& l : landmarks) pairs_.push_back({l.source, l.target});
}

QColor LandmarkList::colour(int index) {
  // Hues a golden angle apart: neighbours never look alike, and no two of the first dozen do.
  const double hue = std::fmod(0.08 + 0.381966 * index, 1.0);
  return QColor::fromHsvF(static_cast<float>(hue), 0.75f, 0.95f);
}

}  // namespace interp3d
