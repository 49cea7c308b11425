#include "morph/endpoint.h"

#include "lattice/solid_field.h"

namespace interp3d {

MorphEndpoint prepareEndpoint(const UnitMesh& mesh, const GridSpec& spec, const LatentCodec& codec,
                              const SolidOptions& solid, const Progress& progress) {
  progress.check();
  MorphEndpoint e;
  e.mesh = &mesh;
  e.query = std::make_unique<SurfaceQuery>(mesh.unit, solid.threads);
  SolidField field = solidField(mesh.unit, spec, solid, progress);
  e.sdf = std::move(field.sdf);
  e.solid = field.describe();
  e.repaired = field.repair.changed() || field.sheetPoints > 0;
  progress.check();
  // What the morph interpolates is the codec's decoding of the structured latent.
  e.latent = encodeStructuredLatent(e.sdf, mesh.unit, *e.query, codec);
  decodeStructuredLatent(e.latent, codec, e.sdf);
  progress.check();
  return e;
}

}  // namespace interp3d
