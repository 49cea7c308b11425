// One of the three linked viewports (source | morph | target): a QOpenGLWidget drawing one mesh,
// normalised into the unit cube, through the shared camera. Accepts mesh files dropped on it.
#pragma once

#include <memory>
#include <optional>

#include <vector>

#include <QColor>
#include <QImage>
#include <QOpenGLWidget>
#include <QPoint>
#include <QString>
#include <glm/vec4.hpp>

#include "mesh/normalize.h"
#include "render/mesh_renderer.h"

namespace interp3d {

class CameraRig;

// A numbered landmark pin drawn over a viewport, at a point of its mesh (the mesh's units).
struct Pin {
  glm::vec3 point{0.0f};
  int number = 0;  // as the landmark list numbers it, from 1
  QColor colour;
  bool selected = false;
};

// Another mesh drawn in a view: a ghost blended over the background (onion skin) or over the
// view's own mesh (an overlay to compare), or the left part of a wipe.
struct Layer {
  std::shared_ptr<const TexturedMesh> mesh;
  Similarity toUnit;
  float facing = 0.0f;
  float opacity = 0.3f;
  bool onTop = false;    // drawn over the view's own mesh (else behind it)
  glm::vec4 tint{0.0f};  // its colour replaced by tint.rgb this much (tint.a): onion skins
};

class Viewport : public QOpenGLWidget {
  Q_OBJECT
 public:
  Viewport(const QString& title, CameraRig* rig, QWidget* parent = nullptr);
  ~Viewport() override;

  // Shows `mesh` (with an optional lighter `lod` for camera motion); `toUnit` maps it into the
  // unit cube. nullptr clears the viewport.
  void setMesh(std::shared_ptr<const TexturedMesh> mesh, std::shared_ptr<const TexturedMesh> lod,
               const Similarity& toUnit);
  const Similarity& toUnit() const { return toUnit_; }
  // The camera this view looks through (shared by linked views).
  void setRig(CameraRig* rig);
  CameraRig* rig() const { return rig_; }
  const std::shared_ptr<const TexturedMesh>& mesh() const { return mesh_; }
  // Turns the shown model about +Y by `radians` (about the unit cube's centre), so that each view
  // can show its model from the front with the one shared camera.
  void setFacing(float radians);
  float facing() const { return facing_; }
  void setPlaceholder(const QString& text);
  void setCaption(const QString& caption);
  const QString& caption() const { return caption_; }
  void setWireframe(bool on);
  // Forces full detail even while the camera moves (LOD off).
  void setLodEnabled(bool on) { lodEnabled_ = on; }

  // Ghosts: onion-skin neighbours behind the mesh, or an overlay on top (see Layer).
  void setGhosts(std::vector<Layer> ghosts);
  // A wipe: left of `split` (a fraction of the width) the view shows `left` instead of its own
  // mesh, right of it its own or `right` when given; the line can be dragged. No mesh in `left`:
  // no wipe.
  void setWipe(Layer left, float split, Layer right = {});
  float wipeSplit() const { return wipe_.mesh ? split_ : -1.0f; }

  // Landmark pins over the mesh; in pick mode a click (no drag) on the mesh emits surfaceClicked,
  // a click on a pin pinClicked, and a pin dragged follows the surface under the cursor
  // (pinDragged); dragging elsewhere still orbits.
  void setPins(std::vector<Pin> pins);
  void setPickMode(bool on);
  // The point of the shown mesh under `pixel` (widget coordinates), in the mesh's units.
  std::optional<glm::vec3> pick(const QPoint& pixel) const;
  // Where `point` (mesh units) appears, in widget coordinates of a view of `size`.
  QPointF project(const glm::vec3& point, const QSize& size) const;

  // Renders the viewport offscreen at `size` device pixels (with its title and caption, sized
  // for `devicePixelRatio`; without `labels`, the model and pins alone) and returns the image.
  QImage renderToImage(const QSize& size, qreal devicePixelRatio = 1.0, bool labels = true);

 signals:
  void fileDropped(const QString& path);
  void surfaceClicked(const glm::vec3& point);
  void pinClicked(int index);  // index into the pins given
  void pinDragged(int index, const glm::vec3& point);
  void pinDropped(int index);  // the end of a drag

 protected:
  void initializeGL() override;
  void paintGL() override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void renderScene(int width, int height);
  // Draws `layer` with renderer `slot` of the layer renderers (created on first use).
  void drawLayer(std::size_t slot, const Layer& layer, const glm::mat4& view,
                 const glm::mat4& projection);
  glm::mat4 modelMatrix() const;
  glm::mat4 clipTransform(const QSize& size) const;  // projection * view * model
  int pinAt(const QPoint& pixel) const;              // -1 when no pin is within reach
  // Whether `point`, seen at `at` in a view of `size`, is not hidden by the mesh.
  bool pinInSight(const glm::vec3& point, const QPointF& at, const QSize& size) const;
  void paintOverlay(QPainter& painter, const QSize& size) const;
  void releaseGl();

  QString title_;
  QString caption_;
  QString placeholder_;
  CameraRig* rig_;
  MeshRenderer renderer_;
  RenderOptions options_;
  Similarity toUnit_;
  float facing_ = 0.0f;
  bool lodEnabled_ = true;
  QPoint lastMouse_;
  QPoint pressedAt_;
  std::shared_ptr<const TexturedMesh> mesh_;  // what is shown, for picking
  std::vector<Pin> pins_;
  bool pickMode_ = false;
  std::vector<Layer> ghosts_;
  Layer wipe_, wipeRight_;
  float split_ = 0.5f;
  bool draggingSplit_ = false;
  std::vector<std::unique_ptr<MeshRenderer>> layerRenderers_;
  // What each layer renderer holds (kept alive, so a new mesh never shares a freed one's address).
  std::vector<std::shared_ptr<const TexturedMesh>> layerMeshes_;
  int draggedPin_ = -1;
};

}  // namespace interp3d
