// The timeline strip along the bottom: play/pause, a playback mode (loop, ping-pong, once), a
// frame slider and the frame/t readout. Disabled until a morph exists.
#pragma once

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;
class QToolButton;

namespace interp3d {

class Timeline : public QWidget {
  Q_OBJECT
 public:
  explicit Timeline(QWidget* parent = nullptr);

  // frames == 0 disables the strip.
  void setFrameCount(int frames);
  int frameCount() const;
  int currentFrame() const;
  void setCurrentFrame(int frame);
  // Extra text after the readout (e.g. which cached frame is shown).
  void setNote(const QString& note);

 public slots:
  void togglePlay();

 signals:
  void frameChanged(int frame);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void step();
  void updatePlayIcon();
  void updateLabel();

  QToolButton* play_;
  QComboBox* mode_;
  QSpinBox* fps_;
  QSlider* slider_;
  QLabel* label_;
  QString note_;
  QTimer timer_;
  int direction_ = 1;
};

}  // namespace interp3d
