// Stage 4 of the pipeline (DESIGN.md, the paper's stage c): the colours of a frame. Every point of
// the frame knows where it came from on the source and on the target (the correspondence); both
// textures are sampled there. Low frequencies blend with s; detail is blended so that its contrast
// is kept (a variance-preserving blend) instead of being halved at s = 0.5. A frame gets either a
// baked texture in a new UV atlas or vertex colours (fast preview).
#pragma once

#include <cstdint>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec4.hpp>

#include "geometry/surface_query.h"
#include "mesh/textured_mesh.h"
#include "morph/correspondence.h"
#include "util/progress.h"

namespace interp3d {

struct TextureOptions {
  // Baked texture of an in-between frame meshed from the lattice, pixels per side; 0: the power
  // of two (256 to 4096) at which its texels per unit of surface reach the inputs' (the denser
  // one's, meanTexelDensity), 1024 when neither input has a texture.
  int size = 0;
  int lowPassFactor = 16;   // the low frequencies: textures box-filtered this many times smaller
  int dilationRings = 3;    // texels of colour grown beyond each chart against bleeding
  float seamSpread = 8.0f;  // a triangle crosses a texture seam when its texture-space spread
                            // exceeds this many times its surface spread (in the median ratio)
};

// One endpoint's colours as the fusion reads them: the full and the low-passed texture.
class SurfaceTexture {
 public:
  // `mesh` (unit cube) must outlive this object. With `magnify` > 1 its textures are also kept that
  // many times larger (bilinear), for frames baked larger in its layout (layoutScale).
  SurfaceTexture(const TexturedMesh& mesh, const TextureOptions& options, int magnify = 1);

  // Colour (full and low-passed) at texture coordinate `uv` of `material`. Only for meshes
  // without vertex colours (sameChart() says so before this is used).
  void colorAtUV(std::uint32_t material, const glm::vec2& uv, glm::vec4& full,
                 glm::vec4& low) const;
  // The low-passed colour alone at `uv` of `material`.
  glm::vec4 lowColorAtUV(std::uint32_t material, const glm::vec2& uv) const;
  // Whether colours inside a triangle whose corners come from surface points a, b, c can be read at
  // interpolated texture coordinates: same material, one texture chart, and not spread across it
  // much further than across the surface (a chart that bends round in the texture).
  bool sameChart(const SurfacePoint& a, const SurfacePoint& b, const SurfacePoint& c) const;
  // The low-passed colour at a surface point.
  glm::vec4 lowColorAt(const SurfacePoint& p) const;
  const TexturedMesh& mesh() const { return *mesh_; }
  // meanTexelDensity of the mesh.
  double texelDensity() const { return texelDensity_; }
  // The base-colour texture of `material` at the size frames are baked at: the mesh's own, or
  // magnified.
  const Image& bakeTexture(std::uint32_t material) const;

