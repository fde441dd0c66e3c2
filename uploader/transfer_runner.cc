#include "uploader/transfer_runner.h"

#include <atomic>
#include <chrono>
#include <deque>

#include "common/error.h"
#include "common/time_format.h"
#include "tokens/lifetime.h"
#include "tokens/tempurl.h"
#include "uploader/body_encoder.h"
#include "uploader/body_stream.h"
#include "uploader/retry_policy.h"
#include "uploader/storage_urls.h"
#include "uploader/swift_client.h"
#include "uploader/token_refresh.h"
#include "uploader/transfer_decision.h"
#include "uploader/worker_pool.h"

namespace logstow::uploader {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Per transfer: bytes buffered between the producer and libcurl. Small files fit whole (and are
// sent with Content-Length and an ETag header); bigger ones stream, chunked.
constexpr size_t kStreamCapacity = 256 * 1024;

struct Body {
  std::shared_ptr<BodyStream> stream;
  std::shared_ptr<BodyEncoder> encoder;
};

enum class JobState { kQueued, kPreparing, kSending, kWaiting, kDone };

struct JobRun {
  TransferJob* job;
  JobState state = JobState::kQueued;
  Body body;
  int attempts = 0;
  int token_generation = 0;  // which token signed its last request
  size_t proxy = 0;          // StorageUrls index its last request went to
  // Connect failures in a row: moving on at once stops after one round of the proxies.
  size_t connect_failures = 0;
  Clock::time_point first_start{};
  Clock::time_point retry_at{};
};

std::string FirstLine(const std::string& text) {
  std::string line = text.substr(0, text.find_first_of("\r\n"));
  return line.size() > 200 ? line.substr(0, 200) + "..." : line;
}

}  // namespace

struct TransferRunner::Impl {
  const UploadOptions& options;
  UploadReport& report;
  RetryPolicy retry;
  SwiftClient client;
  std::atomic<int64_t> compress_ns{0};
  UploadProgress progress;
  Clock::time_point last_progress{};
  long stop_status = 0;                 // 401 or 404 when the run was stopped
  std::optional<int64_t> refused_date;  // Swift's Date on the 401 that stopped the run
  tokens::Token token;                  // options.token, or the latest from options.refresh_token
  int token_generation = 0;             // bumped with each new token
  std::string refresh_error;            // why the last refresh failed
  std::string last_token_text;
  // Every token of the run and its text, once one was refreshed; `redact` is built from them.
  std::vector<std::pair<tokens::Token, std::string>> redact_tokens{
      {options.token, options.token_text}};
  std::shared_ptr<const RedactionPatterns> redact;
  StorageUrls proxies;  // the token's storage URL, then the fallbacks
  static constexpr int kMaxRefreshes = 20;
  WorkerPool pool;  // last: joined first, while everything its jobs touch still exists

  Impl(const UploadOptions& o, UploadReport& r)
      : options(o),
        report(r),
        retry(o.retry),
        client({.max_connections = o.parallel,
                .connect_timeout = o.connect_timeout,
                .stall_timeout = o.stall_timeout}),
        token(o.token),
        proxies(o.token.scope, o.fallback_storage_urls),
        pool(o.compress_threads > 0 ? o.compress_threads
                                    : std::max(1u, std::thread::hardware_concurrency())) {}

  // Runs the producer on the pool unless it is already scheduled; re-checks afterwards so a
  // drain that happened while it ran is not missed.
  void SchedulePump(const Body& body) {
    if (body.stream->pump_pending.exchange(true)) return;
    pool.Submit([this, body] {
      double cpu = body.encoder->Pump(*body.stream);
      compress_ns += static_cast<int64_t>(cpu * 1e9);
      body.stream->pump_pending = false;
      if (body.stream->wants_more()) SchedulePump(body);
    });
  }

