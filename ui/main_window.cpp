#include "ui/main_window.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <iostream>
#include <vector>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QScreen>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <QDockWidget>
#include <QInputDialog>
#include <QLockFile>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>

#include "geometry/surface_query.h"
#include "jobs/morph_job.h"
#include "morph/landmarks.h"
#include "prior/learned_prior.h"
#include "ui/camera_rig.h"
#include "ui/correspondence_colours.h"
#include "ui/landmark_panel.h"
#include "ui/morph_controller.h"
#include "ui/morph_panel.h"
#include "ui/movie_writer.h"
#include "ui/preferences.h"
#include "ui/timeline.h"
#include "ui/viewport.h"
#include "util/atomic_file.h"

namespace interp3d {

namespace {
constexpr int kMaxRecent = 8;
const char* kRecentKey = "recentFiles";
const char* kGeometryKey = "window/geometry";
const char* kStateKey = "window/state";
const char* kMeshFilter =
    "Meshes (*.obj *.glb *.gltf *.fbx *.ply *.dae *.stl *.off *.3ds);;All files (*)";
const char* kLastDirKey = "lastDirectory";
const char* kRecentProjectsKey = "recentProjects";
const char* kProjectFilter = "Interp3D projects (*.i3dproj);;All files (*)";
constexpr int kAutosaveMs = 60 * 1000;

// The folder file dialogs open in: the last one a file was opened from or written to.
QString lastDirectory() {
  return QSettings().value(kLastDirKey).toString();
}
QString rememberDirectory(const QString& path) {
  if (!path.isEmpty()) QSettings().setValue(kLastDirKey, QFileInfo(path).absolutePath());
  return path;
}
// Puts `path` first in the recent list under `key` (at most kMaxRecent, no repeats).
void pushRecent(const char* key, const QString& path) {
  QSettings settings;
  QStringList recent = settings.value(key).toStringList();
  const QString absolute = QFileInfo(path).absoluteFilePath();
  recent.removeAll(absolute);
  recent.prepend(absolute);
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings.setValue(key, recent);
}
QString inLastDirectory(const QString& name) {
  const QString dir = lastDirectory();
  return dir.isEmpty() ? name : dir + "/" + name;
}
}  // namespace

MainWindow::MainWindow(bool interactive, QWidget* parent)
    : QMainWindow(parent), interactive_(interactive), rig_(new CameraRig(this)) {
  setWindowTitle(tr("Interp3D Studio"));
  setAcceptDrops(false);

  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  auto* splitter = new QSplitter(Qt::Horizontal, central);
  source_ = new Viewport(tr("Source"), rig_, splitter);
  morphView_ = new Viewport(tr("Morph"), rig_, splitter);
  target_ = new Viewport(tr("Target"), rig_, splitter);
  source_->setPlaceholder(tr("Drop a mesh here\nor use File > Open Source"));
  target_->setPlaceholder(tr("Drop a mesh here\nor use File > Open Target"));
  morphView_->setPlaceholder(tr("The morph appears here"));
  source_->setObjectName("sourceView");
  morphView_->setObjectName("morphView");
  target_->setObjectName("targetView");
  for (Viewport* v : {source_, morphView_, target_}) splitter->addWidget(v);
  splitter->setChildrenCollapsible(false);
  layout->addWidget(splitter, 1);
  timeline_ = new Timeline(central);
  layout->addWidget(timeline_);
  setCentralWidget(central);

  connect(source_, &Viewport::fileDropped, this,
          [this](const QString& p) { loadMesh(Slot::Source, p); });
  connect(target_, &Viewport::fileDropped, this,
          [this](const QString& p) { loadMesh(Slot::Target, p); });
  connect(morphView_, &Viewport::fileDropped, this,
          [this](const QString& p) { loadMesh(Slot::Source, p); });

  morph_ = new MorphController(this);
  panel_ = new MorphPanel(this);
  addPanel(tr("Morph"), "morphDock", panel_, false);  // its Morph button always in sight
  buildLandmarkPanel();
  connect(panel_, &MorphPanel::morphRequested, this, &MainWindow::startMorph);
  connect(panel_, &MorphPanel::cancelRequested, morph_, &MorphController::cancel);
  connect(panel_, &MorphPanel::exportFrameRequested, this, &MainWindow::exportFrameDialog);
  connect(panel_, &MorphPanel::exportSequenceRequested, this, &MainWindow::exportSequenceDialog);
  connect(morph_, &MorphController::progress, panel_, &MorphPanel::setProgress);
  connect(morph_, &MorphController::framesPlanned, this, [this](int n) {
    timeline_->setFrameCount(n);
    timeline_->setCurrentFrame(n / 2);
    showFrame(n / 2);  // says it is being computed until the first frame arrives
  });
  connect(morph_, &MorphController::frameReady, this,
          [this](int) { showFrame(timeline_->currentFrame()); });
  connect(morph_, &MorphController::texturesProgress, this, [this](int done, int total) {
    statusBar()->showMessage(
        (inputsHaveTexture()
             ? tr("Finishing the frames as they are exported (baked textures): %1 of %2 done, "
                  "the others show previews")
             : tr("Finishing the frames as they are exported: %1 of %2 done, the others show "
                  "previews"))
            .arg(done)
            .arg(total));
  });
  connect(
      morph_, &MorphController::texturesFinished, this,
      [this](JobStatus status, const QString& error) {
        const int done = morph_->texturedCount(), total = morph_->frameCount();
        QString message;
        if (status == JobStatus::Failed)
          message = tr("Baking the frames' textures failed (%1 of %2 done): %3. The others show "
                       "previews; exporting a frame bakes its own")
                        .arg(done)
                        .arg(total)
                        .arg(error);
        else if (done == total)
          message = inputsHaveTexture()
                        ? tr("Every frame has its baked texture")
                        : tr("Every frame is as it will be exported (the inputs have no texture)");
        else if (morph_->overBudget())
          message =
              tr("%1 of %2 frames finished with their baked textures, as many as the memory "
                 "budget holds: the others show previews (exports and movies bake every frame)")
                  .arg(done)
                  .arg(total);
        else
          message = tr("Finishing the frames stopped: %1 of %2 done").arg(done).arg(total);
        statusBar()->showMessage(message, done == total ? 8000 : 30000);
        showFrame(timeline_->currentFrame());  // its caption no longer says a texture is coming
        emit texturesFinished();
      });
  connect(
      morph_, &MorphController::finished, this, [this](JobStatus status, const QString& message) {
        const bool ok = status == JobStatus::Done;
        updateMorphState();
        if (status == JobStatus::Failed) reportError(tr("Morph failed"), message);
        if (!ok && morph_->solver()) {
          // The last finished morph came back: its frames on the timeline, ready to export.
          const int last = morph_->frameCount() - 1;
          timeline_->setFrameCount(morph_->frameCount());
          showFrame(std::min(frameBeforeRun_, last));
          statusBar()->showMessage(status == JobStatus::Cancelled
                                       ? tr("Morph cancelled: the previous morph is shown again")
                                       : tr("Morph failed: the previous morph is shown again"),
                                   10000);
          // The panel says what is shown, not only that the last run stopped ("Cancelled" stayed
          // while the earlier morph was back and exported).
          panel_->setProgress(1.0, status == JobStatus::Cancelled
                                       ? tr("Cancelled: the previous morph is shown")
                                       : tr("Failed: the previous morph is shown"));
        } else if (!ok) {  // nothing to show: back to the source, the timeline off
          timeline_->setFrameCount(0);
          shownFrame_.reset();
          if (sourceMesh_) {
            morphView_->setMesh(sourceMesh_, sourceLod_, source_->toUnit());
            morphView_->setFacing(source_->facing());
          }
          morphView_->setCaption(status == JobStatus::Cancelled
                                     ? tr("morph cancelled: showing the source")
                                     : tr("morph failed: showing the source"));
        }
        showMorphedTarget();
        landmarksChanged(false);         // Suggest needs a finished morph
        if (ok && pendingFrame_ >= 0) {  // where the project's timeline was
          showFrame(pendingFrame_);
          pendingFrame_ = -1;
        }
        emit morphFinished(ok, ok                               ? QString()
                               : status == JobStatus::Cancelled ? tr("cancelled")
                                                                : message);
      });
  connect(timeline_, &Timeline::frameChanged, this, &MainWindow::showFrame);

  sourceStatus_ = new QLabel(tr("Source: none"), this);
  targetStatus_ = new QLabel(tr("Target: none"), this);
  sourceStatus_->setObjectName("sourceStatus");
  targetStatus_->setObjectName("targetStatus");
  statusBar()->addWidget(sourceStatus_, 1);
  statusBar()->addWidget(targetStatus_, 1);
  undo_ = new QUndoStack(this);
  buildMenus();
  updateMorphState();
  restoreLayout();
  connect(panel_, &MorphPanel::settingsEdited, this, [this] {
    recordEdit(tr("Change Options"));
    if (morph_->solver() && !morph_->running())
      panel_->setProgress(1.0, tr("Options changed: press Morph to apply them"));
  });
  connect(rig_, &CameraRig::settled, this, [this] { recordEdit(tr("Move the View")); });
  lastState_ = undoState();
  updateTitle();
  if (interactive_) {
    auto* timer = new QTimer(this);
    timer->setInterval(kAutosaveMs);
    connect(timer, &QTimer::timeout, this, [this] {
      if (isWindowModified()) autosave();
    });
    timer->start();
  }
}

void MainWindow::markModified() {
  setWindowModified(true);
}

namespace {
// One undo step: the window's state before and after an edit.
class StateStep : public QUndoCommand {
 public:
  StateStep(MainWindow* window, Project before, Project after, const QString& text)
      : QUndoCommand(text), window_(window), before_(std::move(before)), after_(std::move(after)) {}
  void undo() override { window_->applyState(before_); }
  void redo() override {
    if (first_) {  // pushed after the edit was made: nothing to do yet
      first_ = false;
      return;
    }
    window_->applyState(after_);
  }

