#include "ui/morph_controller.h"

#include <algorithm>
#include <cstdlib>

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace interp3d {

MorphController::MorphController(QObject* parent) : QObject(parent) {}

MorphController::~MorphController() {
  cancel();
  ++job_;
  for (QFuture<void>& f : futures_) f.waitForFinished();
}

void MorphController::cancel() {
  if (cancelFlag_) cancelFlag_->store(true);
}

void MorphController::reset() {
  cancel();
  ++job_;  // results of the old job are dropped when they arrive
  state_ = State::Idle;
  texturing_ = false;
  overBudget_ = false;
  solver_.reset();
  frames_.clear();
  cache_.clear();
  kept_ = Run{};
}

MorphController::CachedFrame MorphController::nearestFrame(int index, int* found) const {
  for (int d = 0; d < static_cast<int>(cache_.size()); ++d) {
    for (int i : {index - d, index + d}) {
      if (i >= 0 && i < static_cast<int>(cache_.size()) && cache_[i].mesh) {
        if (found) *found = i;
        return cache_[i];
      }
    }
  }
  return {};
}

namespace {
// A function that runs `fn(controller)` on the controller's thread later, if it still exists: how
// workers, which capture copies and never `this`, post their results back.
auto poster(const QPointer<MorphController>& self) {
  return [self](auto fn) {
    QMetaObject::invokeMethod(
        self.data(),
        [self, fn] {
          if (self) fn(*self);
        },
        Qt::QueuedConnection);
  };
}

std::size_t frameBytes(const TexturedMesh& mesh) {
  std::size_t bytes = mesh.positions.size() * 2 * sizeof(glm::vec3) +
                      mesh.triangles.size() * sizeof(glm::uvec3) +
                      mesh.cornerUVs.size() * sizeof(glm::vec2);
  for (const Material& m : mesh.materials) bytes += m.baseColorTexture.rgba.size();
  return bytes;
}
}  // namespace

void MorphController::deliverFrame(unsigned job, int index, const CachedFrame& frame) {
  if (job != job_ || index < 0 || index >= static_cast<int>(cache_.size())) return;
  CachedFrame& cached = cache_[static_cast<std::size_t>(index)];
  if (cached.textured) return;  // baked already, on demand (for a movie)
  if (frame.textured && texturedBytes() + frameBytes(*frame.mesh) > textureBudget_) {
    overBudget_ = true;  // it stays a preview: exports and movies bake their own
    return;
  }
  std::shared_ptr<const TexturedMesh> preview = cached.mesh;
  cached = frame;
  if (frame.textured) cached.preview = std::move(preview);
  emit frameReady(index);
  if (frame.textured && state_ == State::Finished)
    emit texturesProgress(texturedCount(), frameCount());
}

int MorphController::texturedCount() const {
  return static_cast<int>(
      std::count_if(cache_.begin(), cache_.end(), [](const CachedFrame& f) { return f.textured; }));
}

std::size_t MorphController::texturedBytes() const {
  std::size_t bytes = 0;
  for (const CachedFrame& f : cache_)
    if (f.textured && f.mesh) bytes += frameBytes(*f.mesh);
  return bytes;
}

bool MorphController::needsBaking(int index) const {
  return state_ == State::Finished && solver_ && index >= 0 && index < frameCount() &&
         !cache_[static_cast<std::size_t>(index)].textured;
}

MorphController::CachedFrame MorphController::storeTextured(
    int index, std::shared_ptr<const TexturedMesh> mesh) {
  if (!needsBaking(index) || !mesh)
    return index >= 0 && index < frameCount() ? cache_[index] : CachedFrame{};
  CachedFrame& cached = cache_[static_cast<std::size_t>(index)];
  const double s = frames_[static_cast<std::size_t>(index)].s;
  std::shared_ptr<const TexturedMesh> preview = cached.mesh;
  cached = {std::move(mesh), solver_->unitTransformAt(s), solver_->turnAt(s), true,
            std::move(preview)};
  // Within the budget: baked frames go back to their previews, those behind this one first,
  // farthest first (a movie renders in order), then those ahead, farthest first.
  for (std::size_t bytes = texturedBytes(); bytes > textureBudget_;) {
    int evict = -1;
    auto rank = [index](int i) { return i < index ? 2 * (index - i) + 1 : 2 * (i - index); };
    for (int i = 0; i < frameCount(); ++i) {
      const CachedFrame& f = cache_[static_cast<std::size_t>(i)];
      if (i != index && f.textured && f.preview && (evict < 0 || rank(i) > rank(evict))) evict = i;
    }
    if (evict < 0) break;
    CachedFrame& f = cache_[static_cast<std::size_t>(evict)];
    bytes -= frameBytes(*f.mesh);
    f.mesh = std::move(f.preview);
    f.textured = false;
    overBudget_ = true;
  }
  emit texturesProgress(texturedCount(), frameCount());
  return cache_[static_cast<std::size_t>(index)];
}

MorphController::CachedFrame MorphController::texturedFrame(int index, const Progress& progress) {
  if (!needsBaking(index))
    return index >= 0 && index < frameCount() && state_ == State::Finished
               ? cache_[static_cast<std::size_t>(index)]
               : CachedFrame{};
  const double s = frames_[static_cast<std::size_t>(index)].s;
  return storeTextured(index,
                       std::make_shared<const TexturedMesh>(solver_->meshAt(s, true, progress)));
}

void MorphController::start(std::shared_ptr<const TexturedMesh> source,
                            std::shared_ptr<const TexturedMesh> target,
                            const MorphSettings& settings) {
  cancel();  // the old worker stops at its next check; its results carry the old job number
  const unsigned job = ++job_;
  cancelFlag_ = std::make_shared<std::atomic<bool>>(false);
  if (state_ == State::Finished) kept_ = Run{solver_, frames_, cache_};
  state_ = State::Running;
  texturing_ = false;
  overBudget_ = false;
  solver_.reset();
  frames_.clear();
  cache_.assign(static_cast<std::size_t>(settings.morph.frames), CachedFrame{});
  // Finished workers' futures are dropped; running ones are kept for the destructor.
  futures_.erase(std::remove_if(futures_.begin(), futures_.end(),
                                [](const QFuture<void>& f) { return f.isFinished(); }),
                 futures_.end());
  emit framesPlanned(settings.morph.frames);

  // The worker captures copies and a guarded pointer for posting back; it never touches `this`.
  auto post = poster(QPointer<MorphController>(this));
  const Progress progress(
      [post, job](double fraction, const std::string& stage) {
        post([job, fraction, stage = QString::fromStdString(stage)](MorphController& c) {
          if (job == c.job_) emit c.progress(fraction, stage);
        });
      },
      cancelFlag_);
  auto workers = workers_;
  ++*workers;
  futures_.push_back(QtConcurrent::run([post, job, source, target, settings, progress, workers] {
    std::shared_ptr<const MorphSolver> solver;
    const JobResult result = runJob([&] {
      progress.report(0.0, "preparing");
      const MorphOptions options = resolveMorphOptions(settings);
      solver = solveMorph(*source, *target, options, progress.sub(0.0, 0.6));
      post([job, solver](MorphController& c) {
        if (job != c.job_) return;
        c.solver_ = solver;
        c.frames_ = solver->frames();
      });
      previewFrames(
          *solver,
          [&](int index, TexturedMesh mesh) {
            const double s = solver->frames()[index].s;
            const CachedFrame frame{std::make_shared<const TexturedMesh>(std::move(mesh)),
                                    solver->unitTransformAt(s), solver->turnAt(s), false, nullptr};
            post([job, index, frame](MorphController& c) { c.deliverFrame(job, index, frame); });
          },
          progress.sub(0.6, 1.0));
    });
    post([job, result](MorphController& c) {
      if (job != c.job_) return;
      c.state_ = result.status == JobStatus::Done        ? State::Finished
                 : result.status == JobStatus::Cancelled ? State::Cancelled
                                                         : State::Failed;
      if (c.state_ != State::Finished && c.kept_.solver) {  // the last finished morph comes back
        c.solver_ = std::move(c.kept_.solver);
        c.frames_ = std::move(c.kept_.frames);
        c.cache_ = std::move(c.kept_.cache);
        c.state_ = State::Finished;
      } else if (c.state_ != State::Finished) {  // nothing of an unfinished run is kept
        c.solver_.reset();
        c.frames_.clear();
        c.cache_.clear();
      }
      c.kept_ = Run{};
      if (c.state_ == State::Finished)
        c.startBaking();  // this morph's frames, or the restored one's not baked yet
      const QString message = QString::fromStdString(result.message);
      emit c.progress(1.0, result.status == JobStatus::Done        ? QStringLiteral("done")
                           : result.status == JobStatus::Cancelled ? QStringLiteral("cancelled")
                                                                   : message);
      emit c.finished(result.status, message);
    });
    --*workers;
  }));
}

void MorphController::startBaking() {
  texturing_ = false;
  std::vector<int> todo;  // coarse to fine, those not baked yet
  for (int index : coarseToFineOrder(frameCount()))
    if (!cache_[static_cast<std::size_t>(index)].textured) todo.push_back(index);
  if (todo.empty() || !solver_) return;
  texturing_ = true;
  // A restored morph's job was cancelled: its baking gets a flag of its own.
  if (!cancelFlag_ || cancelFlag_->load()) cancelFlag_ = std::make_shared<std::atomic<bool>>(false);
  const Progress quiet(nullptr, cancelFlag_);
  auto post = poster(QPointer<MorphController>(this));
  auto workers = workers_;
  ++*workers;
  const unsigned job = job_;
  const std::size_t used = texturedBytes(), budget = textureBudget_;
  futures_.push_back(
      QtConcurrent::run([post, job, solver = solver_, todo, quiet, used, budget, workers] {
        // Every frame again with its baked texture, replacing the previews. Only a new job, a reset
        // or a cancel stops it.
        bool overBudget = false;
        const JobResult baking = runJob([&] {
          const std::vector<MorphFrame>& frames = solver->frames();
          std::size_t baked = used, largest = 0;
          for (int index : todo) {
            quiet.check();
            if (baked + largest > budget) {  // the rest stay previews until exported or rendered
              overBudget = true;
              return;
            }
            const double s = frames[static_cast<std::size_t>(index)].s;
            const CachedFrame frame{
                std::make_shared<const TexturedMesh>(solver->meshAt(s, true, quiet)),
                solver->unitTransformAt(s), solver->turnAt(s), true, nullptr};
            const std::size_t bytes = frameBytes(*frame.mesh);
            baked += bytes;
            largest = std::max(largest, bytes);
            post([job, index, frame](MorphController& c) { c.deliverFrame(job, index, frame); });
          }
        });
        post([job, overBudget, baking](MorphController& c) {
          if (job != c.job_ || !c.texturing_) return;
          c.texturing_ = false;
          c.overBudget_ = c.overBudget_ || overBudget;
          emit c.texturesFinished(baking.status, QString::fromStdString(baking.message));
        });
        --*workers;
      }));
}

}  // namespace interp3d
