/**
 * The headline demonstration behind `npm start`: one scripted day on a model of AWS Lambda,
 * simulated in seconds. A canary moves the `live` alias of `checkout` 90/10 → 50/50 → 0/100,
 * a spike hits checkout's reserved concurrency and a bigger one hits search's scaling rate, an
 * email consumer's failures retry into an OnFailure destination and a dead-letter queue, and
 * provisioned concurrency takes the cold starts off checkout's morning. Then the report: what
 * happened and why, the AWS errors seen, the metrics, the bill — and the charts, written as
 * Vega-Lite files that open as they are in Jupyter or the Vega editor.
 *
 * Nothing runs and nothing is sent anywhere: the model decides everything AWS would decide; the
 * scenario decides only what the world does (when requests come, how long code runs, what fails).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { isLeft, Metrics, Pricing, replay, Simulation, type LambdaEvent } from '../../src/index.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Monday 2026-03-02 00:00 UTC. */
const DAY_START = Date.UTC(2026, 2, 2);
const SEED = 2026;
const ACCOUNT = '123456789012';
const arn = (service: string, name: string): string =>
  `arn:aws:${service}:us-east-1:${ACCOUNT}:${name}`;

const scenario: Simulation.Scenario = {
  startMs: DAY_START,
  durationMs: 24 * HOUR,
  resolutionMs: 5 * MINUTE,
  settings: { concurrentExecutionsLimit: 3_000 },
  pricing: { region: 'us-east-1', freeTier: false },
  functions: [
    {
      name: 'checkout',
      memorySizeMb: 512,
      timeoutSeconds: 10,
      behaviour: {
        durationMs: { kind: 'lognormal', median: 180, sigma: 0.45 },
        initDurationMs: { kind: 'uniform', min: 300, max: 600 },
        errorRate: 0.002,
      },
      publish: true,
      aliases: [{ name: 'live', version: '1' }],
      reservedConcurrency: 60,
    },
    {
      name: 'search',
      memorySizeMb: 1_024,
      architecture: 'arm64',
      timeoutSeconds: 30,
      behaviour: {
        durationMs: { kind: 'normal', mean: 4_000, standardDeviation: 800 },
        initDurationMs: { kind: 'constant', value: 800 },
      },
      publish: true,
      aliases: [{ name: 'prod', version: '1' }],
    },
    {
      name: 'emails',
      behaviour: {
        durationMs: { kind: 'exponential', mean: 250 },
        errorRate: 0.25,
      },
      asyncConfig: {
        maximumRetryAttempts: 2,
        onSuccess: arn('events', 'event-bus/mail-sent'),
        onFailure: arn('sqs', 'emails-failed'),
      },
      deadLetterTargetArn: arn('sns', 'emails-dead-letters'),
    },
  ],
  plan: [
    // AWS refuses provisioned concurrency on an alias with weights, so the canary's alias has
    // none; search's stable alias gets it for the working day.
    {
      atMs: 7 * HOUR,
      action: 'provisionConcurrency',
      functionName: 'search',
      qualifier: 'prod',
      amount: 200,
    },
    {
      atMs: 20 * HOUR,
      action: 'provisionConcurrency',
      functionName: 'search',
      qualifier: 'prod',
      amount: null,
    },
    {
      atMs: 9 * HOUR,
      action: 'deploy',
      functionName: 'checkout',
      behaviour: {
        durationMs: { kind: 'lognormal', median: 120, sigma: 0.4 },
        initDurationMs: { kind: 'uniform', min: 300, max: 600 },
        errorRate: 0.002,
      },
    },
    ...[
      { atMs: 9 * HOUR + 5 * MINUTE, weight: 0.1 },
      { atMs: 11 * HOUR, weight: 0.5 },
    ].map(({ atMs, weight }) => ({
      atMs,
      action: 'routeAlias' as const,
      functionName: 'checkout',
      alias: 'live',
      version: '1',
      additionalVersion: '2',
      weight,
    })),
    {
      atMs: 13 * HOUR,
      action: 'routeAlias',
      functionName: 'checkout',
      alias: 'live',
      version: '2',
    },
    { atMs: 18 * HOUR, action: 'reserveConcurrency', functionName: 'checkout', amount: 150 },
  ],
  traffic: [
    {
      functionName: 'checkout',
      qualifier: 'live',
      arrivals: {
        kind: 'schedule',
        steps: [
          { fromMs: MINUTE, ratePerSecond: 0.3 },
          { fromMs: 7 * HOUR, ratePerSecond: 1.5 },
          { fromMs: 12 * HOUR, ratePerSecond: 2.5 },
          { fromMs: 19 * HOUR, ratePerSecond: 1 },
          { fromMs: 22 * HOUR, ratePerSecond: 0.3 },
        ],
      },
    },
    // A flash sale: 10,000 checkouts in 10 s, far past a reservation of 60.
    {
      functionName: 'checkout',
      qualifier: 'live',
      arrivals: { kind: 'burst', atMs: 14 * HOUR, count: 10_000, spreadMs: 10_000 },
    },
    {
      functionName: 'search',
      qualifier: 'prod',
      arrivals: { kind: 'poisson', ratePerSecond: 0.5, fromMs: MINUTE },
    },
    // A crawler: 3,000 slow searches in 5 s, more new environments than the scaling rate allows.
    {
      functionName: 'search',
      qualifier: 'prod',
      arrivals: { kind: 'burst', atMs: 16 * HOUR, count: 3_000, spreadMs: 5_000 },
    },
    {
      functionName: 'emails',
      invocationType: 'Event',
      arrivals: { kind: 'poisson', ratePerSecond: 0.2, fromMs: 6 * HOUR, untilMs: 22 * HOUR },
    },
  ],
};