 private:
  MainWindow* window_;
  Project before_, after_;
  bool first_ = true;
};
}  // namespace

Project MainWindow::undoState() const {
  Project p = currentProject();
  p.frame = 0;  // scrubbing is not an edit
  return p;
}

void MainWindow::recordEdit(const QString& what) {
  if (applyingState_) return;
  const Project now = undoState();
  const QDir base("/");
  if (projectJson(now, base) == projectJson(lastState_, base)) return;
  undo_->push(new StateStep(this, lastState_, now, what));
  lastState_ = now;
  markModified();
}

void MainWindow::applyState(const Project& state) {
  applyingState_ = true;
  panel_->setSettings(state.settings);
  settings_ = state.settings;
  landmarks_.clear();
  for (const LandmarkList::Pair& pair : state.landmarks) landmarks_.append(pair);
  landmarksChanged(false);
  morphView_->rig()->setCamera(state.yaw, state.pitch, state.distance, state.lookAt);
  for (const Slot slot : {Slot::Source, Slot::Target}) {
    const QString& want = slot == Slot::Source ? state.source : state.target;
    const QString& have = slot == Slot::Source ? sourcePath_ : targetPath_;
    if (want.isEmpty() && !have.isEmpty()) {
      clearSlot(slot);  // back before the first load
    } else if (!want.isEmpty() &&
               QFileInfo(want).absoluteFilePath() != QFileInfo(have).absoluteFilePath()) {
      loadInput(slot, want, true);
    }
  }
  lastState_ = state;
  markModified();
  applyingState_ = false;
}

void MainWindow::updateTitle() {
  const QString name =
      projectPath_.isEmpty() ? tr("Untitled") : QFileInfo(projectPath_).completeBaseName();
  setWindowTitle(tr("%1[*] - Interp3D Studio").arg(name));
}

Project MainWindow::currentProject() const {
  Project p;
  // An input still loading, or one that failed, stays the project's.
  p.source = sourcePath_.isEmpty() ? projectInput_[0] : sourcePath_;
  p.target = targetPath_.isEmpty() ? projectInput_[1] : targetPath_;
  p.settings = panel_->settings(settings_);
  p.settings.landmarksFile.clear();
  p.landmarks = landmarks_.pairs();
  const OrbitCamera& camera = morphView_->rig()->camera();
  p.yaw = camera.yaw();
  p.pitch = camera.pitch();
  p.distance = camera.distance();
  p.lookAt = camera.target();
  p.frame = timeline_->currentFrame();
  return p;
}

QString MainWindow::saveProjectAs(const QString& path) {
  try {
    saveProject(currentProject(), path);
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  projectPath_ = QFileInfo(path).absoluteFilePath();
  setWindowModified(false);
  updateTitle();
  if (interactive_) removeAutosave();
  if (interactive_) addRecentProject(projectPath_);
  return {};
}

QString MainWindow::openProject(const QString& path) {
  Project p;
  try {
    p = loadProject(path);
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  for (const QString& w : p.warnings) {
    if (interactive_)
      statusBar()->showMessage(w, 10000);
    else
      std::cerr << "warning: " << w.toStdString() << "\n";
  }
  setMorphSettings(p.settings);
  landmarks_.clear();
  for (const LandmarkList::Pair& pair : p.landmarks) landmarks_.append(pair);
  selectedLandmark_ = -1;
  landmarksChanged(false);
  morphView_->rig()->setCamera(p.yaw, p.pitch, p.distance, p.lookAt);
  pendingFrame_ = p.frame;
  // The project's inputs and nothing else: a slot it names no mesh for stays empty.
  clearSlot(Slot::Source);
  clearSlot(Slot::Target);
  projectInput_[0] = p.source;
  projectInput_[1] = p.target;
  if (!p.source.isEmpty()) loadInput(Slot::Source, p.source, true);
  if (!p.target.isEmpty()) loadInput(Slot::Target, p.target, true);
  projectPath_ = QFileInfo(path).absoluteFilePath();
  undo_->clear();  // a project opened is where undo starts
  lastState_ = undoState();
  setWindowModified(false);
  updateTitle();
  if (interactive_) addRecentProject(projectPath_);
  return {};
}

QString MainWindow::autosavePath() const {
  // One file a running window, so two windows never recover or remove each other's work.
  const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  QDir().mkpath(dir);
  return dir + QString("/autosave-%1.i3dproj").arg(QCoreApplication::applicationPid());
}

QString MainWindow::autosave() {
  const QString path = autosavePath();
  if (!autosaveLock_) {  // held while this window lives: its file is not a crash's leftover
    autosaveLock_ = std::make_unique<QLockFile>(path + ".lock");
    autosaveLock_->tryLock(0);
  }
  try {
    saveProject(currentProject(), path);
  } catch (const Error& e) {
    statusBar()->showMessage(tr("Autosave failed: %1").arg(QString::fromStdString(e.what())),
                             10000);
    return {};
  }
  return path;
}

void MainWindow::removeAutosave() {
  QFile::remove(autosavePath());
  if (autosaveLock_) autosaveLock_->unlock();
  autosaveLock_.reset();
}

void MainWindow::offerRecovery() {
  // Autosaves whose window is gone (its lock free): left by a crash.
  const QDir dir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
  for (const QFileInfo& saved : dir.entryInfoList({"autosave-*.i3dproj"}, QDir::Files)) {
    QLockFile lock(saved.absoluteFilePath() + ".lock");
    if (!lock.tryLock(0)) continue;  // a running window's
    const auto answer = QMessageBox::question(
        this, tr("Recover Unsaved Work?"),
        tr("Interp3D Studio did not close normally. Recover the project autosaved at %1?")
            .arg(saved.lastModified().toString("yyyy-MM-dd hh:mm")),
        QMessageBox::Yes | QMessageBox::Discard);
    if (answer == QMessageBox::Yes) {
      const QString error = openProject(saved.absoluteFilePath());
      if (!error.isEmpty()) reportError(tr("Cannot recover"), error);
      projectPath_.clear();  // recovered work is saved where the user says
      setWindowModified(true);
      updateTitle();
    }
    QFile::remove(saved.absoluteFilePath());  // recovered into this window, or discarded
    return;
  }
}

void MainWindow::saveProjectDialog(bool askForPath) {
  QString path = projectPath_;
  if (askForPath || path.isEmpty()) {
    path = rememberDirectory(QFileDialog::getSaveFileName(
        this, tr("Save Project"), inLastDirectory("morph.i3dproj"), tr(kProjectFilter)));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += ".i3dproj";
  }
  const QString error = saveProjectAs(path);
  if (!error.isEmpty())
    reportError(tr("Cannot save the project"), error);
  else
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::addRecentProject(const QString& path) {
  pushRecent(kRecentProjectsKey, path);
  rebuildRecentMenu();
}

bool MainWindow::maySaveChanges() {
  if (!interactive_ || !isWindowModified()) return true;
  const auto answer = QMessageBox::question(
      this, tr("Save Changes?"),
      tr("Save the changes to %1 before closing?")
          .arg(projectPath_.isEmpty() ? tr("the project") : QFileInfo(projectPath_).fileName()),
      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
  if (answer == QMessageBox::Cancel) return false;
  if (answer == QMessageBox::Save) {
    saveProjectDialog(false);
    return !isWindowModified();
  }
  return true;
}

void MainWindow::restoreLayout() {
  // Headless runs (screenshots, benchmarks) always start alike: nothing is read or kept.
  const QSettings settings;
  const QRect screen = this->screen()->availableGeometry();
  if (interactive_ && restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
    restoreState(settings.value(kStateKey).toByteArray());
    // Saved on a larger screen: brought within this one (a 1440x820 window reopened on a
    // 1366x768 laptop with its panels and timeline off the screen).
    if (!isMaximized() && !screen.contains(frameGeometry())) {
      resize(std::min(width(), screen.width() * 9 / 10),
             std::min(height(), screen.height() * 9 / 10));
      move(screen.center() - QPoint(width() / 2, height() / 2));
    }
    return;
  }
  // First start: most of the screen, never more than it (the Morph panel must not be cut off).
  const QSize size(std::min(1600, screen.width() * 9 / 10), std::min(900, screen.height() * 4 / 5));
  resize(size);
  move(screen.center() - QPoint(size.width() / 2, size.height() / 2));
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* openSource =
      file->addAction(tr("Open &Source..."), this, [this] { openDialog(Slot::Source); });
  openSource->setShortcut(QKeySequence::Open);
  QAction* openTarget =
      file->addAction(tr("Open &Target..."), this, [this] { openDialog(Slot::Target); });
  openTarget->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  file->addSeparator();
  file->addAction(tr("Open &Project..."), this,
                  [this] {
                    const QString path = rememberDirectory(QFileDialog::getOpenFileName(
                        this, tr("Open Project"), lastDirectory(), tr(kProjectFilter)));
                    if (path.isEmpty()) return;
                    const QString error = openProject(path);
                    if (!error.isEmpty()) reportError(tr("Cannot open the project"), error);
                  })
      ->setShortcut(QKeySequence(tr("Ctrl+Alt+O")));
  recentProjectsMenu_ = file->addMenu(tr("Recent Pro&jects"));
  file->addAction(tr("Save Pro&ject"), this, [this] { saveProjectDialog(false); })
      ->setShortcut(QKeySequence::Save);
  file->addAction(tr("Save Project &As..."), this, [this] { saveProjectDialog(true); })
      ->setShortcut(QKeySequence::SaveAs);
  rebuildRecentMenu();
  file->addSeparator();
  file->addAction(tr("Load Prior &Weights..."), this, [this] {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Load Prior Weights"), lastDirectory(), tr("Prior weights (*.pt);;All files (*)"));
    if (path.isEmpty()) return;
    try {
      LearnedPrior::load(path.toStdString());  // checked here; the morph's worker loads it again
      panel_->setPriorFile(path);
    } catch (const Error& e) {
      reportError(tr("Cannot load the prior"), QString::fromStdString(e.what()));
    }
  });
  file->addAction(tr("Use the Shipped Prior"), this, [this] { panel_->setPriorFile(QString()); });
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = undo_->createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = undo_->createRedoAction(this, tr("&Redo"));
  redo->setShortcuts({QKeySequence::Redo, QKeySequence(tr("Ctrl+Y"))});
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  edit->addAction(tr("&Preferences..."), this,
                  [this] {
                    Preferences prefs = Preferences::load();
                    if (!editPreferences(this, prefs, panel_->settings(settings_))) return;
                    if (prefs.threads > 0)
                      applyOption(settings_, "threads", std::to_string(prefs.threads));
                    statusBar()->showMessage(tr("Preferences saved"), 5000);
                  })
      ->setShortcut(QKeySequence::Preferences);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* wire = view->addAction(tr("&Wireframe Overlay"));
  wire->setCheckable(true);
  wire->setShortcut(QKeySequence(tr("W")));
  connect(wire, &QAction::toggled, this, &MainWindow::setWireframe);
  QAction* frame = view->addAction(tr("&Frame All"), this, [this] {
    for (Viewport* v : {source_, morphView_, target_}) v->rig()->frameAll();
  });
  frame->setShortcut(QKeySequence(tr("F")));
  view->addAction(tr("&Reset View"), this,
                  [this] {
                    for (Viewport* v : {source_, morphView_, target_}) v->rig()->resetView();
                  })
      ->setShortcut(QKeySequence(tr("R")));

  // Playback keys work wherever the focus is (a viewport, the timeline, the panel's buttons);
  // text fields keep their own editing keys.
  QMenu* playback = menuBar()->addMenu(tr("&Playback"));
  auto key = [&](const QString& text, const QKeySequence& shortcut, auto slot) {
    QAction* a = playback->addAction(text, this, slot);
    a->setShortcut(shortcut);
    a->setShortcutContext(Qt::ApplicationShortcut);  // the floating Morph panel too
    a->setObjectName(text);
    return a;
  };
  key(tr("Play / Pause"), QKeySequence(Qt::Key_Space), [this] { timeline_->togglePlay(); });
  key(tr("Previous Frame"), QKeySequence(Qt::Key_Left),
      [this] { timeline_->setCurrentFrame(timeline_->currentFrame() - 1); });
  key(tr("Next Frame"), QKeySequence(Qt::Key_Right),
      [this] { timeline_->setCurrentFrame(timeline_->currentFrame() + 1); });
  key(tr("First Frame"), QKeySequence(Qt::Key_Home), [this] { timeline_->setCurrentFrame(0); });
  key(tr("Last Frame"), QKeySequence(Qt::Key_End),
      [this] { timeline_->setCurrentFrame(timeline_->frameCount() - 1); });

  QMenu* marks = menuBar()->addMenu(tr("&Landmarks"));
  QAction* place = marks->addAction(tr("&Place Landmarks"), this, [this] {
    landmarkPanel_->setPlacing(!landmarkPanel_->placing());
  });
  place->setShortcut(QKeySequence(tr("L")));
  QAction* remove = marks->addAction(tr("&Delete Selected"), this, [this] {
    if (selectedLandmark_ < 0) return;
    landmarks_.remove(selectedLandmark_);
    landmarksChanged(true);
  });
  remove->setShortcut(QKeySequence::Delete);
  QAction* mirror = marks->addAction(tr("&Mirror"), this, [this] { mirrorLandmarks(); });
  QAction* suggest =
      marks->addAction(tr("&Suggest From the Morph"), this, [this] { suggestLandmarks(); });
  // As the panel's buttons are: Mirror needs a complete pair, Suggest a finished morph (the menu
  // offered both before either, and Mirror then reported "Added 0 mirrored pair(s)").
  connect(marks, &QMenu::aboutToShow, this, [this, mirror, suggest] {
    for (auto [action, name] :
         {std::pair{mirror, "mirrorLandmarks"}, std::pair{suggest, "suggestLandmarks"}})
      if (const auto* button = landmarkPanel_->findChild<QPushButton*>(name))
        action->setEnabled(button->isEnabled());
  });

  QMenu* colours = view->addMenu(tr("&Correspondence Colours"));
  auto* colourGroup = new QActionGroup(this);
  const QString colourNames[3] = {tr("&Off"), tr("From the &Source"), tr("From the &Target")};
  for (int mode = 0; mode < 3; ++mode) {
    colourActions_[mode] = colours->addAction(colourNames[mode], this,
                                              [this, mode] { setCorrespondenceColours(mode); });
    colourActions_[mode]->setCheckable(true);
    colourGroup->addAction(colourActions_[mode]);
  }
  colourActions_[0]->setChecked(true);
  colours->setToolTip(
      tr("Paint one mesh with a colour cube and the other with the colours the "
         "morph matches to it"));
  view->addAction(tr("Cycle Correspondence Colours"), this,
                  [this] { setCorrespondenceColours((colourMode_ + 1) % 3); })
      ->setShortcut(QKeySequence(tr("C")));

  QMenu* compare = view->addMenu(tr("Co&mpare in the Morph View"));
  auto* compareGroup = new QActionGroup(this);
  const QString compareNames[6] = {tr("&Side by Side"),         tr("Overlay the &Source"),
                                   tr("Overlay the &Target"),   tr("&Wipe From the Source"),
                                   tr("Wipe From the T&arget"), tr("Wipe Source | Tar&get")};
  for (int mode = 0; mode < 6; ++mode) {
    compareActions_[mode] =
        compare->addAction(compareNames[mode], this, [this, mode] { setCompareMode(mode); });
    compareActions_[mode]->setCheckable(true);
    compareGroup->addAction(compareActions_[mode]);
  }
  compareActions_[0]->setChecked(true);
  compare->addSeparator();
  compare->addAction(tr("Overlay &Opacity..."), this, [this] {
    bool ok = false;
    const int percent = QInputDialog::getInt(
        this, tr("Overlay Opacity"), tr("How much of the overlaid mesh shows (percent):"),
        static_cast<int>(overlayOpacity_ * 100), 5, 95, 5, &ok);
    if (ok) setOverlayOpacity(percent / 100.0f);
  });
  QAction* link = view->addAction(tr("&Link Cameras"), this, &MainWindow::setCamerasLinked);
  link->setCheckable(true);
  link->setChecked(true);
  link->setShortcut(QKeySequence(tr("Ctrl+L")));
  link->setToolTip(tr("One camera for the three views, or each its own"));
  QAction* onion = view->addAction(tr("&Onion Skin"), this, &MainWindow::setOnionSkin);
  onion->setCheckable(true);
  onion->setShortcut(QKeySequence(tr("O")));
  onion->setToolTip(tr("Ghosts of the frames before and after the one shown"));

  QMenu* morphMenu = menuBar()->addMenu(tr("&Morph"));
  QAction* run = morphMenu->addAction(tr("&Morph"), this, &MainWindow::startMorph);
  run->setShortcut(QKeySequence(tr("Ctrl+M")));
  // Esc cancels a running morph only: a finished morph's texture baking goes on.
  QAction* stop = morphMenu->addAction(tr("&Cancel"), this, [this] {
    if (morph_->running()) morph_->cancel();
  });
  stop->setShortcut(QKeySequence(Qt::Key_Escape));
  morphMenu->addSeparator();
  QAction* exportOne =
      morphMenu->addAction(tr("Export &Frame..."), this, &MainWindow::exportFrameDialog);
  exportOne->setShortcut(QKeySequence(tr("Ctrl+E")));
  QAction* exportAll =
      morphMenu->addAction(tr("Export &Sequence..."), this, &MainWindow::exportSequenceDialog);
  exportAll->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
  QAction* movie =
      morphMenu->addAction(tr("Render &Movie..."), this, &MainWindow::renderMovieDialog);
  movie->setShortcut(QKeySequence(tr("Ctrl+R")));
  // Their state follows the morph's (updateMorphState), not the menu's last opening: Esc did not
  // cancel a morph started after the menu was last opened (the item was still disabled).
  morphActions_[0] = run;
  morphActions_[1] = stop;
  morphActions_[2] = exportOne;
  morphActions_[3] = exportAll;
  morphActions_[4] = movie;

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&Controls"), this,
                  [this] { QMessageBox::information(this, tr("Controls"), controlsText()); });
  help->addAction(tr("&About Interp3D Studio"), this, [this] {
    QMessageBox::about(
        this, tr("About Interp3D Studio"),
        tr("<b>Interp3D Studio</b><p>Morphs one textured 3D mesh into another: semantic "
           "correspondence, structured-latent interpolation and texture fusion, on the CPU.</p>"
           "<p>After the Interp3D paper (arXiv 2601.14103). Built with Qt %1, Open3D, OpenVDB, "
           "LibTorch and Assimp.</p>")
            .arg(QT_VERSION_STR));
  });
}

QString MainWindow::controlsText() {
  return tr(
      "Viewports (one camera for all three)\n"
      "  Left drag: orbit\n"
      "  Right or middle drag, Shift+left drag: pan\n"
      "  Wheel, + and -: zoom\n"
      "  Ctrl+arrow keys: orbit in steps\n"
      "  F or double-click: frame all\n"
      "  R: reset the view (each model from its front)\n"
      "  Ctrl+L: link or unlink the three views' cameras\n"
      "  W: wireframe overlay\n"
      "  C: correspondence colours (off, from the source, from the target)\n"
      "  O: onion skin (the neighbouring frames as ghosts)\n"
      "  View > Compare: overlay or wipe the source or target over the morph; drag the\n"
      "  wipe's line\n"
      "\n"
      "Timeline\n"
      "  Space: play / pause\n"
      "  Left / Right arrow: previous / next frame\n"
      "  Home / End: first / last frame\n"
      "  Click or drag on the slider: go to that frame\n"
      "\n"
      "Landmarks\n"
      "  L: place landmarks: click the source, then the target\n"
      "  Drag a pin: move it along the surface\n"
      "  Delete: delete the selected pair\n"
      "\n"
      "Morph\n"
      "  Ctrl+M: morph, Esc: cancel\n"
      "  Ctrl+E: export the frame shown, Ctrl+Shift+E: export the sequence\n"
      "  Ctrl+R: render a movie (MP4, GIF or PNG frames)\n"
      "\n"
      "Edit\n"
      "  Ctrl+Z: undo, Ctrl+Shift+Z or Ctrl+Y: redo (loads, options, landmarks, the view)\n"
      "\n"
      "Files\n"
      "  Ctrl+O: open the source, Ctrl+Shift+O: open the target\n"
      "  Drop a mesh file on the source or target view to load it\n"
      "  Ctrl+Q: quit");
}

void MainWindow::setWireframe(bool on) {
  for (Viewport* v : {source_, morphView_, target_}) v->setWireframe(on);
}

void MainWindow::openDialog(Slot slot) {
  const QString title = slot == Slot::Source ? tr("Open Source Mesh") : tr("Open Target Mesh");
  const QString path = rememberDirectory(
      QFileDialog::getOpenFileName(this, title, lastDirectory(), tr(kMeshFilter)));
  if (!path.isEmpty()) loadMesh(slot, path);
}

void MainWindow::loadMesh(Slot slot, const QString& path) {
  loadInput(slot, path, false);
}

void MainWindow::loadInput(Slot slot, const QString& path, bool quiet) {
  const int index = slot == Slot::Source ? 0 : 1;
  const unsigned generation = ++loadGeneration_[index];
  loadQuiet_[index] = quiet;  // only the newest load of a slot is ever applied
  ++pendingLoads_;
  QLabel* status = slot == Slot::Source ? sourceStatus_ : targetStatus_;
  if (!status->text().contains(tr("loading"))) statusBeforeLoad_[index] = status->text();
  status->setText(
      tr("%1: loading %2...")
          .arg(slot == Slot::Source ? tr("Source") : tr("Target"), QFileInfo(path).fileName()));
  auto* watcher = new QFutureWatcher<ViewMesh>(this);
  connect(watcher, &QFutureWatcher<ViewMesh>::finished, this,
          [this, watcher, slot, index, generation] {
            watcher->deleteLater();
            // A newer load into the same slot wins; an older result is dropped.
            if (generation == loadGeneration_[index]) applyLoaded(slot, watcher->result());
            if (--pendingLoads_ == 0) emit loadsFinished();
          });
  const std::string file = path.toStdString();
  // A newer load into the same slot stops the older one (its importer process is killed).
  if (loadCancel_[index]) loadCancel_[index]->store(true);
  loadCancel_[index] = std::make_shared<std::atomic<bool>>(false);
  const Progress progress(nullptr, loadCancel_[index]);
  const ImportOptions import = settings_.import;
  watcher->setFuture(
      QtConcurrent::run([file, import, progress] { return loadViewMesh(file, import, progress); }));
}

void MainWindow::clearSlot(Slot slot) {
  const int index = slot == Slot::Source ? 0 : 1;
  ++loadGeneration_[index];  // a load still running for it is dropped
  if (loadCancel_[index]) loadCancel_[index]->store(true);
  (slot == Slot::Source ? sourceMesh_ : targetMesh_).reset();
  (slot == Slot::Source ? sourcePath_ : targetPath_).clear();
  if (slot == Slot::Source)
    sourceLod_.reset();
  else
    targetLod_.reset(), targetName_.clear();
  (slot == Slot::Source ? source_ : target_)->setMesh(nullptr, nullptr, Similarity{});
  (slot == Slot::Source ? source_ : target_)->setCaption(QString());
  (slot == Slot::Source ? sourceStatus_ : targetStatus_)
      ->setText(slot == Slot::Source ? tr("Source: none") : tr("Target: none"));
  morphAligned_ = false;
  alignedTarget_.reset();
  morph_->reset();
  shownFrame_.reset();
  timeline_->setFrameCount(0);
  morphView_->setMesh(sourceMesh_, sourceLod_, source_->toUnit());
  morphView_->setCaption(sourceMesh_ ? tr("no morph yet: the source") : QString());
  updateMorphState();
}

void MainWindow::applyLoaded(Slot slot, const ViewMesh& view) {
  const QString name = slot == Slot::Source ? tr("Source") : tr("Target");
  QLabel* status = slot == Slot::Source ? sourceStatus_ : targetStatus_;
  const int index = slot == Slot::Source ? 0 : 1;
  if (!view.error.empty()) {
    // The mesh loaded before stays (none after a project cleared the slot), and the status bar
    // says so again. A project's input that fails stays the project's for saving.
    status->setText(statusBeforeLoad_[index]);
    loadErrors_ << QString::fromStdString(view.error);
    reportError(tr("Cannot open %1").arg(name.toLower()), QString::fromStdString(view.error));
    return;
  }
  for (const std::string& w : view.warnings) {
    if (interactive_) {
      statusBar()->showMessage(QString::fromStdString(w), 10000);
    } else {
      std::cerr << "warning: " << w << "\n";
    }
  }
  // A mesh that replaces another (not the first one into the slot).
  const bool replacing = !(slot == Slot::Source ? sourcePath_ : targetPath_).isEmpty();
  const QString file = QFileInfo(QString::fromStdString(view.path)).fileName();
  status->setText(
      tr("%1: %2 - %3").arg(name, file, QString::fromStdString(formatSummary(view.info))));
  status->setToolTip(QString::fromStdString(formatText(view.info)));
  Viewport* vp = slot == Slot::Source ? source_ : target_;
  vp->setMesh(view.mesh, view.lod, view.toUnit);
  vp->setFacing(view.facing);
  vp->setCaption(file);
  (slot == Slot::Source ? sourcePath_ : targetPath_) = QString::fromStdString(view.path);
  if (slot == Slot::Target) {
    targetName_ = file;
    targetLod_ = view.lod;
    targetToUnit_ = view.toUnit;
    morphAligned_ = false;
  }
  (slot == Slot::Source ? sourceMesh_ : targetMesh_) = view.mesh;
  if (slot == Slot::Source) sourceLod_ = view.lod;
  // A new input makes the old morph stale: the morph view shows the source until a new one exists.
  colourMode_ = 0;
  if (colourActions_[0]) colourActions_[0]->setChecked(true);
  alignedTarget_.reset();
  morph_->reset();
  shownFrame_.reset();
  timeline_->setFrameCount(0);
  if (slot == Slot::Target) targetFacing_ = view.facing;
  (slot == Slot::Source ? sourceHeading_ : targetHeading_) = view.heading;
  landmarksChanged(false);
  if (sourceMesh_) {
    morphView_->setMesh(sourceMesh_, sourceLod_, source_->toUnit());
    morphView_->setFacing(source_->facing());
    morphView_->setCaption(tr("no morph yet: the source"));
  }
  updateMorphState();
  if (interactive_) addRecent(QString::fromStdString(view.path));
  // A load the user asked for is an edit; one an undo step or a project started is not.
  projectInput_[index].clear();  // loaded: the slot names it now
  if (loadQuiet_[index]) {
    const Project loaded = undoState();
    (slot == Slot::Source ? lastState_.source : lastState_.target) =
        slot == Slot::Source ? loaded.source : loaded.target;
  } else {
    // Points placed on the mesh before are not points of this one: that side of every pair is
    // dropped (the pair waits for a new click), in the same undo step as the load.
    bool dropped = false;
    LandmarkList kept;
    for (LandmarkList::Pair pair :
         replacing ? landmarks_.pairs() : std::vector<LandmarkList::Pair>{}) {
      std::optional<glm::vec3>& side = slot == Slot::Source ? pair.source : pair.target;
      dropped |= side.has_value();
      side.reset();
      if (pair.source || pair.target) kept.append(pair);
    }
    if (replacing && dropped) {
      landmarks_ = kept;
      selectedLandmark_ = -1;
      landmarksChanged(false);
      statusBar()->showMessage(
          tr("The landmarks' points on the old %1 were dropped: click them on the new one")
              .arg(slot == Slot::Source ? tr("source") : tr("target")),
          10000);
    }
    recordEdit(slot == Slot::Source ? tr("Open Source") : tr("Open Target"));
  }
}

void MainWindow::updateMorphState() {
  const bool ready = sourceMesh_ && targetMesh_;
  panel_->setState(ready, morph_->running(), morph_->solver() != nullptr);
  if (morphActions_[0]) {
    const bool running = morph_->running(), made = morph_->solver() != nullptr && !running;
    morphActions_[0]->setEnabled(ready && !running);
    morphActions_[1]->setEnabled(running);
    for (int i = 2; i < 5; ++i) morphActions_[i]->setEnabled(made);
  }
  if (!morph_->running() && !morph_->solver()) {
    panel_->setProgress(0.0, ready ? tr("Ready: press Morph") : tr("Load a source and a target"));
  }
}

void MainWindow::setMorphSettings(const MorphSettings& settings) {
  settings_ = settings;
  panel_->setSettings(settings);
  if (!settings.landmarksFile.empty()) {  // --landmarks FILE: its pairs as pins to edit
    importLandmarks(QString::fromStdString(settings.landmarksFile));
    settings_.landmarksFile.clear();
  }
  if (!applyingState_) lastState_ = undoState();  // where undo starts, not an edit
}

bool MainWindow::morphRunning() const {
  return morph_->running();
}

bool MainWindow::startMorph() {
  if (!sourceMesh_ || !targetMesh_) return false;
  statusBar()->clearMessage();  // the last morph's texture baking says no more
  if (colourMode_ != 0) setCorrespondenceColours(0);  // they belong to the morph before
  alignedTarget_.reset();
  MorphSettings settings = panel_->settings(settings_);
  settings.landmarksFile.clear();  // the pairs in the panel are the ones to respect
  settings.morph.landmarks = landmarks_.complete();
  if (morph_->solver()) frameBeforeRun_ = timeline_->currentFrame();  // to come back to on cancel
  morph_->start(sourceMesh_, targetMesh_, settings);
  showMorphedTarget();
  updateMorphState();
  return true;
}

void MainWindow::showMorphedTarget() {
  const std::shared_ptr<const MorphSolver> solver = morph_->solver();
  // Landmarks are placed on, and drawn over, the target in its file's own pose; so are the
  // correspondence colours.
  const bool landmarks = landmarks_.size() > 0 || landmarkPanel_->placing();
  const bool aligned = solver && solver->options().align.enabled && !landmarks && colourMode_ == 0;
  if (aligned && !morphAligned_) {
    // The target as the finished morph sees it: turned onto the source, so it faces as the
    // source does.
    if (!alignedTarget_)
      alignedTarget_ = std::make_shared<const TexturedMesh>(solver->alignedTarget());
    target_->setMesh(alignedTarget_, nullptr, Similarity{});
    target_->setFacing(source_->facing());
    target_->setCaption(tr("%1, aligned to the source").arg(targetName_));
    morphAligned_ = true;
  } else if (!aligned && morphAligned_) {  // back to the file's own pose
    target_->setMesh(targetMesh_, targetLod_, targetToUnit_);
    target_->setFacing(targetFacing_);
    target_->setCaption(targetName_);
    morphAligned_ = false;
  }
}

void MainWindow::showFrame(int index) {
  if (morph_->frameCount() == 0) return;
  index = std::clamp(index, 0, morph_->frameCount() - 1);
  if (timeline_->currentFrame() != index) {
    timeline_->setCurrentFrame(index);  // which shows it
    return;
  }
  int found = -1;
  const MorphController::CachedFrame frame = morph_->nearestFrame(index, &found);
  const int last = morph_->frameCount() - 1;
  // The frames turn from the source's pose to the target's: the view turns them back, so the
  // model keeps facing the camera as the source does.
  morphView_->setFacing(frame.mesh ? frameFacing(found, frame.turn) : source_->facing());
  updateCompare();    // first: the caption names the ghosts it drew
  if (!frame.mesh) {  // nothing of this morph is ready yet: its first frame, the source, stands in
    if (sourceMesh_ && shownFrame_ != sourceMesh_) {
      shownFrame_ = sourceMesh_;
      morphView_->setMesh(sourceMesh_, sourceLod_, source_->toUnit());
    }
    timeline_->setNote(tr("(computing)"));
    morphView_->setCaption(tr("frame %1 of %2: computing...").arg(index).arg(last));
    return;
  }
  if (frame.mesh != shownFrame_) {  // uploading a frame is the costly part: only when it changes
    shownFrame_ = frame.mesh;
    morphView_->setMesh(frame.mesh, nullptr, frame.toUnit);
  }
  const QString note = found == index ? QString() : tr("(showing %1)").arg(found);
  timeline_->setNote(note);
  QString caption = tr("frame %1 of %2").arg(index).arg(last);
  if (!note.isEmpty()) caption += " " + note;
  if (!frame.textured)
    caption += " " + (morph_->texturing() ? tr("(preview; the exported frame is being made)")
                                          : tr("(preview)"));
  if (compareMode_ == 1 || compareMode_ == 2)
    caption += " " + (compareMode_ == 1 ? tr("| source overlaid") : tr("| target overlaid"));
  else if (compareMode_ == 3 || compareMode_ == 4)
    caption += " " + (compareMode_ == 3 ? tr("| source on the left") : tr("| target on the left"));
  if (!onionShown_.isEmpty() && compareMode_ != 5) caption += " | " + onionShown_;
  if (compareMode_ == 5)  // the morph is hidden
    caption = tr("source | target (frame %1 hidden)").arg(index);
  morphView_->setCaption(caption);
}

float MainWindow::frameFacing(int found, float turn) const {
  const std::shared_ptr<const MorphSolver> solver = morph_->solver();
  const bool aligned = solver ? solver->options().align.enabled : settings_.morph.align.enabled;
  if (aligned) return source_->facing() - turn;  // the frames turn back to the source's pose
  // Unaligned frames keep their files' poses: the view turns from the source's front to the
  // target's, the short way round.
  const double s = found >= 0 && found < static_cast<int>(morph_->frames().size())
                       ? morph_->frames()[static_cast<std::size_t>(found)].s
                       : 0.0;
  const float pi = 3.14159265f;
  return source_->facing() +
         static_cast<float>(s) * std::remainder(targetFacing_ - source_->facing(), 2.0f * pi);
}

void MainWindow::setCamerasLinked(bool linked) {
  Viewport* views[3] = {source_, morphView_, target_};
  for (int i = 0; i < 3; ++i) {
    if (!ownRigs_[i]) {
      ownRigs_[i] = new CameraRig(this);
      connect(ownRigs_[i], &CameraRig::settled, this, [this] { recordEdit(tr("Move the View")); });
    }
    CameraRig* rig = linked ? rig_ : ownRigs_[i];
    // Each view goes on from the camera it showed: the shared one, or the morph view's.
    rig->setCamera(linked ? morphView_->rig()->camera() : rig_->camera());
    views[i]->setRig(rig);
  }
}

bool MainWindow::texturesPending() const {
  return morph_->texturing();
}

int MainWindow::texturedFrames() const {
  return morph_->texturedCount();
}

bool MainWindow::camerasLinked() const {
  return source_->rig() == morphView_->rig();
}

void MainWindow::setCompareMode(int mode) {
  compareMode_ = std::clamp(mode, 0, 5);
  if (compareActions_[compareMode_]) compareActions_[compareMode_]->setChecked(true);
  if (morph_->frameCount() > 0)
    showFrame(timeline_->currentFrame());  // the caption says what the view shows
  else
    updateCompare();
}

void MainWindow::setOverlayOpacity(float opacity) {
  overlayOpacity_ = std::clamp(opacity, 0.05f, 0.95f);
  updateCompare();
}

void MainWindow::setOnionSkin(bool on) {
  onionSkin_ = on;
  if (morph_->frameCount() > 0)
    showFrame(timeline_->currentFrame());  // the ghosts, and the caption that names them
  else
    updateCompare();
}

void MainWindow::updateCompare() {
  // The inputs as the morph view shows its ends: the source in its own place, the target as
  // the morph aligned it (or in its file's pose).
  const std::shared_ptr<const MorphSolver> solver = morph_->solver();
  if (solver && !alignedTarget_ && solver->options().align.enabled)
    alignedTarget_ = std::make_shared<const TexturedMesh>(solver->alignedTarget());
  const Layer source{sourceMesh_, source_->toUnit(), source_->facing(), overlayOpacity_, true};
  const Layer target =
      alignedTarget_ ? Layer{alignedTarget_, Similarity{}, source_->facing(), overlayOpacity_, true}
                     : Layer{targetMesh_, targetToUnit_,
                             frameFacing(morph_->frameCount() - 1, 0.0f), overlayOpacity_, true};
  std::vector<Layer> ghosts;
  QStringList shown;  // the ghosts drawn, for the caption
  if (onionSkin_ && morph_->frameCount() > 0) {
    // The frame before as a warm ghost and the frame after as a cool one, as animation tools
    // show them (grey at a quarter's opacity, they barely showed beside the frame); a frame not
    // made yet has none. The caption names them briefly ("| 7 orange, 9 blue"): longer, it was
    // cut off in a 1200-pixel window.
    const int index = timeline_->currentFrame();
    for (int i : {index - 1, index + 1}) {
      if (i < 0 || i >= morph_->frameCount()) continue;
      int found = -1;
      const MorphController::CachedFrame f = morph_->nearestFrame(i, &found);
      if (!f.mesh || found != i) continue;
      const bool before = i < index;
      ghosts.push_back(
          {f.mesh, f.toUnit, frameFacing(i, f.turn), 0.5f, false,
           before ? glm::vec4(1.0f, 0.4f, 0.15f, 0.8f) : glm::vec4(0.15f, 0.55f, 1.0f, 0.8f)});
      shown << (before ? tr("%1 orange") : tr("%1 blue")).arg(i);
    }
  }
  onionShown_ = shown.join(", ");
  if (compareMode_ == 1 || compareMode_ == 2) ghosts.push_back(compareMode_ == 1 ? source : target);
  morphView_->setGhosts(std::move(ghosts));
  Layer wipe, right;
  if (compareMode_ >= 3) {
    wipe = compareMode_ == 4 ? target : source;
    wipe.opacity = 1.0f;
  }
  if (compareMode_ == 5) {  // the two inputs, the morph hidden
    right = target;
    right.opacity = 1.0f;
  }
  const float split = morphView_->wipeSplit();
  morphView_->setWipe(wipe, split < 0.0f ? 0.5f : split, right);
}

namespace {
// Runs `job` on a worker thread while the GUI keeps running (a local event loop) and returns its
// result.
JobResult waitForJob(const std::function<JobResult()>& job) {
  QFutureWatcher<JobResult> watcher;
  QEventLoop loop;
  QObject::connect(&watcher, &QFutureWatcher<JobResult>::finished, &loop, &QEventLoop::quit);
  watcher.setFuture(QtConcurrent::run(job));
  loop.exec();
  return watcher.result();
}
}  // namespace

QString MainWindow::exportFrame(int index, const QString& path) {
  const std::shared_ptr<const MorphSolver> solver = morph_->solver();
  if (!solver) return tr("no finished morph to export");
  // The worker gets its own reference to the solver and the path, nothing of the window's.
  const std::string file = path.toStdString();
  const JobResult r = waitForJob([solver, index, file] {
    return runJob([&] { interp3d::exportFrame(*solver, index, file, Progress()); });
  });
  return QString::fromStdString(r.message);
}

void MainWindow::exportFrameDialog() {
  const int index = timeline_->currentFrame();
  const QString path = rememberDirectory(QFileDialog::getSaveFileName(
      this, tr("Export Frame %1").arg(index),
      inLastDirectory(QString("frame_%1.glb").arg(index, 4, 10, QChar('0'))),
      tr("glTF binary (*.glb);;OBJ (*.obj);;PLY (*.ply)")));
  if (path.isEmpty()) return;
  QProgressDialog wait(tr("Baking the texture and writing %1...").arg(QFileInfo(path).fileName()),
                       QString(), 0, 0, this);
  wait.setWindowModality(Qt::WindowModal);
  wait.show();
  const QString error = exportFrame(index, path);
  if (!error.isEmpty())
    reportError(tr("Export failed"), error);
  else
    statusBar()->showMessage(tr("Wrote %1").arg(path), 8000);
}

void MainWindow::exportSequenceDialog() {
  const std::shared_ptr<const MorphSolver> solver = morph_->solver();
  if (!solver) return;
  const QString dir =
      QFileDialog::getExistingDirectory(this, tr("Export Sequence To"), lastDirectory());
  if (dir.isEmpty()) return;
  QSettings().setValue(kLastDirKey, dir);
  bool ok = false;
  const QString format =
      QInputDialog::getItem(this, tr("Export Sequence"),
                            tr("File format of the %1 frames:\n"
                               "glb: one file a frame, texture inside (Blender, game engines)\n"
                               "obj: mesh, material and texture files a frame\n"
                               "ply: mesh with vertex colours")
                                .arg(timeline_->frameCount()),
                            {"glb", "obj", "ply"}, 0, false, &ok);
  if (!ok) return;
  if (QDir(dir).exists("manifest.json") &&
      QMessageBox::question(this, tr("Replace the Sequence?"),
                            tr("%1 already holds a sequence. Replace its frames?").arg(dir),
                            QMessageBox::Yes | QMessageBox::Cancel) != QMessageBox::Yes)
    return;
  QProgressDialog dialog(tr("Writing the sequence..."), tr("Cancel"), 0, 1000, this);
  dialog.setWindowModality(Qt::WindowModal);
  dialog.setMinimumDuration(0);
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  connect(&dialog, &QProgressDialog::canceled, this, [cancel] { cancel->store(true); });
  const Progress progress(
      [&dialog](double fraction, const std::string& stage) {
        QMetaObject::invokeMethod(
            &dialog,
            [&dialog, fraction, stage] {
              dialog.setValue(static_cast<int>(fraction * 1000));
              dialog.setLabelText(MorphPanel::stageText(QString::fromStdString(stage)));
            },
            Qt::QueuedConnection);
      },
      cancel);
  SequenceInfo info;
  info.source = sourcePath_.toStdString();
  info.target = targetPath_.toStdString();
  info.format = format.toStdString();
  const std::string folder = dir.toStdString();
  const JobResult r = waitForJob([solver, folder, info, progress] {
    return runJob([&] { writeSequence(*solver, folder, info, progress); });
  });
  QCoreApplication::processEvents();  // deliver the last queued progress updates while `dialog`
                                      // lives
  if (r.status == JobStatus::Cancelled)
    statusBar()->showMessage(tr("Export cancelled; the frames written are complete"), 8000);
  else if (r.status == JobStatus::Failed)
    reportError(tr("Export failed"), QString::fromStdString(r.message));
  else
    statusBar()->showMessage(tr("Wrote the sequence to %1").arg(dir), 8000);
}

void MainWindow::reportError(const QString& title, const QString& message) {
  if (interactive_) {
    QMessageBox::critical(this, title, message);
  } else {
    std::cerr << "interp3d: error: " << message.toStdString() << "\n";
  }
}

void MainWindow::addRecent(const QString& path) {
  pushRecent(kRecentKey, path);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = QSettings().value(kRecentKey).toStringList();
  for (const QString& path : recent) {
    QMenu* entry = recentMenu_->addMenu(QFileInfo(path).fileName());
    entry->setToolTip(path);
    entry->addAction(tr("As Source"), this, [this, path] { loadMesh(Slot::Source, path); });
    entry->addAction(tr("As Target"), this, [this, path] { loadMesh(Slot::Target, path); });
  }
  recentMenu_->setEnabled(!recent.isEmpty());
  recentProjectsMenu_->clear();
  const QStringList projects = QSettings().value(kRecentProjectsKey).toStringList();
  for (const QString& path : projects) {
    QAction* a = recentProjectsMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] {
      const QString error = openProject(path);
      if (!error.isEmpty()) reportError(tr("Cannot open the project"), error);
    });
    a->setToolTip(path);
  }
  recentProjectsMenu_->setEnabled(!projects.isEmpty());
}

QImage MainWindow::renderViewports(const QSize& size) {
  QImage out(size, QImage::Format_RGB32);
  out.fill(Qt::black);
  QPainter painter(&out);
  const Viewport* views[3] = {source_, morphView_, target_};
  int x = 0;
  for (int i = 0; i < 3; ++i) {
    const int w = (i == 2) ? size.width() - x : size.width() / 3;
    painter.drawImage(x, 0,
                      const_cast<Viewport*>(views[i])->renderToImage(QSize(w, size.height()),
                                                                     devicePixelRatioF()));
    x += w;
  }
  return out;
}

QImage MainWindow::grabWindowImage() {
  // grab() leaves out what the viewports paint over their GL content, so each viewport is
  // rendered offscreen and placed over its area.
  QImage image = grab().toImage().convertToFormat(QImage::Format_RGB32);
  QPainter painter(&image);
  const qreal dpr = image.devicePixelRatio();
  for (Viewport* v : {source_, morphView_, target_}) {
    const QPoint at = v->mapTo(this, QPoint(0, 0));
    QImage view = v->renderToImage(v->size() * dpr, dpr);
    view.setDevicePixelRatio(dpr);
    painter.drawImage(at, view);
  }
  return image;
}

namespace {
// Runs the event loop until `counter` reaches `count` (a minute at most).
void waitForCount(const int& counter, int count) {
  QElapsedTimer guard;
  guard.start();
  while (counter < count && guard.elapsed() < 60000)
    QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}
}  // namespace

double MainWindow::measureOrbitFps(int frames, bool lod) {
  // Counts frames the way the user sees them: each viewport's frameSwapped after the compositor
  // has put it on screen, driven through the normal event loop.
  int swaps = 0;
  std::vector<QMetaObject::Connection> connections;
  for (Viewport* v : {source_, morphView_, target_}) {
    v->setLodEnabled(lod);
    connections.push_back(connect(v, &QOpenGLWidget::frameSwapped, this, [&swaps] { ++swaps; }));
  }
  auto waitForSwaps = [&swaps](int count) { waitForCount(swaps, count); };
  rig_->rotate(0.0f, 0.0f);  // first frame: uploads happen here, outside the timed loop
  waitForSwaps(3);
  swaps = 0;
  QElapsedTimer timer;
  timer.start();
  for (int i = 0; i < frames; ++i) {
    rig_->rotate(360.0f / frames, 0.0f);
    waitForSwaps(3 * (i + 1));
  }
  const double seconds = timer.nsecsElapsed() * 1e-9;
  for (const auto& c : connections) disconnect(c);
  return frames / seconds;
}

void MainWindow::addPanel(const QString& title, const char* name, QWidget* panel, bool scrolls) {
  auto* dock = new QDockWidget(title, this);
  dock->setObjectName(name);  // restoreState finds it by name
  if (!scrolls) {
    dock->setWidget(panel);
  } else {
    // In a scroll area: on a short screen the panel scrolls instead of adding to the window's
    // least height (the two panels made it 792 px, taller than a 768 px laptop screen).
    auto* scroll = new QScrollArea(dock);
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(panel->sizeHint().width());
    dock->setWidget(scroll);
  }
  dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  addDockWidget(Qt::RightDockWidgetArea, dock);
}

void MainWindow::buildLandmarkPanel() {
  landmarkPanel_ = new LandmarkPanel(this);
  addPanel(tr("Landmarks"), "landmarkDock", landmarkPanel_, true);
  connect(source_, &Viewport::surfaceClicked, this,
          [this](const glm::vec3& p) { placeLandmark(true, p); });
  connect(target_, &Viewport::surfaceClicked, this,
          [this](const glm::vec3& p) { placeLandmark(false, p); });
  for (const bool onSource : {true, false}) {
    Viewport* view = onSource ? source_ : target_;
    connect(view, &Viewport::pinClicked, this, [this, onSource](int pin) {
      selectedLandmark_ = (onSource ? sourcePinPair_ : targetPinPair_).at(pin);
      landmarksChanged(false);
    });
    connect(view, &Viewport::pinDragged, this, [this, onSource](int pin, const glm::vec3& point) {
      selectedLandmark_ = (onSource ? sourcePinPair_ : targetPinPair_).at(pin);
      landmarks_.move(selectedLandmark_, onSource, point);
      landmarksChanged(false);  // one undo step when the pin is dropped
    });
  }
  for (Viewport* view : {source_, target_})
    connect(view, &Viewport::pinDropped, this, [this] { recordEdit(tr("Move a Landmark")); });
  connect(landmarkPanel_, &LandmarkPanel::placingToggled, this, [this](bool on) {
    source_->setPickMode(on);
    target_->setPickMode(on);
    showMorphedTarget();
    landmarksChanged(false);
  });
  connect(landmarkPanel_, &LandmarkPanel::rowSelected, this, [this](int row) {
    selectedLandmark_ = row;
    landmarksChanged(false);
  });
  connect(landmarkPanel_, &LandmarkPanel::deleteRequested, this, [this](int row) {
    landmarks_.remove(row);
    selectedLandmark_ = std::min(row, landmarks_.size() - 1);
    landmarksChanged(true);
  });
  connect(landmarkPanel_, &LandmarkPanel::clearRequested, this, [this] {
    landmarks_.clear();
    selectedLandmark_ = -1;
    landmarksChanged(true);
  });
  connect(landmarkPanel_, &LandmarkPanel::mirrorRequested, this, [this] { mirrorLandmarks(); });
  connect(landmarkPanel_, &LandmarkPanel::suggestRequested, this, [this] {
    statusBar()->showMessage(
        tr("Suggested %n point(s) from the morph: move or delete them", "", suggestLandmarks()),
        8000);
  });
  connect(landmarkPanel_, &LandmarkPanel::importRequested, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Landmarks"), lastDirectory(),
                                                      tr("Landmarks (*.json);;All files (*)"));
    if (!path.isEmpty()) importLandmarks(path);
  });
  connect(landmarkPanel_, &LandmarkPanel::exportRequested, this,
          &MainWindow::exportLandmarksDialog);
}

