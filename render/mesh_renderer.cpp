#include "render/mesh_renderer.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include <glm/gtc/type_ptr.hpp>

static void initShaderResources() {
  Q_INIT_RESOURCE(shaders);
}

namespace interp3d {

namespace {
// Interleaved corner vertex: position, normal, uv (8 floats); colours go in a second block.
constexpr int kFloatsPerCorner = 8;

void buildProgram(QOpenGLShaderProgram& program, const char* vert, const char* frag) {
  if (!program.addShaderFromSourceFile(QOpenGLShader::Vertex, vert) ||
      !program.addShaderFromSourceFile(QOpenGLShader::Fragment, frag) || !program.link()) {
    throw std::runtime_error("cannot build shader " + std::string(vert) + ": " +
                             program.log().toStdString());
  }
}
}  // namespace

MeshRenderer::MeshRenderer() {
  initShaderResources();
}

MeshRenderer::~MeshRenderer() = default;

void MeshRenderer::initialize() {
  if (initialized_) return;
  initializeOpenGLFunctions();
  buildProgram(meshProgram_, ":/shaders/mesh.vert", ":/shaders/mesh.frag");
  buildProgram(backgroundProgram_, ":/shaders/background.vert", ":/shaders/background.frag");
  backgroundVao_.create();
  initialized_ = true;
}

void MeshRenderer::releaseResources() {
  if (!initialized_) return;
  release(full_);
  release(lod_);
  backgroundVao_.destroy();
  meshProgram_.removeAllShaders();
  backgroundProgram_.removeAllShaders();
  initialized_ = false;
}

void MeshRenderer::setMesh(std::shared_ptr<const TexturedMesh> mesh,
                           std::shared_ptr<const TexturedMesh> lod) {
  pendingFull_ = std::move(mesh);
  pendingLod_ = std::move(lod);
  pending_ = true;
}

void MeshRenderer::release(GpuMesh& gpu) {
  gpu.textures.clear();
  if (gpu.vbo.isCreated()) gpu.vbo.destroy();
  if (gpu.vao) gpu.vao->destroy();
  gpu.vao.reset();
  gpu.ranges.clear();
  gpu.vertexCount = 0;
}

void MeshRenderer::upload(const TexturedMesh& mesh, GpuMesh& gpu) {
  release(gpu);
  const std::size_t nf = mesh.triangles.size();
  if (nf == 0) return;

  // Order triangles by material so each material is one draw call.
  std::vector<std::uint32_t> order(nf);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return mesh.materialIds[a] < mesh.materialIds[b];
  });

  const bool uvs = mesh.hasUVs();
  gpu.hasColors = !mesh.vertexColors.empty();
  const std::size_t corners = 3 * nf;
  std::vector<float> data(corners * kFloatsPerCorner + (gpu.hasColors ? corners * 4 : 0));
  float* out = data.data();
  float* colorOut = data.data() + corners * kFloatsPerCorner;
  for (std::uint32_t f : order) {
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t v = mesh.triangles[f][k];
      const glm::vec3& p = mesh.positions[v];
      const glm::vec3 n =
          mesh.normals.size() == mesh.positions.size() ? mesh.normals[v] : glm::vec3(0, 0, 1);
      const glm::vec2 uv = uvs ? mesh.cornerUVs[3 * f + k] : glm::vec2(0.0f);
      *out++ = p.x, *out++ = p.y, *out++ = p.z;
      *out++ = n.x, *out++ = n.y, *out++ = n.z;
      *out++ = uv.x, *out++ = uv.y;
      if (gpu.hasColors) {
        const glm::vec4& c = mesh.vertexColors[v];
        *colorOut++ = c.r, *colorOut++ = c.g, *colorOut++ = c.b, *colorOut++ = c.a;
      }
    }
  }

  for (const Material& m : mesh.materials) {
    if (m.baseColorTexture.empty() || !uvs) {
      gpu.textures.emplace_back();
      continue;
    }
    auto tex = std::make_unique<QOpenGLTexture>(QOpenGLTexture::Target2D);
    tex->setSize(m.baseColorTexture.width, m.baseColorTexture.height);
    tex->setFormat(QOpenGLTexture::RGBA8_UNorm);
    tex->setMipLevels(tex->maximumMipLevels());
    tex->allocateStorage(QOpenGLTexture::RGBA, QOpenGLTexture::UInt8);
    tex->setData(QOpenGLTexture::RGBA, QOpenGLTexture::UInt8, m.baseColorTexture.rgba.data());
    tex->generateMipMaps();
    tex->setMinMagFilters(QOpenGLTexture::LinearMipMapLinear, QOpenGLTexture::Linear);
    tex->setWrapMode(QOpenGLTexture::Repeat);
    gpu.textures.push_back(std::move(tex));
  }

  for (std::size_t i = 0; i < nf;) {
    const std::uint32_t mat = mesh.materialIds[order[i]];
    std::size_t j = i;
    while (j < nf && mesh.materialIds[order[j]] == mat) ++j;
    Range r;
    r.first = static_cast<int>(3 * i);
    r.count = static_cast<int>(3 * (j - i));
    r.texture = gpu.textures[mat] ? static_cast<int>(mat) : -1;
    r.baseColor = mesh.materials[mat].baseColorFactor;
    gpu.ranges.push_back(r);
    i = j;
  }

  gpu.vao = std::make_unique<QOpenGLVertexArrayObject>();
  gpu.vao->create();
  QOpenGLVertexArrayObject::Binder binder(gpu.vao.get());
  gpu.vbo.create();
  gpu.vbo.bind();
  gpu.vbo.allocate(data.data(), static_cast<int>(data.size() * sizeof(float)));
  const int stride = kFloatsPerCorner * sizeof(float);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, nullptr);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<void*>(3 * sizeof(float)));
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<void*>(6 * sizeof(float)));
  if (gpu.hasColors) {
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, 0,
                          reinterpret_cast<void*>(corners * kFloatsPerCorner * sizeof(float)));
  } else {
    glDisableVertexAttribArray(3);
  }
  gpu.vbo.release();
  gpu.vertexCount = static_cast<int>(corners);
}

