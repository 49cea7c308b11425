// The timeline strip along the bottom: play, a frame slider and the frame/t readout. Disabled
// until a morph exists.
#pragma once

#include <QWidget>

class QLabel;
class QSlider;
class QToolButton;

namespace interp3d {

class Timeline : public QWidget {
  Q_OBJECT
 public:
  explicit Timeline(QWidget* parent = nullptr);

  // frames == 0 disables the strip.
  void setFrameCount(int frames);
  int currentFrame() const;

 signals:
  void frameChanged(int frame);

 private:
  void updateLabel();

  QToolButton* play_;
  QSlider* slider_;
  QLabel* label_;
};

}  // namespace interp3d