void MainWindow::placeLandmark(bool onSource, const glm::vec3& point) {
  selectedLandmark_ = landmarks_.place(onSource, point);
  landmarksChanged(true);
}

void MainWindow::landmarksChanged(bool edited) {
  if (selectedLandmark_ >= landmarks_.size()) selectedLandmark_ = landmarks_.size() - 1;
  showMorphedTarget();  // pins sit on the target in its file's pose
  for (const bool onSource : {true, false}) {
    std::vector<Pin> pins;
    std::vector<int>& pairOf = onSource ? sourcePinPair_ : targetPinPair_;
    pairOf.clear();
    for (int i = 0; i < landmarks_.size(); ++i) {
      const auto& point = onSource ? landmarks_.pairs()[i].source : landmarks_.pairs()[i].target;
      if (!point) continue;
      pins.push_back({*point, i + 1, LandmarkList::colour(i), i == selectedLandmark_});
      pairOf.push_back(i);
    }
    (onSource ? source_ : target_)->setPins(std::move(pins));
  }
  landmarkPanel_->showList(landmarks_, selectedLandmark_);
  landmarkPanel_->setCanSuggest(morph_->solver() != nullptr && sourceMesh_ != nullptr);
  if (edited) recordEdit(tr("Edit Landmarks"));
  if (edited && morph_->solver() && !morph_->running())
    panel_->setProgress(1.0, tr("Landmarks changed: press Morph to apply them"));
}

