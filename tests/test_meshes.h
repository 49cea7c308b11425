// Small meshes built in code for tests.
#pragma once

#include "lattice/grid.h"
#include "mesh/demo_assets.h"
#include "mesh/textured_mesh.h"
#include "morph/morph_solver.h"

namespace interp3d::testing {

// A closed unit cube [0,1]^3, 8 vertices, 12 outward counter-clockwise triangles, per-corner
// UVs and one material with a 4x4 texture whose pixel (x, y) is (16x, 16y, 200, 255).
TexturedMesh makeCube();

// A closed UV sphere of `radius` about `center` (segments around, segments / 2 from pole to pole),
// untextured, one grey material.
TexturedMesh makeSphere(float radius, glm::vec3 center = glm::vec3(0.0f), int segments = 64);

// Every lattice point (i, j, k) of `grid` set to value(i, j, k).
template <typename T, typename Value>
void fillGrid(Grid<T>& grid, Value value) {
  const int n = grid.spec.points();
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) grid.at(i, j, k) = value(i, j, k);
}

// A 4x4 RGBA image with pixel (x, y) = (16x, 16y, 200, 255).
Image makeTestImage(int width = 4, int height = 4);

// Demo-asset settings small enough for fast morph tests (48x24 segments, 64^2 textures).
DemoOptions smallDemoOptions();

// Morph settings for fast tests: 3 frames, a 24^3 lattice, 12^3 correspondence, 64^2 textures.
MorphOptions smallMorphOptions();

// The small demo pair: creature (genus 0) and torus (genus 1).
struct DemoPair {
  TexturedMesh creature, torus;
};
DemoPair smallDemoPair();

// Signed volume (positive when triangles are counter-clockwise seen from outside).
double signedVolume(const TexturedMesh& mesh);

}  // namespace interp3d::testing
