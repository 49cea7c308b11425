#include "prior/procedural_shapes.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>
#include <glm/mat3x3.hpp>

#include "geometry/surface_query.h"
#include "lattice/solid_field.h"
#include "mesh/normalize.h"

namespace interp3d {

glm::vec3 ImplicitShape::normal(const glm::vec3& p, float step) const {
  const glm::vec3 g(distance(p + glm::vec3(step, 0, 0)) - distance(p - glm::vec3(step, 0, 0)),
                    distance(p + glm::vec3(0, step, 0)) - distance(p - glm::vec3(0, step, 0)),
                    distance(p + glm::vec3(0, 0, step)) - distance(p - glm::vec3(0, 0, step)));
  const float len = glm::length(g);
  return len > 0.0f ? g / len : glm::vec3(0, 0, 1);
}

glm::vec3 ImplicitShape::project(const glm::vec3& p) const {
  glm::vec3 q = p;
  for (int i = 0; i < 4; ++i) q -= distance(q) * normal(q);
  return q;
}

namespace {

using Rng = std::mt19937;

float uniform(Rng& rng, float lo, float hi) {
  return std::uniform_real_distribution<float>(lo, hi)(rng);
}
int pick(Rng& rng, int count) {
  return std::uniform_int_distribution<int>(0, count - 1)(rng);
}
glm::vec3 randomVector(Rng& rng, float lo, float hi) {
  return {uniform(rng, lo, hi), uniform(rng, lo, hi), uniform(rng, lo, hi)};
}
glm::vec3 randomDirection(Rng& rng) {
  std::normal_distribution<float> n;
  const glm::vec3 v(n(rng), n(rng), n(rng));
  const float len = glm::length(v);
  return len > 0.0f ? v / len : glm::vec3(1, 0, 0);
}
// A random rotation (Gram-Schmidt on two random directions).
glm::mat3 randomRotation(Rng& rng) {
  const glm::vec3 a = randomDirection(rng);
  glm::vec3 b = randomDirection(rng);
  b = b - glm::dot(a, b) * a;
  if (glm::length(b) < 1e-4f) b = glm::abs(a.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
  b = glm::normalize(b - glm::dot(a, b) * a);
  return glm::mat3(a, b, glm::cross(a, b));
}
glm::vec3 randomColor(Rng& rng) {
  return randomVector(rng, 0.05f, 0.95f);
}

// Procedural textures in shape coordinates.
struct Texture {
  enum Kind { Solid, Stripes, Checker, Spots, Gradient, Waves } kind = Solid;
  glm::vec3 a{0.8f}, b{0.2f};
  glm::vec3 direction{1, 0, 0};
  float frequency = 10.0f;
  std::vector<glm::vec3> spots;
  float spotRadius = 0.05f;

  static Texture random(Rng& rng) {
    Texture t;
    t.kind = static_cast<Kind>(pick(rng, 6));
    t.a = randomColor(rng);
    t.b = randomColor(rng);
    t.direction = randomDirection(rng);
    t.frequency = uniform(rng, 4.0f, 30.0f);
    for (int i = 0, n = 4 + pick(rng, 20); i < n; ++i)
      t.spots.push_back(randomVector(rng, -0.5f, 0.5f));
    t.spotRadius = uniform(rng, 0.03f, 0.12f);
    return t;
  }

  glm::vec3 at(const glm::vec3& p) const {
    switch (kind) {
      case Solid:
        return a;
      case Stripes:
        return std::sin(frequency * glm::dot(direction, p)) > 0.0f ? a : b;
      case Checker: {
        const glm::ivec3 c(glm::floor(p * frequency * 0.5f));
        return ((c.x + c.y + c.z) & 1) ? a : b;
      }
      case Spots:
        for (const glm::vec3& s : spots)
          if (glm::distance(s, p) < spotRadius) return b;
        return a;
      case Gradient: {
        const float f = std::clamp(glm::dot(direction, p) + 0.5f, 0.0f, 1.0f);
        return a + f * (b - a);
      }
      case Waves: {
        const float f = 0.5f + 0.5f * std::sin(frequency * p.x + 3.0f * std::sin(frequency * p.y)) *
                                   std::cos(frequency * 0.7f * p.z);
        return a + f * (b - a);
      }
    }
    return a;
  }
};

// A primitive with its own placement (rotation, translation) and texture.
class Primitive : public ImplicitShape {
 public:
  enum Kind { Sphere, Box, Torus, Capsule, Cylinder, Ellipsoid, Count };

  static std::unique_ptr<Primitive> random(Rng& rng, float size) {
    auto s = std::make_unique<Primitive>();
    s->kind_ = static_cast<Kind>(pick(rng, Count));
    s->rotation_ = randomRotation(rng);
    s->centre_ = randomVector(rng, -0.15f, 0.15f);
    s->dims_ = randomVector(rng, 0.3f * size, size);
    s->rounding_ = uniform(rng, 0.0f, 0.3f) * std::min({s->dims_.x, s->dims_.y, s->dims_.z});
    s->texture_ = Texture::random(rng);
    return s;
  }

  float distance(const glm::vec3& world) const override {
    const glm::vec3 p = glm::transpose(rotation_) * (world - centre_);
    const glm::vec3 d = dims_;
    switch (kind_) {
      case Sphere:
        return glm::length(p) - d.x;
      case Box: {
        const glm::vec3 q = glm::abs(p) - (d - rounding_);
        return glm::length(glm::max(q, 0.0f)) + std::min(std::max({q.x, q.y, q.z}), 0.0f) -
               rounding_;
      }
      case Torus: {
        const float major = d.x, minor = std::min(0.45f * d.x, d.y * 0.5f);
        const float q = std::sqrt(p.x * p.x + p.z * p.z) - major;
        return std::sqrt(q * q + p.y * p.y) - minor;
      }
      case Capsule: {
        const float h = d.y, r = 0.5f * d.x;
        const float y = std::clamp(p.y, -h, h);
        return glm::length(p - glm::vec3(0, y, 0)) - r;
      }
      case Cylinder: {
        const float dx = std::sqrt(p.x * p.x + p.z * p.z) - d.x, dy = std::abs(p.y) - d.y;
        return std::min(std::max(dx, dy), 0.0f) +
               std::sqrt(std::max(dx, 0.0f) * std::max(dx, 0.0f) +
                         std::max(dy, 0.0f) * std::max(dy, 0.0f));
      }
      case Ellipsoid:
      case Count: {
        const float k0 = glm::length(p / d), k1 = glm::length(p / (d * d));
        return k1 > 0.0f ? k0 * (k0 - 1.0f) / k1 : -std::min({d.x, d.y, d.z});
      }
    }
    return 1.0f;
  }

  glm::vec3 color(const glm::vec3& world) const override {
    return texture_.at(glm::transpose(rotation_) * (world - centre_));
  }

  std::string describe() const override {
    static const char* names[] = {"sphere", "box", "torus", "capsule", "cylinder", "ellipsoid"};
    return names[kind_];
  }

 private:
  Kind kind_ = Sphere;
  glm::mat3 rotation_{1.0f};
  glm::vec3 centre_{0.0f}, dims_{0.3f};
  float rounding_ = 0.0f;
  Texture texture_;
};

// A tube swept along a cubic Bézier curve with a radius that changes along it.
class SweptTube : public ImplicitShape {
 public:
  explicit SweptTube(Rng& rng) : texture_(Texture::random(rng)) {
    glm::vec3 c[4];
    for (glm::vec3& p : c) p = randomVector(rng, -0.35f, 0.35f);
    for (int i = 0; i <= kSegments; ++i) {
      const float t = static_cast<float>(i) / kSegments, u = 1.0f - t;
      points_.push_back(u * u * u * c[0] + 3.0f * u * u * t * c[1] + 3.0f * u * t * t * c[2] +
                        t * t * t * c[3]);
    }
    r0_ = uniform(rng, 0.04f, 0.14f);
    r1_ = uniform(rng, 0.03f, 0.14f);
  }

  float distance(const glm::vec3& p) const override {
    float best = 1e9f;
    for (int i = 0; i < kSegments; ++i) {
      const glm::vec3 a = points_[i], ab = points_[i + 1] - a;
      const float h =
          std::clamp(glm::dot(p - a, ab) / std::max(glm::dot(ab, ab), 1e-12f), 0.0f, 1.0f);
      const float t = (i + h) / kSegments;
      best = std::min(best, glm::length(p - a - h * ab) - (r0_ + t * (r1_ - r0_)));
    }
    return best;
  }
  glm::vec3 color(const glm::vec3& p) const override { return texture_.at(p); }
  std::string describe() const override { return "swept tube"; }

 private:
  static constexpr int kSegments = 16;
  std::vector<glm::vec3> points_;
  float r0_ = 0.1f, r1_ = 0.1f;
  Texture texture_;
};

// Two shapes combined: union, smooth union (blend), intersection or difference. Colour comes from
// the child whose surface is nearer (mixed across a blend).
class Combination : public ImplicitShape {
 public:
  enum Op { Union, Blend, Intersection, Difference };
  Combination(std::unique_ptr<ImplicitShape> a, std::unique_ptr<ImplicitShape> b, Op op, float k)
      : a_(std::move(a)), b_(std::move(b)), op_(op), k_(k) {}

  float distance(const glm::vec3& p) const override {
    const float da = a_->distance(p), db = b_->distance(p);
    switch (op_) {
      case Union:
        return std::min(da, db);
      case Blend: {
        const float h = std::clamp(0.5f + 0.5f * (db - da) / k_, 0.0f, 1.0f);
        return db + h * (da - db) - k_ * h * (1.0f - h);
      }
      case Intersection:
        return std::max(da, db);
      case Difference:
        return std::max(da, -db);
    }
    return da;
  }

  glm::vec3 color(const glm::vec3& p) const override {
    const float da = std::abs(a_->distance(p)), db = std::abs(b_->distance(p));
    if (op_ == Blend) {
      const float w = std::clamp(0.5f + 0.5f * (db - da) / k_, 0.0f, 1.0f);
      return w * a_->color(p) + (1.0f - w) * b_->color(p);
    }
    return da <= db ? a_->color(p) : b_->color(p);
  }

  std::string describe() const override {
    static const char* names[] = {"union", "blend", "intersection", "difference"};
    return std::string(names[op_]) + "(" + a_->describe() + ", " + b_->describe() + ")";
  }

 private:
  std::unique_ptr<ImplicitShape> a_, b_;
  Op op_;
  float k_;
};

// A surface pushed in and out by a sum of waves.
class Displaced : public ImplicitShape {
 public:
  Displaced(std::unique_ptr<ImplicitShape> base, Rng& rng) : base_(std::move(base)) {
    amplitude_ = uniform(rng, 0.006f, 0.025f);
    for (glm::vec3& f : frequencies_) f = randomDirection(rng) * uniform(rng, 8.0f, 30.0f);
    for (float& phase : phases_) phase = uniform(rng, 0.0f, 6.28f);
  }
  float distance(const glm::vec3& p) const override {
    float wave = 0.0f;
    for (int i = 0; i < 3; ++i) wave += std::sin(glm::dot(frequencies_[i], p) + phases_[i]);
    return base_->distance(p) + amplitude_ * wave / 3.0f;
  }
  glm::vec3 color(const glm::vec3& p) const override { return base_->color(p); }
  std::string describe() const override { return "displaced " + base_->describe(); }

 private:
  std::unique_ptr<ImplicitShape> base_;
  float amplitude_ = 0.01f;
  glm::vec3 frequencies_[3];
  float phases_[3] = {0, 0, 0};
};

// Scales and centres a shape so its solid fills about [-0.45, 0.45]^3 on its longest side.
class Fitted : public ImplicitShape {
 public:
  explicit Fitted(std::unique_ptr<ImplicitShape> base) : base_(std::move(base)) {
    glm::vec3 lo(1e9f), hi(-1e9f);
    const int n = 24;
    for (int k = 0; k <= n; ++k)
      for (int j = 0; j <= n; ++j)
        for (int i = 0; i <= n; ++i) {
          const glm::vec3 p = glm::vec3(i, j, k) / float(n) * 1.6f - 0.8f;
          if (base_->distance(p) < 0.0f) lo = glm::min(lo, p), hi = glm::max(hi, p);
        }
    if (lo.x > hi.x) lo = glm::vec3(-0.3f), hi = glm::vec3(0.3f);
    centre_ = 0.5f * (lo + hi);
    const float extent = std::max({hi.x - lo.x, hi.y - lo.y, hi.z - lo.z}) + 1.6f / n;
    scale_ = 0.9f / extent;
  }
  float distance(const glm::vec3& p) const override {
    return base_->distance(p / scale_ + centre_) * scale_;
  }
  glm::vec3 color(const glm::vec3& p) const override { return base_->color(p / scale_ + centre_); }
  std::string describe() const override { return base_->describe(); }

 private:
  std::unique_ptr<ImplicitShape> base_;
  glm::vec3 centre_{0.0f};
  float scale_ = 1.0f;
};

std::unique_ptr<ImplicitShape> randomPart(Rng& rng, float size) {
  if (pick(rng, 5) == 0) return std::make_unique<SweptTube>(rng);
  return Primitive::random(rng, size);
}

}  // namespace

std::unique_ptr<ImplicitShape> generateShape(Rng& rng) {
  std::unique_ptr<ImplicitShape> shape;
  const int kind = pick(rng, 10);
  if (kind < 2) {
    shape = Primitive::random(rng, 0.4f);
  } else if (kind < 3) {
    shape = std::make_unique<SweptTube>(rng);
  } else {
    // Two to four parts, combined mostly by union and blends, sometimes cut.
    shape = randomPart(rng, 0.35f);
    for (int i = 0, parts = 1 + pick(rng, 3); i < parts; ++i) {
      const int r = pick(rng, 10);
      const Combination::Op op = r < 3   ? Combination::Union
                                 : r < 7 ? Combination::Blend
                                 : r < 8 ? Combination::Intersection
                                         : Combination::Difference;
      std::unique_ptr<ImplicitShape> other =
          randomPart(rng, op == Combination::Difference ? 0.25f : 0.3f);
      shape = std::make_unique<Combination>(std::move(shape), std::move(other), op,
                                            uniform(rng, 0.03f, 0.12f));
    }
  }
  if (pick(rng, 3) == 0) shape = std::make_unique<Displaced>(std::move(shape), rng);
  return std::make_unique<Fitted>(std::move(shape));
}

namespace {

class MeshShape : public ImplicitShape {
 public:
  MeshShape(ScalarGrid distance, VectorGrid color, std::string name)
      : distance_(std::move(distance)), color_(std::move(color)), name_(std::move(name)) {}
  float distance(const glm::vec3& p) const override { return distance_.sample(p); }
  glm::vec3 color(const glm::vec3& p) const override { return color_.sample(p); }
  std::string describe() const override { return name_; }

