#include "ui/landmark_panel.h"

#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/landmark_list.h"

namespace interp3d {

namespace {
// A point in a few characters (the row's tooltip has it in full).
QString point(const std::optional<glm::vec3>& p, int digits = 2) {
  if (!p) return QObject::tr("(click it)");
  return QString("%1 %2 %3")
      .arg(p->x, 0, 'g', digits)
      .arg(p->y, 0, 'g', digits)
      .arg(p->z, 0, 'g', digits);
}

QIcon swatch(const QColor& colour) {
  QPixmap pixmap(14, 14);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setBrush(colour);
  painter.setPen(QColor(20, 20, 25));
  painter.drawEllipse(QRectF(1, 1, 12, 12));
  return QIcon(pixmap);
}
}  // namespace

LandmarkPanel::LandmarkPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  place_ = new QPushButton(tr("Place Landmarks"), this);
  place_->setCheckable(true);
  place_->setObjectName("placeLandmarks");
  place_->setToolTip(
      tr("L: click a point on the source, then the point it should become on the target. Drag "
         "a pin to move it along the surface. The morph takes each pair there exactly."));
  list_ = new QListWidget(this);
  list_->setObjectName("landmarkList");
  list_->setToolTip(tr("Landmark pairs: source point -> target point, in each file's units"));
  list_->setMinimumHeight(120);
  hint_ = new QLabel(this);
  hint_->setWordWrap(true);
  auto button = [this](const QString& text, const QString& tip, const char* name) {
    auto* b = new QPushButton(text, this);
    b->setToolTip(tip);
    b->setObjectName(name);
    return b;
  };
  delete_ = button(tr("Delete"), tr("Delete the selected pair (Delete)"), "deleteLandmark");
  clear_ = button(tr("Clear"), tr("Delete every pair"), "clearLandmarks");
  mirror_ = button(tr("Mirror"),
                   tr("Add each pair's mirror image across the two meshes' symmetry planes"),
                   "mirrorLandmarks");
  suggest_ = button(tr("Suggest"),
                    tr("Fill in the target of every pair that has none, or suggest pairs at the "
                       "source's extremities, from where the finished morph sends them"),
                    "suggestLandmarks");
  import_ = button(tr("Import..."), tr("Read a landmarks file (JSON)"), "importLandmarks");
  export_ = button(tr("Export..."), tr("Write the complete pairs as a landmarks file (JSON)"),
                   "exportLandmarks");
  auto* grid = new QGridLayout;
  grid->addWidget(delete_, 0, 0);
  grid->addWidget(clear_, 0, 1);
  grid->addWidget(mirror_, 1, 0);
  grid->addWidget(suggest_, 1, 1);
  grid->addWidget(import_, 2, 0);
  grid->addWidget(export_, 2, 1);
  layout->addWidget(place_);
  layout->addWidget(list_, 1);
  layout->addWidget(hint_);
  layout->addLayout(grid);

  connect(place_, &QPushButton::toggled, this, &LandmarkPanel::placingToggled);
  connect(list_, &QListWidget::currentRowChanged, this, &LandmarkPanel::rowSelected);
  connect(delete_, &QPushButton::clicked, this, [this] { emit deleteRequested(selectedRow()); });
  connect(clear_, &QPushButton::clicked, this, &LandmarkPanel::clearRequested);
  connect(mirror_, &QPushButton::clicked, this, &LandmarkPanel::mirrorRequested);
  connect(suggest_, &QPushButton::clicked, this, &LandmarkPanel::suggestRequested);
  connect(import_, &QPushButton::clicked, this, &LandmarkPanel::importRequested);
  connect(export_, &QPushButton::clicked, this, &LandmarkPanel::exportRequested);
  setCanSuggest(false);
  showList(LandmarkList(), -1);
}

void LandmarkPanel::showList(const LandmarkList& list, int selected) {
  const QSignalBlocker quiet(list_);
  list_->clear();
  int complete = 0;
  for (int i = 0; i < list.size(); ++i) {
    const LandmarkList::Pair& p = list.pairs()[i];
    complete += p.complete();
    auto* item = new QListWidgetItem(
        swatch(LandmarkList::colour(i)),
        tr("%1  %2  ->  %3").arg(i + 1).arg(point(p.source), point(p.target)), list_);
    item->setToolTip(tr("Pair %1\nsource: %2\ntarget: %3")
                         .arg(i + 1)
                         .arg(point(p.source, 6), point(p.target, 6)));
    if (!p.complete()) item->setForeground(QColor(200, 120, 40));
  }
  list_->setCurrentRow(selected);
  delete_->setEnabled(list.size() > 0);
  clear_->setEnabled(list.size() > 0);
  mirror_->setEnabled(complete > 0);
  export_->setEnabled(complete > 0);
  QString hint;
  if (!placing())
    hint = list.size() == 0 ? tr("No landmarks: the morph finds the parts by itself.")
                            : tr("%n pair(s) for the morph.", "", complete);
  else if (list.size() > complete)
    hint = tr("Click the missing point of pair %1 (its row is orange).")
               .arg(static_cast<int>(std::find_if(list.pairs().begin(), list.pairs().end(),
                                                  [](const auto& p) { return !p.complete(); }) -
                                     list.pairs().begin()) +
                    1);
  else
    hint = tr("Click a point on the source or the target to start a pair.");
  hint_->setText(hint);
}

int LandmarkPanel::selectedRow() const {
  return list_->currentRow();
}

bool LandmarkPanel::placing() const {
  return place_->isChecked();
}

void LandmarkPanel::setPlacing(bool on) {
  place_->setChecked(on);
}

void LandmarkPanel::setCanSuggest(bool on) {
  suggest_->setEnabled(on);
}

}  // namespace interp3d
