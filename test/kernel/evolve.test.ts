import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  applyEvents,
  handlerFor,
  plain,
  type EventHandlers,
} from '../../src/kernel/evolve.js';

interface Counter {
  readonly total: number;
  readonly log: ReadonlyArray<string>;
  readonly untouched: { readonly note: string };
}
type Added = { readonly type: 'Added'; readonly amount: number };
type Noted = { readonly type: 'Noted'; readonly text: string };
type CounterEvent = Added | Noted;

const handlers: EventHandlers<Counter, CounterEvent> = {
  Added: (draft, event) => {
    draft.total += event.amount;
  },
  Noted: (draft, event) => {
    // `plain` gives a plain view of the draft, so what was there before this event can be copied.
    draft.log = [...plain(draft).log, event.text];
  },
};

const recipe = (
  draft: Parameters<NonNullable<(typeof handlers)['Added']>>[0],
  event: CounterEvent,
): void => {
  handlerFor(handlers, event)?.(draft, event);
};

const start: Counter = { total: 0, log: [], untouched: { note: 'kept' } };

describe('evolve helpers: Immer recipes on a private instance (DESIGN §1, §4)', () => {
  it('applyEvent gives a new state and leaves the old one as it was', () => {
    const next = applyEvent(start, { type: 'Added', amount: 3 }, recipe);
    expect(next.total).toBe(3);
    expect(start.total).toBe(0);
  });

  it('untouched parts are shared, not copied', () => {
    const next = applyEvent(start, { type: 'Added', amount: 1 }, recipe);
    expect(next.untouched).toBe(start.untouched);
  });

  it('a state handed out is frozen, so it cannot be changed behind the model', () => {
    const next = applyEvent(start, { type: 'Noted', text: 'a' }, recipe);
    expect(Object.isFrozen(next)).toBe(true);
    expect(Object.isFrozen(next.log)).toBe(true);
    expect(() => {
      (next as { total: number }).total = 99;
    }).toThrow(TypeError);
  });

  it('applyEvents folds a batch in order, equal to one applyEvent after another', () => {
    const events: CounterEvent[] = [
      { type: 'Added', amount: 2 },
      { type: 'Noted', text: 'x' },
      { type: 'Added', amount: 5 },
      { type: 'Noted', text: 'y' },
    ];
    const batched = applyEvents(start, events, recipe);
    const oneByOne = events.reduce((s, e) => applyEvent(s, e, recipe), start);
    expect(batched).toEqual(oneByOne);
    expect(batched).toEqual({ total: 7, log: ['x', 'y'], untouched: { note: 'kept' } });
  });

  it('an event no handler lists changes nothing and returns the same state', () => {
    const unknown = { type: 'Unknown' } as unknown as CounterEvent;
    expect(handlerFor(handlers, unknown)).toBeUndefined();
    expect(applyEvent(start, unknown, recipe)).toBe(start);
  });

  it('plain gives a non-draft value back as it is, and a draft as a plain snapshot', () => {
    const value = { a: 1 };
    expect(plain(value)).toBe(value);
    let seen: unknown;
    applyEvent(start, { type: 'Added', amount: 1 }, (draft) => {
      draft.total = 41;
      seen = plain(draft);
    });
    expect(seen).toEqual({ total: 41, log: [], untouched: { note: 'kept' } });
  });

  it('an empty batch returns the same state', () => {
    expect(applyEvents(start, [], recipe)).toBe(start);
  });
});