void MainWindow::importLandmarks(const QString& path) {
  try {
    landmarks_.assign(loadLandmarks(path.toStdString()));
    selectedLandmark_ = -1;
    landmarksChanged(true);
    showMorphedTarget();
  } catch (const Error& e) {
    loadErrors_ << QString::fromStdString(e.what());
    reportError(tr("Cannot import landmarks"), QString::fromStdString(e.what()));
  }
}

void MainWindow::exportLandmarksDialog() {
  const QString path = rememberDirectory(QFileDialog::getSaveFileName(
      this, tr("Export Landmarks"), inLastDirectory("landmarks.json"), tr("Landmarks (*.json)")));
  if (path.isEmpty()) return;
  try {
    writeFileAtomically(path.toStdString(), landmarksJson(landmarks_.complete()));
  } catch (const Error& e) {
    reportError(tr("Cannot export landmarks"), QString::fromStdString(e.what()));
    return;
  }
  statusBar()->showMessage(tr("Wrote %1").arg(path), 8000);
}

int MainWindow::mirrorLandmarks() {
  if (!sourceMesh_ || !targetMesh_) return 0;
  std::vector<glm::vec3> taken;  // unfinished pairs' points count too
  for (const LandmarkList::Pair& other : landmarks_.pairs())
    if (other.source) taken.push_back(*other.source);
  MirrorReport report;
  // No more pairs than a landmark file may hold (Export writes what Import reads).
  const std::vector<Landmark> images = mirroredLandmarks(
      landmarks_.complete(), *sourceMesh_, sourceHeading_, *targetMesh_, targetHeading_, taken,
      &report, 0, kMaxLandmarks - std::min<std::size_t>(kMaxLandmarks, landmarks_.pairs().size()));
  for (const Landmark& l : images) landmarks_.append({l.source, l.target});
  if (!images.empty()) landmarksChanged(true);
  QString message = !report.symmetric
                        ? tr("No pair mirrored: the source or the target is not mirror-symmetric "
                             "about a vertical plane")
                        : tr("Added %n mirrored pair(s)", "", static_cast<int>(images.size()));
  if (report.taken > 0)
    message += tr("; %n on the plane or already marked", "", static_cast<int>(report.taken));
  if (report.offSurface > 0)
    message += tr("; %n where the two sides differ", "", static_cast<int>(report.offSurface));
  if (report.beyondRoom > 0)
    message += tr("; %n beyond the most pairs (%1)", "", static_cast<int>(report.beyondRoom))
                   .arg(kMaxLandmarks);
  statusBar()->showMessage(message, 8000);
  return static_cast<int>(images.size());
}

