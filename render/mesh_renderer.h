// Draws a TexturedMesh with OpenGL 3.3 core through Qt's QOpenGL classes. All methods except the
// constructor and setMesh need the owning context to be current.
#pragma once

#include <memory>
#include <vector>

#include <QOpenGLBuffer>
#include <QOpenGLExtraFunctions>
#include <QOpenGLShaderProgram>
#include <QOpenGLTexture>
#include <QOpenGLVertexArrayObject>
#include <glm/mat4x4.hpp>
#include <glm/vec4.hpp>

#include "mesh/textured_mesh.h"

namespace interp3d {

struct RenderOptions {
  bool wireframe = false;
  glm::vec3 wireColor{0.05f, 0.05f, 0.08f};
  glm::vec4 tint{0.0f};  // the base colour replaced by tint.rgb this much (tint.a): onion skins
  glm::vec3 backgroundTop{0.36f, 0.40f, 0.47f};
  glm::vec3 backgroundBottom{0.10f, 0.11f, 0.13f};
};

class MeshRenderer : protected QOpenGLExtraFunctions {
 public:
  MeshRenderer();
  ~MeshRenderer();
  MeshRenderer(const MeshRenderer&) = delete;
  MeshRenderer& operator=(const MeshRenderer&) = delete;

  // Compiles the shaders. Throws std::runtime_error with the compiler log on failure.
  void initialize();
  // Frees GPU resources; call before the context goes away.
  void releaseResources();

  // Replaces the mesh (nullptr clears it). `lod` is an optional lighter version drawn while the
  // camera moves. Upload happens on the next draw.
  void setMesh(std::shared_ptr<const TexturedMesh> mesh,
               std::shared_ptr<const TexturedMesh> lod = nullptr);
  bool hasMesh() const { return pendingFull_ != nullptr || full_.vertexCount > 0; }

  void drawBackground(const RenderOptions& options);
  // `model` maps mesh coordinates to the world; it must be a similarity (uniform scale).
  void drawMesh(const glm::mat4& model, const glm::mat4& view, const glm::mat4& projection,
                const RenderOptions& options, bool useLod);

 private:
  struct Range {
    int first = 0;
    int count = 0;
    int texture = -1;  // index into textures, or -1
    glm::vec4 baseColor{1.0f};
  };
  struct GpuMesh {
    std::unique_ptr<QOpenGLVertexArrayObject> vao;
    QOpenGLBuffer vbo{QOpenGLBuffer::VertexBuffer};
    std::vector<Range> ranges;
    std::vector<std::unique_ptr<QOpenGLTexture>> textures;
    bool hasColors = false;
    int vertexCount = 0;
  };

  void upload(const TexturedMesh& mesh, GpuMesh& gpu);
  void release(GpuMesh& gpu);
  void drawGpuMesh(const GpuMesh& gpu);

  bool initialized_ = false;
  QOpenGLShaderProgram meshProgram_;
  QOpenGLShaderProgram backgroundProgram_;
  QOpenGLVertexArrayObject backgroundVao_;
  GpuMesh full_, lod_;
  std::shared_ptr<const TexturedMesh> pendingFull_, pendingLod_;
  bool pending_ = false;
};

}  // namespace interp3d
