#include "morph/extremities.h"
#include "test_meshes.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

namespace interp3d {
namespace {

float boxDistance(const glm::vec3& p, const glm::vec3& centre, const glm::vec3& half) {
  const glm::vec3 q = glm::abs(p - centre) - half;
  return glm::length(glm::max(q, glm::vec3(0.0f))) +
         std::min(std::max(q.x, std::max(q.y, q.z)), 0.0f);
}

// A blocky animal on the unit-cube lattice: a body along x, four legs down, a neck and head at
// +x, a tail at -x. `legLength`, `bodyLength` and `tailLength` change its proportions.
struct Animal {
  float bodyLength = 0.6f, legLength = 0.25f, tailLength = 0.15f;
  glm::vec3 frontFoot(float side) const {  // side: +1 or -1 (z)
    return {0.4f * bodyLength, -0.05f - legLength, side * 0.09f};
  }
  glm::vec3 backFoot(float side) const {
    return {-0.4f * bodyLength, -0.05f - legLength, side * 0.09f};
  }
  glm::vec3 head() const { return {0.5f * bodyLength + 0.12f, 0.22f, 0.0f}; }
  glm::vec3 tail() const { return {-0.5f * bodyLength - tailLength, 0.05f, 0.0f}; }
  ScalarGrid sdf(int cells = 48) const {
    ScalarGrid g(GridSpec::unitCube(cells), 0.0f);
    const int n = g.spec.points();
    for (int k = 0; k < n; ++k)
      for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
          const glm::vec3 p = g.spec.position(i, j, k);
          float d = boxDistance(p, {0.0f, 0.05f, 0.0f}, {0.5f * bodyLength, 0.1f, 0.12f});
          for (float side : {-1.0f, 1.0f}) {
            for (const glm::vec3& foot : {frontFoot(side), backFoot(side)}) {
              const glm::vec3 top = foot + glm::vec3(0.0f, legLength, 0.0f);
              d = std::min(d,
                           boxDistance(p, 0.5f * (foot + top), {0.03f, 0.5f * legLength, 0.03f}));
            }
          }
          const glm::vec3 h = head();
          d = std::min(d, boxDistance(p, h - glm::vec3(0.06f, 0.0f, 0.0f), {0.08f, 0.05f, 0.05f}));
          d = std::min(d, boxDistance(p, {0.5f * bodyLength, 0.15f, 0.0f}, {0.05f, 0.08f, 0.05f}));
          const glm::vec3 t = tail();
          d = std::min(d, boxDistance(p, {0.5f * (t.x - 0.5f * bodyLength), t.y, 0.0f},
                                      {0.5f * (-0.5f * bodyLength - t.x), 0.03f, 0.03f}));
          g.at(i, j, k) = d;
        }
    return g;
  }
  std::vector<glm::vec3> ends() const {
    return {frontFoot(1), frontFoot(-1), backFoot(1), backFoot(-1), head(), tail()};
  }
};

// The tip nearest `p` and its distance.
std::pair<int, float> nearestTip(const Extremities& e, const glm::vec3& p) {
  int best = -1;
  float d = 1e9f;
  for (std::size_t i = 0; i < e.tips.size(); ++i) {
    const float di = glm::distance(e.tips[i].position, p);
    if (di < d) best = static_cast<int>(i), d = di;
  }
  return {best, d};
}

// Which of an animal's `ends` (Animal::ends) lies nearest `p`.
std::ptrdiff_t nearestEnd(const std::vector<glm::vec3>& ends, const glm::vec3& p) {
  return std::min_element(ends.begin(), ends.end(),
                          [&](const glm::vec3& x, const glm::vec3& y) {
                            return glm::distance(x, p) < glm::distance(y, p);
                          }) -
         ends.begin();
}

TEST(Extremities, TipsAreTheFeetHeadAndTail) {
  const Animal animal;
  const Extremities e = findExtremities(animal.sdf());
  std::string found;
  for (const Extremity& t : e.tips)
    found += " (" + std::to_string(t.position.x) + " " + std::to_string(t.position.y) + " " +
             std::to_string(t.position.z) + ")";
  ASSERT_EQ(e.tips.size(), 6u) << found;  // four feet, the head, the tail: no tip on the body
  for (const glm::vec3& end : animal.ends()) {
    const auto [tip, distance] = nearestTip(e, end);
    // A tip is a corner of the block that ends there: within 3 cells of its end's middle.
    EXPECT_LT(distance, 0.075f) << end.x << " " << end.y << " " << end.z;
  }
  for (const Extremity& t : e.tips) {
    EXPECT_GT(t.reach, 0.45f);
    EXPECT_LE(t.reach, 1.0f);
  }
  EXPECT_NEAR(e.box.min.y, animal.frontFoot(1).y, 0.03f);
}

TEST(Extremities, AFatterShorterAnimalsFeetMatchItsFeet) {
  const Animal slim;
  Animal stout;
  stout.bodyLength = 0.45f;
  stout.legLength = 0.12f;
  const Extremities a = findExtremities(slim.sdf()), b = findExtremities(stout.sdf());
  const std::vector<ExtremityMatch> matches = matchExtremities(a, b);
  ASSERT_GE(matches.size(), 4u);
  const std::vector<glm::vec3> slimEnds = slim.ends(), stoutEnds = stout.ends();
  for (const ExtremityMatch& m : matches) {
    // The slim animal's end nearest the source tip is the stout one's end nearest the target tip.
    EXPECT_EQ(nearestEnd(slimEnds, a.tips[m.source].position),
              nearestEnd(stoutEnds, b.tips[m.target].position));
  }
}

TEST(Extremities, ALongTailDoesNotMoveTheFeetItMatches) {
  // A fox-like animal: a long tail stretches its box, so its back feet sit near the box's middle
  // while a stout animal's sit near its end. Where they sit on the body still tells them apart.
  Animal fox;
  fox.bodyLength = 0.36f;
  fox.tailLength = 0.3f;
  Animal stout;
  stout.bodyLength = 0.5f;
  stout.legLength = 0.15f;
  stout.tailLength = 0.05f;
  const Extremities a = findExtremities(fox.sdf()), b = findExtremities(stout.sdf());
  const std::vector<ExtremityMatch> matches = matchExtremities(a, b);
  const std::vector<glm::vec3> foxEnds = fox.ends(), stoutEnds = stout.ends();
  int feet = 0;
  for (const ExtremityMatch& m : matches) {
    const auto end = nearestEnd(foxEnds, a.tips[m.source].position);
    EXPECT_EQ(end, nearestEnd(stoutEnds, b.tips[m.target].position));
    feet += end < 4;
  }
  EXPECT_EQ(feet, 4);
}

TEST(Extremities, ABallHasNoTipsAndAmbiguousTipsAreNotMatched) {
  ScalarGrid ball(GridSpec::unitCube(32), 0.0f);
  testing::fillGrid(
      ball, [&](int i, int j, int k) { return glm::length(ball.spec.position(i, j, k)) - 0.4f; });
  const Extremities none = findExtremities(ball);
  EXPECT_TRUE(none.tips.empty());  // its farthest point is anywhere on it

  // Two tips the same distance from one: the one cannot choose.
  Extremities one, two;
  one.box = two.box = {glm::vec3(-0.5f), glm::vec3(0.5f)};
  one.tips = {{{0.0f, 0.4f, 0.3f}, 1.0f}};
  two.tips = {{{0.05f, 0.4f, 0.3f}, 1.0f}, {{-0.05f, 0.4f, 0.3f}, 1.0f}};
  EXPECT_TRUE(matchExtremities(one, two).empty());
  two.tips[1].position = {0.0f, -0.4f, -0.3f};
  ASSERT_EQ(matchExtremities(one, two).size(), 1u);
  EXPECT_EQ(matchExtremities(one, two)[0].target, 0);
  // Nothing near enough: no match.
  two.tips = {{{0.4f, -0.4f, 0.0f}, 1.0f}};
  EXPECT_TRUE(matchExtremities(one, two).empty());
}

TEST(Extremities, OneSideOfAMirrorPairIsNotMatchedAlone) {
  // Feet left and right, down and to the front, on both; the target has a third tip beside its
  // right foot, so the right foot's match is unclear.
  Extremities source, target;
  source.box = target.box = {glm::vec3(-0.5f), glm::vec3(0.5f)};
  source.tips = {{{0.3f, -0.4f, 0.3f}, 0.8f}, {{-0.3f, -0.4f, 0.3f}, 0.8f}};
  target.tips = {{{0.32f, -0.4f, 0.28f}, 0.8f}, {{-0.32f, -0.4f, 0.28f}, 0.8f}};
  EXPECT_EQ(matchExtremities(source, target).size(), 2u);
  // Nor a foot whose mirror image only the target has.
  Extremities oneFoot = source;
  oneFoot.tips.pop_back();
  EXPECT_TRUE(matchExtremities(oneFoot, target).empty());
  target.tips.push_back({{-0.28f, -0.4f, 0.32f}, 0.8f});
  EXPECT_TRUE(matchExtremities(source, target).empty());
  // A tip on the plane (a nose) has no image and is matched on its own.
  source.tips.push_back({{0.0f, 0.2f, 0.45f}, 1.0f});
  target.tips.push_back({{0.0f, 0.25f, 0.45f}, 1.0f});
  const std::vector<ExtremityMatch> nose = matchExtremities(source, target);
  ASSERT_EQ(nose.size(), 1u);
  EXPECT_EQ(nose[0].source, 2);
  EXPECT_EQ(nose[0].target, 3);
}

}  // namespace
}  // namespace interp3d
