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
 *
 * Each bench runs in a process of its own (this script again, with BENCH_ONLY naming it). V8 tunes
 * the model's code to the objects it has seen: in one process, the benches that run the recipes on
 * Immer drafts left them slower for the ones after — the simulation ran at 36,000 invocations/s
 * after the others and 55,000 alone — while a simulator's process runs the model one way.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { asyncBench } from './async.js';
import { invocationBench } from './invocation.js';
import { pricingBench } from './pricing.js';
import { replayControlPlane } from './replay-control-plane.js';
import { simulationBench } from './simulation.js';

const setting = (name: string, fallback: number): number =>
  Number(process.env[name] ?? String(fallback));
const runs = setting('BENCH_RUNS', 5);
const BENCHES = ['replay-control-plane', 'invocation', 'pricing', 'async', 'simulation'];
const only = process.env['BENCH_ONLY']?.split(',') ?? BENCHES;
const wanted = (bench: string): boolean => only.length === 1 && only.includes(bench);
const print = (lines: ReadonlyArray<Record<string, unknown>>): void => {
  for (const line of lines) console.log(JSON.stringify(line));
};

if (only.length > 1) {
  for (const bench of BENCHES.filter((name) => only.includes(name))) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url)],
      { stdio: 'inherit', env: { ...process.env, BENCH_ONLY: bench } },
    );
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
}
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
