/**
 * Bench `replay-control-plane`: rebuilding the state from a control-plane log of 100,000 events,
 * with 10 and with 1,000 functions, against the mutable reference reducer in the same run.
 *
 * - `replay` applies the whole log in one Immer `produce` (`Lambda.replay`, what embedders use to
 *   load a history);
 * - `evolve one by one` applies each event in its own `produce` (what a live system pays per
 *   event);
 * - `scaling` compares the cost of one event with 1,000 functions to that with 10, for both paths:
 *   the target is a ratio ≤ 2, i.e. the cost of an event does not grow with the number of
 *   functions.
 */
import { evolve, initialState, replay, type LambdaEvent, type LambdaState } from '../src/index.js';
import { controlPlaneLog } from './control-plane-workload.js';
import { mutableReplay, type MutableLambda } from './mutable-reference.js';
import { median, measureHeapBytes, round3, scalingLines, timeMs } from './measure.js';
import { entryOf, keysOf } from '../src/kernel/dictionary.js';

interface Options {
  readonly events: number;
  readonly runs: number;
  readonly functionCounts: ReadonlyArray<number>;
}

function evolveOneByOne(log: ReadonlyArray<LambdaEvent>): LambdaState {
  let state = initialState();
  for (const event of log) state = evolve(state, event);
  return state;
}

/** The model and the reference must agree before their speeds are compared. */
function agree(state: LambdaState, reference: MutableLambda): boolean {
  const names = keysOf(state.functions.byName);
  if (names.length !== reference.functions.size || state.logPosition !== reference.logPosition)
    return false;
  return names.every((name) => {
    const mine = entryOf(state.versions.byFunction, name);
    const theirs = reference.functions.get(name);
    return (
      theirs !== undefined &&
      mine !== undefined &&
      Object.keys(mine.published).length === theirs.versions.size &&
      entryOf(state.functions.byName, name)?.latest.revisionId === theirs.revisionId &&
      entryOf(state.aliases.byFunction, name)?.['live']?.functionVersion ===
        theirs.aliases.get('live')?.functionVersion
    );
  });
}

/** One JSON-ready line per case. */
export function replayControlPlane(options: Options): ReadonlyArray<Record<string, unknown>> {
  const lines: Record<string, unknown>[] = [];
  const perEventNs = new Map<number, number>();
  const perEventNsOneByOne = new Map<number, number>();
  for (const functionCount of options.functionCounts) {
    const log = controlPlaneLog(functionCount, options.events);
    const checked = agree(replay(log), mutableReplay(log));
    const modelMs: number[] = [];
    const oneByOneMs: number[] = [];
    const referenceMs: number[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      referenceMs.push(timeMs(() => mutableReplay(log)));
      modelMs.push(timeMs(() => replay(log)));
      oneByOneMs.push(timeMs(() => evolveOneByOne(log)));
    }
    const eventsPerSec = (ms: number): number => Math.round((log.length / ms) * 1_000);
    const reference = eventsPerSec(median(referenceMs));
    const model = eventsPerSec(median(modelMs));
    const oneByOne = eventsPerSec(median(oneByOneMs));
    perEventNs.set(functionCount, 1e9 / model);
    perEventNsOneByOne.set(functionCount, 1e9 / oneByOne);
    const base = {
      bench: 'replay-control-plane',
      events: log.length,
      functions: functionCount,
      runs: options.runs,
      checked,
    };
    lines.push({
      ...base,
      case: `replay, ${String(functionCount)} functions`,
      eventsPerSec: model,
      referenceEventsPerSec: reference,
      ratio: round3(model / reference),
      heapBytesPerEvent: Math.round(measureHeapBytes(() => replay(log)) / log.length),
      referenceHeapBytesPerEvent: Math.round(
        measureHeapBytes(() => mutableReplay(log)) / log.length,
      ),
    });
    lines.push({
      ...base,
      case: `evolve one by one, ${String(functionCount)} functions`,
      eventsPerSec: oneByOne,
      referenceEventsPerSec: reference,
      ratio: round3(oneByOne / reference),
    });
  }
  lines.push(
    ...scalingLines(
      'replay-control-plane',
      [
        ['replay', perEventNs],
        ['evolve one by one', perEventNsOneByOne],
      ],
      (path, most, fewest) =>
        `scaling of ${path}: cost per event, ${String(most)} vs ${String(fewest)} functions`,
    ),
  );
  return lines;
}