int MainWindow::suggestLandmarks() {
  const std::shared_ptr<const MorphSolver> solver = morph_->solver();
  if (!solver || !sourceMesh_) return 0;
  std::vector<int> open;
  std::vector<glm::vec3> points;
  for (int i = 0; i < landmarks_.size(); ++i)
    if (landmarks_.pairs()[i].source && !landmarks_.pairs()[i].target) {
      open.push_back(i);
      points.push_back(*landmarks_.pairs()[i].source);
    }
  if (points.empty()) points = solver->sourceTips();  // the source's feet, ears, nose, tail
  if (points.empty()) return 0;
  const std::vector<glm::vec3> targets = solver->correspondingPoints(points);
  for (std::size_t k = 0; k < points.size(); ++k) {
    if (k < open.size())
      landmarks_.move(open[k], false, targets[k]);
    else
      landmarks_.append({points[k], targets[k]});
  }
  landmarksChanged(true);
  return static_cast<int>(points.size());
}

double MainWindow::measureScrubFps(int passes) {
  const int frames = morph_->frameCount();
  if (frames < 2 || passes < 1) return 0.0;
  int swaps = 0;
  const QMetaObject::Connection counted =
      connect(morphView_, &QOpenGLWidget::frameSwapped, this, [&swaps] { ++swaps; });
  auto waitForSwaps = [&swaps](int count) { waitForCount(swaps, count); };
  showFrame(0);
  morphView_->update();
  waitForSwaps(1);
  swaps = 0;
  QElapsedTimer timer;
  timer.start();
  int steps = 0;
  for (int pass = 0; pass < passes; ++pass)
    for (int i = 1; i <= frames; ++i) {  // 1..last, then back to 0 for the next pass
      showFrame(i % frames);
      waitForSwaps(++steps);
    }
  const double seconds = timer.nsecsElapsed() * 1e-9;
  disconnect(counted);
  return steps / seconds;
}

