// The main window: source | morph | target viewports sharing one camera, the timeline strip,
// File menu with recent files, drag and drop, status bar with mesh statistics.
#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include <QLockFile>
#include <QMainWindow>
#include <QSize>
#include <QStringList>

#include "jobs/option_table.h"
#include "ui/landmark_list.h"
#include "ui/mesh_load_job.h"
#include "ui/project_file.h"

class QAction;
class QLabel;

class QMenu;
class QUndoStack;

namespace interp3d {

class CameraRig;
class LandmarkPanel;
class MorphController;
class MorphPanel;
class Timeline;
class Viewport;

enum class Slot { Source, Target };

// A movie of the finished morph: every frame of the morph view (or of all three views), written
// as MP4 or GIF (by ffmpeg) or as numbered PNGs (PATH.png: PATH_0000.png, ...).
struct MovieOptions {
  QString path;
  QSize size{960, 540};
  int fps = 24;
  bool turntable = false;  // the camera orbits once around the model over the movie
  bool allViews = false;   // source | morph | target side by side
};

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  // `interactive` false: errors go to stderr instead of dialogs and recent files are untouched
  // (headless screenshots and benchmarks).
  explicit MainWindow(bool interactive = true, QWidget* parent = nullptr);

  // Starts loading in the background; loadsFinished() is emitted when none is pending.
  void loadMesh(Slot slot, const QString& path);
  bool loadsPending() const { return pendingLoads_ > 0; }
  // The background is still baking the finished morph's frame textures.
  bool texturesPending() const;
  // Frame `index` of the finished morph with its baked texture in the cache: baked on a worker
  // (the window keeps drawing) unless the background already has. Empty string or the error.
  QString bakeFrame(int index);
  bool shownFrameHasTexture() const { return shownFrame_ && shownFrame_->hasTexture(); }
  bool inputsHaveTexture() const {
    return (sourceMesh_ && sourceMesh_->hasTexture()) || (targetMesh_ && targetMesh_->hasTexture());
  }
  int texturedFrames() const;
  // Errors of loads since the window opened (headless callers turn them into an exit code).
  const QStringList& loadErrors() const { return loadErrors_; }

  // The three viewports side by side, rendered offscreen into one image of `size`.
  QImage renderViewports(const QSize& size);
  // The whole window (menus, viewports, timeline, status bar) as the user sees it.
  QImage grabWindowImage();
  // Orbits the shared camera through 360 degrees in `frames` steps, rendering all three
  // viewports each step; returns frames per second.
  double measureOrbitFps(int frames, bool lod);
  // Steps the timeline through every frame of the finished morph `passes` times, as scrubbing
  // does, each step shown on screen; returns frames per second.
  double measureScrubFps(int passes);
  void setWireframe(bool on);

  // Starts a morph of the loaded meshes with the panel's settings; false without both meshes.
  bool startMorph();
  // Settings for the panel and for what the panel does not show (seed, threads, prior parts).
  void setMorphSettings(const MorphSettings& settings);
  bool morphRunning() const;
  // Goes to frame `index` of the morph on the timeline and shows it (the nearest cached frame
  // until it is ready).
  void showFrame(int index);
  // The landmark pairs placed, loaded or suggested (each point in its own mesh's units).
  const LandmarkList& landmarks() const { return landmarks_; }
  // A click on the source (`onSource`) or target surface at `point` while placing landmarks.
  void placeLandmark(bool onSource, const glm::vec3& point);
  // Adds each complete pair's mirror image across the meshes' symmetry planes (mirroredLandmarks)
  // and says in the status bar what it did and left out; the pairs added.
  int mirrorLandmarks();
  // Fills in targets (or suggests pairs at the source's extremities) from the finished morph.
  int suggestLandmarks();

  // Projects (project_file.h): what is loaded and set up now; save (atomic) and open. Both
  // return an empty string or the error.
  Project currentProject() const;
  QString saveProjectAs(const QString& path);
  QString openProject(const QString& path);
  const QString& projectPath() const { return projectPath_; }
  // Writes the unsaved project to the autosave file (recovered after a crash); its path.
  QString autosave();
  QString autosavePath() const;
  // Interactive start without files: offers to recover an autosaved project left by a crash.
  void offerRecovery();

  // Undo and redo of every edit: loads, options, landmarks and the view, each a step.
  QUndoStack* undoStack() const { return undo_; }
  // Makes the window show `state` (what an undo or redo step goes back or forward to).
  void applyState(const Project& state);

  // Renders the movie; `progress` (fraction done) returns false to cancel. Empty or the error;
  // the file appears whole or not at all.
  QString renderMovie(const MovieOptions& options,
                      const std::function<bool(double)>& progress = nullptr);

  // Seeing the correspondence of the finished morph: 0 the meshes as they are, 1 the source's
  // colour cube carried onto the target, 2 the target's carried back onto the source.
  void setCorrespondenceColours(int mode);
  int correspondenceColours() const { return colourMode_; }

  // Comparing in the morph view: 0 side by side only, 1 the source overlaid, 2 the target
  // overlaid, 3 a wipe from the source, 4 a wipe from the target, 5 a wipe between source and
  // target (the morph hidden); onion skin shows the
  // neighbouring frames as ghosts.
  void setCompareMode(int mode);
  void setOverlayOpacity(float opacity);
  void setOnionSkin(bool on);

