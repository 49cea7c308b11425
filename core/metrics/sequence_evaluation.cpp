#include "metrics/sequence_evaluation.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "geometry/surface_query.h"
#include "geometry/surface_sampling.h"
#include "io/mesh_import.h"
#include "lattice/solid_field.h"
#include "mesh/normalize.h"
#include "mesh/repair.h"
#include "mesh/topology.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {

namespace {
// The frames listed in a manifest written by writeSequence.
std::vector<FrameMetrics> readManifest(const fs::path& path) {
  const nlohmann::json j = nlohmann::json::parse(readFile(path), nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw IoError(path.string() + ": not JSON; is this a morph manifest?");
  if (!j.contains("frames") || !j["frames"].is_array())
    throw IoError(path.string() + ": no \"frames\" list; is this a morph manifest?");
  std::vector<FrameMetrics> frames;
  for (const nlohmann::json& entry : j["frames"]) {
    FrameMetrics f;
    for (const char* key : {"frame", "t", "alpha"}) {
      if (!entry.is_object() || !entry.contains(key) || !entry[key].is_number())
        throw IoError(path.string() + ": a frame has no \"" + key + "\"");
    }
    if (!entry.contains("file") || !entry["file"].is_string())
      throw IoError(path.string() + ": a frame has no \"file\"");
    f.index = entry["frame"].get<int>();
    f.t = entry["t"].get<double>();
    f.alpha = entry["alpha"].get<double>();
    f.file = entry["file"].get<std::string>();
    frames.push_back(f);
  }
  if (frames.size() < 2)
    throw IoError(path.string() + ": the manifest lists fewer than two frames");
  return frames;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  const double upper = v[v.size() / 2];
  if (v.size() % 2) return upper;
  return 0.5 * (upper + *std::max_element(v.begin(), v.begin() + v.size() / 2));
}

std::size_t texturePixels(const TexturedMesh& m) {
  std::size_t n = 0;
  for (const Material& mat : m.materials)
    n += static_cast<std::size_t>(std::max(0, mat.baseColorTexture.width)) *
         static_cast<std::size_t>(std::max(0, mat.baseColorTexture.height));
  return n;
}

double normalizedArea(const TexturedMesh& m) {
  const double diag = boundingBox(m.positions).diagonal();
  return diag > 0.0 ? surfaceArea(m) / (diag * diag) : 0.0;
}

EndpointMetrics endpointMetrics(const TexturedMesh& input) {
  EndpointMetrics e;
  // Measured as a solid's surface: a surface written twice has the area and look of one.
  const TexturedMesh m = repairForSolid(input);
  const TopologyStats t = computeTopology(m);
  e.triangles = input.triangleCount();
  e.components = t.components;
  e.meshGenus = t.genus;
  try {
    TexturedMesh unit = m;
    normalizeToUnitCube(unit);
    e.solidGenus = solidField(unit, GridSpec::unitCube(64, 3), {}).genus;
  } catch (const Error&) {
    e.solidGenus = 0;  // no solid can be made of it: its mesh's handles are all there is
    e.solidMade = false;
  }
  e.genus = std::max(e.meshGenus, e.solidGenus);
  e.texturePixels = texturePixels(m);
  e.area = normalizedArea(m);
  e.roughness = surfaceRoughness(m);
  return e;
}

SurfaceDistance relative(SurfaceDistance d, double diag) {
  d.meanAtoB /= diag, d.meanBtoA /= diag, d.maxAtoB /= diag, d.maxBtoA /= diag;
  return d;
}
}  // namespace

SequenceReport evaluateSequence(const fs::path& dir, const fs::path& sourcePath,
                                const fs::path& targetPath, const Progress& progress) {
  SequenceReport r;
  r.frames = readManifest(dir / "manifest.json");
  const TexturedMesh source = loadMesh(sourcePath).mesh, target = loadMesh(targetPath).mesh;
  r.source = endpointMetrics(source);
  r.target = endpointMetrics(target);

  std::vector<TexturedMesh> meshes;
  for (std::size_t i = 0; i < r.frames.size(); ++i) {
    progress.check();
    progress.report(0.5 * i / r.frames.size(), "frame " + std::to_string(i));
    FrameMetrics& f = r.frames[i];
    meshes.push_back(loadMesh(dir / f.file).mesh);
    const TopologyStats s = computeTopology(meshes.back());
    f.triangles = meshes.back().triangleCount();
    f.components = s.components;
    f.watertight = s.watertight();
    f.manifold = s.manifold();
    f.selfIntersections = countSelfIntersections(meshes.back());
    f.genus = s.genus;
    f.texturePixels = texturePixels(meshes.back());
    f.area = normalizedArea(meshes.back());
    f.roughness = surfaceRoughness(meshes.back());
    const double a = f.alpha;
    const double area = (1.0 - a) * r.source.area + a * r.target.area;
    const double rough = (1.0 - a) * r.source.roughness + a * r.target.roughness;
    f.areaRatio = area > 0.0 ? f.area / area : 0.0;
    f.roughnessRatio = rough > 0.0 ? f.roughness / rough : 0.0;
  }
  // The in-between frames against the endpoints.
  const std::size_t handles = std::max(r.source.genus, r.target.genus),
                    parts = std::max(r.source.components, r.target.components);
  for (std::size_t i = 1; i + 1 < r.frames.size(); ++i) {
    const FrameMetrics& f = r.frames[i];
    if (f.genus > handles) r.extraHandles = std::max(r.extraHandles, f.genus - handles);
    if (f.components > parts) r.extraComponents = std::max(r.extraComponents, f.components - parts);
    r.maxAreaRatio = i == 1 ? f.areaRatio : std::max(r.maxAreaRatio, f.areaRatio);
    r.minAreaRatio = i == 1 ? f.areaRatio : std::min(r.minAreaRatio, f.areaRatio);
    r.maxRoughnessRatio =
        i == 1 ? f.roughnessRatio : std::max(r.maxRoughnessRatio, f.roughnessRatio);
  }
  progress.report(0.5, "endpoints");
  // One surface query per mesh serves all of its comparisons.
  std::vector<std::unique_ptr<SurfaceQuery>> queries;
  for (const TexturedMesh& m : meshes) queries.push_back(std::make_unique<SurfaceQuery>(m));
  const SurfaceQuery sourceQuery(source), targetQuery(target);
  const double diagS = boundingBox(source.positions).diagonal(),
               diagT = boundingBox(target.positions).diagonal();
  r.firstToSource =
      relative(surfaceDistance(meshes.front(), *queries.front(), source, sourceQuery), diagS);
  r.lastToTarget =
      relative(surfaceDistance(meshes.back(), *queries.back(), target, targetQuery), diagT);
  r.deltaEFirst = meanColorDifference(meshes.front(), source, sourceQuery);
  r.deltaELast = meanColorDifference(meshes.back(), target, targetQuery);

  for (std::size_t i = 0; i + 1 < meshes.size(); ++i) {
    progress.check();
    progress.report(0.6 + 0.3 * i / meshes.size(), "steps");
    const double diag = 0.5 * (boundingBox(meshes[i].positions).diagonal() +
                               boundingBox(meshes[i + 1].positions).diagonal());
    const SurfaceDistance step =
        surfaceDistance(meshes[i], *queries[i], meshes[i + 1], *queries[i + 1], 8000,
                        11 + static_cast<std::uint32_t>(i));
    r.steps.push_back(step.chamfer() / diag);
  }
  double mean = 0.0, maxStep = 0.0;
  for (double s : r.steps) r.stepSum += s, maxStep = std::max(maxStep, s);
  mean = r.stepSum / r.steps.size();
  double var = 0.0;
  for (double s : r.steps) var += (s - mean) * (s - mean);
  r.stepCv = mean > 0 ? std::sqrt(var / r.steps.size()) / mean : 0.0;
  r.stepMaxOverMean = mean > 0 ? maxStep / mean : 0.0;
  // Pops: the first and last steps against the median one.
  std::vector<double> roughSteps;
  for (std::size_t i = 0; i + 1 < r.frames.size(); ++i)
    roughSteps.push_back(std::fabs(r.frames[i + 1].roughness - r.frames[i].roughness));
  const double medianStep = median(r.steps), medianRough = median(roughSteps);
  if (medianStep > 0.0) {
    r.popChamferFirst = r.steps.front() / medianStep;
    r.popChamferLast = r.steps.back() / medianStep;
  }
  if (medianRough > 0.0) {
    r.popRoughnessFirst = roughSteps.front() / medianRough;
    r.popRoughnessLast = roughSteps.back() / medianRough;
  }
  for (std::size_t i = 0; i < roughSteps.size() && medianRough > 0.0; ++i)
    if (roughSteps[i] / medianRough > r.worstRoughnessStep)
      r.worstRoughnessStep = roughSteps[i] / medianRough, r.worstRoughnessAt = static_cast<int>(i);

  // Detail retention at the frame nearest t = 0.5, ours and a plain cross-fade on the same surface.
  progress.report(0.9, "detail");
  r.middleFrame = 0;
  for (std::size_t i = 0; i < r.frames.size(); ++i) {
    if (std::fabs(r.frames[i].t - 0.5) < std::fabs(r.frames[r.middleFrame].t - 0.5))
      r.middleFrame = static_cast<int>(i);
  }
  const double endpoints = 0.5 * (meanColorGradient(source) + meanColorGradient(target));
  const TexturedMesh& middle = meshes[r.middleFrame];
  const double alpha = r.frames[r.middleFrame].alpha;
  r.detailRetention = endpoints > 0 ? meanColorGradient(middle) / endpoints : 0.0;
  TexturedMesh unitS = source, unitT = target;
  normalizeToUnitCube(unitS);
  normalizeToUnitCube(unitT);
  const Similarity toUnitMiddle = unitCubeTransform(middle);
  const SurfaceQuery qs(unitS), qt(unitT);
  const SurfaceColorFn crossFade = [&](const std::vector<std::uint32_t>&,
                                       const std::vector<glm::vec2>&,
                                       const std::vector<glm::vec3>& positions) {
    std::vector<glm::vec3> unit(positions.size());
    for (std::size_t i = 0; i < positions.size(); ++i) unit[i] = toUnitMiddle.apply(positions[i]);
    const auto onS = qs.closest(unit), onT = qt.closest(unit);
    std::vector<glm::vec3> c(positions.size());
    for (std::size_t i = 0; i < c.size(); ++i) {
      c[i] = float(1.0 - alpha) * glm::vec3(colorAt(unitS, onS[i])) +
             float(alpha) * glm::vec3(colorAt(unitT, onT[i]));
    }
    return c;
  };
  r.crossFadeRetention = endpoints > 0 ? meanColorGradient(middle, crossFade) / endpoints : 0.0;
  progress.report(1.0, "done");
  return r;
}

std::vector<SummaryMetric> summaryMetrics(const SequenceReport& r) {
  double notClosed = 0.0, components = 0.0, intersections = 0.0, triangles = 0.0, pixels = 0.0;
  std::size_t inBetween = 0;
  for (std::size_t i = 0; i < r.frames.size(); ++i) {
    const FrameMetrics& f = r.frames[i];
    notClosed += !(f.watertight && f.manifold);
    components = std::max(components, static_cast<double>(f.components));
    intersections = std::max(intersections, static_cast<double>(f.selfIntersections));
    if (i == 0 || i + 1 == r.frames.size()) continue;
    triangles += static_cast<double>(f.triangles);
    pixels += static_cast<double>(f.texturePixels);
    ++inBetween;
  }
  const double inputTriangles =
      static_cast<double>(std::max(r.source.triangles, r.target.triangles));
  const double inputPixels =
      static_cast<double>(std::max(r.source.texturePixels, r.target.texturePixels));
  const double n = static_cast<double>(std::max<std::size_t>(1, inBetween));
  return {
      {"first->source chamfer", r.firstToSource.chamfer()},
      {"last->target chamfer", r.lastToTarget.chamfer()},
      {"first->source hausdorff", r.firstToSource.hausdorff()},
      {"last->target hausdorff", r.lastToTarget.hausdorff()},
      {"endpoint colour dE (worse end)", std::max(r.deltaEFirst, r.deltaELast)},
      {"step sum", r.stepSum},
      {"step coefficient of variation", r.stepCv},
      {"step max/mean", r.stepMaxOverMean},
      {"frames not watertight+manifold", notClosed},
      {"most components in a frame", components},
      {"most self-intersections in a frame", intersections},
      {"detail retention |r - 1| at t=0.5", std::abs(r.detailRetention - 1.0)},
      {"extra handles (worst frame)", static_cast<double>(r.extraHandles)},
      {"extra components (worst frame)", static_cast<double>(r.extraComponents)},
      {"roughness ratio (worst frame)", r.maxRoughnessRatio},
      {"area ratio (largest)", r.maxAreaRatio},
      {"area ratio |1 - smallest|", std::abs(1.0 - r.minAreaRatio)},
      {"pop, chamfer (worse end)", std::max(r.popChamferFirst, r.popChamferLast)},
      {"pop, roughness (worse end)", std::max(r.popRoughnessFirst, r.popRoughnessLast)},
      {"worst roughness step anywhere / median", r.worstRoughnessStep},
      {"triangles per frame / larger input",
       inputTriangles > 0.0 ? triangles / n / inputTriangles : 0.0},
      {"texture pixels per frame / larger input",
       inputPixels > 0.0 ? pixels / n / inputPixels : pixels / n},
  };
}

namespace {
// The worst roughness step's line: its ratio and frames, or that none was measured.
std::string worstStep(const SequenceReport& r) {
  if (r.worstRoughnessAt < 0) return "none measured";
  std::ostringstream os;
  os << std::fixed << std::setprecision(4) << r.worstRoughnessStep << " (frames "
     << r.worstRoughnessAt << "->" << r.worstRoughnessAt + 1 << ")";
  return os.str();
}

// An endpoint's line: its genus is the larger of its mesh's and its solid's (a teapot of open
// patches has a mesh of genus 0 and a handle as a solid), and says so when they differ, since
// the frame rows count the mesh's.
std::string describe(const EndpointMetrics& e) {
  std::ostringstream os;
  os << e.triangles << " triangles, " << e.components << " components, genus " << e.genus;
  if (e.solidMade && e.meshGenus != e.solidGenus)
    os << " (as a solid " << e.solidGenus << ", its mesh " << e.meshGenus << ")";
  os << ", roughness " << e.roughness << ", " << e.texturePixels << " texture pixels";
  return os.str();
}
}  // namespace

std::string formatText(const SequenceReport& r) {
  std::ostringstream os;
  os << std::fixed << std::setprecision(4);
  os << "frame      t  alpha  triangles  comps  genus  watertight  manifold  self-isect  "
        "area-ratio  rough-ratio  tex-pixels\n";
  for (const FrameMetrics& f : r.frames) {
    os << std::setw(5) << f.index << " " << std::setw(6) << f.t << " " << std::setw(6) << f.alpha
       << " " << std::setw(10) << f.triangles << " " << std::setw(6) << f.components << " "
       << std::setw(6) << f.genus << " " << std::setw(11) << (f.watertight ? "yes" : "no") << " "
       << std::setw(9) << (f.manifold ? "yes" : "no") << " " << std::setw(11) << f.selfIntersections
       << " " << std::setw(11) << f.areaRatio << " " << std::setw(12) << f.roughnessRatio << " "
       << std::setw(11) << f.texturePixels << "\n";
  }
  os << "\nendpoint fidelity (fraction of the bounding-box diagonal):\n"
     << "  first->source chamfer " << r.firstToSource.chamfer() << "  hausdorff "
     << r.firstToSource.hausdorff() << "  (frame->mesh " << r.firstToSource.meanAtoB
     << ", mesh->frame " << r.firstToSource.meanBtoA << ")\n"
     << "  last->target  chamfer " << r.lastToTarget.chamfer() << "  hausdorff "
     << r.lastToTarget.hausdorff() << "  (frame->mesh " << r.lastToTarget.meanAtoB
     << ", mesh->frame " << r.lastToTarget.meanBtoA << ")\n"
     << "  colour difference (CIE76): first " << r.deltaEFirst << ", last " << r.deltaELast << "\n"
     << "smoothness: step sum " << r.stepSum << ", coefficient of variation " << r.stepCv
     << ", max/mean " << r.stepMaxOverMean << "\n  steps:";
  for (double s : r.steps) os << " " << s;
  os << "\ntexture detail retention at frame " << r.middleFrame << ": " << r.detailRetention
     << " (plain cross-fade: " << r.crossFadeRetention << ")\n"
     << "what the eye sees (in-between frames): extra handles " << r.extraHandles
     << ", extra components " << r.extraComponents << ", roughness ratio up to "
     << r.maxRoughnessRatio << ", area ratio " << r.minAreaRatio << " to " << r.maxAreaRatio
     << "\n  pop (first/last step over the median): chamfer " << r.popChamferFirst << " / "
     << r.popChamferLast << ", roughness " << r.popRoughnessFirst << " / " << r.popRoughnessLast
     << "\n  worst roughness step anywhere (over the median): " << worstStep(r)
     << "\nendpoints: source " << describe(r.source) << "; target " << describe(r.target) << "\n";
  return os.str();
}

std::string formatJson(const SequenceReport& r) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["frames"] = Json::array();
  for (const FrameMetrics& f : r.frames) {
    j["frames"].push_back({{"frame", f.index},
                           {"t", f.t},
                           {"alpha", f.alpha},
                           {"file", f.file},
                           {"triangles", f.triangles},
                           {"texture_pixels", f.texturePixels},
                           {"components", f.components},
                           {"genus", f.genus},
                           {"watertight", f.watertight},
                           {"manifold", f.manifold},
                           {"self_intersections", f.selfIntersections},
                           {"area", f.area},
                           {"roughness", f.roughness},
                           {"area_ratio", f.areaRatio},
                           {"roughness_ratio", f.roughnessRatio}});
  }
  auto dist = [](const SurfaceDistance& d) {
    return Json{{"chamfer", d.chamfer()},
                {"hausdorff", d.hausdorff()},
                {"frame_to_mesh", d.meanAtoB},
                {"mesh_to_frame", d.meanBtoA}};
  };
  auto endpoint = [](const EndpointMetrics& e) {
    return Json{{"triangles", e.triangles},
                {"texture_pixels", e.texturePixels},
                {"components", e.components},
                {"genus", e.genus},
                {"area", e.area},
                {"roughness", e.roughness}};
  };
  j["first_to_source"] = dist(r.firstToSource);
  j["last_to_target"] = dist(r.lastToTarget);
  j["delta_e_first"] = r.deltaEFirst;
  j["delta_e_last"] = r.deltaELast;
  j["steps"] = r.steps;
  j["step_sum"] = r.stepSum;
  j["step_cv"] = r.stepCv;
  j["step_max_over_mean"] = r.stepMaxOverMean;
  j["middle_frame"] = r.middleFrame;
  j["detail_retention"] = r.detailRetention;
  j["cross_fade_detail_retention"] = r.crossFadeRetention;
  j["extra_handles"] = r.extraHandles;
  j["extra_components"] = r.extraComponents;
  j["max_roughness_ratio"] = r.maxRoughnessRatio;
  j["max_area_ratio"] = r.maxAreaRatio;
  j["min_area_ratio"] = r.minAreaRatio;
  j["pop"] = {{"chamfer_first", r.popChamferFirst},
              {"chamfer_last", r.popChamferLast},
              {"roughness_first", r.popRoughnessFirst},
              {"roughness_last", r.popRoughnessLast}};
  j["worst_roughness_step"] = {{"over_median", r.worstRoughnessStep},
                               {"from_frame", r.worstRoughnessAt}};
  j["source"] = endpoint(r.source);
  j["target"] = endpoint(r.target);
  return j.dump();
}

}  // namespace interp3d
