/**
 * The standing properties of the root decider (DESIGN §5): random sequences of valid and invalid
 * commands (see `commands.ts`) are folded through the real `decide` + `evolveAll`, and every state
 * and answer on the way is checked against the spec (`spec/control-plane.md`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountConcurrency } from '../../src/concurrency/queries.js';
import { minimumUnreserved } from '../../src/concurrency/rules.js';
import { entryOf, keysOf } from '../../src/kernel/dictionary.js';
import type { AwsError } from '../../src/kernel/errors.js';
import { DECLARED_ERRORS } from '../../src/operations/declared-errors.js';
import { ACCEPTED_RUNTIMES } from '../../src/kernel/settings.js';
import {
  decide,
  evolve,
  initialState,
  replay,
  type LambdaCommand,
  type LambdaEvent,
  type LambdaState,
} from '../../src/lambda.js';
import { operations } from '../../src/operations/operations.js';
import type { FunctionVersionRecord } from '../../src/functions/state.js';
import { fold, stepsArb, type Outcome, type Step, type Trace } from './commands.js';
import {
  aliasesOf,
  functionNames,
  functionOf,
  namesBySlice,
  publishedOf,
  sizeMismatches,
  versionsOf,
} from './view.js';

/**
 * Run counts come from `FC_NUM_RUNS` (test/setup.ts); the time allowed grows with them, so that a
 * bug hunt with 1,000 runs is not cut short by vitest's 5 s default.
 */
const TIMEOUT_MS = 10_000 + 100 * (fc.readConfigureGlobal().numRuns ?? 100);

// ---------------------------------------------------------------------------------------------
// The error catalogue is `DECLARED_ERRORS` in src/operations/declared-errors.ts (spec §5.1, §5.2),
// itself checked against the spec in test/operations/declared-errors.test.ts.
// ---------------------------------------------------------------------------------------------

type OperationType = LambdaCommand['type'];

/** Every command type the generator drives; the Record makes the compiler insist on all of them. */
const COMMAND_TYPES: Readonly<Record<Exclude<OperationType, 'AdvanceClock'>, true>> = {
  CreateFunction: true,
  UpdateFunctionCode: true,
  UpdateFunctionConfiguration: true,
  PublishVersion: true,
  DeleteFunction: true,
  CreateAlias: true,
  UpdateAlias: true,
  DeleteAlias: true,
  TagResource: true,
  UntagResource: true,
  PutFunctionConcurrency: true,
  DeleteFunctionConcurrency: true,
};

/**
 * Every error an operation may answer with. `AdvanceClock` is the model's own command: AWS declares
 * nothing for it, and the model refuses only a time that is not an integer.
 */
function errorsOf(type: OperationType): ReadonlyArray<string> {
  return type === 'AdvanceClock' ? ['ValidationException'] : DECLARED_ERRORS[type];
}

