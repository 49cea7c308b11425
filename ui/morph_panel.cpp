#include "ui/morph_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace interp3d {

MorphPanel::MorphPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  frames_ = new QSpinBox(this);
  frames_->setRange(2, 240);
  frames_->setToolTip(tr("Frames in the sequence, source and target included"));
  resolution_ = new QSpinBox(this);
  resolution_->setRange(8, 256);
  resolution_->setSingleStep(16);
  resolution_->setToolTip(tr("Voxels across the shape: higher is finer and slower"));
  schedule_ = new QComboBox(this);
  schedule_->addItem(tr("Constant speed"), static_cast<int>(Schedule::ConstantSpeed));
  schedule_->addItem(tr("Linear"), static_cast<int>(Schedule::Linear));
  schedule_->addItem(tr("Ease in/out"), static_cast<int>(Schedule::Ease));
  schedule_->addItem(tr("Beta(6,6)"), static_cast<int>(Schedule::Beta));
  textureSize_ = new QSpinBox(this);
  textureSize_->setRange(64, 4096);
  textureSize_->setSingleStep(256);
  textureSize_->setToolTip(tr("Baked texture size of exported in-between frames"));
  align_ = new QCheckBox(tr("Align target to source"), this);
  align_->setToolTip(
      tr("Turn the target onto the source before matching (for assets facing different ways)"));
  prior_ = new QCheckBox(tr("Learned prior"), this);
  prior_->setToolTip(
      tr("Use the learned prior trained on generated shapes: the parts its ablation found to "
         "help (%1); see assets/models/README.md")
          .arg(QString::fromStdString(defaultPriorParts().toString())));
  shippedPrior_ = !LearnedPrior::shippedFile().empty();
  if (!shippedPrior_) {
    prior_->setEnabled(false);
    prior_->setToolTip(tr("The shipped prior weights (assets/models/prior.pt) were not found"));
  }
  form->addRow(tr("Frames"), frames_);
  form->addRow(tr("Resolution"), resolution_);
  form->addRow(tr("Schedule"), schedule_);
  form->addRow(tr("Texture size"), textureSize_);
  layout->addLayout(form);
  layout->addWidget(align_);
  layout->addWidget(prior_);

  morph_ = new QPushButton(tr("Morph"), this);
  morph_->setDefault(true);
  cancel_ = new QPushButton(tr("Cancel"), this);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1000);
  progress_->setTextVisible(false);
  stage_ = new QLabel(tr("Load a source and a target"), this);
  stage_->setWordWrap(true);
  exportFrame_ = new QPushButton(tr("Export Frame..."), this);
  exportSequence_ = new QPushButton(tr("Export Sequence..."), this);
  for (QWidget* w : std::initializer_list<QWidget*>{morph_, cancel_, progress_, stage_,
                                                    exportFrame_, exportSequence_}) {
    layout->addWidget(w);
  }
  layout->addStretch(1);

  connect(morph_, &QPushButton::clicked, this, &MorphPanel::morphRequested);
  connect(cancel_, &QPushButton::clicked, this, &MorphPanel::cancelRequested);
  connect(exportFrame_, &QPushButton::clicked, this, &MorphPanel::exportFrameRequested);
  connect(exportSequence_, &QPushButton::clicked, this, &MorphPanel::exportSequenceRequested);
  setOptions(MorphOptions{});
  setState(false, false, false);
}

MorphOptions MorphPanel::options() const {
  MorphOptions o;
  o.frames = frames_->value();
  o.resolution = resolution_->value();
  o.schedule = static_cast<Schedule>(schedule_->currentData().toInt());
  o.textureSize = textureSize_->value();
  o.align = align_->isChecked();
  if (prior_->isChecked()) {
    o.priorParts = defaultPriorParts();
    o.prior = priorFile_;  // null: the morph loads the shipped weights
  }
  return o;
}

void MorphPanel::setOptions(const MorphOptions& o) {
  frames_->setValue(o.frames);
  resolution_->setValue(o.resolution);
  schedule_->setCurrentIndex(schedule_->findData(static_cast<int>(o.schedule)));
  textureSize_->setValue(o.textureSize);
  align_->setChecked(o.align);
  setPriorFile(o.prior);
  prior_->setChecked(o.priorParts.any() && prior_->isEnabled());
}

void MorphPanel::setPriorFile(std::shared_ptr<const LearnedPrior> prior) {
  priorFile_ = std::move(prior);
  prior_->setText(priorFile_
                      ? tr("Learned prior (%1)")
                            .arg(QString::fromStdString(priorFile_->file().filename().string()))
                      : tr("Learned prior"));
  prior_->setEnabled(priorFile_ || shippedPrior_);
  prior_->setChecked(prior_->isEnabled());
}

void MorphPanel::setState(bool canMorph, bool running, bool canExport) {
  morph_->setEnabled(canMorph && !running);
  cancel_->setEnabled(running);
  exportFrame_->setEnabled(canExport && !running);
  exportSequence_->setEnabled(canExport && !running);
  for (QWidget* w :
       std::initializer_list<QWidget*>{frames_, resolution_, schedule_, textureSize_, align_}) {
    w->setEnabled(!running);
  }
  prior_->setEnabled(!running && (priorFile_ || shippedPrior_));
}

void MorphPanel::setProgress(double fraction, const QString& stage) {
  progress_->setValue(static_cast<int>(fraction * 1000.0));
  stage_->setText(stage);
}

}  // namespace interp3d