void MeshRenderer::drawBackground(const RenderOptions& options) {
  glDisable(GL_DEPTH_TEST);
  glDepthMask(GL_FALSE);
  backgroundProgram_.bind();
  backgroundProgram_.setUniformValue("uTop", options.backgroundTop.r, options.backgroundTop.g,
                                     options.backgroundTop.b);
  backgroundProgram_.setUniformValue("uBottom", options.backgroundBottom.r,
                                     options.backgroundBottom.g, options.backgroundBottom.b);
  QOpenGLVertexArrayObject::Binder binder(&backgroundVao_);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  backgroundProgram_.release();
  glDepthMask(GL_TRUE);
}

void MeshRenderer::drawGpuMesh(const GpuMesh& gpu) {
  QOpenGLVertexArrayObject::Binder binder(gpu.vao.get());
  if (!gpu.hasColors) glVertexAttrib4f(3, 1.0f, 1.0f, 1.0f, 1.0f);
  for (const Range& r : gpu.ranges) {
    const bool textured = r.texture >= 0;
    meshProgram_.setUniformValue("uHasTexture", textured);
    meshProgram_.setUniformValue("uBaseColor", r.baseColor.r, r.baseColor.g, r.baseColor.b,
                                 r.baseColor.a);
    if (textured) gpu.textures[r.texture]->bind(0);
    glDrawArrays(GL_TRIANGLES, r.first, r.count);
    if (textured) gpu.textures[r.texture]->release(0);
  }
}

void MeshRenderer::drawMesh(const glm::mat4& model, const glm::mat4& view,
                            const glm::mat4& projection, const RenderOptions& options,
                            bool useLod) {
  if (pending_) {
    upload(pendingFull_ ? *pendingFull_ : TexturedMesh{}, full_);
    upload(pendingLod_ ? *pendingLod_ : TexturedMesh{}, lod_);
    pendingFull_.reset();
    pendingLod_.reset();
    pending_ = false;
  }
  const GpuMesh& gpu = useLod && lod_.vertexCount > 0 ? lod_ : full_;
  if (gpu.vertexCount == 0) return;
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LESS);
  meshProgram_.bind();
  const glm::mat4 modelView = view * model;
  meshProgram_.setUniformValue("uModelView", QMatrix4x4(glm::value_ptr(modelView)).transposed());
  meshProgram_.setUniformValue("uProjection", QMatrix4x4(glm::value_ptr(projection)).transposed());
  meshProgram_.setUniformValue("uTexture", 0);
  meshProgram_.setUniformValue("uWireframe", options.wireframe);
  meshProgram_.setUniformValue("uWireColor", options.wireColor.r, options.wireColor.g,
                               options.wireColor.b);
  meshProgram_.setUniformValue("uTint", options.tint.r, options.tint.g, options.tint.b,
                               options.tint.a);
  drawGpuMesh(gpu);
  meshProgram_.release();
}

}  // namespace interp3d
