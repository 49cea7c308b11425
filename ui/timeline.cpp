#include "ui/timeline.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

namespace interp3d {

Timeline::Timeline(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 2, 8, 2);
  play_ = new QToolButton(this);
  play_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  play_->setToolTip(tr("Play the morph"));
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setTickPosition(QSlider::TicksBelow);
  label_ = new QLabel(this);
  label_->setMinimumWidth(140);
  layout->addWidget(play_);
  layout->addWidget(slider_, 1);
  layout->addWidget(label_);
  connect(slider_, &QSlider::valueChanged, this, [this](int v) {
    updateLabel();
    emit frameChanged(v);
  });
  setFrameCount(0);
}

void Timeline::setFrameCount(int frames) {
  slider_->setRange(0, std::max(0, frames - 1));
  setEnabled(frames > 0);
  setToolTip(frames > 0 ? QString() : tr("Compute a morph to use the timeline"));
  updateLabel();
}

int Timeline::currentFrame() const {
  return slider_->value();
}

void Timeline::updateLabel() {
  if (!isEnabled()) {
    label_->setText(tr("no morph yet"));
    return;
  }
  const int last = slider_->maximum();
  const double t = last > 0 ? static_cast<double>(slider_->value()) / last : 0.0;
  label_->setText(tr("frame %1 / %2  t=%3").arg(slider_->value()).arg(last).arg(t, 0, 'f', 3));
}

}  // namespace interp3d