  // Linked: one camera for the three views (the default); unlinked: each view its own, starting
  // from where the shared one was.
  void setCamerasLinked(bool linked);
  bool camerasLinked() const;

  // Every key and mouse control, as Help > Controls lists them.
  static QString controlsText();
  // Writes frame `index` with a baked texture to `path` (atomic) on a worker while the GUI keeps
  // running; empty string or the error.
  QString exportFrame(int index, const QString& path);

 signals:
  void loadsFinished();
  void morphFinished(bool ok, const QString& message);
  // Every frame of the finished morph has its baked texture, or the baking stopped.
  void texturesFinished();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void openDialog(Slot slot);
  void applyLoaded(Slot slot, const ViewMesh& view);
  void addRecent(const QString& path);
  void rebuildRecentMenu();
  void reportError(const QString& title, const QString& message);
  void updateMorphState();
  void exportFrameDialog();
  void exportSequenceDialog();
  void renderMovieDialog();
  void restoreLayout();
  void removeAutosave();
  // `quiet`: the load of a project or an undo step, not an edit of its own.
  void loadInput(Slot slot, const QString& path, bool quiet);
  // Empties a slot: no mesh, no path, no morph.
  void clearSlot(Slot slot);
  // The facing of the morph view for the cached frame `found` of the morph.
  float frameFacing(int found, float turn) const;
  void updateCompare();
  void markModified();
  // After an edit: a step for undo when what the project holds changed (the timeline position
  // is not an edit), and the window is modified.
  void recordEdit(const QString& what);
  Project undoState() const;
  void updateTitle();
  void saveProjectDialog(bool askForPath);
  void addRecentProject(const QString& path);
  // Whether closing may go on: unsaved changes saved, discarded or the close cancelled.
  bool maySaveChanges();
  void buildLandmarkPanel();
  // A dock on the right holding `panel`.
  // A side panel in a dock; `scrolls`: in a scroll area, so that it sets no least height.
  void addPanel(const QString& title, const char* name, QWidget* panel, bool scrolls);
  // Shows the pairs in the list and as pins in both views after any change.
  void landmarksChanged(bool edited);
  void importLandmarks(const QString& path);
  void exportLandmarksDialog();
  // The target view: the target as the finished morph aligned it, or as loaded.
  void showMorphedTarget();

  bool interactive_;
  CameraRig* rig_;
  Viewport* source_;
  Viewport* morphView_;
  Viewport* target_;
  Timeline* timeline_;
  QLabel* sourceStatus_;
  QLabel* targetStatus_;
  MorphController* morph_;
  MorphPanel* panel_;
  std::shared_ptr<const TexturedMesh> sourceMesh_, targetMesh_, sourceLod_;
  std::shared_ptr<const TexturedMesh> shownFrame_;
  MorphSettings settings_;     // what the panel does not show comes from here
  bool morphAligned_ = false;  // the target view shows the target as a morph aligned it
  QString targetName_;
  QString sourcePath_, targetPath_;  // the loaded files, for manifests
  std::shared_ptr<const TexturedMesh> targetLod_;
  Similarity targetToUnit_;  // the morph frame in the morph view
  float targetFacing_ = 0.0f;
  Heading sourceHeading_, targetHeading_;
  LandmarkList landmarks_;
  LandmarkPanel* landmarkPanel_ = nullptr;
  int selectedLandmark_ = -1;
  std::vector<int> sourcePinPair_, targetPinPair_;  // the pair of each pin shown
  int frameBeforeRun_ = 0;  // the frame shown of the finished morph when a new one started
  QString projectPath_;
  QString projectInput_[2];  // the inputs the open project names (absolute)
  int pendingFrame_ = -1;    // a project's timeline position, shown when its morph finishes
  QMenu* recentProjectsMenu_ = nullptr;
  QUndoStack* undo_ = nullptr;
  std::unique_ptr<QLockFile> autosaveLock_;
  Project lastState_;  // the state the last undo step left
  bool applyingState_ = false;
  bool loadQuiet_[2] = {false, false};  // whether each slot's newest load is a quiet one
  int colourMode_ = 0;
  CameraRig* ownRigs_[3] = {nullptr, nullptr, nullptr};  // each view's, when unlinked
  int compareMode_ = 0;
  float overlayOpacity_ = 0.4f;
  bool onionSkin_ = false;
  QString onionShown_;  // the onion skin's ghosts as drawn ("2 orange, 4 blue": frames)
  QAction* compareActions_[6] = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
  // The Morph menu's Morph, Cancel, Export Frame, Export Sequence and Render Movie, enabled as the
  // morph's state allows (updateMorphState): their shortcuts work exactly when the items do.
  QAction* morphActions_[5] = {nullptr, nullptr, nullptr, nullptr, nullptr};
  std::shared_ptr<const TexturedMesh> alignedTarget_;  // of the finished morph, for showing
  QAction* colourActions_[3] = {nullptr, nullptr, nullptr};
  QString statusBeforeLoad_[2];  // what the status bar said before a load, for a failed one
  QMenu* recentMenu_ = nullptr;
  int pendingLoads_ = 0;
  unsigned loadGeneration_[2] = {0, 0};
  std::shared_ptr<std::atomic<bool>> loadCancel_[2];  // the running load of each slot
  QStringList loadErrors_;
};

}  // namespace interp3d
