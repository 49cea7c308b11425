#include "ui/viewport.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QOpenGLFramebufferObject>
#include <QOpenGLFunctions>
#include <QPainter>
#include <QWheelEvent>
#include <glm/gtc/matrix_transform.hpp>

#include "render/mesh_picking.h"
#include "ui/camera_rig.h"

namespace interp3d {

namespace {
constexpr int kPinRadius = 9;  // logical pixels

// A mesh into the view: into the unit cube, then turned about +Y by `facing`.
glm::mat4 modelMatrixOf(const Similarity& toUnit, float facing) {
  return glm::rotate(glm::mat4(1.0f), facing, glm::vec3(0.0f, 1.0f, 0.0f)) *
         glm::scale(glm::mat4(1.0f), glm::vec3(toUnit.scale)) *
         glm::translate(glm::mat4(1.0f), -toUnit.center);
}
}  // namespace

Viewport::Viewport(const QString& title, CameraRig* rig, QWidget* parent)
    : QOpenGLWidget(parent), title_(title), rig_(rig) {
  setAcceptDrops(true);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(120, 120);
  connect(rig_, &CameraRig::changed, this, qOverload<>(&QWidget::update));
}

Viewport::~Viewport() {
  releaseGl();
  // The context outlives this part of the object (QOpenGLWidget's destructor destroys it): its
  // aboutToBeDestroyed must not call back into a Viewport that no longer exists.
  if (context()) disconnect(context(), nullptr, this, nullptr);
}

void Viewport::releaseGl() {
  if (!context()) return;
  makeCurrent();
  renderer_.releaseResources();
  for (auto& r : layerRenderers_) r->releaseResources();
  layerRenderers_.clear();
  layerMeshes_.clear();
  doneCurrent();
}

void Viewport::setMesh(std::shared_ptr<const TexturedMesh> mesh,
                       std::shared_ptr<const TexturedMesh> lod, const Similarity& toUnit) {
  mesh_ = mesh;
  renderer_.setMesh(std::move(mesh), std::move(lod));
  toUnit_ = toUnit;
  update();
}

void Viewport::setRig(CameraRig* rig) {
  if (rig == rig_) return;
  disconnect(rig_, &CameraRig::changed, this, nullptr);
  rig_ = rig;
  connect(rig_, &CameraRig::changed, this, qOverload<>(&QWidget::update));
  update();
}

void Viewport::setFacing(float radians) {
  facing_ = radians;
  update();
}

void Viewport::setPlaceholder(const QString& text) {
  placeholder_ = text;
  update();
}

void Viewport::setCaption(const QString& caption) {
  caption_ = caption;
  update();
}

void Viewport::setWireframe(bool on) {
  options_.wireframe = on;
  update();
}

void Viewport::initializeGL() {
  renderer_.initialize();
  connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &Viewport::releaseGl,
          Qt::DirectConnection);
}

void Viewport::renderScene(int width, int height) {
  QOpenGLFunctions* gl = context()->functions();
  gl->glViewport(0, 0, width, height);
  gl->glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
  gl->glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  renderer_.drawBackground(options_);
  const OrbitCamera& cam = rig_->camera();
  const float aspect = static_cast<float>(width) / static_cast<float>(std::max(height, 1));
  const glm::mat4 view = cam.view(), projection = cam.projection(aspect);
  std::size_t slot = 0;
  for (const Layer& g : ghosts_)  // behind: each ghost over the background, then the mesh
    if (!g.onTop) drawLayer(slot++, g, view, projection);
  gl->glClear(GL_DEPTH_BUFFER_BIT);
  const int split = wipe_.mesh ? static_cast<int>(split_ * width) : 0;
  if (wipe_.mesh) {  // the left part shows the other mesh, the right part this view's own
    gl->glEnable(GL_SCISSOR_TEST);
    gl->glScissor(0, 0, split, height);
    drawLayer(slot++, wipe_, view, projection);
    gl->glScissor(split, 0, width - split, height);
  }
  if (wipe_.mesh && wipeRight_.mesh)
    drawLayer(slot++, wipeRight_, view, projection);
  else
    renderer_.drawMesh(modelMatrix(), view, projection, options_, lodEnabled_ && rig_->moving());
  gl->glDisable(GL_SCISSOR_TEST);
  for (const Layer& g : ghosts_)
    if (g.onTop) {
      gl->glClear(GL_DEPTH_BUFFER_BIT);
      drawLayer(slot++, g, view, projection);
    }
}