QString MainWindow::bakeFrame(int index) {
  if (!morph_->needsBaking(index)) return QString();
  const std::shared_ptr<const MorphSolver> solver = morph_->solver();
  const double s = morph_->frames()[static_cast<std::size_t>(index)].s;
  std::shared_ptr<const TexturedMesh> baked;
  const JobResult r = waitForJob([solver, s, &baked] {
    return runJob([&] { baked = std::make_shared<const TexturedMesh>(solver->meshAt(s, true)); });
  });
  if (r.status != JobStatus::Done)
    return tr("frame %1: %2").arg(index).arg(QString::fromStdString(r.message));
  if (morph_->solver() != solver)
    return tr("the morph changed while frame %1 was baked").arg(index);
  morph_->storeTextured(index, std::move(baked));
  if (timeline_->currentFrame() == index) showFrame(index);
  return QString();
}

QString MainWindow::renderMovie(const MovieOptions& o,
                                const std::function<bool(double)>& progress) {
  const int frames = morph_->frameCount();
  if (!morph_->solver() || frames < 1) return tr("no finished morph to render");
  for (int i = 0; i < frames; ++i) {
    int found = -1;
    if (!morph_->nearestFrame(i, &found).mesh || found != i)
      return tr("frame %1 of the morph is not ready yet").arg(i);
  }
  if (o.size.width() < 16 || o.size.height() < 16 || o.size.width() > 8192 ||
      o.size.height() > 8192)
    return tr("the movie size must be 16 to 8192 pixels a side");
  if (o.fps < 1 || o.fps > 120) return tr("the frame rate must be 1 to 120 frames a second");
  const QFileInfo out(o.path);
  const QString kind = out.suffix().toLower();
  if (kind != "mp4" && kind != "gif" && kind != "png")
    return tr("%1: a movie is .mp4, .gif or .png (numbered PNG frames)").arg(o.path);
  if (!out.absoluteDir().exists())
    return tr("%1: the folder %2 does not exist").arg(o.path, out.absolutePath());
  // The frames go to a scratch folder in the temporary directory, never beside the result.
  QTemporaryDir scratch;
  if (!scratch.isValid()) return tr("%1: no temporary folder to render into").arg(o.path);
  const int shown = timeline_->currentFrame();
  CameraRig* rig = morphView_->rig();
  const OrbitCamera camera = rig->camera();
  QString error;
  for (int i = 0; i < frames && error.isEmpty(); ++i) {
    // A movie shows the frames as they are exported: with their baked textures, not the
    // previews (the background may not have baked them all yet; a frame it has not is baked
    // on a worker while the window keeps drawing).
    error = bakeFrame(i);
    if (!error.isEmpty()) {
      error = tr("%1: %2").arg(o.path, error);
      break;
    }
    showFrame(i);
    if (o.turntable)
      rig->setCamera(camera.yaw() + 360.0f * i / frames, camera.pitch(), camera.distance(),
                     camera.target());
    const QImage image =
        o.allViews ? renderViewports(o.size) : morphView_->renderToImage(o.size, 1.0, false);
    if (!image.save(scratch.filePath(QString("%1.png").arg(i, 4, 10, QChar('0'))), "PNG"))
      error = tr("%1: cannot write frame %2 into %3").arg(o.path).arg(i).arg(scratch.path());
    else if (progress && !progress(0.8 * (i + 1) / frames))
      error = tr("cancelled");
  }
  rig->setCamera(camera);
  showFrame(shown);
  if (!error.isEmpty()) return error;
  error = writeMovie(scratch.path(), frames, o.path, o.fps,
                     [&progress] { return !progress || progress(0.9); });
  if (error.isEmpty() && progress) progress(1.0);
  return error;
}

