-- wrk's figures as one line that scripts/bench.sh reads, printed once the
-- run is done (a done() callback costs nothing per request):
--   wrk-summary requests seconds req/s p50-ms p99-ms failed non-2xx
-- "failed" counts connect, read, write and timeout errors; "non-2xx" the
-- answers wrk counts as errors (status 400 and above).
done = function(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("wrk-summary %d %.3f %.0f %.2f %.2f %d %d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