const began = performance.now();
const run = Simulation.simulate(scenario, SEED);
const wallMs = performance.now() - began;
if (isLeft(run)) {
  console.error(run.left.message);
  process.exit(1);
}
const result = run.right;
const log = result.log ?? [];
const timeline = result.timeline;

const n = (x: number): string => x.toLocaleString('en-US');
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);
const sum = (
  points: ReadonlyArray<Metrics.TimelinePoint> | undefined,
  pick: (p: Metrics.TimelinePoint) => number,
  fromMs = Number.NEGATIVE_INFINITY,
  untilMs = Number.POSITIVE_INFINITY,
): number =>
  (points ?? [])
    .filter((p) => p.startMs >= fromMs && p.startMs < untilMs)
    .reduce((total, p) => total + pick(p), 0);
const at = (offsetMs: number): number => DAY_START + offsetMs;

console.log(`lambda-twin — one day on a model of AWS Lambda (seed ${String(SEED)})\n`);
console.log(
  `Simulated 24 h in ${(wallMs / 1_000).toFixed(1)} s of wall time: ${n(result.requestsSent)} requests, ${n(result.eventCount)} events in the log.`,
);

console.log('\nWhat happened, and why');

// The canary: the share of live's invocations that ran version 2 in each phase.
const v1 = timeline.byVersion['checkout:1'];
const v2 = timeline.byVersion['checkout:2'];
const share = (fromMs: number, untilMs: number): number => {
  const two = sum(v2, (p) => p.Invocations, fromMs, untilMs);
  return two / (two + sum(v1, (p) => p.Invocations, fromMs, untilMs));
};
console.log(
  `  • Canary. At 09:00 new code was deployed and published as version 2. The live alias then sent ${pct(share(at(9.25 * HOUR), at(11 * HOUR)))} of its invocations to version 2 at weight 0.10 (09:05–11:00), ${pct(share(at(11 * HOUR), at(13 * HOUR)))} at 0.50 (11:00–13:00) and ${pct(share(at(13 * HOUR), at(24 * HOUR)))} after 13:00, when live pointed at version 2 alone. Each choice is a draw from the model's seeded generator, recorded on the event.`,
);

const reasons = (fn: string, fromMs: number, untilMs: number): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const p of timeline.byFunction[fn] ?? []) {
    if (p.startMs < fromMs || p.startMs >= untilMs) continue;
    for (const [reason, count] of Object.entries(p.ThrottlesByReason)) {
      counts.set(reason, (counts.get(reason) ?? 0) + count);
    }
  }
  return counts;
};
const peak = (fn: string, fromMs: number, untilMs: number): number =>
  Math.max(
    0,
    ...(timeline.byFunction[fn] ?? [])
      .filter((p) => p.startMs >= fromMs && p.startMs < untilMs)
      .map((p) => p.ConcurrentExecutions),
  );
const sale = reasons('checkout', at(14 * HOUR), at(14 * HOUR + 10 * MINUTE));
console.log(
  `  • Flash sale at 14:00: 10,000 checkouts in 10 s. checkout reserves 60 concurrent executions, so it peaked at ${n(peak('checkout', at(14 * HOUR), at(14 * HOUR + 10 * MINUTE)))} and ${n(sale.get('ReservedFunctionConcurrentInvocationLimitExceeded') ?? 0)} requests got 429 TooManyRequestsException (Reason ReservedFunctionConcurrentInvocationLimitExceeded). At 18:00 the reservation was raised to 150.`,
);
const crawl = reasons('search', at(16 * HOUR), at(16 * HOUR + 10 * MINUTE));
console.log(
  `  • Crawler at 16:00: 3,000 four-second searches in 5 s. A function may start at most 1,000 new execution environments per 10 s, so search peaked at ${n(peak('search', at(16 * HOUR), at(16 * HOUR + 10 * MINUTE)))} concurrent executions and ${n(crawl.get('FunctionInvocationRateLimitExceeded') ?? 0)} requests were throttled for the scaling rate (Reason FunctionInvocationRateLimitExceeded, the model's choice: AWS does not name it), well below the account's 3,000.`,
);