void MainWindow::renderMovieDialog() {
  if (!morph_->solver()) return;
  const QString path = rememberDirectory(QFileDialog::getSaveFileName(
      this, tr("Render Movie"), inLastDirectory("morph.mp4"),
      tr("MP4 video (*.mp4);;Animated GIF (*.gif);;Numbered PNG frames (*.png)")));
  if (path.isEmpty()) return;
  QDialog ask(this);
  ask.setWindowTitle(tr("Render Movie"));
  auto* form = new QFormLayout(&ask);
  auto* width = new QSpinBox(&ask);
  auto* height = new QSpinBox(&ask);
  width->setRange(16, 8192);
  height->setRange(16, 8192);
  QSettings remembered;  // the last movie's settings
  width->setValue(remembered.value("movie/width", 960).toInt());
  height->setValue(remembered.value("movie/height", 540).toInt());
  auto* fps = new QSpinBox(&ask);
  fps->setRange(1, 120);
  fps->setValue(remembered.value("movie/fps", 24).toInt());
  fps->setSuffix(tr(" frames a second"));
  auto* turntable = new QCheckBox(tr("Orbit once around the model (turntable)"), &ask);
  auto* all = new QCheckBox(tr("Source, morph and target side by side"), &ask);
  form->addRow(tr("Width"), width);
  form->addRow(tr("Height"), height);
  form->addRow(tr("Speed"), fps);
  form->addRow(turntable);
  form->addRow(all);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &ask);
  connect(buttons, &QDialogButtonBox::accepted, &ask, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &ask, &QDialog::reject);
  form->addRow(buttons);
  turntable->setChecked(remembered.value("movie/turntable", false).toBool());
  all->setChecked(remembered.value("movie/allViews", false).toBool());
  if (ask.exec() != QDialog::Accepted) return;
  remembered.setValue("movie/width", width->value());
  remembered.setValue("movie/height", height->value());
  remembered.setValue("movie/fps", fps->value());
  remembered.setValue("movie/turntable", turntable->isChecked());
  remembered.setValue("movie/allViews", all->isChecked());
  QProgressDialog dialog(tr("Rendering the movie..."), tr("Cancel"), 0, 1000, this);
  dialog.setWindowModality(Qt::WindowModal);
  dialog.setMinimumDuration(0);
  const MovieOptions o{path, QSize(width->value(), height->value()), fps->value(),
                       turntable->isChecked(), all->isChecked()};
  const QString error = renderMovie(o, [&dialog](double fraction) {
    dialog.setValue(static_cast<int>(fraction * 1000));
    QCoreApplication::processEvents();
    return !dialog.wasCanceled();
  });
  if (error == tr("cancelled"))
    statusBar()->showMessage(tr("Movie cancelled; nothing was written"), 8000);
  else if (!error.isEmpty())
    reportError(tr("Cannot render the movie"), error);
  else
    statusBar()->showMessage(tr("Wrote %1").arg(path), 8000);
}

