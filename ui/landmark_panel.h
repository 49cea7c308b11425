// The Landmarks panel: place pins by clicking (L), the list of pairs, and what can be done with
// them (delete, clear, mirror across the symmetry planes, suggest from the morph, import and
// export the landmark file).
#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace interp3d {

class LandmarkList;

class LandmarkPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LandmarkPanel(QWidget* parent = nullptr);

  void showList(const LandmarkList& list, int selected);
  int selectedRow() const;
  bool placing() const;
  void setPlacing(bool on);
  void setCanSuggest(bool on);

 signals:
  void placingToggled(bool on);
  void rowSelected(int row);
  void deleteRequested(int row);
  void clearRequested();
  void mirrorRequested();
  void suggestRequested();
  void importRequested();
  void exportRequested();

 private:
  QPushButton* place_;
  QListWidget* list_;
  QPushButton* delete_;
  QPushButton* clear_;
  QPushButton* mirror_;
  QPushButton* suggest_;
  QPushButton* import_;
  QPushButton* export_;
  QLabel* hint_;
};

}  // namespace interp3d
