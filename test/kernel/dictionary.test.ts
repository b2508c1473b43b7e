import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  dictionaryOf,
  emptyDictionary,
  emptyShardedDictionary,
  entryOf,
  keysOf,
  putEntry,
  removeEntry,
  SHARD_COUNT,
  shardOf,
  valuesOf,
  emptyWideDictionary,
  putWideEntry,
  removeWideEntry,
  wideEntriesOf,
  wideEntryOf,
  type ShardedDictionary,
} from '../../src/kernel/dictionary.js';
import { applyEvents } from '../../src/kernel/evolve.js';
import { operations } from '../../src/operations/operations.js';
import {
  arnOf,
  createFunctionInput,
  expectError,
  expectRight,
  given,
  T0,
} from '../support/scenario.js';

describe('name-keyed records have no prototype (function names may be __proto__ or constructor, spec §1.1)', () => {
  it('an empty dictionary finds no inherited member', () => {
    const d = emptyDictionary<number>();
    expect(Object.getPrototypeOf(d)).toBeNull();
    expect(Object.hasOwn(d, 'toString') || 'toString' in d).toBe(false);
    expect(d['constructor']).toBeUndefined();
    expect('hasOwnProperty' in d).toBe(false);
  });

  it('assigning __proto__ stores an entry and does not replace the prototype', () => {
    const d = emptyDictionary<number>();
    d['__proto__'] = 1;
    expect(Object.getPrototypeOf(d)).toBeNull();
    expect(Object.keys(d)).toEqual(['__proto__']);
    expect(d['__proto__']).toBe(1);
  });

  it('dictionaryOf copies user input, an own "__proto__" key included, onto a prototype-free record', () => {
    const input = JSON.parse('{"__proto__": "x", "a": "y"}') as Record<string, string>;
    const d = dictionaryOf(input);
    expect(Object.getPrototypeOf(d)).toBeNull();
    expect({ ...d }).toEqual(input);
    expect(d).not.toBe(input);
  });

  it('functions named __proto__ and constructor are created and read like any other', () => {
    const meta = { now: T0, requestId: 'r' };
    let state = given().state;
    for (const name of ['__proto__', 'constructor']) {
      const created = operations.CreateFunction(state, createFunctionInput(name), meta);
      expect(expectRight(created.result).body.FunctionArn).toBe(arnOf(name));
      state = created.state;
    }
    for (const name of ['__proto__', 'constructor']) {
      expect(
        expectRight(operations.GetFunction(state, { FunctionName: name }).result).body.Configuration
          .FunctionName,
      ).toBe(name);
    }
    expect(
      expectRight(operations.ListFunctions(state, {}).result).body.Functions.map(
        (f) => f.FunctionName,
      ),
    ).toEqual(['__proto__', 'constructor']);
  });

  it('a name that is only an inherited member of plain objects names nothing', () => {
    for (const name of ['toString', 'hasOwnProperty', 'valueOf']) {
      expectError(
        operations.GetFunction(given().state, { FunctionName: name }).result,
        'ResourceNotFoundException',
        `Function not found: ${arnOf(name)}`,
      );
    }
  });
});

