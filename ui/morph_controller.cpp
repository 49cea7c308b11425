#include "ui/morph_controller.h"

#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>

namespace interp3d {

MorphController::MorphController(QObject* parent) : QObject(parent) {}

MorphController::~MorphController() {
  cancel();
  future_.waitForFinished();
}

std::vector<int> MorphController::coarseToFineOrder(int frames) {
  std::vector<int> order;
  if (frames <= 0) return order;
  order.push_back(0);
  if (frames > 1) order.push_back(frames - 1);
  std::vector<std::pair<int, int>> gaps{{0, frames - 1}};
  while (!gaps.empty()) {
    std::vector<std::pair<int, int>> next;
    for (auto [a, b] : gaps) {
      if (b - a < 2) continue;
      const int mid = (a + b) / 2;
      order.push_back(mid);
      next.emplace_back(a, mid);
      next.emplace_back(mid, b);
    }
    gaps.swap(next);
  }
  return order;
}

void MorphController::cancel() {
  if (cancelFlag_) cancelFlag_->store(true);
}

void MorphController::reset() {
  cancel();
  ++job_;  // results of the old job are dropped when they arrive
  running_ = false;
  finished_ = false;
  solver_.reset();
  frames_.clear();
  cache_.clear();
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

void MorphController::deliverFrame(unsigned job, int index, CachedFrame frame) {
  if (job != job_ || index < 0 || index >= static_cast<int>(cache_.size())) return;
  cache_[index] = std::move(frame);
  emit frameReady(index);
}

void MorphController::start(std::shared_ptr<const TexturedMesh> source,
                            std::shared_ptr<const TexturedMesh> target,
                            const MorphOptions& options) {
  cancel();
  future_.waitForFinished();
  const unsigned job = ++job_;
  cancelFlag_ = std::make_shared<std::atomic<bool>>(false);
  running_ = true;
  finished_ = false;
  solver_.reset();
  frames_.clear();
  cache_.assign(static_cast<std::size_t>(options.frames), CachedFrame{});
  emit framesPlanned(options.frames);

  // Everything the worker touches is captured by value; results come back as queued calls.
  const Progress progress(
      [this, job](double fraction, const std::string& stage) {
        QMetaObject::invokeMethod(
            this,
            [this, job, fraction, stage] {
              if (job == job_) emit this->progress(fraction, QString::fromStdString(stage));
            },
            Qt::QueuedConnection);
      },
      cancelFlag_);
  future_ = QtConcurrent::run([this, job, source, target, options, progress] {
    QString error;
    std::shared_ptr<MorphSolver> solver;
    std::vector<MorphFrame> frames;
    try {
      MorphOptions o = options;
      if (o.priorParts.any() && !o.prior) {  // the shipped weights, loaded off the GUI thread
        progress.report(0.0, "loading the learned prior");
        o.prior = resolvePrior("on", o.threads);
      }
      solver = std::make_shared<MorphSolver>(*source, *target, o, progress.sub(0.0, 0.5));
      frames = solver->frames(progress.sub(0.5, 0.6));
      QMetaObject::invokeMethod(
          this,
          [this, job, solver, frames] {
            if (job != job_) return;
            solver_ = solver;
            frames_ = frames;
          },
          Qt::QueuedConnection);
      const std::vector<int> order = coarseToFineOrder(static_cast<int>(frames.size()));
      for (std::size_t k = 0; k < order.size(); ++k) {
        progress.check();
        progress.sub(0.6, 1.0).report(static_cast<double>(k) / order.size(),
                                      "frame " + std::to_string(order[k]));
        const double s = frames[order[k]].s;
        CachedFrame frame{std::make_shared<const TexturedMesh>(solver->meshAt(s, false)),
                          solver->unitTransformAt(s)};
        QMetaObject::invokeMethod(
            this, [this, job, index = order[k], frame] { deliverFrame(job, index, frame); },
            Qt::QueuedConnection);
      }
    } catch (const Cancelled&) {
      error = "cancelled";
    } catch (const std::exception& e) {
      error = QString::fromStdString(e.what());
    }
    QMetaObject::invokeMethod(
        this,
        [this, job, error] {
          if (job != job_) return;
          running_ = false;
          finished_ = error.isEmpty();
          emit this->progress(1.0, error.isEmpty() ? QStringLiteral("done") : error);
          emit finished(error.isEmpty(), error);
        },
        Qt::QueuedConnection);
  });
}

}  // namespace interp3d