void Viewport::drawLayer(std::size_t slot, const Layer& layer, const glm::mat4& view,
                         const glm::mat4& projection) {
  if (!layer.mesh) return;
  while (layerRenderers_.size() <= slot) {
    layerRenderers_.push_back(std::make_unique<MeshRenderer>());
    layerRenderers_.back()->initialize();
    layerMeshes_.push_back(nullptr);
  }
  MeshRenderer& r = *layerRenderers_[slot];
  if (layerMeshes_[slot] != layer.mesh) {  // uploads only when the mesh changes
    r.setMesh(layer.mesh);
    layerMeshes_[slot] = layer.mesh;
  }
  const glm::mat4 model = modelMatrixOf(layer.toUnit, layer.facing);
  QOpenGLExtraFunctions* gl = context()->extraFunctions();
  const bool blend = layer.opacity < 1.0f;
  if (blend) {
    gl->glEnable(GL_BLEND);
    gl->glBlendFunc(GL_CONSTANT_ALPHA, GL_ONE_MINUS_CONSTANT_ALPHA);
    gl->glBlendColor(0.0f, 0.0f, 0.0f, layer.opacity);
  }
  RenderOptions options = options_;
  options.tint = layer.tint;
  r.drawMesh(model, view, projection, options, false);
  if (blend) gl->glDisable(GL_BLEND);
}

void Viewport::setGhosts(std::vector<Layer> ghosts) {
  ghosts_ = std::move(ghosts);
  update();
}

void Viewport::setWipe(Layer left, float split, Layer right) {
  wipe_ = std::move(left);
  wipeRight_ = std::move(right);
  split_ = std::clamp(split, 0.0f, 1.0f);
  update();
}

glm::mat4 Viewport::modelMatrix() const {
  return modelMatrixOf(toUnit_, facing_);
}

glm::mat4 Viewport::clipTransform(const QSize& size) const {
  const OrbitCamera& cam = rig_->camera();
  const float aspect =
      static_cast<float>(size.width()) / static_cast<float>(std::max(size.height(), 1));
  return cam.projection(aspect) * cam.view() * modelMatrix();
}

std::optional<glm::vec3> Viewport::pick(const QPoint& pixel) const {
  if (!mesh_) return std::nullopt;
  const glm::vec2 ndc(2.0f * (static_cast<float>(pixel.x()) + 0.5f) / std::max(width(), 1) - 1.0f,
                      1.0f - 2.0f * (static_cast<float>(pixel.y()) + 0.5f) / std::max(height(), 1));
  return firstHit(*mesh_, rayThroughPixel(clipTransform(size()), ndc));
}

QPointF Viewport::project(const glm::vec3& point, const QSize& size) const {
  const glm::vec4 clip = clipTransform(size) * glm::vec4(point, 1.0f);
  const float w = std::fabs(clip.w) > 1e-12f ? clip.w : 1e-12f;
  return {(clip.x / w + 1.0f) * 0.5f * size.width(), (1.0f - clip.y / w) * 0.5f * size.height()};
}

void Viewport::setPins(std::vector<Pin> pins) {
  pins_ = std::move(pins);
  if (draggedPin_ >= static_cast<int>(pins_.size())) draggedPin_ = -1;
  update();
}

void Viewport::setPickMode(bool on) {
  pickMode_ = on;
  setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
}

bool Viewport::pinInSight(const glm::vec3& point, const QPointF& at, const QSize& size) const {
  if (!mesh_) return true;
  const glm::vec2 ndc(2.0f * static_cast<float>(at.x()) / std::max(size.width(), 1) - 1.0f,
                      1.0f - 2.0f * static_cast<float>(at.y()) / std::max(size.height(), 1));
  const Ray ray = rayThroughPixel(clipTransform(size), ndc);
  const std::optional<glm::vec3> hit = firstHit(*mesh_, ray);
  if (!hit) return true;
  // In sight when nothing of the mesh lies before it along the ray (1% of the view's unit cube,
  // in the mesh's units, of slack for the pin's own surface).
  const float slack = 0.01f / std::max(toUnit_.scale, 1e-12f);
  return glm::distance(ray.origin, *hit) >= glm::distance(ray.origin, point) - slack;
}

int Viewport::pinAt(const QPoint& pixel) const {
  int best = -1;
  double bestDistance = kPinRadius + 3.0;
  for (std::size_t i = 0; i < pins_.size(); ++i) {
    const QPointF d = project(pins_[i].point, size()) - QPointF(pixel);
    const double distance = std::hypot(d.x(), d.y());
    if (distance < bestDistance) bestDistance = distance, best = static_cast<int>(i);
  }
  return best;
}