describe('sharded dictionaries behave as one map, whatever the keys (DESIGN §4)', () => {
  type Op = { readonly put: boolean; readonly key: string; readonly value: number };
  const keyArb = fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'toString', 'f', 'g'),
    fc.string({ minLength: 1, maxLength: 12 }),
  );
  const opArb = fc.record({ put: fc.boolean(), key: keyArb, value: fc.integer() });

  it('agrees with a Map after any sequence of puts and removes, inside Immer recipes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops: Op[]) => {
        const reference = new Map<string, number>();
        for (const op of ops) {
          if (op.put) reference.set(op.key, op.value);
          else reference.delete(op.key);
        }
        const built = applyEvents<ShardedDictionary<number>, Op>(
          emptyShardedDictionary<number>(),
          ops,
          (draft, op) => {
            if (op.put) putEntry(draft, op.key, op.value);
            else removeEntry(draft, op.key);
          },
        );
        expect(built.size).toBe(reference.size);
        expect(keysOf(built).sort()).toEqual([...reference.keys()].sort());
        expect(valuesOf(built).sort()).toEqual([...reference.values()].sort());
        for (const [key, value] of reference) expect(entryOf(built, key)).toBe(value);
        expect(entryOf(built, 'hasOwnProperty')).toBe(reference.get('hasOwnProperty'));
      }),
    );
  });

  it('puts every key in one of SHARD_COUNT shards, the same one every time', () => {
    fc.assert(
      fc.property(fc.string(), (key) => {
        const shard = shardOf(key);
        expect(Number.isInteger(shard) && shard >= 0 && shard < SHARD_COUNT).toBe(true);
        expect(shardOf(key)).toBe(shard);
      }),
    );
  });

  it('spreads generated function names over the shards, so one write copies a small shard', () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 1_000; i += 1) {
      const shard = shardOf(`fn-${String(i).padStart(5, '0')}`);
      counts.set(shard, (counts.get(shard) ?? 0) + 1);
    }
    expect(counts.size).toBe(SHARD_COUNT);
    expect(Math.max(...counts.values())).toBeLessThan(40);
  });
});

describe('WideDictionary: two levels of shards for tens of thousands of keys', () => {
  it('keeps every entry findable, counts them, and removes them, across both levels', () => {
    const keys = Array.from({ length: 3_000 }, (_, i) => `req-${String(i)}`);
    const filled = applyEvents(
      emptyWideDictionary<number>(),
      [...keys.map((key, i) => [key, i] as const), ['req-0', -1] as const],
      (draft, [key, value]) => {
        putWideEntry(draft, key, value);
      },
    );
    // The second put of req-0 replaces it: not a new entry.
    expect(filled.size).toBe(3_000);
    expect(wideEntryOf(filled, 'req-0')).toBe(-1);
    expect(wideEntryOf(filled, 'req-2999')).toBe(2_999);
    expect(wideEntryOf(filled, 'absent')).toBeUndefined();
    expect(
      wideEntriesOf(filled)
        .map(([key]) => key)
        .sort(),
    ).toEqual([...keys].sort());
    const emptied = applyEvents(filled, [...keys.slice(1), 'absent'], (draft, key) => {
      removeWideEntry(draft, key);
    });
    expect(emptied.size).toBe(1);
    expect(wideEntriesOf(emptied)).toEqual([['req-0', -1]]);
  });
});

describe('sharded keys are compared, never used as property names', () => {
  it('keeps __proto__, constructor, #-names and plain names apart, and finds no inherited member', () => {
    const keys = ['__proto__', '#__proto__', 'constructor', '#x', '##x', 'x'];
    const d = applyEvents(emptyShardedDictionary<number>(), keys, (draft, key) => {
      putEntry(draft, key, keys.indexOf(key));
    });
    expect([...keysOf(d)].sort()).toEqual([...keys].sort());
    for (const key of keys) expect(entryOf(d, key)).toBe(keys.indexOf(key));
    expect(d.size).toBe(keys.length);
    for (const inherited of ['toString', 'hasOwnProperty', 'valueOf']) {
      expect(entryOf(d, inherited)).toBeUndefined();
    }
  });

  it('finds a key given as a new string equal to the stored one (keys arrive fresh on each command)', () => {
    const stored = ['req', String(1)].join('-');
    const d = applyEvents(emptyWideDictionary<number>(), [stored], (draft, key) => {
      putWideEntry(draft, key, 7);
    });
    const fresh = `req-${String(Number('1'))}`;
    expect(wideEntryOf(d, fresh)).toBe(7);
    const removed = applyEvents(d, [fresh], (draft, key) => {
      removeWideEntry(draft, key);
    });
    expect(removed.size).toBe(0);
    expect(wideEntryOf(removed, stored)).toBeUndefined();
  });
});
