// The timing curve editor of the Morph panel: how the morph advances over the timeline, drawn as
// a curve from the source (bottom left) to the target (top right), with two handles to drag:
// the left one eases the start in, the right one eases the end out.
#pragma once

#include <QWidget>

namespace interp3d {

class ScheduleCurve : public QWidget {
  Q_OBJECT
 public:
  explicit ScheduleCurve(QWidget* parent = nullptr);

  double easeIn() const { return easeIn_; }
  double easeOut() const { return easeOut_; }
  void setEasing(double easeIn, double easeOut);
  QSize sizeHint() const override { return {200, 110}; }

 signals:
  void easingEdited(double easeIn, double easeOut);  // at the end of a drag, or a double-click

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;

 private:
  QRectF plot() const;  // the curve's square, inside the margins
  QPointF handle(int which) const;

  double easeIn_ = 0.0, easeOut_ = 0.0;
  int dragged_ = -1;  // 0 the ease-in handle, 1 the ease-out one
};

}  // namespace interp3d
