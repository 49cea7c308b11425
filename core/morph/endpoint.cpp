#include "morph/endpoint.h"

#include "lattice/solid_field.h"

namespace interp3d {

MorphEndpoint prepareEndpoint(const UnitMesh& mesh, const GridSpec& spec, const LatentCodec& codec,
                              int threads, const Progress& progress) {
  progress.check();
  MorphEndpoint e;
  e.mesh = &mesh;
  e.query = std::make_unique<SurfaceQuery>(mesh.unit, threads);
  e.sdf = signedDistanceGrid(mesh.unit, *e.query, spec);
  progress.check();
  // What the morph interpolates is the codec's decoding of the structured latent.
  e.latent = encodeStructuredLatent(e.sdf, mesh.unit, *e.query, codec);
  decodeStructuredLatent(e.latent, codec, e.sdf);
  progress.check();
  return e;
}

}  // namespace interp3d