const prod = timeline.byAlias['search:prod'];
const coldRate = (fromMs: number, untilMs: number): number =>
  sum(prod, (p) => p.ColdStarts, fromMs, untilMs) /
  Math.max(
    1,
    sum(prod, (p) => p.Invocations, fromMs, untilMs),
  );
console.log(
  `  • Provisioned concurrency: 200 environments put on search:prod at 07:00 were ready a minute later and removed at 20:00. Outside those hours ${pct(coldRate(at(0), at(7 * HOUR)) / 2 + coldRate(at(20 * HOUR), at(24 * HOUR)) / 2)} of prod's invocations started cold (800 ms of init each); from 08:00 to 16:00, ${pct(coldRate(at(8 * HOUR), at(16 * HOUR)))}. ${n(sum(prod, (p) => p.ProvisionedConcurrencyInvocations))} invocations ran on provisioned environments; during the crawl ${n(sum(prod, (p) => p.ProvisionedConcurrencySpilloverInvocations))} spilled over to on-demand ones, which is when the scaling rate bit.`,
);

const emails = timeline.byFunction['emails'];
console.log(
  `  • Email consumer (asynchronous, 25% of attempts fail): ${n(sum(emails, (p) => p.AsyncEventsReceived))} events accepted with 202; ${n(sum(emails, (p) => p.AsyncRetries))} retries, 60 s and then 120 s after a failure; ${n(sum(emails, (p) => p.AsyncEventsDropped))} events failed all 3 attempts and went both to the OnFailure destination and to the dead-letter queue (${n(sum(emails, (p) => p.DeadLetterMessages))} DLQ messages, ${n(sum(emails, (p) => p.DestinationDeliveries))} destination records including the successes' EventBridge records).`,
);

// One failed event's story, read from the log.
const dead = log.find(
  (e): e is Extract<LambdaEvent, { type: 'DeadLetterMessageSent' }> =>
    e.type === 'DeadLetterMessageSent',
);
if (dead !== undefined) {
  const ofIt = log.filter((e) => 'requestId' in e && e.requestId === dead.requestId);
  const accepted = ofIt.find((e) => e.type === 'AsyncInvocationAccepted')?.atMs ?? 0;
  const attempts = ofIt
    .filter((e) => e.type === 'InvocationStarted')
    .map((e) => `+${String(Math.round((e.atMs - accepted) / 1_000))} s`);
  console.log(
    `    For example, event ${dead.requestId} was accepted at ${hhmm(accepted)}; its attempts started at ${attempts.join(', ')}; then the DLQ got it with attributes ${JSON.stringify(dead.attributes)}.`,
  );
}

console.log('\nAWS errors seen');
for (const e of result.errors) {
  console.log(
    `  ${n(e.count).padStart(7)} × ${e.operation}: ${String(e.statusCode)} ${e.error}${e.reason === undefined ? '' : ` (${e.reason})`}: ${e.message}  — first at ${hhmm(e.firstAtMs)}`,
  );
}

console.log('\nMetrics');
console.log(
  Metrics.timelineSummary(timeline, {
    functionNames: ['checkout', 'search', 'emails'],
    sparklineWidth: 48,
  })
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n'),
);

console.log('\nThe bill (us-east-1, no free tier)');
for (const invoice of result.invoices) {
  for (const line of invoice.lines) {
    console.log(
      `  ${`${line.functionName}:${line.version}`.padEnd(18)} ${line.architecture.padEnd(7)} ${line.kind.padEnd(28)} ${Pricing.formatUsd(line.amount).padStart(10)}`,
    );
  }
  console.log(`  ${'total'.padEnd(55)} ${Pricing.formatUsd(invoice.total).padStart(10)}`);
}

const folder = 'out/charts';
mkdirSync(folder, { recursive: true });
const charts = Metrics.timelineCharts(timeline, {
  functionNames: ['checkout', 'search', 'emails'],
});
for (const [stem, spec] of Object.entries(charts)) {
  writeFileSync(`${folder}/${stem}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
}
console.log(
  `\nCharts: ${String(Object.keys(charts).length)} Vega-Lite files in ${folder}/ (open them in Jupyter or the Vega editor).`,
);

// The log is the truth: replaying it rebuilds the final state exactly.
const rebuilt = replay(log, { ...scenario.settings, routingSeed: SEED });
console.log(
  `Replay of the ${n(log.length)} events rebuilds the same state: ${String(JSON.stringify(rebuilt) === JSON.stringify(result.state))}.`,
);
