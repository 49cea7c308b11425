// What the morph asks of a learned prior, as small interfaces that the prior layer implements
// (core/prior). The morph never includes the prior: it sees only these, as it sees the structured
// latent's codec only through LatentCodec. A null pointer means the plain method.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "lattice/grid.h"
#include "lattice/latent_codec.h"

namespace interp3d {

// Correspondence descriptors learned from the local shape of a solid.
class DescriptorModel {
 public:
  virtual ~DescriptorModel() = default;
  // Floats per descriptor (K).
  virtual int size() const = 0;
  // Unit-length descriptors (points.size() rows of K floats) of surface points of the solid whose
  // signed distance field is `sdf` (unit cube coordinates, negative inside).
  virtual std::vector<float> describe(const ScalarGrid& sdf,
                                      const std::vector<glm::vec3>& points) const = 0;
};

// Pulls the blended field of an in-between frame towards surfaces the prior finds plausible.
class FieldRefiner {
 public:
  virtual ~FieldRefiner() = default;
  // `warpedSource` and `warpedTarget` are each endpoint's field pulled to the frame; `field` is
  // their blend at morph parameter `s` and is refined in place. All three share one spec.
  virtual void refine(const ScalarGrid& warpedSource, const ScalarGrid& warpedTarget, float s,
                      ScalarGrid& field) const = 0;
};

// The learned components a morph uses.
struct LearnedParts {
  std::shared_ptr<const LatentCodec> codec;            // structured-latent codec; null = plain
  std::shared_ptr<const DescriptorModel> descriptors;  // extra correspondence descriptors
  std::shared_ptr<const FieldRefiner> structure;       // refines every in-between frame
  std::string summary = "off";  // for manifests: "assets/models/prior.pt (descriptors)" or "off"

  bool any() const { return codec || descriptors || structure; }
};

}  // namespace interp3d
