#include "ui/landmark_list.h"

#include <gtest/gtest.h>

namespace interp3d {
namespace {

// Clicks fill the first pair waiting on that side, else start a pair; only complete pairs go to
// the morph.
TEST(LandmarkList, ClicksPairUpInOrder) {
  LandmarkList list;
  EXPECT_EQ(list.place(true, glm::vec3(1, 0, 0)), 0);
  EXPECT_EQ(list.place(true, glm::vec3(2, 0, 0)), 1);  // a second source point: a second pair
  EXPECT_TRUE(list.complete().empty());
  EXPECT_EQ(list.place(false, glm::vec3(0, 1, 0)), 0);  // completes the first
  EXPECT_EQ(list.place(false, glm::vec3(0, 2, 0)), 1);
  EXPECT_EQ(list.place(false, glm::vec3(0, 3, 0)), 2);  // a target first: waits for its source
  ASSERT_EQ(list.complete().size(), 2u);
  EXPECT_EQ(list.complete()[1].source, glm::vec3(2, 0, 0));
  EXPECT_EQ(list.complete()[1].target, glm::vec3(0, 2, 0));
  list.move(2, true, glm::vec3(3, 0, 0));
  EXPECT_EQ(list.complete().size(), 3u);
  list.remove(0);
  ASSERT_EQ(list.size(), 2);
  EXPECT_EQ(*list.pairs()[0].source, glm::vec3(2, 0, 0));
  EXPECT_NE(LandmarkList::colour(0), LandmarkList::colour(1));
}

}  // namespace
}  // namespace interp3d
