import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  countDueAfter,
  dropDueBy,
  dueEntries,
  emptyDueQueue,
  enqueueDue,
  headDueMs,
  removeDue,
  type DueQueue,
} from '../../src/kernel/due-queue.js';
import { applyEvents, applyEventsInPlace, thawed, type Draft } from '../../src/kernel/evolve.js';

interface Timed {
  readonly dueMs: number;
  readonly id: number;
}

/** One change to a queue: add an entry `delay` ms after the last, remove one, or drop the due. */
type Op =
  | { readonly kind: 'add'; readonly delay: number }
  | { readonly kind: 'remove'; readonly pick: number }
  | { readonly kind: 'drop'; readonly pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('add' as const), delay: fc.nat(3) }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat(10_000) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat(10_000) }) },
);

/**
 * Folds the ops into a queue through `apply` (Immer or in place) and into a reference list of the
 * waiting entries with their positions, and checks every query against the list after each op.
 */
function check(
  ops: ReadonlyArray<Op>,
  apply: (
    queue: DueQueue<Timed>,
    change: (draft: Draft<DueQueue<Timed>>) => void,
  ) => DueQueue<Timed>,
): void {
  let queue = emptyDueQueue<Timed>();
  const waiting: Array<{ position: number; entry: Timed }> = [];
  let lastDue = 0;
  let added = 0;
  for (const op of ops) {
    if (op.kind === 'add') {
      lastDue += op.delay;
      const entry = { dueMs: lastDue, id: added };
      let position = -1;
      queue = apply(queue, (draft) => {
        position = enqueueDue(draft, entry);
      });
      expect(position).toBe(added);
      waiting.push({ position, entry });
      added += 1;
    } else if (op.kind === 'remove') {
      // Any position ever handed out, or one past them: removing a missing one changes nothing.
      const position = added === 0 ? 0 : op.pick % (added + 1);
      queue = apply(queue, (draft) => {
        removeDue(draft, position);
      });
      const at = waiting.findIndex((w) => w.position === position);
      if (at >= 0) waiting.splice(at, 1);
    } else {
      const nowMs = lastDue === 0 ? 0 : op.pick % (lastDue + 1);
      queue = apply(queue, (draft) => {
        dropDueBy(draft, nowMs);
      });
      while (waiting.length > 0 && (waiting[0]?.entry.dueMs ?? Infinity) <= nowMs) waiting.shift();
    }
    expect(headDueMs(queue)).toBe(waiting[0]?.entry.dueMs ?? Number.POSITIVE_INFINITY);
    for (const nowMs of [lastDue - 2, lastDue - 1, lastDue]) {
      expect(dueEntries(queue, nowMs)).toEqual(
        waiting.filter((w) => w.entry.dueMs <= nowMs).map((w) => w.entry),
      );
    }
  }
}

// The property folds up to 400 ops per run, each checked in full: a fifth of the global runs.
const NUM_RUNS = Math.max(1, Math.ceil((fc.readConfigureGlobal().numRuns ?? 100) / 5));

describe('due queues agree with a plain list of what waits (DESIGN §4)', () => {
  it('after any adds, removes and drops, inside Immer recipes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        check(ops, (queue, change) =>
          applyEvents(queue, [change], (draft, f) => {
            f(draft);
          }),
        );
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('after any adds, removes and drops, in place (the runner and replay)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        let owned: DueQueue<Timed> | undefined;
        check(ops, (queue, change) => {
          owned ??= thawed(queue);
          return applyEventsInPlace(owned, [change], (draft, f) => {
            f(draft);
          });
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('counts what is due after a time, for a queue that only drops from its head', () => {
    let queue = emptyDueQueue<Timed>();
    queue = applyEvents(
      queue,
      Array.from({ length: 200 }, (_, i) => ({ dueMs: i * 10, id: i })),
      (draft, entry) => {
        enqueueDue(draft, entry);
      },
    );
    expect(countDueAfter(queue, 995)).toBe(100);
    queue = applyEvents(queue, [995], (draft, nowMs) => {
      dropDueBy(draft, nowMs);
    });
    expect(queue.head).toBe(100);
    expect(countDueAfter(queue, 995)).toBe(100);
    expect(countDueAfter(queue, 1_990)).toBe(0);
    expect(headDueMs(queue)).toBe(1_000);
  });

  it('keeps no chunk once every entry in it went, and skips the head past it', () => {
    let queue = emptyDueQueue<Timed>();
    queue = applyEvents(
      queue,
      Array.from({ length: 300 }, (_, i) => ({ dueMs: i, id: i })),
      (draft, entry) => {
        enqueueDue(draft, entry);
      },
    );
    // Remove positions 1..299 first, then 0: the head jumps from 0 to the end at once.
    queue = applyEvents(
      queue,
      [...Array.from({ length: 299 }, (_, i) => i + 1), 0],
      (draft, position) => {
        removeDue(draft, position);
      },
    );
    expect(queue.head).toBe(300);
    expect(queue.headDueMs).toBeNull();
    expect(queue.chunks.every((slot) => slot === undefined || slot.length === 0)).toBe(true);
  });

  it('keeps chunks that share a slot apart (more than 64 chunks waiting)', () => {
    const count = 64 * 64 * 2 + 5;
    let queue = applyEvents(
      emptyDueQueue<Timed>(),
      Array.from({ length: count }, (_, i) => ({ dueMs: i, id: i })),
      (draft, entry) => {
        enqueueDue(draft, entry);
      },
    );
    queue = applyEvents(
      queue,
      Array.from({ length: count }, (_, i) => i).filter((i) => i % 3 !== 2),
      (draft, position) => {
        removeDue(draft, position);
      },
    );
    const expected = Array.from({ length: count }, (_, i) => i).filter((i) => i % 3 === 2);
    expect(dueEntries(queue, count).map((entry) => entry.id)).toEqual(expected);
    expect(headDueMs(queue)).toBe(2);
  });
});
