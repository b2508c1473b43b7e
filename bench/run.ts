/**
 * `npm run bench`: every benchmark, one JSON line per case on standard output (DESIGN §4).
 * Each case runs the model and its hand-written reference alternately, several times, and reports
 * medians, because the machine is shared and noisy; only ratios measured in the same run are
 * meant to be compared.
 *
 * Options (environment): BENCH_EVENTS (control-plane events, default 100000), BENCH_RUNS
 * (default 5), BENCH_CYCLES (invocation cycles on the live path, default 2000),
 * BENCH_RUNNER_CYCLES (invocation cycles through the runner, default 100000), BENCH_ASYNC_EVENTS (default
 * 100000), BENCH_ASYNC_WAITING (default 100000), BENCH_PRICED (default 1000000), BENCH_ONLY
 * (a comma-separated list of bench names to run), BENCH_SIM_SECONDS (simulated seconds of the
 * `simulation` bench, default 3600).
 */
import { asyncBench } from './async.js';
import { invocationBench } from './invocation.js';
import { pricingBench } from './pricing.js';
import { replayControlPlane } from './replay-control-plane.js';
import { simulationBench } from './simulation.js';

const setting = (name: string, fallback: number): number =>
  Number(process.env[name] ?? String(fallback));
const runs = setting('BENCH_RUNS', 5);
const only = process.env['BENCH_ONLY']?.split(',');
const wanted = (bench: string): boolean => only === undefined || only.includes(bench);
const print = (lines: ReadonlyArray<Record<string, unknown>>): void => {
  for (const line of lines) console.log(JSON.stringify(line));
};

if (wanted('replay-control-plane')) {
  print(
    replayControlPlane({
      events: setting('BENCH_EVENTS', 100_000),
      runs,
      functionCounts: [10, 1_000],
    }),
  );
}
if (wanted('invocation')) {
  print(
    invocationBench({
      cycles: setting('BENCH_CYCLES', 2_000),
      runnerCycles: setting('BENCH_RUNNER_CYCLES', 100_000),
      runs,
      inFlight: [10, 1_000, 10_000],
    }),
  );
}
if (wanted('pricing')) {
  print(pricingBench({ invocations: setting('BENCH_PRICED', 1_000_000), runs }));
}
if (wanted('async')) {
  print(
    asyncBench({
      events: setting('BENCH_ASYNC_EVENTS', 100_000),
      waiting: [10, setting('BENCH_ASYNC_WAITING', 100_000)],
      runs: 1,
    }),
  );
}
if (wanted('simulation')) {
  print(simulationBench({ simulatedSeconds: setting('BENCH_SIM_SECONDS', 3_600) }));
}
