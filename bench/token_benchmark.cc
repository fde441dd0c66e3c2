// Tokens per second: issuing (sign + encode) and checking (decode + verify), as a Zuul scheduler
// and an operator's `logstow token verify` do them. Run: build/bench/token_benchmark
#include <benchmark/benchmark.h>

#include "tokens/issue.h"
#include "tokens/token_codec.h"
#include "tokens/verify.h"

namespace {

using namespace logstow::tokens;

TokenScope JobScope(Digest digest) {
  TokenScope scope;
  scope.storage_url = "https://swift.example/v1/AUTH_ci";
  scope.container = "logs";
  scope.prefix = "zuul/periodic/openstack/nova/master/tempest-full/0b7f4c3d/";
  scope.expires_unix_s = 1900000000;
  scope.digest = digest;
  scope.delete_after_s = 30 * 86400;
  scope.viewer_url = "https://logs.example/logviewer/";
  return scope;
}

void BM_IssueAndEncode(benchmark::State& state) {
  TokenScope scope = JobScope(static_cast<Digest>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(EncodeToken(IssueToken(scope, "zuul-secret")));
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string(DigestName(scope.digest)));
}
BENCHMARK(BM_IssueAndEncode)
    ->Arg(static_cast<int>(Digest::kSha256))
    ->Arg(static_cast<int>(Digest::kSha512));

void BM_DecodeAndVerify(benchmark::State& state) {
  std::string text = EncodeToken(IssueToken(JobScope(Digest::kSha256), "zuul-secret"));
  std::vector<std::string> keys = {"zuul-secret"};
  for (auto _ : state) {
    benchmark::DoNotOptimize(VerifyToken(DecodeToken(text), keys, 1800000000));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeAndVerify);

}  // namespace
