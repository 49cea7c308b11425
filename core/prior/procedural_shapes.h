// Training shapes for the learned prior (issue 4): implicit shapes in the unit cube made by a
// procedural generator (primitives, smooth blends and CSG of them, swept tubes, displaced
// surfaces, procedural textures), meshes from disk seen the same way, and smooth non-rigid
// deformations with known correspondence. No LibTorch here.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "lattice/grid.h"
#include "mesh/textured_mesh.h"

namespace interp3d {

// A solid in unit-cube coordinates: signed distance (negative inside; a bound, exact near the
// surface for primitives) and base colour (RGB 0..1) of the surface nearest a point.
class ImplicitShape {
 public:
  virtual ~ImplicitShape() = default;
  virtual float distance(const glm::vec3& p) const = 0;
  virtual glm::vec3 color(const glm::vec3& p) const = 0;
  virtual std::string describe() const = 0;

  // Central-difference gradient of distance(), normalised (a unit normal near the surface).
  glm::vec3 normal(const glm::vec3& p, float step = 1e-3f) const;
  // `p` moved onto the surface by a few Newton steps along the gradient.
  glm::vec3 project(const glm::vec3& p) const;
};

// A random shape from the generator, fitted to about [-0.45, 0.45]^3. Deterministic for `rng`'s
// state. Kinds: one primitive, smooth blends, CSG (union, intersection, difference), swept tubes
// along random curves, displaced surfaces; each with a procedural texture.
std::unique_ptr<ImplicitShape> generateShape(std::mt19937& rng);

// A mesh seen as an implicit shape: its signed distance lattice at `resolution` over the unit
// cube (the mesh is normalised first) and the colours of the surface near each lattice point.
std::unique_ptr<ImplicitShape> meshShape(const TexturedMesh& mesh, int resolution,
                                         const std::string& name);

// A smooth random displacement field d over the unit cube: a sum of Gaussian bumps plus a bend
// and a twist. A point p of a shape corresponds to p + d(p) on the deformed shape.
class Deformation {
 public:
  Deformation() = default;
  // Bumps of `amplitude` (up to) with radii from 0.15 to 0.4 times `radiusScale`.
  Deformation(std::mt19937& rng, float amplitude, float radiusScale = 1.0f);
  glm::vec3 at(const glm::vec3& p) const;

 private:
  struct Bump {
    glm::vec3 centre, vector;
    float radius;
  };
  std::vector<Bump> bumps_;
  float bend_ = 0.0f, twist_ = 0.0f;
  int bendAxis_ = 0, twistAxis_ = 1;
};

// `shape` moved by `amount` times `deformation`: every point y of `shape` goes to
// y + amount * d(y). Distances are the shape's at the inverted point (a bound, not exact).
class DeformedShape : public ImplicitShape {
 public:
  DeformedShape(const ImplicitShape& shape, const Deformation& deformation, float amount)
      : shape_(shape), deformation_(deformation), amount_(amount) {}
  float distance(const glm::vec3& p) const override;
  glm::vec3 color(const glm::vec3& p) const override;
  std::string describe() const override { return "deformed " + shape_.describe(); }
  // The point y of the undeformed shape with y + amount * d(y) = p (fixed-point iteration).
  glm::vec3 origin(const glm::vec3& p) const;

 private:
  const ImplicitShape& shape_;
  const Deformation& deformation_;
  float amount_;
};

// Every shape's lattice of distances (for meshing a generated shape to look at it).
ScalarGrid sampleDistance(const ImplicitShape& shape, const GridSpec& spec);

}  // namespace interp3d
