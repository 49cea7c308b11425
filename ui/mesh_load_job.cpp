#include "ui/mesh_load_job.h"

#include <chrono>
#include <cmath>
#include <exception>

#include "io/mesh_import.h"
#include "mesh/simplify.h"

namespace interp3d {

ViewMesh loadViewMesh(const std::string& path, const ImportOptions& import,
                      const Progress& progress) {
  ViewMesh view;
  view.path = path;
  const auto start = std::chrono::steady_clock::now();
  try {
    LoadedMesh loaded = loadMesh(path, import, progress);
    view.warnings = std::move(loaded.warnings);
    view.info = describeMesh(loaded.mesh, path);
    view.toUnit = unitCubeTransform(loaded.mesh);
    progress.check();
    view.heading = findHeading(loaded.mesh);
    const glm::vec3 front = findFront(loaded.mesh, view.heading);
    if (front != glm::vec3(0.0f)) view.facing = -std::atan2(front.x, front.z);
    if (loaded.mesh.triangleCount() > kLodThresholdTriangles) {
      view.lod = std::make_shared<const TexturedMesh>(
          simplifyByClustering(loaded.mesh, {kLodTargetTriangles}));
    }
    view.mesh = std::make_shared<const TexturedMesh>(std::move(loaded.mesh));
  } catch (const std::exception& e) {
    view.error = e.what();
  } catch (...) {
    view.error = path + ": unknown error while loading";
  }
  view.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return view;
}

}  // namespace interp3d
