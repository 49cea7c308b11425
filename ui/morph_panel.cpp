#include "ui/morph_panel.h"

#include "ui/schedule_curve.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace interp3d {

namespace {
// Leaves Ctrl+Z and Ctrl+Shift+Z / Ctrl+Y to the window's undo even while a number box has the
// focus (its text field would otherwise take them for its own text).
class WindowUndoFirst : public QObject {
 public:
  using QObject::QObject;
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::ShortcutOverride) {
      auto* key = static_cast<QKeyEvent*>(event);
      if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo) ||
          (key->key() == Qt::Key_Y && key->modifiers() == Qt::ControlModifier)) {
        event->ignore();
        return true;
      }
    }
    return QObject::eventFilter(watched, event);
  }
};

// A spin box with the range and tooltip of option `name` from the table.
QSpinBox* tableSpinBox(const std::string& name, int step, QWidget* parent) {
  const OptionSpec& spec = optionSpec(name);
  auto* box = new QSpinBox(parent);
  box->setKeyboardTracking(false);  // a value typed is one edit, not one per keystroke
  box->installEventFilter(new WindowUndoFirst(box));
  box->setRange(static_cast<int>(spec.min), static_cast<int>(spec.max));
  box->setSingleStep(step);
  box->setToolTip(QString::fromStdString(spec.help));
  box->setObjectName(QString::fromStdString(name));
  return box;
}

QString label(const std::string& name) {
  return QString::fromStdString(optionSpec(name).label);
}

// Names an artist knows for the schedules.
QString scheduleLabel(const std::string& value) {
  if (value == "constant-speed") return QObject::tr("Constant speed");
  if (value == "linear") return QObject::tr("Linear");
  if (value == "ease") return QObject::tr("Ease in and out");
  if (value == "beta") return QObject::tr("Slow ends, fast middle");
  return QString::fromStdString(value);
}

// Names an artist knows for the alignments and the topology paths.
QString alignLabel(const std::string& value) {
  if (value == "none") return QObject::tr("Keep as loaded");
  if (value == "auto") return QObject::tr("Best axis turn");
  if (value == "heading") return QObject::tr("Face the same way");
  return QString::fromStdString(value);
}
QString topologyLabel(const std::string& value) {
  if (value == "auto") return QObject::tr("Automatic");
  if (value == "source") return QObject::tr("Source mesh (shape keys)");
  if (value == "lattice") return QObject::tr("Remesh every frame");
  return QString::fromStdString(value);
}

// A combo box of an option's choices, each under its artist's name.
QComboBox* choiceBox(const std::string& option, QString (*name)(const std::string&),
                     QWidget* parent) {
  auto* box = new QComboBox(parent);
  for (const std::string& c : optionSpec(option).choices)
    box->addItem(name(c), QString::fromStdString(c));
  box->setToolTip(QString::fromStdString(optionSpec(option).help));
  box->setObjectName(QString::fromStdString(option));
  return box;
}
}  // namespace

