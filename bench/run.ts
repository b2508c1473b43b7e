/**
 * `npm run bench`: every benchmark, one JSON line per case on standard output (DESIGN §4).
 * Each case runs the model and its hand-written reference alternately, several times, and reports
 * medians, because the machine is shared and noisy; only ratios measured in the same run are
 * meant to be compared.
 *
 * Options (environment): BENCH_EVENTS (default 100000), BENCH_RUNS (default 5).
 */
import { replayControlPlane } from './replay-control-plane.js';

const events = Number(process.env['BENCH_EVENTS'] ?? 100_000);
const runs = Number(process.env['BENCH_RUNS'] ?? 5);

for (const line of replayControlPlane({ events, runs, functionCounts: [10, 1_000] })) {
  console.log(JSON.stringify(line));
}
