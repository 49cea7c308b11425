// The Morph panel: frames, resolution, schedule, texture size, alignment and the learned prior
// (labels, ranges, defaults and tooltips from the option table, jobs/option_table.h), the Morph
// and Cancel buttons, progress, and the export buttons for the current frame or the sequence.
#pragma once

#include <QString>
#include <QWidget>

#include "jobs/option_table.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace interp3d {

class ScheduleCurve;

class MorphPanel : public QWidget {
  Q_OBJECT
 public:
  explicit MorphPanel(QWidget* parent = nullptr);

  // The panel's settings over `base` (which supplies what the panel does not show).
  MorphSettings settings(const MorphSettings& base) const;
  void setSettings(const MorphSettings& settings);
  // Morph possible (both meshes loaded); a job running; a finished morph to export.
  void setState(bool canMorph, bool running, bool canExport);
  // An engine stage name ("correspondence", "frame 3") in an artist's words.
  static QString stageText(const QString& stage);
  void setProgress(double fraction, const QString& stage);
  // Switches the learned prior on with the prior file `path` (already checked); empty goes back
  // to the shipped one.
  void setPriorFile(const QString& path);

  // The widgets an option of the table is edited with (for tests): spin box or null.
  QSpinBox* spinBox(const std::string& option) const;

 signals:
  void settingsEdited();  // any of its options changed
  void morphRequested();
  void cancelRequested();
  void exportFrameRequested();
  void exportSequenceRequested();

 private:
  QSpinBox* frames_;
  QSpinBox* resolution_;
  QComboBox* schedule_;
  ScheduleCurve* curve_;
  QSpinBox* textureSize_;
  QComboBox* align_;     // none, auto or heading
  QComboBox* topology_;  // auto, source or lattice
  QCheckBox* tips_;      // tips matched between the shapes join the landmarks
  QCheckBox* prior_;
  QString priorFile_;          // the prior the switch turns on (empty: the shipped one)
  bool shippedPrior_ = false;  // the shipped weights exist
  QPushButton* morph_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* stage_;
  QPushButton* exportFrame_;
  QPushButton* exportSequence_;
};

}  // namespace interp3d
