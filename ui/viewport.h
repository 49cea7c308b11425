// One of the three linked viewports (source | morph | target): a QOpenGLWidget drawing one mesh,
// normalised into the unit cube, through the shared camera. Accepts mesh files dropped on it.
#pragma once

#include <memory>

#include <QImage>
#include <QOpenGLWidget>
#include <QPoint>
#include <QString>

#include "mesh/normalize.h"
#include "render/mesh_renderer.h"

namespace interp3d {

class CameraRig;

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

  // Renders the viewport offscreen at `size` device pixels (with its title and caption, sized
  // for `devicePixelRatio`) and returns the image.
  QImage renderToImage(const QSize& size, qreal devicePixelRatio = 1.0);

 signals:
  void fileDropped(const QString& path);

 protected:
  void initializeGL() override;
  void paintGL() override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void renderScene(int width, int height);
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
};

}  // namespace interp3d
