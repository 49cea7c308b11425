// The only translation unit that includes OpenVDB.
#include "bench/openvdb_morph.h"

#include <chrono>
#include <cmath>

#include <openvdb/openvdb.h>
#include <openvdb/tools/LevelSetMorph.h>
#include <openvdb/tools/MeshToVolume.h>
#include <openvdb/tools/VolumeToMesh.h>

#include "mesh/normalize.h"
#include "util/error.h"

namespace interp3d {

namespace {
openvdb::FloatGrid::Ptr levelSet(const TexturedMesh& unitMesh,
                                 const openvdb::math::Transform& xform) {
  std::vector<openvdb::Vec3s> points;
  std::vector<openvdb::Vec3I> triangles;
  for (const glm::vec3& p : unitMesh.positions) points.emplace_back(p.x, p.y, p.z);
  for (const glm::uvec3& t : unitMesh.triangles) {
    if (t.x != t.y && t.y != t.z && t.x != t.z) triangles.emplace_back(t.x, t.y, t.z);
  }
  return openvdb::tools::meshToLevelSet<openvdb::FloatGrid>(xform, points, triangles, 3.0f);
}

TexturedMesh meshLevelSet(const openvdb::FloatGrid& grid) {
  std::vector<openvdb::Vec3s> points;
  std::vector<openvdb::Vec3I> triangles;
  std::vector<openvdb::Vec4I> quads;
  openvdb::tools::volumeToMesh(grid, points, triangles, quads, 0.0, 0.0);
  TexturedMesh m;
  for (const openvdb::Vec3s& p : points) m.positions.emplace_back(p.x(), p.y(), p.z());
  // OpenVDB's polygons wind the other way round from ours (counter-clockwise outside).
  for (const openvdb::Vec3I& t : triangles) m.triangles.emplace_back(t.x(), t.z(), t.y());
  for (const openvdb::Vec4I& q : quads) {
    m.triangles.emplace_back(q[0], q[2], q[1]);
    m.triangles.emplace_back(q[0], q[3], q[2]);
  }
  m.materialIds.assign(m.triangles.size(), 0);
  Material grey;
  grey.name = "openvdb";
  grey.baseColorFactor = {0.7f, 0.7f, 0.7f, 1.0f};
  m.materials.push_back(grey);
  computeVertexNormals(m);
  return m;
}
}  // namespace

OpenVdbMorphResult openVdbMorph(const TexturedMesh& source, const TexturedMesh& target,
                                const OpenVdbMorphOptions& options) {
  openvdb::initialize();
  OpenVdbMorphResult result;
  const auto start = std::chrono::steady_clock::now();
  TexturedMesh src = source, dst = target;
  const Similarity srcUnit = normalizeToUnitCube(src), dstUnit = normalizeToUnitCube(dst);
  const auto xform = openvdb::math::Transform::createLinearTransform(1.0 / options.resolution);
  openvdb::FloatGrid::Ptr current = levelSet(src, *xform);
  const openvdb::FloatGrid::Ptr goal = levelSet(dst, *xform);

  // Advance in small pseudo-time chunks, keeping a snapshot after each, until the zero level set
  // lies on the target's (mean distance under a tenth of a voxel) or stops getting closer (less
  // than 2% in five chunks).
  openvdb::tools::LevelSetMorphing<openvdb::FloatGrid> morph(*current, *goal);
  std::vector<openvdb::FloatGrid::Ptr> snapshots{current->deepCopy()};
  std::vector<double> times{0.0};
  const double chunk = 0.25, voxel = 1.0 / options.resolution;
  auto goalAccessor = goal->getConstAccessor();
  std::vector<double> history;  // mean distance of the zero level set from the target's
  for (int i = 0; i < 400; ++i) {
    const std::size_t steps =
        morph.advect(static_cast<float>(times.back()), static_cast<float>(times.back() + chunk));
    result.iterations += steps;
    times.push_back(times.back() + chunk);
    snapshots.push_back(current->deepCopy());
    double offTarget = 0.0;
    std::size_t count = 0;
    for (auto it = current->cbeginValueOn(); it; ++it) {
      if (std::fabs(*it) > 0.5 * voxel) continue;  // on the zero level set
      offTarget += std::fabs(goalAccessor.getValue(it.getCoord()));
      ++count;
    }
    history.push_back(count > 0 ? offTarget / count : 0.0);
    const bool onTarget = history.back() < 0.1 * voxel;
    const bool stalled = history.size() > 4 && history.back() > 0.99 * history[history.size() - 5];
    if (steps == 0 || onTarget || stalled) break;
  }
  result.pseudoTime = times.back();

  std::vector<TexturedMesh> frames;
  for (int f = 0; f < options.frames; ++f) {
    const double tau = result.pseudoTime * f / (options.frames - 1);
    const std::size_t k = static_cast<std::size_t>(std::lround(tau / chunk));
    TexturedMesh m = meshLevelSet(*snapshots[std::min(k, snapshots.size() - 1)]);
    // Back to user units, interpolating the two normalisations like our morph does.
    applyInverseSimilarity(
        m, interpolateSimilarity(srcUnit, dstUnit, static_cast<double>(f) / (options.frames - 1)));
    frames.push_back(std::move(m));
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  for (int f = 0; f < options.frames; ++f) {
    if (frames[f].triangles.empty())
      throw Error("OpenVDB's morph produced an empty frame " + std::to_string(f));
  }
  result.frames = std::move(frames);
  return result;
}

}  // namespace interp3d