void MainWindow::setCorrespondenceColours(int mode) {
  const std::shared_ptr<const MorphSolver> solver = morph_->solver();
  if (mode != 0 && (!solver || !sourceMesh_ || !targetMesh_)) {
    statusBar()->showMessage(tr("Correspondence colours need a finished morph"), 5000);
    mode = 0;
  }
  colourMode_ = mode;
  if (colourActions_[mode]) colourActions_[mode]->setChecked(true);
  // The inputs as loaded, then painted when asked for.
  source_->setMesh(sourceMesh_, sourceLod_, source_->toUnit());
  target_->setMesh(targetMesh_, targetLod_, targetToUnit_);
  target_->setFacing(targetFacing_);
  target_->setCaption(targetName_);
  morphAligned_ = false;
  if (mode == 0) {
    showMorphedTarget();
    return;
  }
  QApplication::setOverrideCursor(Qt::WaitCursor);
  const CorrespondenceColours painted =
      colourByCorrespondence(*sourceMesh_, *targetMesh_, *solver, mode == 1);
  QApplication::restoreOverrideCursor();
  source_->setMesh(painted.source, nullptr, source_->toUnit());
  target_->setMesh(painted.target, nullptr, targetToUnit_);
  // Short enough for the narrow viewports of the default window.
  target_->setCaption(mode == 1 ? tr("%1: colours from source").arg(targetName_)
                                : tr("%1: colours from target").arg(targetName_));
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!maySaveChanges()) {
    event->ignore();
    return;
  }
  if (interactive_) {
    removeAutosave();  // a clean exit: nothing to recover
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
  }
  if (pendingLoads_ > 0) {
    // Loader threads own no widgets: they are stopped, and their results dropped.
    for (int i = 0; i < 2; ++i) {
      loadGeneration_[i]++;
      if (loadCancel_[i]) loadCancel_[i]->store(true);
    }
  }
  event->accept();
}

}  // namespace interp3d