MorphPanel::MorphPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  frames_ = tableSpinBox("frames", 1, this);
  resolution_ = tableSpinBox("resolution", 16, this);
  textureSize_ = tableSpinBox("texture-size", 256, this);
  textureSize_->setSpecialValueText(tr("As dense as the inputs"));  // 0
  schedule_ = choiceBox("schedule", scheduleLabel, this);
  align_ = choiceBox("align", alignLabel, this);
  topology_ = choiceBox("topology", topologyLabel, this);
  tips_ = new QCheckBox(label("tips"), this);
  tips_->setObjectName("tips");
  tips_->setToolTip(QString::fromStdString(optionSpec("tips").help));
  prior_ = new QCheckBox(label("prior"), this);
  prior_->setToolTip(
      tr("Use the learned prior trained on generated shapes: the parts its ablation found to "
         "help (%1); see assets/models/README.md")
          .arg(QString::fromStdString(defaultPriorParts().toString())));
  shippedPrior_ = !LearnedPrior::shippedFile().empty();
  if (!shippedPrior_) {
    prior_->setEnabled(false);
    prior_->setToolTip(tr("The shipped prior weights (assets/models/prior.pt) were not found"));
  }
  form->addRow(label("frames"), frames_);
  form->addRow(label("resolution"), resolution_);
  form->addRow(label("schedule"), schedule_);
  curve_ = new ScheduleCurve(this);
  form->addRow(curve_);
  form->addRow(label("texture-size"), textureSize_);
  form->addRow(label("align"), align_);
  form->addRow(label("topology"), topology_);
  layout->addLayout(form);
  auto* switches = new QHBoxLayout;  // side by side: the panel fits a laptop's screen
  switches->addWidget(tips_);
  switches->addWidget(prior_);
  switches->addStretch(1);
  layout->addLayout(switches);

  morph_ = new QPushButton(tr("Morph"), this);
  morph_->setDefault(true);
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setObjectName("cancelMorph");
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1000);
  progress_->setTextVisible(false);
  {  // hidden when idle but keeping its place: the buttons do not move when a morph ends (the
     // Morph button rose under the pointer into the Cancel button's place)
    QSizePolicy keep = progress_->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    progress_->setSizePolicy(keep);
  }
  stage_ = new QLabel(tr("Load a source and a target"), this);
  stage_->setWordWrap(true);
  stage_->setObjectName("morphStage");
  exportFrame_ = new QPushButton(tr("Export Frame..."), this);
  exportFrame_->setObjectName("exportFrame");
  exportSequence_ = new QPushButton(tr("Export Sequence..."), this);
  morph_->setToolTip(
      tr("Compute the morph with these options (Ctrl+M); the frames appear on "
         "the timeline as they are ready"));
  cancel_->setToolTip(tr("Stop the morph (Esc); a finished morph before it comes back"));
  exportFrame_->setToolTip(
      tr("Write the frame shown, with its texture baked, as GLB, OBJ or "
         "PLY (Ctrl+E)"));
  exportSequence_->setToolTip(
      tr("Write every frame into a folder, with a manifest and, for one "
         "topology, shape keys (Ctrl+Shift+E)"));
  for (QWidget* w : std::initializer_list<QWidget*>{morph_, cancel_, progress_, stage_,
                                                    exportFrame_, exportSequence_}) {
    layout->addWidget(w);
  }
  layout->addStretch(1);

  for (QSpinBox* box : {frames_, resolution_, textureSize_})
    connect(box, &QSpinBox::valueChanged, this, &MorphPanel::settingsEdited);
  for (QComboBox* box : {schedule_, align_, topology_})
    connect(box, &QComboBox::currentIndexChanged, this, &MorphPanel::settingsEdited);
  connect(tips_, &QCheckBox::toggled, this, &MorphPanel::settingsEdited);
  connect(prior_, &QCheckBox::toggled, this, &MorphPanel::settingsEdited);
  connect(curve_, &ScheduleCurve::easingEdited, this, &MorphPanel::settingsEdited);
  connect(morph_, &QPushButton::clicked, this, &MorphPanel::morphRequested);
  connect(cancel_, &QPushButton::clicked, this, &MorphPanel::cancelRequested);
  connect(exportFrame_, &QPushButton::clicked, this, &MorphPanel::exportFrameRequested);
  connect(exportSequence_, &QPushButton::clicked, this, &MorphPanel::exportSequenceRequested);
  setSettings(defaultMorphSettings());
  setState(false, false, false);
}

QSpinBox* MorphPanel::spinBox(const std::string& option) const {
  return findChild<QSpinBox*>(QString::fromStdString(option));
}

MorphSettings MorphPanel::settings(const MorphSettings& base) const {
  MorphSettings s = base;
  applyOption(s, "frames", std::to_string(frames_->value()));
  applyOption(s, "resolution", std::to_string(resolution_->value()));
  applyOption(s, "schedule", schedule_->currentData().toString().toStdString());
  s.morph.timing.easeIn = curve_->easeIn();
  s.morph.timing.easeOut = curve_->easeOut();
  applyOption(s, "texture-size", std::to_string(textureSize_->value()));
  applyOption(s, "align", align_->currentData().toString().toStdString());
  applyOption(s, "topology", topology_->currentData().toString().toStdString());
  applyOption(s, "tips", tips_->isChecked() ? "on" : "off");
  if (!prior_->isChecked()) {
    s.prior = "off";
  } else {
    s.prior = priorFile_.isEmpty() ? "on" : priorFile_.toStdString();
    if (!s.priorParts.any()) s.priorParts = defaultPriorParts();
  }
  return s;
}