 private:
  const TexturedMesh* mesh_;
  std::vector<Image> lowTextures_;  // per material
  std::vector<Image> magnified_;    // per material, or none
  float uvPerLength_ = 0.0f;        // median texture-space length per unit of surface length
  float seamSpread_ = 3.0f;
  // Per triangle, its texture chart: triangles joined across edges whose two ends have the same
  // texture coordinates on both sides.
  std::vector<std::uint32_t> chart_;
  double texelDensity_ = 0.0;
};

// Both endpoints' colours and the correspondence between them: what the fusion reads.
struct FusionInputs {
  const SurfaceTexture& source;
  const SurfaceQuery& sourceQuery;
  const SurfaceTexture& target;
  const SurfaceQuery& targetQuery;
  const FrameWarp& warp;  // of the frame being coloured
};

// Colours pass from the source's to the target's around the middle of the morph, not evenly
// over all of it: low frequencies within kColourSwitch of s = 0.5 (colourWeight), detail within
// kDetailSwitch (detailWeight), keeping its contrast (variance-preserving blend). Features that
// sit in different places on the two (a cow's eyes and muzzle, a duck's eyes and beak) were
// shown twice, one faint, on nearly every frame of spot->bob (the muzzle's outline and nostrils
// on the beak two frames before the end); now the frames near each end show that end's face
// alone. At s = 0.5 both weigh one half, as before. `full` and `low` colours of the source
// (fs, ls) and of the target (ft, lt) at morph parameter s.
constexpr float kDetailSwitch = 0.3f, kColourSwitch = 0.45f;
float detailWeight(float s);
float colourWeight(float s);
glm::vec4 fuseColors(const glm::vec4& fs, const glm::vec4& ls, const glm::vec4& ft,
                     const glm::vec4& lt, float s);

// Fused colours at points of the frame at s (unit-cube coordinates).
std::vector<glm::vec4> fusedColors(const FusionInputs& in, const std::vector<glm::vec3>& points,
                                   double s);
// Both inputs' colours, full and low-passed, at points whose places on the source and on the
// target are known (the one-topology path: a vertex's base position and its landed one); read
// once, fused at any s.
struct PointColors {
  std::vector<glm::vec4> sourceFull, sourceLow, targetFull, targetLow;
};
PointColors pointColors(const FusionInputs& in, const std::vector<glm::vec3>& sourcePoints,
                        const std::vector<glm::vec3>& targetPoints);
std::vector<glm::vec4> fusePointColors(const PointColors& colors, double s);

// Whether a frame made of `mesh` can keep its texture layout: every material has a base-colour
// texture and the mesh has UVs.
bool hasOwnLayout(const TexturedMesh& mesh);

// A frame made of one input's mesh (its connectivity and UVs; `fromTarget` says which input) gets
// its textures baked in that input's own layout, at the input's own texture sizes: every texel a
// triangle covers takes the fused colour of the frame's point there, its own input's colour read
// from the very texel. Texels no triangle covers keep the input's. Materials' colour factors
// become white (the textures carry them). Where each frame vertex lies on the other input is
// read from the correspondence's warp, or given in `onOther` (one per frame vertex). Where the
// other input's share of colour and detail is below what 8 bits show (near the input's end), the
// frame keeps the input's textures and materials as they are.
// The textures are baked at the sizes of the input's SurfaceTexture::bakeTexture (larger than its
// own for a layout coarser than the other input's texture: layoutScale). Needs
// hasOwnLayout(frame). Throws Cancelled.
void bakeOwnLayout(const FusionInputs& in, TexturedMesh& frame, bool fromTarget, double s,
                   int threads, const Progress& progress = {},
                   const std::vector<glm::vec3>* onOther = nullptr);

// How many times its own texture sizes (1, 2 or 4) `frame`'s layout needs so that where its
// triangles lie on the other input (`onOther`, per vertex of `frame`) half of its area at least
// has texels as dense as the other input's texture has there: the Fox's layout on spot had 0.77
// of spot's texels per length (its face 0.3 to 0.5), and spot's eyes came out in streaks. Never
// more than `most` pixels a side; one scale for all materials; triangles landing where the other
// input has no texture are not counted; 1 when the other input has no texture or UVs.
int layoutScale(const TexturedMesh& frame, const std::vector<glm::vec3>& onOther,
                const TexturedMesh& other, const SurfaceQuery& otherQuery, int most = 4096);

// Texels per unit of surface area of `mesh`'s textured triangles, over their area (0 when it has
// no texture or UVs); a material's UVs that tile or overlap count its texels once.
double meanTexelDensity(const TexturedMesh& mesh);

// The side of a square atlas texture at which `covered` texels, counted at `side` pixels a side
// over a surface of `area`, reach `density` texels per unit of area: a power of two from 256 to
// 4096 (256 when nothing is covered).
int atlasSizeFor(double density, double area, std::size_t covered, int side);

// Gives `frame` (unit-cube coordinates, one material) a UV atlas and a baked base-colour texture
// of options.size pixels (or the size that keeps the inputs' texel density) with the fused colours
// at s. With `layoutAt`, the atlas is laid out for
// the frame's triangles at those places instead of its own (where its texture will show most
// detail; one per vertex, else it throws Error; charts of a layout that crosses itself may
// overlap). Throws Cancelled.
void bakeFrameTexture(const FusionInputs& in, TexturedMesh& frame, double s,
                      const TextureOptions& options, int threads, const Progress& progress = {},
                      const std::vector<glm::vec3>* layoutAt = nullptr);

}  // namespace interp3d
