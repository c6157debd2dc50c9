-- wrk script: prints one machine-readable line at the end of a run.
-- RESULT requests duration_us connect read write status timeout p50_us p99_us
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d %d %d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
