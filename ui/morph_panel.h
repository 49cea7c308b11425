// The Morph panel: frames, resolution, schedule, the Morph and Cancel buttons, progress, and the
// export buttons for the current frame or the whole sequence.
#pragma once

#include <QWidget>

#include "morph/morph_solver.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace interp3d {

class MorphPanel : public QWidget {
  Q_OBJECT
 public:
  explicit MorphPanel(QWidget* parent = nullptr);

  MorphOptions options() const;
  void setOptions(const MorphOptions& options);
  // Morph possible (both meshes loaded); a job running; a finished morph to export.
  void setState(bool canMorph, bool running, bool canExport);
  void setProgress(double fraction, const QString& stage);
  // Switches the learned prior on with `prior` (a loaded file); null goes back to the shipped one.
  void setPriorFile(std::shared_ptr<const LearnedPrior> prior);

 signals:
  void morphRequested();
  void cancelRequested();
  void exportFrameRequested();
  void exportSequenceRequested();

 private:
  QSpinBox* frames_;
  QSpinBox* resolution_;
  QComboBox* schedule_;
  QSpinBox* textureSize_;
  QCheckBox* align_;
  QCheckBox* prior_;
  std::shared_ptr<const LearnedPrior> priorFile_;  // the prior the switch turns on (null: shipped)
  bool shippedPrior_ = false;                      // the shipped weights exist
  QPushButton* morph_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* stage_;
  QPushButton* exportFrame_;
  QPushButton* exportSequence_;
};

}  // namespace interp3d
