// The landmark pairs an artist places by clicking: a point on the source, then its partner on the
// target (or the other way round), each in its own mesh's units, numbered from 1 in the order
// placed. Pairs with both points are what the morph respects.
#pragma once

#include <optional>
#include <vector>

#include <QColor>
#include <glm/vec3.hpp>

#include "morph/correspondence.h"

namespace interp3d {

class LandmarkList {
 public:
  struct Pair {
    std::optional<glm::vec3> source, target;
    bool complete() const { return source && target; }
  };

  // A point clicked on the source (`onSource`) or the target: it completes the first pair still
  // waiting for a point on that side, or starts a new pair. Returns the pair's index.
  int place(bool onSource, const glm::vec3& point);
  void move(int index, bool onSource, const glm::vec3& point);
  void remove(int index);
  void clear() { pairs_.clear(); }
  void append(const Pair& pair) { pairs_.push_back(pair); }

  const std::vector<Pair>& pairs() const { return pairs_; }
  int size() const { return static_cast<int>(pairs_.size()); }
  // The complete pairs, as a morph and a landmark file take them.
  std::vector<Landmark> complete() const;
  void assign(const std::vector<Landmark>& landmarks);

  // A colour per pair, far apart for neighbouring numbers.
  static QColor colour(int index);

 private:
  std::vector<Pair> pairs_;
};

}  // namespace interp3d