  void Prepare(JobRun& run) {
    const TransferJob& job = *run.job;
    Body body;
    body.encoder =
        job.bytes ? std::make_shared<BodyEncoder>(job.bytes, job.gzip_level)
        : job.root_fd >= 0
            ? std::make_shared<BodyEncoder>(job.root_fd, job.source, job.gzip_level)
            : std::make_shared<BodyEncoder>(std::filesystem::path(job.source), job.gzip_level);
    // A new token from the token command is redacted too, from the next body on; not in
    // segments (they must all cut the same stream) nor rescanned .gz files (their size was
    // measured with the plan's patterns and is already in their metadata).
    const bool plan_patterns = job.window || job.inflate_first;
    if (job.redact) body.encoder->RedactWith(redact && !plan_patterns ? redact : job.redact);
    if (job.redact_patterns) body.encoder->RedactPatternsWith(job.redact_patterns);
    if (job.inflate_first) body.encoder->InflateFirst();
    if (job.window) body.encoder->SetWindow(job.window->skip, job.window->take);
    if (!job.bytes) body.encoder->ExpectSize(job.file_size_bytes);
    // The stream asks for more from libcurl's read callback; it reaches itself and its encoder
    // through weak pointers, so neither keeps the other alive.
    auto self = std::make_shared<std::weak_ptr<BodyStream>>();
    std::weak_ptr<BodyEncoder> weak_encoder = body.encoder;
    body.stream = std::make_shared<BodyStream>(
        kStreamCapacity,
        [this, self, weak_encoder] {
          auto stream = self->lock();
          auto encoder = weak_encoder.lock();
          if (stream && encoder) SchedulePump({stream, encoder});
        },
        [this] { client.Wakeup(); });
    *self = body.stream;
    run.body = body;
    run.state = JobState::kPreparing;
    if (run.attempts == 0) run.first_start = Clock::now();
    SchedulePump(body);
  }

  // Takes a new token from options.refresh_token. False (refresh_error says why) when there is
  // no command, it failed, or it handed back a token for another scope.
  bool RefreshToken() {
    if (!options.refresh_token || report.token_refreshes >= kMaxRefreshes) return false;
    const std::string old_expiry = FormatUnixTimeUtc(token.scope.expires_unix_s);
    try {
      std::string text = options.refresh_token();
      tokens::Token next = AcceptRefreshedToken(token, text);
      token = std::move(next);
      last_token_text = std::move(text);
    } catch (const Error& e) {
      refresh_error = e.what();
      return false;
    }
    ++token_generation;
    ++report.token_refreshes;
    if (options.redact_token) {
      // The new token may be printed in the logs still to be sent.
      redact_tokens.emplace_back(token, last_token_text);
      redact = PatternsForTokens(redact_tokens);
    }
    report.warnings.push_back("the token expired at " + old_expiry +
                              "; continued with a new one from the token command, valid until " +
                              FormatUnixTimeUtc(token.scope.expires_unix_s));
    return true;
  }

  void Start(JobRun& run) {
    if (options.refresh_token && NowUnixSeconds() >= token.scope.expires_unix_s) RefreshToken();
    run.token_generation = token_generation;
    run.proxy = proxies.current();
    ++run.attempts;
    ++report.requests;
    run.state = JobState::kSending;
    client.Start(
        {.id = reinterpret_cast<uint64_t>(&run),
         .url = proxies.Rebase(tokens::SignedObjectUrl(token, tokens::Method::kPut, run.job->name)),
         .headers = run.job->headers,
         .body = run.body.stream});
  }

  ObjectResult& ResultOf(const JobRun& run) { return report.objects[run.job->report_index]; }

  void Land(JobRun& run, const PutResult& r) {
    ObjectResult& result = ResultOf(run);
    result.status = ObjectStatus::kLanded;
    result.stored_bytes = run.body.stream->total_bytes();
    result.etag = r.etag;
    result.redactions = run.body.encoder->redactions();
    result.pattern_redactions = run.body.encoder->pattern_redactions();
    result.error.clear();
    // A log still being written (Zuul's job-output.txt during post-run) is kept as listed.
    // A segment's file says so once, when its segments are settled (upload.cc).
    result.grew = run.body.encoder->grew();
    if (result.grew && !run.job->window) {
      report.warnings.push_back(result.name + " grew while it was uploaded: stored its first " +
                                std::to_string(run.job->file_size_bytes) +
                                " bytes, as large as it was when the folder was read");
    }
    Done(run);
  }