void MorphPanel::setSettings(const MorphSettings& s) {
  // Set by the program, not edited by the user: no settingsEdited for any of it.
  const QSignalBlocker quiet(this);
  frames_->setValue(s.morph.frames);
  resolution_->setValue(s.morph.fields.resolution);
  schedule_->setCurrentIndex(
      schedule_->findData(QString::fromStdString(scheduleName(s.morph.timing.schedule))));
  textureSize_->setValue(s.morph.texture.size);
  curve_->setEasing(s.morph.timing.easeIn, s.morph.timing.easeOut);
  const char* align = !s.morph.align.enabled ? "none" : s.morph.align.heading ? "heading" : "auto";
  align_->setCurrentIndex(align_->findData(QString(align)));
  topology_->setCurrentIndex(
      topology_->findData(QString::fromStdString(topologyModeName(s.morph.oneTopology.mode))));
  tips_->setChecked(s.morph.correspondence.extremities);
  const bool file = s.prior != "auto" && s.prior != "on" && s.prior != "off";
  setPriorFile(file ? QString::fromStdString(s.prior) : QString());
  prior_->setChecked(s.prior != "off" && s.priorParts.any() && prior_->isEnabled());
}

void MorphPanel::setPriorFile(const QString& path) {
  priorFile_ = path;
  prior_->setText(priorFile_.isEmpty()
                      ? label("prior")
                      : tr("%1 (%2)").arg(label("prior"), QFileInfo(priorFile_).fileName()));
  prior_->setEnabled(!priorFile_.isEmpty() || shippedPrior_);
  prior_->setChecked(prior_->isEnabled());
}

void MorphPanel::setState(bool canMorph, bool running, bool canExport) {
  progress_->setVisible(running);  // idle, an empty bar looks like a text field
  morph_->setEnabled(canMorph && !running);
  cancel_->setEnabled(running);
  exportFrame_->setEnabled(canExport && !running);
  exportSequence_->setEnabled(canExport && !running);
  for (QWidget* w : std::initializer_list<QWidget*>{frames_, resolution_, schedule_, curve_,
                                                    textureSize_, align_, topology_, tips_}) {
    w->setEnabled(!running);
  }
  prior_->setEnabled(!running && (!priorFile_.isEmpty() || shippedPrior_));
}

QString MorphPanel::stageText(const QString& stage) {
  // The engine's stage names, in words an artist knows.
  static const std::pair<const char*, const char*> words[] = {
      {"preparing", QT_TR_NOOP("Preparing")},
      {"loading", QT_TR_NOOP("Reading the meshes")},
      {"normalise", QT_TR_NOOP("Placing the meshes side by side")},
      {"fields", QT_TR_NOOP("Building solids from the meshes")},
      {"correspondence", QT_TR_NOOP("Matching the parts of the two shapes")},
      {"one topology", QT_TR_NOOP("Fitting the source mesh onto the target")},
      {"schedule", QT_TR_NOOP("Timing the frames")},
      {"handover", QT_TR_NOOP("Choosing each frame's mesh")},
      {"ready", QT_TR_NOOP("Making the preview frames")},
      {"done", QT_TR_NOOP("Done")},
      {"cancelled", QT_TR_NOOP("Cancelled")},
  };
  for (const auto& [name, text] : words)
    if (stage == QLatin1String(name)) return tr(text);
  if (stage.startsWith("frame ")) return tr("Frame %1").arg(stage.mid(6));
  return stage;  // a message (an error) as it is
}

void MorphPanel::setProgress(double fraction, const QString& stage) {
  progress_->setValue(static_cast<int>(fraction * 1000.0));
  stage_->setText(stageText(stage));
}

}  // namespace interp3d