void Viewport::paintOverlay(QPainter& painter, const QSize& size) const {
  painter.setRenderHint(QPainter::TextAntialiasing);
  QFont font = painter.font();
  font.setPixelSize(std::max(11, std::min(16, size.height() / 28)));
  font.setBold(true);
  painter.setFont(font);
  painter.setPen(QColor(235, 235, 240));
  const QRect box(8, 6, size.width() - 16, size.height() - 12);
  QRect titleRect, captionRect;  // where the words are: the wipe's line passes around them
  painter.drawText(box, Qt::AlignTop | Qt::AlignLeft, title_, &titleRect);
  font.setBold(false);
  painter.setFont(font);
  if (!caption_.isEmpty()) {
    painter.setPen(QColor(200, 200, 210));
    // A caption longer than the view ends in "...", never cut off mid-word.
    const QString shown = painter.fontMetrics().elidedText(caption_, Qt::ElideRight, box.width());
    painter.drawText(box, Qt::AlignBottom | Qt::AlignLeft, shown, &captionRect);
  }
  if (wipe_.mesh) {  // the wipe's line, with a grip to drag it by
    const qreal x = split_ * size.width();
    auto across = [x](const QRect& r) {
      return !r.isEmpty() && x >= r.left() - 4 && x <= r.right() + 4;
    };
    const qreal top = across(titleRect) ? titleRect.bottom() + 4 : 0;
    const qreal bottom = across(captionRect) ? captionRect.top() - 4 : size.height();
    painter.setPen(QPen(QColor(255, 255, 255, 220), 2.0));
    painter.drawLine(QPointF(x, top), QPointF(x, bottom));
    painter.setBrush(QColor(255, 255, 255, 220));
    painter.drawEllipse(QPointF(x, size.height() / 2.0), 6.0, 6.0);
    painter.setBrush(Qt::NoBrush);
  }
  // Pins: a numbered disc in the landmark's colour, a white ring when selected.
  QFont pinFont = painter.font();
  pinFont.setPixelSize(kPinRadius + 2);
  pinFont.setBold(true);
  painter.setFont(pinFont);
  painter.setRenderHint(QPainter::Antialiasing);
  for (const Pin& pin : pins_) {
    const QPointF at = project(pin.point, size);
    // A pin behind the mesh is drawn faint (tested at rest only: a ray per pin per frame is too
    // much while orbiting).
    painter.setOpacity(rig_->moving() || pinInSight(pin.point, at, size) ? 1.0 : 0.35);
    painter.setPen(
        QPen(pin.selected ? QColor(255, 255, 255) : QColor(20, 20, 25), pin.selected ? 3.0 : 1.5));
    painter.setBrush(pin.colour);
    painter.drawEllipse(at, kPinRadius, kPinRadius);
    painter.setPen(pin.colour.lightness() > 140 ? QColor(0, 0, 0) : QColor(255, 255, 255));
    painter.drawText(
        QRectF(at.x() - kPinRadius, at.y() - kPinRadius, 2 * kPinRadius, 2 * kPinRadius),
        Qt::AlignCenter, QString::number(pin.number));
  }
  painter.setOpacity(1.0);
  painter.setBrush(Qt::NoBrush);
  painter.setFont(font);
  if (!renderer_.hasMesh() && !placeholder_.isEmpty()) {
    painter.setPen(QColor(170, 175, 185));
    painter.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
  }
}

void Viewport::paintGL() {
  const qreal dpr = devicePixelRatioF();
  renderScene(static_cast<int>(width() * dpr), static_cast<int>(height() * dpr));
  QPainter painter(this);
  paintOverlay(painter, size());
}

QImage Viewport::renderToImage(const QSize& size, qreal devicePixelRatio, bool labels) {
  if (!context() || !context()->isValid()) {  // never shown: no OpenGL to draw with
    QImage blank(size, QImage::Format_RGB32);
    blank.fill(Qt::black);
    return blank;
  }
  makeCurrent();
  QOpenGLFramebufferObjectFormat format;
  format.setAttachment(QOpenGLFramebufferObject::CombinedDepthStencil);
  format.setSamples(4);
  QOpenGLFramebufferObject fbo(size, format);
  fbo.bind();
  renderScene(size.width(), size.height());
  QImage image = fbo.toImage().convertToFormat(QImage::Format_RGB32);
  fbo.release();
  doneCurrent();
  // The labels in logical pixels, as on screen: at a scale factor of 2 they are twice as large.
  if (!labels) return image;
  const qreal dpr = std::max<qreal>(devicePixelRatio, 0.1);
  QPainter painter(&image);
  painter.scale(dpr, dpr);
  paintOverlay(painter, (QSizeF(size) / dpr).toSize());
  return image;
}

