#include "bench/zuul_log_generator.h"

#include <cstdio>

namespace logstow::bench {

namespace {

class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}
  // One line with the next timestamp, "| host |" when host is non-empty.
  void Line(const char* host, const std::string& text) {
    ++micros_;
    char ts[40];
    std::snprintf(ts, sizeof ts, "2024-03-01 %02d:%02d:%02d.%06d | ",
                  static_cast<int>(12 + micros_ / 3600000000 % 12),
                  static_cast<int>(micros_ / 60000000 % 60),
                  static_cast<int>(micros_ / 1000000 % 60), static_cast<int>(micros_ % 1000000));
    out_->append(ts);
    if (*host != '\0') out_->append(host).append(" | ");
    out_->append(text).push_back('\n');
    ++lines_;
  }
  size_t lines() const { return lines_; }

 private:
  std::string* out_;
  long long micros_ = 0;
  size_t lines_ = 0;
};

}  // namespace

std::string GenerateZuulJobOutput(size_t lines, int errors) {
  std::string out;
  out.reserve(lines * 72);
  Writer w(&out);
  w.Line("", "Job console starting...");
  w.Line("", "PLAY [all]");
  const size_t per_task = 40;
  const size_t tasks = lines / per_task + 1;
  const size_t every = errors > 0 ? tasks / static_cast<size_t>(errors) : tasks + 1;
  int failed = 0;
  for (size_t task = 0; task < tasks && w.lines() < lines; ++task) {
    w.Line("", "");
    w.Line("", "TASK [run-tests : Run step " + std::to_string(task) + "]");
    for (size_t i = 0; i < per_task - 6; ++i) {
      w.Line("node-01", "+ ./step.sh --part " + std::to_string(i) + " building module " +
                            std::to_string(task * per_task + i) + " of the job");
    }
    if (errors > 0 && task % every == every / 2 && failed < errors) {
      ++failed;
      if (failed == (errors + 1) / 2) {
        w.Line("node-01", "Traceback (most recent call last):");
        w.Line("node-01", "  File \"/opt/job/run.py\", line 12, in <module>");
        w.Line("node-01", "    main()");
        w.Line("node-01", "ValueError: step " + std::to_string(task) + " failed");
      }
      w.Line("node-01", "ERROR");
      w.Line("node-01", "{");
      w.Line("node-01", "  \"msg\": \"non-zero return code\",");
      w.Line("node-01", "  \"rc\": 1");
      w.Line("node-01", "}");
    } else {
      w.Line("node-01", "ok: Runtime: 0:00:01.022230");
    }
  }
  w.Line("", "");
  w.Line("", "PLAY RECAP");
  w.Line("node-01", "ok: " + std::to_string(tasks) +
                        " changed: 0 unreachable: 0 failed: " + std::to_string(failed));
  return out;
}

}  // namespace logstow::bench
