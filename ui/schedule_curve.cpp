#include "ui/schedule_curve.h"

#include <algorithm>
#include <cmath>

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include "morph/schedule.h"

namespace interp3d {

ScheduleCurve::ScheduleCurve(QWidget* parent) : QWidget(parent) {
  setMinimumSize(160, 90);
  setToolTip(
      tr("Timing: how the morph advances from the source (left) to the target (right). Drag "
         "the left handle to ease in (a gentle start), the right one to ease out (a gentle "
         "end); double-click for none."));
  setObjectName("scheduleCurve");
}

void ScheduleCurve::setEasing(double easeIn, double easeOut) {
  easeIn_ = std::clamp(easeIn, 0.0, 1.0);
  easeOut_ = std::clamp(easeOut, 0.0, 1.0);
  update();
}

QRectF ScheduleCurve::plot() const {
  return QRectF(10, 8, width() - 20, height() - 26);
}

QPointF ScheduleCurve::handle(int which) const {
  const QRectF r = plot();
  return which == 0 ? QPointF(r.left() + easeIn_ * r.width(), r.bottom())
                    : QPointF(r.right() - easeOut_ * r.width(), r.top());
}

void ScheduleCurve::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const QRectF r = plot();
  painter.fillRect(rect(), palette().base());
  painter.setPen(QPen(palette().mid().color(), 1.0, Qt::DotLine));
  painter.drawRect(r);
  painter.drawLine(r.bottomLeft(), r.topRight());  // no easing
  // Handle arms, then the curve.
  painter.setPen(QPen(palette().mid().color(), 1.0));
  painter.drawLine(r.bottomLeft(), handle(0));
  painter.drawLine(r.topRight(), handle(1));
  QPainterPath curve(r.bottomLeft());
  for (int i = 1; i <= 64; ++i) {
    const double t = i / 64.0, s = timingCurve(t, easeIn_, easeOut_);
    curve.lineTo(r.left() + t * r.width(), r.bottom() - s * r.height());
  }
  painter.setPen(QPen(palette().highlight().color(), 2.0));
  painter.drawPath(curve);
  painter.setBrush(palette().highlight());
  painter.setPen(QPen(palette().text().color(), 1.0));
  for (int h : {0, 1}) painter.drawEllipse(handle(h), 5.0, 5.0);
  painter.setPen(palette().text().color());
  QFont font = painter.font();
  font.setPointSizeF(font.pointSizeF() * 0.85);
  painter.setFont(font);
  const QRectF labels(r.left(), r.bottom() + 2, r.width(), 16);
  painter.drawText(labels, Qt::AlignLeft | Qt::AlignTop,
                   tr("Ease in %1%").arg(static_cast<int>(std::lround(easeIn_ * 100))));
  painter.drawText(labels, Qt::AlignRight | Qt::AlignTop,
                   tr("Ease out %1%").arg(static_cast<int>(std::lround(easeOut_ * 100))));
}

void ScheduleCurve::mousePressEvent(QMouseEvent* event) {
  const QPointF p = event->position();
  const double in = QLineF(p, handle(0)).length(), out = QLineF(p, handle(1)).length();
  dragged_ = std::min(in, out) < 14.0 ? (in <= out ? 0 : 1) : (p.y() > plot().center().y() ? 0 : 1);
  mouseMoveEvent(event);
}

void ScheduleCurve::mouseMoveEvent(QMouseEvent* event) {
  if (dragged_ < 0) return;
  const QRectF r = plot();
  const double x = std::clamp((event->position().x() - r.left()) / r.width(), 0.0, 1.0);
  if (dragged_ == 0)
    easeIn_ = x;
  else
    easeOut_ = 1.0 - x;
  update();
}

void ScheduleCurve::mouseReleaseEvent(QMouseEvent*) {
  if (dragged_ >= 0) emit easingEdited(easeIn_, easeOut_);  // one edit a drag
  dragged_ = -1;
}

void ScheduleCurve::mouseDoubleClickEvent(QMouseEvent*) {
  setEasing(0.0, 0.0);
  emit easingEdited(easeIn_, easeOut_);
}

}  // namespace interp3d
