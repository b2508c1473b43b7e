/**
 * Bench `pricing`: billing a log of 1,000,000 completed invocations with the exact fold
 * (`Pricing.billEvents`, then `Pricing.invoices`), against a plain-number loop that sums MB·ms and
 * multiplies by the tier-1 price in floating point, in the same run. The log is a real one — made
 * by deciding commands — whose completions are repeated through one month with shifted times.
 */
import { performance } from 'node:perf_hooks';
import { initialState, Pricing, type LambdaEvent } from '../src/index.js';
import { EMPTY_ZIP, ROLE, step, T0 } from './fixtures.js';
import { median, round3 } from './measure.js';

/** A real log: 10 functions of different memory sizes and architectures, 100 invocations each. */
function sampleLog(): { readonly setup: LambdaEvent[]; readonly completions: LambdaEvent[] } {
  const log: LambdaEvent[] = [];
  let state = initialState();
  for (let f = 0; f < 10; f += 1) {
    state = step(
      state,
      {
        type: 'CreateFunction',
        input: {
          FunctionName: `fn-${String(f)}`,
          Role: ROLE,
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Code: { ZipFile: EMPTY_ZIP },
          MemorySize: 128 * (f + 1),
          Architectures: [f % 2 === 0 ? 'x86_64' : 'arm64'],
        },
        meta: { now: T0, requestId: `create-${String(f)}` },
      },
      log,
    );
  }
  const setupEnd = log.length;
  for (let i = 0; i < 1_000; i += 1) {
    const now = T0 + 2_000 + i * 10;
    const id = `r-${String(i)}`;
    state = step(
      state,
      {
        type: 'Invoke',
        input: { FunctionName: `fn-${String(i % 10)}` },
        meta: { now, requestId: id },
      },
      log,
    );
    state = step(
      state,
      {
        type: 'CompleteInvocation',
        input: { requestId: id, durationMs: 20 + (i % 180) + 0.37 },
        meta: { now: now + 5, requestId: `done-${id}` },
      },
      log,
    );
  }
  return {
    setup: log.slice(0, setupEnd),
    completions: log.slice(setupEnd).filter((e) => e.type === 'InvocationCompleted'),
  };
}

/** `count` completions: the sample's, repeated with times shifted through the month. */
function logOf(count: number): LambdaEvent[] {
  const { setup, completions } = sampleLog();
  const events: LambdaEvent[] = [...setup];
  for (let i = 0; i < count; i += 1) {
    const template = completions[i % completions.length];
    if (template?.type !== 'InvocationCompleted') continue;
    const shift = Math.floor(i / completions.length) * 2_000;
    events.push({
      ...template,
      atMs: template.atMs + shift,
      startedAtMs: template.startedAtMs + shift,
    });
  }
  return events;
}

/** The reference: MB·ms summed in a plain loop, times the tier-1 price, in floating point. */
function referenceCost(events: ReadonlyArray<LambdaEvent>): number {
  let mbMs = 0;
  let requests = 0;
  for (const event of events) {
    if (event.type !== 'InvocationCompleted') continue;
    mbMs += event.memorySizeMb * Math.ceil(event.durationMs);
    requests += 1;
  }
  return (mbMs / 1024 / 1000) * 0.0000166667 + requests * 0.0000002;
}

/** One JSON-ready line. */
export function pricingBench(options: { readonly invocations: number; readonly runs: number }) {
  const log = logOf(options.invocations);
  const model: number[] = [];
  const reference: number[] = [];
  let total = '';
  for (let r = 0; r < options.runs; r += 1) {
    let began = performance.now();
    referenceCost(log);
    reference.push(performance.now() - began);
    began = performance.now();
    const bill = Pricing.emptyBill({ freeTier: false });
    if (bill._tag === 'Left') throw new Error(bill.left.message);
    const billed = Pricing.billEvents(bill.right, log);
    if (billed._tag === 'Left') throw new Error(billed.left.message);
    total = Pricing.invoices(billed.right)
      .map((invoice) => invoice.total)
      .join(' + ');
    model.push(performance.now() - began);
  }
  const perSec = (ms: number): number => Math.round((options.invocations / ms) * 1_000);
  const modelPerSec = perSec(median(model));
  const referencePerSec = perSec(median(reference));
  return [
    {
      bench: 'pricing',
      case: `bill a log of ${String(options.invocations)} completed invocations`,
      invocations: options.invocations,
      invocationsPerSec: modelPerSec,
      eventsPerSec: modelPerSec,
      referenceEventsPerSec: referencePerSec,
      ratio: round3(modelPerSec / referencePerSec),
      target: '>= 1000000 invocations/s',
      invoiceTotal: total,
      runs: options.runs,
    },
  ];
}