  void Fail(JobRun& run, std::string error) {
    ResultOf(run).status = ObjectStatus::kFailed;
    ResultOf(run).error = std::move(error);
    ++progress.failed;
    Done(run);
  }

  void Done(JobRun& run) {
    run.state = JobState::kDone;
    ResultOf(run).attempts = run.attempts;
    run.body.stream->Cancel();
    run.body = {};
    ++progress.files_done;
    progress.bytes_done += run.job->size_bytes;
  }

  // Returns false when the whole run must stop (the token is refused).
  bool Handle(JobRun& run, const PutResult& r) {
    ObjectResult& result = ResultOf(run);
    result.http_status = r.http_status;
    progress.bytes_sent += r.bytes_sent;
    report.sent_bytes += r.bytes_sent;  // failed attempts cost bytes too
    AttemptFacts facts{.http_status = r.http_status,
                       .transport_error = r.error,
                       .etag = r.etag,
                       .md5_sent = run.body.stream->md5_hex(),
                       .response_first_line = FirstLine(r.body),
                       .retry_after = r.retry_after,
                       .body_error = run.body.stream->error(),
                       .size_bytes = run.job->size_bytes,
                       .can_refresh = options.refresh_token != nullptr,
                       .signed_with_replaced_token = run.token_generation < token_generation};
    if (!run.job->bytes && !run.job->window &&
        run.body.encoder->bytes_read() != run.job->file_size_bytes) {
      facts.changed_size_read = run.body.encoder->bytes_read();
    }
    if (r.http_status == 401) {
      facts.expired_by_swift_clock =
          tokens::ExplainRefusal(token.scope, NowUnixSeconds(), r.date_unix_s).kind !=
          tokens::Refusal::kSignature;
    }
    TransferDecision decision = DecideTransfer(facts);
    if (decision.action == TransferAction::kRefreshToken) {
      decision.action = RefreshToken() ? TransferAction::kSendAgainNow : TransferAction::kStop;
    }
    switch (decision.action) {
      case TransferAction::kLand:
        Land(run, r);
        return true;
      case TransferAction::kFail:
        Fail(run, decision.error);
        return true;
      case TransferAction::kStop:
        // The token is refused, or the container does not exist: every other PUT would fail too.
        Fail(run, decision.error);
        stop_status = r.http_status;
        if (r.http_status == 401) refused_date = r.date_unix_s;
        return false;
      case TransferAction::kSendAgainNow:  // not a retry of a transient failure
        WaitUntil(run, Clock::now());
        return true;
      case TransferAction::kRefreshToken:
      case TransferAction::kRetryLater:
        break;
    }
    auto elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - run.first_start);
    run.connect_failures = r.connect_failed ? run.connect_failures + 1 : 0;
    if (r.connect_failed) {
      std::string warning = proxies.MoveOnWithWarning(run.proxy, r.error);
      if (!warning.empty()) report.warnings.push_back(std::move(warning));
    }
    // Nothing reached that proxy: another one takes the request at once (no backoff), until
    // each proxy has failed this request in a row.
    std::optional<milliseconds> delay;
    if (r.connect_failed && proxies.SendAgainNow(run.proxy, run.connect_failures) &&
        (retry.limits().max_attempts == 0 || run.attempts < retry.limits().max_attempts)) {
      delay = milliseconds(0);
    } else {
      delay = retry.NextDelay(decision.outcome, run.attempts, elapsed);
    }
    if (delay) {
      ++report.retries;
      ++progress.retries;
      WaitUntil(run, Clock::now() + *delay);
      result.error = decision.error;  // kept if a later attempt does not land either
      return true;
    }
    Fail(run, AfterAttempts(decision.error, run.attempts));
    return true;
  }

  // Drops the attempt's body; the job is prepared again at `when`.
  void WaitUntil(JobRun& run, Clock::time_point when) {
    run.body.stream->Cancel();
    run.body = {};
    run.state = JobState::kWaiting;
    run.retry_at = when;
  }

