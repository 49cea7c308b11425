#include "ui/timeline.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QProxyStyle>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>

namespace interp3d {

namespace {
enum Mode { Loop = 0, PingPong = 1, Once = 2 };
constexpr int kPlaybackFps = 24;

// A click on the slider's groove goes to the frame under the cursor (and a drag from there
// scrubs), instead of paging ten frames towards it.
class ClickToFrameStyle : public QProxyStyle {
 public:
  using QProxyStyle::QProxyStyle;
  int styleHint(StyleHint hint, const QStyleOption* option, const QWidget* widget,
                QStyleHintReturn* returnData) const override {
    if (hint == QStyle::SH_Slider_AbsoluteSetButtons) return Qt::LeftButton | Qt::MiddleButton;
    return QProxyStyle::styleHint(hint, option, widget, returnData);
  }
};
}  // namespace

Timeline::Timeline(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 2, 8, 2);
  play_ = new QToolButton(this);
  updatePlayIcon();
  play_->setToolTip(tr("Play / pause (Space)"));
  mode_ = new QComboBox(this);
  mode_->addItems({tr("Loop"), tr("Ping-pong"), tr("Once")});
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setTickPosition(QSlider::TicksBelow);
  auto* sliderStyle = new ClickToFrameStyle(slider_->style()->name());
  sliderStyle->setParent(slider_);
  slider_->setStyle(sliderStyle);
  slider_->setObjectName("frameSlider");
  fps_ = new QSpinBox(this);
  fps_->setRange(1, 60);
  fps_->setValue(kPlaybackFps);
  fps_->setSuffix(tr(" fps"));
  fps_->setObjectName("playbackFps");
  fps_->setToolTip(tr("Playback speed: frames shown a second"));
  mode_->setToolTip(
      tr("At the last frame: start again (Loop), play backwards (Ping-pong) or "
         "stop (Once)"));
  slider_->setToolTip(tr("Click or drag to go to a frame; Left/Right step, Home/End jump"));
  label_ = new QLabel(this);
  label_->setMinimumWidth(160);
  slider_->setMinimumWidth(160);  // however narrow the window, the slider stays usable
  layout->addWidget(play_);
  layout->addWidget(mode_);
  layout->addWidget(fps_);
  layout->addWidget(slider_, 1);
  layout->addWidget(label_);
  timer_.setInterval(1000 / kPlaybackFps);
  connect(&timer_, &QTimer::timeout, this, &Timeline::step);
  connect(fps_, &QSpinBox::valueChanged, this,
          [this](int fps) { timer_.setInterval(1000 / std::max(fps, 1)); });
  connect(play_, &QToolButton::clicked, this, &Timeline::togglePlay);
  connect(slider_, &QSlider::valueChanged, this, [this](int v) {
    updateLabel();
    emit frameChanged(v);
  });
  setFrameCount(0);
}

void Timeline::setFrameCount(int frames) {
  timer_.stop();
  updatePlayIcon();
  slider_->setRange(0, std::max(0, frames - 1));
  setEnabled(frames > 0);
  setToolTip(frames > 0 ? QString() : tr("Compute a morph to use the timeline"));
  updateLabel();
}

int Timeline::frameCount() const {
  return isEnabled() ? slider_->maximum() + 1 : 0;
}

int Timeline::currentFrame() const {
  return slider_->value();
}
void Timeline::setCurrentFrame(int frame) {
  slider_->setValue(frame);
}

void Timeline::setNote(const QString& note) {
  note_ = note;
  updateLabel();
}

void Timeline::togglePlay() {
  if (!isEnabled()) return;
  if (timer_.isActive()) {
    timer_.stop();
  } else {
    if (mode_->currentIndex() == Once && slider_->value() == slider_->maximum())
      slider_->setValue(0);
    timer_.start();
  }
  updatePlayIcon();
}

void Timeline::updatePlayIcon() {
  // Drawn in the palette's button text colour, so it reads on a dark theme as on a light one
  // (the style's own icons are dark grey).
  QPixmap pixmap(QSize(16, 16) * devicePixelRatioF());
  pixmap.setDevicePixelRatio(devicePixelRatioF());
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(Qt::NoPen);
  painter.setBrush(palette().color(QPalette::Active, QPalette::ButtonText));  // QIcon greys it
  if (timer_.isActive()) {                                                    // pause: two bars
    painter.drawRect(QRectF(3.5, 3, 3, 10));
    painter.drawRect(QRectF(9.5, 3, 3, 10));
  } else {  // play: a triangle
    const QPointF triangle[3] = {{4, 2.5}, {13, 8}, {4, 13.5}};
    painter.drawPolygon(triangle, 3);
  }
  painter.end();
  play_->setIcon(QIcon(pixmap));
}

void Timeline::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange) updatePlayIcon();
  QWidget::changeEvent(event);
}

void Timeline::step() {
  const int last = slider_->maximum();
  int next = slider_->value() + direction_;
  if (next > last || next < 0) {
    switch (mode_->currentIndex()) {
      case Loop:
        next = direction_ > 0 ? 0 : last;
        break;
      case PingPong:
        direction_ = -direction_;
        next = slider_->value() + direction_;
        break;
      default:
        togglePlay();
        return;
    }
  }
  slider_->setValue(std::clamp(next, 0, last));
}

void Timeline::updateLabel() {
  if (!isEnabled()) {
    label_->setText(tr("no morph yet"));
    return;
  }
  const int last = slider_->maximum();
  const double t = last > 0 ? static_cast<double>(slider_->value()) / last : 0.0;
  label_->setText(
      tr("frame %1 / %2  t=%3 %4").arg(slider_->value()).arg(last).arg(t, 0, 'f', 3).arg(note_));
}

}  // namespace interp3d