void Viewport::mousePressEvent(QMouseEvent* event) {
  lastMouse_ = pressedAt_ = event->position().toPoint();
  draggingSplit_ = wipe_.mesh && event->button() == Qt::LeftButton &&
                   std::abs(pressedAt_.x() - split_ * width()) < 8.0;
  draggedPin_ = pickMode_ && event->button() == Qt::LeftButton ? pinAt(pressedAt_) : -1;
}

void Viewport::mouseReleaseEvent(QMouseEvent* event) {
  if (draggingSplit_) {
    draggingSplit_ = false;
    return;
  }
  const QPoint p = event->position().toPoint();
  const bool click = (p - pressedAt_).manhattanLength() < 4;
  if (pickMode_ && event->button() == Qt::LeftButton && click) {
    if (draggedPin_ >= 0) {
      emit pinClicked(draggedPin_);
      draggedPin_ = -1;
      return;
    } else if (const std::optional<glm::vec3> hit = pick(p)) {
      emit surfaceClicked(*hit);
    }
  }
  if (draggedPin_ >= 0) emit pinDropped(draggedPin_);
  draggedPin_ = -1;
}

void Viewport::mouseMoveEvent(QMouseEvent* event) {
  const QPoint p = event->position().toPoint();
  const QPoint d = p - lastMouse_;
  lastMouse_ = p;
  if (draggingSplit_) {
    split_ = std::clamp(static_cast<float>(p.x()) / std::max(width(), 1), 0.0f, 1.0f);
    update();
    return;
  }
  if (draggedPin_ >= 0) {  // the pin slides over the surface; off the mesh it waits
    if (const std::optional<glm::vec3> hit = pick(p)) emit pinDragged(draggedPin_, *hit);
    return;
  }
  const float h = static_cast<float>(std::max(std::min(width(), height()), 1));  // narrower side
  const bool panning =
      (event->buttons() & (Qt::MiddleButton | Qt::RightButton)) ||
      ((event->buttons() & Qt::LeftButton) && (event->modifiers() & Qt::ShiftModifier));
  if (panning) {
    rig_->pan(d.x() / h, d.y() / h);
  } else if (event->buttons() & Qt::LeftButton) {
    rig_->rotate(-d.x() * 180.0f / h, d.y() * 180.0f / h);
  }
}

void Viewport::mouseDoubleClickEvent(QMouseEvent*) {
  rig_->frameAll();
}

void Viewport::wheelEvent(QWheelEvent* event) {
  const float steps = event->angleDelta().y() / 120.0f;
  rig_->zoom(std::pow(1.15f, steps));
}

void Viewport::keyPressEvent(QKeyEvent* event) {
  // Plain arrows step the timeline (the window's shortcuts); Ctrl+arrows orbit.
  const bool orbit = event->modifiers() & Qt::ControlModifier;
  const bool arrow = event->key() == Qt::Key_Left || event->key() == Qt::Key_Right ||
                     event->key() == Qt::Key_Up || event->key() == Qt::Key_Down;
  if (arrow && !orbit) return QOpenGLWidget::keyPressEvent(event);
  switch (event->key()) {
    case Qt::Key_F:
      rig_->frameAll();
      break;
    case Qt::Key_Left:
      rig_->rotate(10.0f, 0.0f);
      break;
    case Qt::Key_Right:
      rig_->rotate(-10.0f, 0.0f);
      break;
    case Qt::Key_Up:
      rig_->rotate(0.0f, -10.0f);
      break;
    case Qt::Key_Down:
      rig_->rotate(0.0f, 10.0f);
      break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
      rig_->zoom(1.15f);
      break;
    case Qt::Key_Minus:
      rig_->zoom(1.0f / 1.15f);
      break;
    default:
      QOpenGLWidget::keyPressEvent(event);
  }
}

void Viewport::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile())
    event->acceptProposedAction();
}

void Viewport::dropEvent(QDropEvent* event) {
  const QList<QUrl> urls = event->mimeData()->urls();
  if (urls.isEmpty() || !urls.first().isLocalFile()) return;
  event->acceptProposedAction();
  emit fileDropped(urls.first().toLocalFile());
}

}  // namespace interp3d