/** The HTTP status of each exception (botocore `httpStatusCode`, spec §5.1). */
const STATUS_OF: Readonly<Record<AwsError['_tag'], number>> = {
  InvalidParameterValueException: 400,
  ValidationException: 400,
  CodeStorageExceededException: 400,
  AliasLimitExceededException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ResourceConflictException: 409,
  PreconditionFailedException: 412,
  RequestEntityTooLargeException: 413,
  TooManyRequestsException: 429,
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const lefts = (trace: Trace): ReadonlyArray<Outcome & { readonly error: AwsError }> =>
  trace.outcomes.flatMap((o) => (o.result._tag === 'Left' ? [{ ...o, error: o.result.left }] : []));

/**
 * Every distinct reachable state of a fold, in order, the empty account first (a rejected
 * command leaves the very same state object, which is not visited twice).
 */
const statesOf = (trace: Trace): ReadonlyArray<LambdaState> => {
  const states = [trace.outcomes[0]?.before ?? initialState()];
  for (const o of trace.outcomes) if (o.after !== states[states.length - 1]) states.push(o.after);
  return states;
};

/** A cheap assertion for hot loops; `expect` is kept for the structural comparisons. */
function ensure(condition: boolean, message: () => string): void {
  if (!condition) expect.fail(message());
}

/**
 * Asserts that every object reachable from `value` is frozen. States share structure, so each
 * object is walked once per fold (`verified`).
 */
function expectDeeplyFrozen(value: unknown, verified: WeakSet<object>, path = 'state'): void {
  if (typeof value !== 'object' || value === null || verified.has(value)) return;
  ensure(Object.isFrozen(value), () => `${path} is not frozen`);
  verified.add(value);
  for (const [key, child] of Object.entries(value)) {
    expectDeeplyFrozen(child, verified, `${path}.${key}`);
  }
}

/** A description of an outcome for failure messages. */
const describeOutcome = (o: Outcome): string =>
  `${o.command.type} ${JSON.stringify(o.command.input, (_k, v: unknown) =>
    v instanceof Uint8Array ? `<${String(v.length)} bytes>` : v,
  )}`;

/** Whether a command carries the 50 MB + 1 byte zip (too big to copy on every check). */
const carriesHugeZip = (command: LambdaCommand): boolean => {
  const input = command.input as { ZipFile?: unknown; Code?: { ZipFile?: unknown } };
  const zip = input.ZipFile ?? input.Code?.ZipFile;
  return zip instanceof Uint8Array && zip.length > 52_428_800;
};

/** The steps of a fold less the rejected ones, whose clock advance moves to the next step. */
function acceptedOnly(trace: Trace): Step[] {
  const kept: Step[] = [];
  let carriedMs = 0;
  for (const o of trace.outcomes) {
    if (o.result._tag === 'Left') carriedMs += o.step.advanceMs;
    else {
      kept.push({ ...o.step, advanceMs: o.step.advanceMs + carriedMs });
      carriedMs = 0;
    }
  }
  return kept;
}

/** Runs the command through the AWS facade, as a caller of `operations` would. */
function viaFacade(command: Exclude<LambdaCommand, { type: 'AdvanceClock' }>, state: LambdaState) {
  const operation = operations[command.type] as (
    state: LambdaState,
    input: unknown,
    meta: LambdaCommand['meta'],
  ) => {
    state: LambdaState;
    events: ReadonlyArray<LambdaEvent>;
    result: { _tag: 'Left'; left: AwsError } | { _tag: 'Right'; right: unknown };
  };
  return operation(state, command.input, command.meta);
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('Lambda decider: standing properties', () => {
  // Guards the other properties against passing vacuously: if the model starts refusing what the
  // generator sends (say, a new required member), they would check nothing. The sample is fixed.
  it(
    'the step generator reaches accepted and refused calls of every kind, versions and aliases',
    () => {
      const seen = new Set<string>();
      for (const steps of fc.sample(stepsArb(), { numRuns: 250, seed: 20_260_101 })) {
        const trace = fold(steps);
        for (const o of trace.outcomes) {
          seen.add(`${o.command.type}:${o.result._tag}`);
          if (o.result._tag === 'Left') seen.add(o.result.left._tag);
        }
        for (const e of trace.log) {
          if (e.type === 'FunctionVersionPublished' && Number(e.version) >= 3) seen.add('v3');
          if (e.type === 'FunctionVersionDeleted') seen.add('version deleted');
          if (e.type === 'AliasUpdated' && e.additionalVersionWeights !== undefined) {
            seen.add('weighted alias');
          }
        }
      }
      const operationTypes = Object.keys(COMMAND_TYPES);
      const wanted = [
        ...operationTypes.flatMap((t) => [`${t}:Right`, `${t}:Left`]),
        'ValidationException',
        'InvalidParameterValueException',
        'ResourceNotFoundException',
        'ResourceConflictException',
        'PreconditionFailedException',
        'RequestEntityTooLargeException',
        'AccessDeniedException',
        'v3',
        'version deleted',
        'weighted alias',
      ];
      expect(wanted.filter((w) => !seen.has(w))).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    'replay is deterministic: replaying the log gives the folded state, every time',
    () => {
      fc.assert(
        fc.property(stepsArb(), (steps) => {
          const { state, log } = fold(steps);
          const replayed = replay(log);
          expect(replayed).toEqual(state);
          expect(replay(log)).toEqual(replayed);
          // One event at a time gives the same state as one batch.
          expect(log.reduce<LambdaState>(evolve, initialState())).toEqual(state);
          // Events are JSON-safe (DESIGN §1): the stored form replays to the same state.
          const stored = JSON.parse(JSON.stringify(log)) as LambdaEvent[];
          expect(stored).toEqual(log);
          expect(replay(stored)).toEqual(state);
        }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'a rejected command changes nothing, and the AWS facade agrees with decide',
    () => {
      fc.assert(
        fc.property(stepsArb(), (steps) => {
          const trace = fold(steps);
          trace.outcomes.forEach((o, index) => {
            const nextLogLength = trace.outcomes[index + 1]?.logLength ?? trace.log.length;
            if (o.result._tag === 'Left') {
              expect(o.after).toBe(o.before);
              expect(nextLogLength).toBe(o.logLength);
            } else {
              expect(nextLogLength).toBe(o.logLength + o.result.right.length);
            }
            if (o.command.type === 'AdvanceClock') return;
            const facade = viaFacade(o.command, o.before);
            if (o.result._tag === 'Left') {
              expect(facade.state, describeOutcome(o)).toBe(o.before);
              expect(facade.events).toHaveLength(0);
              expect(facade.result).toEqual(o.result);
            } else {
              expect(facade.result._tag, describeOutcome(o)).toBe('Right');
              expect(facade.events).toEqual(o.result.right);
              // The same events on the same state: the same state (replay determinism covers the
              // deep comparison); the facade must not drop or add any.
              expect(facade.state.logPosition).toBe(o.after.logPosition);
              if (o.result.right.length === 0) expect(facade.state).toBe(o.before);
            }
          });
          // Leaving the rejected calls out altogether (the time still passes) makes no difference.
          const withoutRejected = fold(acceptedOnly(trace));
          expect(withoutRejected.log).toEqual(trace.log);
          expect(withoutRejected.state).toEqual(trace.state);
        }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'decide never mutates its input and answers the same twice',
    () => {
      fc.assert(
        fc.property(stepsArb(), (steps) => {
          const verified: WeakSet<object> = new WeakSet();
          let calls = 0;
          const spyingDecide: typeof decide = (command, state) => {
            calls += 1;
            // Every state an event produced is frozen by Immer, so a write to it would throw. The
            // empty account is a plain object; it, and a sample of the others, is also compared
            // with a deep copy taken before the call.
            if (state.logPosition > 0) expectDeeplyFrozen(state, verified);
            const stateBefore =
              state.logPosition === 0 || calls % 4 === 0 ? structuredClone(state) : undefined;
            const inputBefore = carriesHugeZip(command)
              ? undefined
              : structuredClone(command.input);
            const result = decide(command, state);
            if (stateBefore !== undefined) expect(state).toEqual(stateBefore);
            if (inputBefore !== undefined) expect(command.input).toEqual(inputBefore);
            expect(decide(command, state)).toEqual(result);
            return result;
          };
          const { state } = fold(steps, { decide: spyingDecide });
          if (state.logPosition > 0) expectDeeplyFrozen(state, verified);
        }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'every Left is an error AWS may answer for that operation (spec §5.1, §5.2)',
    () => {
      fc.assert(
        fc.property(stepsArb(), (steps) => {
          for (const o of lefts(fold(steps))) {
            expect([...errorsOf(o.command.type)], describeOutcome(o)).toContain(o.error._tag);
          }
        }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    "every Left is a client error of type 'User' with its exception's status code (spec §5.1)",
    () => {
      fc.assert(
        fc.property(stepsArb(), (steps) => {
          for (const o of lefts(fold(steps))) {
            expect(o.error.type, describeOutcome(o)).toBe('User');
            expect(o.error.statusCode, `${o.error._tag}: ${describeOutcome(o)}`).toBe(
              STATUS_OF[o.error._tag],
            );
            expect(typeof o.error.message).toBe('string');
          }
        }),
      );
    },
    TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------
// Invariants of every reachable state
// ---------------------------------------------------------------------------------------------

const ROLE_REGEX = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const ALIAS_NAME_REGEX = /^(?![0-9]+$)[a-zA-Z0-9_-]+$/;
const ARCHITECTURES: ReadonlySet<string> = new Set(['x86_64', 'arm64']);

/** The configuration a published version froze, less the description PublishVersion may set. */
const frozenPart = (record: FunctionVersionRecord) => {
  const { description: _description, ...config } = record.config;
  return { config, code: record.code };
};

/** The functions, versions and aliases slices agree on which functions exist (and their sizes). */
function slicesAgree(trace: Trace): void {
  for (const state of statesOf(trace)) {
    const { functions, versions, aliases } = namesBySlice(state);
    const names = functions.sort().join();
    ensure(versions.sort().join() === names, () => `versions slice: ${versions.join()}`);
    ensure(aliases.sort().join() === names, () => `aliases slice: ${aliases.join()}`);
    const mismatches = sizeMismatches(state);
    ensure(mismatches.length === 0, () => mismatches.join('; '));
  }
}

/** Version numbers of a function strictly increase and are never reused after deletion (spec §3.1). */
function versionNumbersIncrease(trace: Trace): void {
  // In the states: a version that appears is above every number this function ever had.
  const history = new Map<string, { max: number; present: ReadonlySet<string> }>();
  for (const state of statesOf(trace)) {
    for (const fn of functionNames(state)) {
      const versions = versionsOf(state, fn);
      if (versions === undefined) continue;
      const seen = history.get(fn) ?? { max: 0, present: new Set<string>() };
      history.set(fn, seen);
      const now = Object.keys(versions.published);
      const fresh = now.filter((v) => !seen.present.has(v));
      for (const v of fresh.map(Number).sort((a, b) => a - b)) {
        ensure(
          v > seen.max,
          () => `${fn}: version ${String(v)} appeared after ${String(seen.max)}`,
        );
        seen.max = v;
      }
      for (const v of now) ensure(/^[1-9][0-9]*$/.test(v), () => `${fn}: version "${v}"`);
      seen.present = new Set(now);
      ensure(versions.nextNumber > seen.max, () => `${fn}: next ${String(versions.nextNumber)}`);
    }
    // A deleted function starts again from 1 when it is created anew (spec §2.7).
    for (const fn of history.keys()) {
      if (versionsOf(state, fn) === undefined) history.delete(fn);
    }
  }
  // In the log: each function's publications are numbered upwards until it is deleted.
  const last = new Map<string, number>();
  for (const event of trace.log) {
    if (event.type === 'FunctionDeleted') last.delete(event.functionName);
    if (event.type !== 'FunctionVersionPublished') continue;
    const number = Number(event.version);
    const before = last.get(event.functionName) ?? 0;
    ensure(
      number > before,
      () => `${event.functionName}: published ${event.version} after ${String(before)}`,
    );
    last.set(event.functionName, number);
  }
}

/** A published version is $LATEST's copy and never changes until it is deleted (spec §3.1). */
function publishedVersionsFrozen(trace: Trace): void {
  const snapshots = new Map<string, FunctionVersionRecord>();
  for (const state of statesOf(trace)) {
    const present = new Set<string>();
    for (const fn of functionNames(state)) {
      for (const [version, record] of Object.entries(publishedOf(state, fn))) {
        const key = `${fn}:${version}`;
        present.add(key);
        const snapshot = snapshots.get(key);
        if (snapshot === undefined) {
          // Published just now: a copy of $LATEST as it is (spec §3.1, §3.2).
          const latest = functionOf(state, fn)?.latest;
          if (latest === undefined) return expect.fail(`${key} without $LATEST`);
          expect(frozenPart(record), key).toEqual(frozenPart(latest));
          snapshots.set(key, record);
          continue;
        }
        // States share structure, so an unchanged part is the very same object.
        if (record.config !== snapshot.config) expect(record.config, key).toEqual(snapshot.config);
        if (record.code !== snapshot.code) expect(record.code, key).toEqual(snapshot.code);
        // A version's RevisionId does not change when it becomes Active (spec §2.10).
        ensure(record.revisionId === snapshot.revisionId, () => `${key}: RevisionId changed`);
      }
    }
    for (const key of snapshots.keys()) if (!present.has(key)) snapshots.delete(key);
  }
}

/** Every alias points at $LATEST or existing versions, with valid routing (spec §4.2). */
function aliasesPointAtVersions(trace: Trace): void {
  for (const state of statesOf(trace)) {
    for (const fn of functionNames(state)) {
      const published = publishedOf(state, fn);
      for (const [name, alias] of aliasesOf(state, fn)) {
        const where = `${fn}:${name} → ${alias.functionVersion}`;
        ensure(ALIAS_NAME_REGEX.test(name) && alias.name === name, () => `alias name ${where}`);
        const primary = alias.functionVersion;
        ensure(primary === '$LATEST' || published[primary] !== undefined, () => `${where} missing`);
        const routing = Object.entries(alias.additionalVersionWeights ?? {});
        // Exactly one additional version when there is routing; no routing is stored as absent.
        ensure(
          alias.additionalVersionWeights === undefined || routing.length === 1,
          () => `${where}: routing ${JSON.stringify(alias.additionalVersionWeights)}`,
        );
        for (const [additional, weight] of routing) {
          const also = `${where} + ${additional}@${String(weight)}`;
          ensure(primary !== '$LATEST', () => `${also}: $LATEST takes no routing`);
          ensure(additional !== primary, () => `${also}: routes to its primary`);
          const a = published[additional]?.config;
          ensure(a !== undefined, () => `${also}: additional version missing`);
          // The model's bounds are inclusive (spec §4.2: "boundary weights 0.0 and 1.0").
          ensure(weight >= 0 && weight <= 1, () => `${also}: weight out of [0, 1]`);
          // Both versions run with the same role and dead-letter target (spec §4.2).
          const p = published[primary]?.config;
          ensure(a?.role === p?.role, () => `${also}: roles differ`);
          ensure(a?.deadLetterTargetArn === p?.deadLetterTargetArn, () => `${also}: DLQs differ`);
        }
      }
    }
  }
}

/** The clock never goes backwards and logPosition is the log length. */
function clockAndLogPosition(trace: Trace): void {
  let clock = 0;
  for (const o of trace.outcomes) {
    const { clockMs, logPosition } = o.after;
    ensure(clockMs >= clock, () => `clock went back from ${String(clock)} to ${String(clockMs)}`);
    clock = clockMs;
    const logLength = o.logLength + (o.result._tag === 'Right' ? o.result.right.length : 0);
    ensure(
      logPosition === logLength,
      () => `logPosition ${String(logPosition)} ≠ ${String(logLength)}`,
    );
    // The model's clock never runs ahead of the caller's time.
    const requested = o.command.type === 'AdvanceClock' ? o.command.input.to : o.command.meta.now;
    ensure(clockMs <= requested, () => `clock ${String(clockMs)} ahead of ${String(requested)}`);
  }
  let atMs = 0;
  for (const event of trace.log) {
    ensure(
      event.atMs >= atMs,
      () => `${event.type} at ${String(event.atMs)} after ${String(atMs)}`,
    );
    atMs = event.atMs;
  }
  // The clock is the time of the latest event.
  expect(trace.state.clockMs).toBe(atMs);
  expect(trace.state.logPosition).toBe(trace.log.length);
}

/** RevisionIds are unique across the log and within every state (spec §2.10). */
function revisionIdsUnique(trace: Trace): void {
  const ids = trace.log.flatMap((e) => [
    ...('revisionId' in e ? [e.revisionId] : []),
    ...('latestRevisionId' in e ? [e.latestRevisionId] : []),
  ]);
  expect(new Set(ids).size).toBe(ids.length);
  for (const state of statesOf(trace)) {
    const inState = functionNames(state).flatMap((fn) => [
      ...[functionOf(state, fn)?.latest.revisionId].filter((id) => id !== undefined),
      ...Object.values(publishedOf(state, fn)).map((v) => v.revisionId),
      ...aliasesOf(state, fn).map(([, a]) => a.revisionId),
    ]);
    ensure(
      new Set(inState).size === inState.length,
      () => `duplicate RevisionId: ${inState.join()}`,
    );
  }
}

/** Every configuration in the state is within the limits of spec §2.1 and §7.2. */
function configurationsWithinLimits(trace: Trace): void {
  for (const state of statesOf(trace)) {
    for (const fn of functionNames(state)) {
      const latest = functionOf(state, fn)?.latest;
      const records = [
        ...(latest === undefined ? [] : [latest]),
        ...Object.values(publishedOf(state, fn)),
      ];
      for (const { config, code } of records) {
        const what = () => `${fn}: ${JSON.stringify(config)}`;
        ensure(config.memorySizeMb >= 128 && config.memorySizeMb <= 10_240, what);
        ensure(config.timeoutSeconds >= 1 && config.timeoutSeconds <= 900, what);
        ensure(config.description.length <= 256, what);
        ensure(ARCHITECTURES.has(config.architecture), what);
        if (code.packageType === 'Zip') {
          ensure(config.runtime !== undefined && ACCEPTED_RUNTIMES.includes(config.runtime), what);
        }
        // A missing Role is the separate (skipped) property below; the type says it cannot be.
        const role = config.role as string | undefined;
        ensure(role === undefined || ROLE_REGEX.test(role), what);
      }
    }
  }
}

/** The events after which `$LATEST` has a new RevisionId (spec §2.10), and no others. */
const NEW_LATEST_REVISION: ReadonlySet<LambdaEvent['type']> = new Set([
  'FunctionCreated',
  'FunctionActivated',
  'FunctionCodeUpdated',
  'FunctionConfigurationUpdated',
  'FunctionUpdateCompleted',
  'FunctionVersionPublished',
]);

/**
 * `$LATEST`'s RevisionId changes on create, activation, each update and its completion, and each
 * publish that creates a version — and on nothing else, e.g. not on CreateAlias (spec §2.10).
 */
function latestRevisionChanges(trace: Trace): void {
  for (const o of trace.outcomes) {
    if (o.result._tag === 'Left' || o.after === o.before) continue;
    const events = o.result.right;
    for (const fn of functionNames(o.after)) {
      const before = functionOf(o.before, fn)?.latest.revisionId;
      const after = functionOf(o.after, fn)?.latest.revisionId;
      if (before === undefined || after === undefined) continue;
      const expected = events.some((e) => e.functionName === fn && NEW_LATEST_REVISION.has(e.type));
      ensure(
        (before !== after) === expected,
        () => `${fn}: RevisionId ${before === after ? 'kept' : 'changed'} by ${describeOutcome(o)}`,
      );
    }
  }
}

/**
 * A version's description is PublishVersion's `Description` when given, otherwise `$LATEST`'s at
 * publish time (spec §3.2).
 */
function publishedDescriptions(trace: Trace): void {
  for (const o of trace.outcomes) {
    if (o.result._tag === 'Left') continue;
    for (const e of o.result.right) {
      if (e.type !== 'FunctionVersionPublished') continue;
      const given = o.command.type === 'PublishVersion' ? o.command.input.Description : undefined;
      // Publishing is the last event of its step, so the state after the step still holds
      // $LATEST's description as it was at publish time.
      const latest = functionOf(o.after, e.functionName)?.latest.config.description;
      ensure(e.description === (given ?? latest), () => `${e.version}: ${describeOutcome(o)}`);
      ensure(
        publishedOf(o.after, e.functionName)[e.version]?.config.description === e.description,
        () => `${e.functionName}:${e.version} description`,
      );
    }
  }
}

/** The invariants, by name; one fold feeds them all (a fold is the expensive part). */
const INVARIANTS: ReadonlyArray<readonly [string, (trace: Trace) => void]> = [
  [
    'the functions, versions and aliases slices agree on which functions exist (and their sizes)',
    slicesAgree,
  ],
  [
    'version numbers of a function strictly increase and are never reused after deletion (spec §3.1)',
    versionNumbersIncrease,
  ],
  [
    "a published version is $LATEST's copy and never changes until it is deleted (spec §3.1)",
    publishedVersionsFrozen,
  ],
  [
    "a published version's description is PublishVersion's or $LATEST's (spec §3.2)",
    publishedDescriptions,
  ],
  ["$LATEST's RevisionId changes exactly on the events spec §2.10 lists", latestRevisionChanges],
  [
    'every alias points at $LATEST or existing versions, with valid routing (spec §4.2)',
    aliasesPointAtVersions,
  ],
  ['the clock never goes backwards and logPosition is the log length', clockAndLogPosition],
  ['RevisionIds are unique across the log and within every state (spec §2.10)', revisionIdsUnique],
  [
    'every configuration in the state is within the limits of spec §2.1 and §7.2',
    configurationsWithinLimits,
  ],
];

describe('Lambda decider: invariants in every reachable state', () => {
  it(
    'every invariant holds in every state a random sequence of commands reaches',
    () => {
      fc.assert(
        fc.property(stepsArb(), (steps) => {
          const trace = fold(steps);
          for (const [name, check] of INVARIANTS) {
            try {
              check(trace);
            } catch (error) {
              const message = error instanceof Error ? error.message : String(error);
              throw new Error(`invariant broken: ${name}\n${message}`, { cause: error });
            }
          }
        }),
      );
    },
    TIMEOUT_MS,
  );

  // Found by this property: CreateFunction once accepted a request without `Role`.
  it(
    'every function has an execution role (spec §2.1: Role is required)',
    () => {
      fc.assert(
        fc.property(stepsArb(), (steps) => {
          for (const state of statesOf(fold(steps))) {
            for (const name of functionNames(state)) {
              expect(functionOf(state, name)?.latest.config.role, name).toMatch(ROLE_REGEX);
            }
          }
        }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'reservations keep the minimum unreserved concurrency of the account and exist only for functions (spec invocation §3.2, §3.3)',
    () => {
      fc.assert(
        fc.property(stepsArb(), (steps) => {
          for (const state of statesOf(fold(steps))) {
            const names = keysOf(state.concurrency.reservedByFunction);
            const reservations = names.map(
              (n) => entryOf(state.concurrency.reservedByFunction, n) ?? 0,
            );
            expect(state.concurrency.totalReserved).toBe(reservations.reduce((a, b) => a + b, 0));
            for (const name of names) expect(functionOf(state, name), name).toBeDefined();
            for (const r of reservations) expect(Number.isSafeInteger(r) && r >= 0).toBe(true);
            const { UnreservedConcurrentExecutions } = accountConcurrency(state);
            expect(UnreservedConcurrentExecutions).toBeGreaterThanOrEqual(minimumUnreserved(state));
          }
        }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'the stored-code total kept by evolve equals the sum over $LATEST and every published version (spec §7.1)',
    () => {
      fc.assert(
        fc.property(stepsArb(), (steps) => {
          for (const state of statesOf(fold(steps))) {
            const recomputed = functionNames(state).reduce(
              (total, name) =>
                total +
                (functionOf(state, name)?.latest.code.codeSizeBytes ?? 0) +
                Object.values(publishedOf(state, name)).reduce(
                  (sum, version) => sum + version.code.codeSizeBytes,
                  0,
                ),
              0,
            );
            expect(state.functions.storedCodeBytes).toBe(recomputed);
          }
        }),
      );
    },
    TIMEOUT_MS,
  );
});