 private:
  ScalarGrid distance_;
  VectorGrid color_;
  std::string name_;
};

}  // namespace

std::unique_ptr<ImplicitShape> meshShape(const TexturedMesh& input, int resolution,
                                         const std::string& name) {
  TexturedMesh mesh = input;
  normalizeToUnitCube(mesh);
  const SurfaceQuery query(mesh);
  const GridSpec spec = GridSpec::unitCube(resolution, 3);
  ScalarGrid distance = signedDistanceGrid(mesh, query, spec);
  VectorGrid color(spec, glm::vec3(0.5f));
  std::vector<std::size_t> near;
  std::vector<glm::vec3> points;
  const int n = spec.points();
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        if (std::abs(distance.at(i, j, k)) > 2.5f * spec.spacing) continue;
        near.push_back(spec.index(i, j, k));
        points.push_back(spec.position(i, j, k));
      }
  const std::vector<SurfacePoint> closest = query.closest(points);
  for (std::size_t i = 0; i < near.size(); ++i)
    color.values[near[i]] = glm::vec3(colorAt(mesh, closest[i]));
  return std::make_unique<MeshShape>(std::move(distance), std::move(color), name);
}

Deformation::Deformation(Rng& rng, float amplitude, float radiusScale) {
  for (int i = 0, n = 2 + pick(rng, 4); i < n; ++i) {
    Bump b;
    b.centre = randomVector(rng, -0.4f, 0.4f);
    b.vector = randomDirection(rng) * uniform(rng, 0.3f, 1.0f) * amplitude;
    b.radius = uniform(rng, 0.15f, 0.4f) * radiusScale;
    bumps_.push_back(b);
  }
  bend_ = uniform(rng, -1.0f, 1.0f) * amplitude;
  twist_ = uniform(rng, -1.5f, 1.5f) * amplitude;
  bendAxis_ = pick(rng, 3);
  twistAxis_ = pick(rng, 3);
}

glm::vec3 Deformation::at(const glm::vec3& p) const {
  glm::vec3 d(0.0f);
  for (const Bump& b : bumps_) {
    const glm::vec3 r = p - b.centre;
    d += b.vector * std::exp(-glm::dot(r, r) / (b.radius * b.radius));
  }
  // Bend: the axis after bendAxis_ moves with the square of the coordinate along bendAxis_.
  d[(bendAxis_ + 1) % 3] += bend_ * 4.0f * p[bendAxis_] * p[bendAxis_];
  // Twist about twistAxis_, by an angle growing along it.
  const int u = (twistAxis_ + 1) % 3, v = (twistAxis_ + 2) % 3;
  const float angle = twist_ * 4.0f * p[twistAxis_];
  const float c = std::cos(angle), s = std::sin(angle);
  d[u] += c * p[u] - s * p[v] - p[u];
  d[v] += s * p[u] + c * p[v] - p[v];
  return d;
}

glm::vec3 DeformedShape::origin(const glm::vec3& p) const {
  glm::vec3 y = p - amount_ * deformation_.at(p);
  for (int i = 0; i < 2; ++i) y = p - amount_ * deformation_.at(y);
  return y;
}

float DeformedShape::distance(const glm::vec3& p) const {
  return shape_.distance(origin(p));
}

glm::vec3 DeformedShape::color(const glm::vec3& p) const {
  return shape_.color(origin(p));
}

ScalarGrid sampleDistance(const ImplicitShape& shape, const GridSpec& spec) {
  ScalarGrid grid(spec, 0.0f);
  const int n = spec.points();
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) grid.at(i, j, k) = shape.distance(spec.position(i, j, k));
  return grid;
}

}  // namespace interp3d