  void Abort(std::vector<JobRun>& runs) {
    const tokens::TokenScope& scope = token.scope;
    report.aborted =
        stop_status == 404
            ? "Swift has no container '" + scope.container +
                  "' (HTTP 404): the operator "
                  "creates it with `logstow swift-setup`, or the token names another one"
            : tokens::ExplainRefusal(scope, NowUnixSeconds(), refused_date).message +
                  (refresh_error.empty() ? "" : "; no new token: " + refresh_error);
    for (JobRun& run : runs) {
      if (run.state == JobState::kDone) continue;
      if (run.body.stream) run.body.stream->Cancel();
      ResultOf(run).status = ObjectStatus::kFailed;
      ResultOf(run).attempts = run.attempts;
      ResultOf(run).error = "not sent: " + report.aborted;
      run.state = JobState::kDone;
    }
  }

  void ReportProgress(bool force) {
    auto now = Clock::now();
    if (!options.on_progress || (!force && now - last_progress < milliseconds(200))) return;
    last_progress = now;
    options.on_progress(progress);
  }
};

TransferRunner::TransferRunner(const UploadOptions& options, UploadReport& report)
    : impl_(std::make_unique<Impl>(options, report)) {}

TransferRunner::~TransferRunner() = default;

double TransferRunner::compress_cpu_seconds() const {
  return static_cast<double>(impl_->compress_ns.load()) / 1e9;
}

bool TransferRunner::Run(std::vector<TransferJob>& jobs, const char* phase) {
  Impl& s = *impl_;
  s.progress = {.files_total = jobs.size(), .phase = phase};
  for (const TransferJob& job : jobs) s.progress.bytes_total += job.size_bytes;
  std::vector<JobRun> runs;
  runs.reserve(jobs.size());
  for (TransferJob& job : jobs) runs.push_back({.job = &job});
  // Jobs run in order; the index of the first never-started one saves rescanning.
  size_t next_queued = 0;
  size_t remaining = runs.size();
  size_t in_flight = 0;  // preparing or sending

  while (remaining > 0) {
    auto now = Clock::now();
    // Retries that are due come first, then new jobs, up to `parallel` in flight.
    for (JobRun& run : runs) {
      if (in_flight >= s.options.parallel) break;
      if (run.state == JobState::kWaiting && run.retry_at <= now) {
        s.Prepare(run);
        ++in_flight;
      }
    }
    while (in_flight < s.options.parallel && next_queued < runs.size()) {
      JobRun& run = runs[next_queued++];
      s.Prepare(run);
      ++in_flight;
    }
    // Bodies that are whole (or have a full buffer) go out.
    auto next_retry = Clock::time_point::max();
    for (JobRun& run : runs) {
      if (run.state == JobState::kPreparing && run.body.stream->ready_to_send()) {
        if (!run.body.stream->error().empty()) {
          s.Fail(run, run.body.stream->error());
          --in_flight;
          --remaining;
        } else {
          s.Start(run);
        }
      } else if (run.state == JobState::kWaiting) {
        next_retry = std::min(next_retry, run.retry_at);
      }
    }
    auto wait = milliseconds(100);
    if (next_retry != Clock::time_point::max()) {
      wait = std::clamp(std::chrono::duration_cast<milliseconds>(next_retry - now), milliseconds(0),
                        wait);
    }
    for (const PutResult& r : s.client.Run(wait)) {
      JobRun& run = *reinterpret_cast<JobRun*>(r.id);
      --in_flight;
      bool go_on = s.Handle(run, r);
      if (run.state == JobState::kDone) --remaining;
      if (!go_on) {
        // Let the other transfers finish (their objects may land), then stop.
        while (s.client.active() > 0) {
          for (const PutResult& other : s.client.Run(milliseconds(100))) {
            JobRun& o = *reinterpret_cast<JobRun*>(other.id);
            s.Handle(o, other);
          }
        }
        s.Abort(runs);
        s.ReportProgress(true);
        return false;
      }
    }
    s.ReportProgress(false);
  }
  s.ReportProgress(true);
  return true;
}

}  // namespace logstow::uploader
