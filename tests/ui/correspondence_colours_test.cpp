#include "ui/correspondence_colours.h"

#include <gtest/gtest.h>

#include "morph/morph_solver.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

// A mesh morphed into itself: each vertex takes about its own colour either way (a colour
// taken from the wrong place would be far off: the cube spans the whole mesh).
TEST(CorrespondenceColours, AMeshMatchedToItselfKeepsItsColours) {
  const auto [creature, torus] = testing::smallDemoPair();
  MorphOptions options = testing::smallMorphOptions();
  options.frames = 3;
  const MorphSolver solver(creature, creature, options);
  const BoundingBox box = boundingBox(creature.positions);
  for (const bool fromSource : {true, false}) {
    const CorrespondenceColours c = colourByCorrespondence(creature, creature, solver, fromSource);
    ASSERT_EQ(c.source->vertexColors.size(), creature.positions.size());
    ASSERT_EQ(c.target->vertexColors.size(), creature.positions.size());
    EXPECT_FALSE(c.target->hasTexture());
    double error = 0.0;
    const TexturedMesh& matched = fromSource ? *c.target : *c.source;
    for (std::size_t i = 0; i < creature.positions.size(); ++i) {
      const glm::vec4 d = matched.vertexColors[i] - cubeColour(box, creature.positions[i]);
      error += (std::fabs(d.r) + std::fabs(d.g) + std::fabs(d.b)) / 3.0;
    }
    EXPECT_LT(error / creature.positions.size(), 0.05) << "fromSource " << fromSource;
  }
}

}  // namespace
}  // namespace interp3d
