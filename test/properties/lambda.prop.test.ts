/**
 * The standing properties of the root decider (DESIGN §5): random sequences of valid and invalid
 * commands (see `commands.ts`) are folded through the real `decide` + `evolveAll`, and every state
 * and answer on the way is checked against the spec (`spec/control-plane.md`, and the invariants
 * of `spec/invocation.md` §10 for concurrency, environments and invocations).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountConcurrency } from '../../src/concurrency/queries.js';
import { minimumUnreserved } from '../../src/concurrency/rules.js';
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
import type { AsyncInvocationAccepted, InvocationStarted } from '../../src/invocation/events.js';
import type { AsyncInvocationEnded } from '../../src/async/events.js';
import { T0 } from '../support/scenario.js';
import { fold, programArb, type Outcome, type Program, type Step, type Trace } from './commands.js';
import {
  aliasesOf,
  busyEnvironments,
  eventInvokeConfigOf,
  poolOf,
  queuedRequestIds,
  type BusyEnvironment,
  functionNames,
  inflightFunctions,
  inflightOnDemandOf,
  inflightProvisionedOf,
  emptyCounts,
  provisionedConfigsOf,
  provisionedFunctions,
  provisionedSumOf,
  recountConcurrency,
  reservationOf,
  reservations,
  runningInvocations,
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
  PutProvisionedConcurrencyConfig: true,
  DeleteProvisionedConcurrencyConfig: true,
  Invoke: true,
  CompleteInvocation: true,
  PutFunctionEventInvokeConfig: true,
  UpdateFunctionEventInvokeConfig: true,
  DeleteFunctionEventInvokeConfig: true,
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
  ProvisionedConcurrencyConfigNotFoundException: 404,
  InvalidRequestContentException: 400,
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

/** A description of an outcome for failure messages (big members shortened). */
const describeOutcome = (o: Outcome): string =>
  `${o.command.type} ${JSON.stringify(o.command.input, (_k, v: unknown) =>
    v instanceof Uint8Array
      ? `<${String(v.length)} bytes>`
      : typeof v === 'string' && v.length > 200
        ? `<${String(v.length)} characters>`
        : v,
  )}`;

/** Whether a command carries the 50 MB + 1 byte zip (too big to copy on every check). */
const carriesHugeZip = (command: LambdaCommand): boolean => {
  const input = command.input as { ZipFile?: unknown; Code?: { ZipFile?: unknown } };
  const zip = input.ZipFile ?? input.Code?.ZipFile;
  return zip instanceof Uint8Array && zip.length > 52_428_800;
};

/** The program of a fold less the rejected steps, whose clock advance moves to the next step. */
function acceptedOnly(trace: Trace): Program {
  const kept: Step[] = [];
  let carriedMs = 0;
  for (const o of trace.outcomes) {
    if (o.result._tag === 'Left') carriedMs += o.step.advanceMs;
    else {
      kept.push({ ...o.step, advanceMs: o.step.advanceMs + carriedMs });
      carriedMs = 0;
    }
  }
  return { settings: trace.settings, steps: kept };
}

/**
 * Runs the command through the AWS facade, as a caller of `operations` would; an Invoke's model
 * inputs (routing draw, init duration) go in its options.
 */
function viaFacade(command: Exclude<LambdaCommand, { type: 'AdvanceClock' }>, state: LambdaState) {
  const operation = operations[command.type] as (
    state: LambdaState,
    input: unknown,
    meta: LambdaCommand['meta'],
    options?: { readonly model?: unknown },
  ) => {
    state: LambdaState;
    events: ReadonlyArray<LambdaEvent>;
    result: { _tag: 'Left'; left: AwsError } | { _tag: 'Right'; right: unknown };
  };
  if (command.type === 'Invoke' && command.model !== undefined) {
    return operation(state, command.input, command.meta, { model: command.model });
  }
  return operation(state, command.input, command.meta);
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('Lambda decider: standing properties', () => {
  // Guards the other properties against passing vacuously: if the model starts refusing what the
  // generator sends (say, a new required member), they would check nothing. The sample is fixed.
  it(
    'the step generator reaches accepted and refused calls of every kind, versions, aliases, throttles, starts and every async outcome',
    () => {
      const seen = new Set<string>();
      for (const program of fc.sample(programArb(), { numRuns: 250, seed: 20_260_101 })) {
        const trace = fold(program);
        for (const o of trace.outcomes) {
          seen.add(`${o.command.type}:${o.result._tag}`);
          if (o.result._tag === 'Left') seen.add(o.result.left._tag);
        }
        for (const e of trace.log) {
          seen.add(e.type);
          if (e.type === 'FunctionVersionPublished' && Number(e.version) >= 3) seen.add('v3');
          if (e.type === 'FunctionVersionDeleted') seen.add('version deleted');
          if (e.type === 'AliasUpdated' && e.additionalVersionWeights !== undefined) {
            seen.add('weighted alias');
          }
          if (e.type === 'InvocationThrottled') seen.add(`throttle:${e.reason}`);
          if (e.type === 'InvocationCompleted') seen.add(`outcome:${e.outcome}`);
          if (e.type === 'AsyncInvocationEnded') seen.add(`async:${e.condition}`);
          if (e.type === 'AsyncRecordDelivered') seen.add(`record:${e.service}:${e.on}`);
          if (e.type === 'AsyncInvocationAccepted' && e.chainDepth > 0)
            seen.add('destination invoked');
          if (e.type !== 'InvocationStarted') continue;
          if (e.initializationType === 'provisioned-concurrency') seen.add('provisioned start');
          else seen.add(e.newEnvironment ? 'cold start' : 'warm start');
          if (e.spillover) seen.add('spillover');
          if (e.routingStateAfter !== undefined) seen.add('routing drawn by the model');
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
        'InvalidRequestContentException',
        'v3',
        'version deleted',
        'weighted alias',
        'ProvisionedConcurrencyRequested',
        'ProvisionedConcurrencyAllocated',
        'ProvisionedConcurrencyRemoved',
        'AsyncInvocationAccepted',
        'InvocationStarted',
        'InvocationCompleted',
        'InvocationThrottled',
        'ExecutionEnvironmentReclaimed',
        'throttle:ReservedFunctionConcurrentInvocationLimitExceeded',
        'throttle:ConcurrentInvocationLimitExceeded',
        'throttle:FunctionInvocationRateLimitExceeded',
        'outcome:Success',
        'outcome:FunctionError',
        'outcome:Timeout',
        'cold start',
        'warm start',
        'provisioned start',
        'spillover',
        'routing drawn by the model',
        'async:Success',
        'async:RetriesExhausted',
        'async:EventAgeExceeded',
        'async:ZeroReservedConcurrency',
        'AsyncRetryScheduled',
        'AsyncInvocationThrottled',
        'AsyncRecordDelivered',
        'DeadLetterMessageSent',
        'record:sqs:OnSuccess',
        'record:sqs:OnFailure',
        'record:lambda:OnFailure',
        'destination invoked',
      ];
      expect(wanted.filter((w) => !seen.has(w))).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    'replay is deterministic: replaying the log gives the folded state, every time',
    () => {
      fc.assert(
        fc.property(programArb(), (program) => {
          const { settings, state, log } = fold(program);
          const replayed = replay(log, settings);
          expect(replayed).toEqual(state);
          expect(replay(log, settings)).toEqual(replayed);
          // One event at a time gives the same state as one batch.
          expect(log.reduce<LambdaState>(evolve, initialState(settings))).toEqual(state);
          // Events are JSON-safe (DESIGN §1): the stored form replays to the same state.
          const stored = JSON.parse(JSON.stringify(log)) as LambdaEvent[];
          expect(stored).toEqual(log);
          expect(replay(stored, settings)).toEqual(state);
        }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'a rejected command changes nothing, and the AWS facade agrees with decide',
    () => {
      fc.assert(
        fc.property(programArb(), (program) => {
          const trace = fold(program);
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
            const last = o.result._tag === 'Right' ? o.result.right.at(-1) : undefined;
            if (o.result._tag === 'Left') {
              expect(facade.state, describeOutcome(o)).toBe(o.before);
              expect(facade.events).toHaveLength(0);
              expect(facade.result).toEqual(o.result);
            } else if (last?.type === 'InvocationThrottled') {
              // A throttle is recorded (decide's Right), and the caller gets AWS's 429 (spec §3.7).
              expect(facade.events, describeOutcome(o)).toEqual(o.result.right);
              expect(facade.state.logPosition).toBe(o.after.logPosition);
              if (facade.result._tag !== 'Left') return expect.fail(describeOutcome(o));
              expect(facade.result.left).toMatchObject({
                _tag: 'TooManyRequestsException',
                statusCode: 429,
                type: 'User',
                reason: last.reason,
              });
              expect([...errorsOf('Invoke')]).toContain(facade.result.left._tag);
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
        fc.property(programArb(), (program) => {
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
          const { state } = fold(program, { decide: spyingDecide });
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
        fc.property(programArb(), (program) => {
          for (const o of lefts(fold(program))) {
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
        fc.property(programArb(), (program) => {
          for (const o of lefts(fold(program))) {
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

// ---------------------------------------------------------------------------------------------
// Invocation invariants (spec invocation §10)
// ---------------------------------------------------------------------------------------------

/** A reachable state, with what the invocation invariants need to know about its history. */
interface StateAt {
  readonly state: LambdaState;
  /**
   * Running invocations whose function (or version) was deleted under them: the model keeps them
   * running, and counting, but their environments went with the function (see the
   * InvocationCompleted handler of src/environments/state.ts).
   */
  readonly orphans: ReadonlySet<string>;
  /**
   * Running invocations that were already running on demand when a concurrency setting of their
   * own function changed (a reservation put, a provisioned config put, a provisioned alias moved)
   * or the function was deleted: a lower cap does not stop what already runs, so the cap may be
   * exceeded until they end. Provisioned invocations are never exempt: a removed or replaced
   * config's environments still run what they started.
   */
  readonly overtakenByOwnCap: ReadonlySet<string>;
  /**
   * The same, for a change anywhere in the account (which moves the unreserved pool); a released
   * reservation moves all its function runs into the pool.
   */
  readonly overtakenByAccountCap: ReadonlySet<string>;
  /** The step that led to this state (none for the empty account). */
  readonly outcome?: Outcome;
}

/** The function whose concurrency settings an event changes, if it changes any. */
function capChangedBy(event: LambdaEvent, before: LambdaState): string | undefined {
  if (CAP_CHANGES.has(event.type)) return event.functionName;
  if (event.type !== 'AliasUpdated') return undefined;
  const provisioned = provisionedConfigsOf(before, event.functionName).some(
    ([qualifier]) => qualifier === event.aliasName,
  );
  return provisioned ? event.functionName : undefined;
}

/**
 * The events that change a function's concurrency settings whatever they carry. Removing a
 * provisioned config is not one: it only raises the function's on-demand share.
 */
const CAP_CHANGES: ReadonlySet<LambdaEvent['type']> = new Set([
  'FunctionConcurrencyReserved',
  'FunctionConcurrencyReleased',
  'ProvisionedConcurrencyRequested',
  'FunctionDeleted',
]);

/** The busy environments retiring after a step, as `function:version#id`. */
const retiringAfter = (o: Outcome): ReadonlySet<string> =>
  new Set(
    busyEnvironments(o.after)
      .filter((environment) => environment.retiring)
      .map((environment) => `${environment.functionName}:${environment.version}#${environment.id}`),
  );

/** Every distinct reachable state, the empty account first, with its history (see `StateAt`). */
function statesAt(trace: Trace): ReadonlyArray<StateAt> {
  const orphans = new Set<string>();
  const ownCap = new Set<string>();
  const accountCap = new Set<string>();
  const first = trace.outcomes[0]?.before ?? initialState(trace.settings);
  const states: StateAt[] = [
    { state: first, orphans, overtakenByOwnCap: ownCap, overtakenByAccountCap: accountCap },
  ];
  for (const o of trace.outcomes) {
    if (o.after === states[states.length - 1]?.state) continue;
    // What runs as each event happens: a step's due attempts of queued `Event` invocations start
    // before its own command's events.
    const running = new Map(runningInvocations(o.before).map((r) => [r.requestId, r] as const));
    for (const e of o.result._tag === 'Right' ? o.result.right : []) {
      if (e.type === 'InvocationStarted') running.set(e.requestId, e);
      if (e.type === 'InvocationCompleted') running.delete(e.requestId);
      if (e.type === 'FunctionDeleted' || e.type === 'FunctionVersionDeleted') {
        for (const started of running.values()) {
          if (started.functionName !== e.functionName) continue;
          if (e.type === 'FunctionDeleted' || started.executedVersion === e.version) {
            orphans.add(started.requestId);
          }
        }
      }
      const changed = capChangedBy(e, o.before);
      if (changed === undefined) continue;
      // A smaller share leaves what runs on demand running; what runs on provisioned environments
      // still counts, retiring or not. A release or a deletion moves everything it had. A new
      // reservation (0 always succeeds, spec §3.3) does not stop what runs either: on demand, or
      // on a provisioned environment whose config was removed or replaced (retiring; the
      // reservation is its step's last event, so the state after the step is the one it met).
      const everything = e.type === 'FunctionConcurrencyReleased' || e.type === 'FunctionDeleted';
      for (const started of running.values()) {
        const retiring =
          e.type === 'FunctionConcurrencyReserved' &&
          started.initializationType === 'provisioned-concurrency' &&
          retiringAfter(o).has(
            `${started.functionName}:${started.executedVersion}#${started.environmentId}`,
          );
        if (!everything && !retiring && started.initializationType !== 'on-demand') continue;
        accountCap.add(started.requestId);
        // Releasing a reservation leaves no cap of the function's own to exceed.
        if (started.functionName === changed && e.type !== 'FunctionConcurrencyReleased') {
          ownCap.add(started.requestId);
        }
      }
    }
    const stillRunning = new Set(runningInvocations(o.after).map((started) => started.requestId));
    const keep = (ids: ReadonlySet<string>) =>
      new Set([...ids].filter((id) => stillRunning.has(id)));
    states.push({
      state: o.after,
      orphans: keep(orphans),
      overtakenByOwnCap: keep(ownCap),
      overtakenByAccountCap: keep(accountCap),
      outcome: o,
    });
  }
  return states;
}

/** What a state's step was, for failure messages. */
const after = (at: StateAt): string =>
  at.outcome === undefined ? 'the empty account' : `after ${describeOutcome(at.outcome)}`;

/** The invocations a step started. */
const startedBy = (at: StateAt): ReadonlyArray<InvocationStarted> =>
  at.outcome?.result._tag === 'Right'
    ? at.outcome.result.right.filter((e): e is InvocationStarted => e.type === 'InvocationStarted')
    : [];

/** Running invocations of one function, by how they run. */
function runningOfFunction(
  state: LambdaState,
  fn: string,
): { onDemand: number; provisioned: number; ids: ReadonlyArray<string> } {
  let onDemand = 0;
  let provisioned = 0;
  const ids: string[] = [];
  for (const started of runningInvocations(state)) {
    if (started.functionName !== fn) continue;
    ids.push(started.requestId);
    if (started.initializationType === 'on-demand') onDemand += 1;
    else provisioned += 1;
  }
  return { onDemand, provisioned, ids };
}

/**
 * §10.1 Per-function cap: a function with reservation R provisions at most R, and runs at most R
 * invocations at once, on demand and provisioned together (spec invocation §3.3, §3.4, §3.6).
 * Lowering a cap does not stop what already runs (AWS documents no such thing), so while an
 * invocation that was running when the function's reservation or provisioned concurrency was put
 * still runs, the cap is checked at admission only: an on-demand start leaves at most R − ΣP on
 * demand, and at most R running in all.
 */
function perFunctionCap(trace: Trace): void {
  for (const at of statesAt(trace)) {
    const { state } = at;
    for (const [fn, reserved] of reservations(state)) {
      const provisionedSum = provisionedSumOf(state, fn);
      ensure(
        provisionedSum <= reserved,
        () => `${fn}: ΣP ${String(provisionedSum)} > R ${String(reserved)} ${after(at)}`,
      );
      const { onDemand, provisioned, ids } = runningOfFunction(state, fn);
      const startedOnDemand = startedBy(at).some(
        (e) => e.functionName === fn && e.initializationType === 'on-demand',
      );
      // An on-demand start stays within R − ΣP (spec §3.6 step 2), and within R counting every
      // provisioned invocation still running, those of a removed or replaced config included.
      ensure(
        !startedOnDemand ||
          (onDemand <= reserved - provisionedSum && onDemand + provisioned <= reserved),
        () =>
          `${fn}: started on demand, now ${String(onDemand)} on demand + ${String(provisioned)} provisioned running, R ${String(reserved)}, ΣP ${String(provisionedSum)} ${after(at)}`,
      );
      if (ids.some((id) => at.overtakenByOwnCap.has(id))) continue;
      ensure(
        onDemand + provisioned <= reserved,
        () =>
          `${fn}: ${String(onDemand)} on demand + ${String(provisioned)} provisioned running > R ${String(reserved)} ${after(at)}`,
      );
    }
  }
}

/**
 * §10.2 Account cap: at most `ConcurrentExecutions` invocations run at once, and the functions
 * without a reservation run on demand at most what the reservations and the provisioned
 * concurrency of the others leave (spec invocation §3.2, §3.6). As for §10.1, while an invocation
 * that was running when a concurrency setting changed still runs, the pool is checked at admission.
 */
function accountCap(trace: Trace): void {
  for (const at of statesAt(trace)) {
    const { state } = at;
    const limit = state.settings.concurrentExecutionsLimit;
    const running = runningInvocations(state);
    const recount = recountConcurrency(state);
    const unreservedOnDemand = running.filter(
      (started) =>
        started.initializationType === 'on-demand' &&
        reservationOf(state, started.functionName) === undefined,
    ).length;
    const pool = limit - recount.totalReserved - recount.provisionedWithoutReservation;
    const startedUnreserved = startedBy(at).some(
      (e) =>
        e.initializationType === 'on-demand' && reservationOf(state, e.functionName) === undefined,
    );
    const overtaken = running.some((started) => at.overtakenByAccountCap.has(started.requestId));
    ensure(
      (overtaken && !startedUnreserved) || unreservedOnDemand <= pool,
      () =>
        `${String(unreservedOnDemand)} unreserved on demand > pool ${String(pool)} ${after(at)}`,
    );
    ensure(
      overtaken || running.length <= limit,
      () => `${String(running.length)} running > limit ${String(limit)} ${after(at)}`,
    );
  }
}

/**
 * §10.3 Config floor: GetAccountSettings' UnreservedConcurrentExecutions never drops below
 * min(100, limit), whatever Put*Concurrency* were accepted (spec invocation §3.2); and it is the
 * limit less the reservations and the provisioned concurrency of the functions without one.
 */
function configFloor(trace: Trace): void {
  for (const at of statesAt(trace)) {
    const { state } = at;
    const answer = operations.GetAccountSettings(state, {}).result;
    if (answer._tag === 'Left') return expect.fail(`GetAccountSettings: ${answer.left.message}`);
    const { ConcurrentExecutions, UnreservedConcurrentExecutions } = answer.right.body.AccountLimit;
    const limit = state.settings.concurrentExecutionsLimit;
    ensure(ConcurrentExecutions === limit, () => `ConcurrentExecutions ${String(limit)}`);
    const recount = recountConcurrency(state);
    const unreserved = limit - recount.totalReserved - recount.provisionedWithoutReservation;
    ensure(
      UnreservedConcurrentExecutions === unreserved && unreserved >= Math.min(100, limit),
      () =>
        `UnreservedConcurrentExecutions ${String(UnreservedConcurrentExecutions)} (recounted ${String(unreserved)}), limit ${String(limit)} ${after(at)}`,
    );
  }
}

/**
 * §10.4 Provisioned concurrency: never on `$LATEST`, at most one config per version (on the
 * version or on one alias pointing at it), and a version's busy provisioned environments (less the
 * retiring ones of a replaced config) are at most its READY allocation (spec invocation §3.4).
 */
function provisionedBound(trace: Trace): void {
  for (const at of statesAt(trace)) {
    const { state } = at;
    const busy = busyEnvironments(state);
    for (const fn of provisionedFunctions(state)) {
      const byVersion = new Map<string, string>();
      const aliases = new Map(aliasesOf(state, fn));
      const published = publishedOf(state, fn);
      for (const [qualifier, config] of provisionedConfigsOf(state, fn)) {
        const where = `${fn}:${qualifier} → ${config.version} ${after(at)}`;
        ensure(
          qualifier === config.qualifier && qualifier !== '$LATEST' && config.version !== '$LATEST',
          () => `provisioned $LATEST: ${where}`,
        );
        ensure(published[config.version] !== undefined, () => `missing version: ${where}`);
        const alias = aliases.get(qualifier);
        ensure(
          alias === undefined
            ? config.version === qualifier
            : alias.functionVersion === config.version,
          () => `config not on its qualifier's version: ${where}`,
        );
        const other = byVersion.get(config.version);
        ensure(
          other === undefined,
          () => `second config for the version (${String(other)}): ${where}`,
        );
        byVersion.set(config.version, qualifier);
        ensure(
          config.status === 'READY'
            ? config.allocated === config.requested
            : config.allocated === 0,
          () => `${config.status} with ${String(config.allocated)} allocated: ${where}`,
        );
      }
      for (const [version, qualifier] of byVersion) {
        const config = provisionedConfigsOf(state, fn).find(([q]) => q === qualifier)?.[1];
        const ready = config?.status === 'READY' ? config.allocated : 0;
        const busyHere = busy.filter(
          (e) =>
            e.functionName === fn &&
            e.version === version &&
            e.initializationType === 'provisioned-concurrency' &&
            !e.retiring,
        ).length;
        ensure(
          busyHere <= ready,
          () =>
            `${fn}:${version}: ${String(busyHere)} busy provisioned > ${String(ready)} ready ${after(at)}`,
        );
      }
    }
    // A provisioned environment that is not retiring belongs to a config that provisions its version.
    for (const e of busy) {
      if (e.initializationType !== 'provisioned-concurrency' || e.retiring) continue;
      const config = provisionedConfigsOf(state, e.functionName).find(
        ([q]) => q === e.provisionedBy,
      )?.[1];
      ensure(
        config?.version === e.version && config.status === 'READY',
        () =>
          `${e.functionName}:${e.version} busy environment ${e.id} of ${String(e.provisionedBy)} has no READY config ${after(at)}`,
      );
    }
  }
}

/**
 * §10.5 One request per environment: every running invocation names its own busy environment of
 * its function and version, of its kind, and every busy environment runs one of them (spec
 * invocation §4). Invocations whose function or version was deleted under them have none.
 */
function oneRequestPerEnvironment(trace: Trace): void {
  for (const at of statesAt(trace)) {
    const { state, orphans } = at;
    const busy = new Map<string, BusyEnvironment>(
      busyEnvironments(state).map((e) => [`${e.functionName}:${e.version}#${e.id}`, e]),
    );
    const named = new Set<string>();
    for (const started of runningInvocations(state)) {
      if (orphans.has(started.requestId)) continue;
      const key = `${started.functionName}:${started.executedVersion}#${started.environmentId}`;
      const environment = busy.get(key);
      ensure(
        environment?.initializationType === started.initializationType,
        () =>
          `${started.requestId} runs on ${key}, which is ${environment === undefined ? 'not busy' : environment.initializationType} ${after(at)}`,
      );
      ensure(!named.has(key), () => `${key} runs two invocations ${after(at)}`);
      named.add(key);
    }
    ensure(
      named.size === busy.size,
      () =>
        `busy environments without an invocation: ${[...busy.keys()].filter((k) => !named.has(k)).join()} ${after(at)}`,
    );
  }
}

/**
 * §10.11 A synchronous request runs at most once, and a throttled one never (spec invocation
 * §3.7): no request id has two InvocationStarted, nor an InvocationStarted and an
 * InvocationThrottled.
 */
function throttledNeverStarted(trace: Trace): void {
  const started = new Set<string>();
  const throttled = new Set<string>();
  for (const e of trace.log) {
    // An `Event` invocation is started once per attempt, under its one request id (spec §1.5).
    if (e.type === 'InvocationStarted' && e.invocationType === 'RequestResponse') {
      ensure(!started.has(e.requestId), () => `${e.requestId} started twice`);
      started.add(e.requestId);
    }
    if (e.type === 'InvocationThrottled') throttled.add(e.requestId);
  }
  const both = [...throttled].filter((id) => started.has(id));
  ensure(both.length === 0, () => `throttled and started: ${both.join()}`);
}

/**
 * §10.12 ExecutedVersion domain: an alias runs its primary or its additional version at the time
 * (the additional one exactly when the supplied draw is below its weight), a version runs itself,
 * an unqualified call or `$LATEST` runs `$LATEST` (spec invocation §2).
 */
function executedVersionDomain(trace: Trace): void {
  for (const o of trace.outcomes) {
    if (o.command.type !== 'Invoke' || o.result._tag === 'Left') continue;
    const draw = o.command.model?.routingDraw;
    for (const e of o.result.right) {
      if (
        e.type !== 'InvocationStarted' &&
        e.type !== 'InvocationThrottled' &&
        e.type !== 'AsyncInvocationAccepted'
      ) {
        continue;
      }
      // Attempts of queued `Event` invocations that came due at this step are not this Invoke's.
      if (e.requestId !== o.command.meta.requestId) continue;
      const what = () => `${e.type} ${e.executedVersion}: ${describeOutcome(o)}`;
      if (e.aliasName === undefined) {
        ensure(e.executedVersion === (e.qualifier ?? '$LATEST'), what);
        continue;
      }
      ensure(e.qualifier === e.aliasName, what);
      const alias = aliasesOf(o.before, e.functionName).find(([n]) => n === e.aliasName)?.[1];
      if (alias === undefined) return expect.fail(`no alias: ${what()}`);
      const [additional, weight] = Object.entries(alias.additionalVersionWeights ?? {})[0] ?? [];
      ensure(e.executedVersion === alias.functionVersion || e.executedVersion === additional, what);
      if (draw !== undefined && additional !== undefined && weight !== undefined) {
        ensure(
          (e.executedVersion === additional) === draw < weight,
          () => `draw ${String(draw)} vs weight ${String(weight)}: ${what()}`,
        );
      }
      // A draw is taken from the model's PRNG exactly when it routes and none was supplied; an
      // `Event` invocation draws once, when it is accepted, and its attempts run that version.
      const attempt = e.type === 'InvocationStarted' && e.invocationType === 'Event';
      ensure(
        (e.routingStateAfter !== undefined) ===
          (!attempt && draw === undefined && additional !== undefined),
        () => `routingStateAfter ${String(e.routingStateAfter)}: ${what()}`,
      );
    }
  }
}

/**
 * §10.13 The concurrency slice's running totals agree with recounts from the entries they sum:
 * reservations, provisioned concurrency without a reservation, on-demand in flight (per function,
 * from the running invocations, and without a reservation), and every invocation in flight.
 */
function runningTotalsAgree(trace: Trace): void {
  for (const at of statesAt(trace)) {
    const { state } = at;
    const { concurrency } = state;
    const recount = recountConcurrency(state);
    const kept = {
      totalReserved: concurrency.totalReserved,
      provisionedWithoutReservation: concurrency.provisionedWithoutReservation,
      inflightOnDemandWithoutReservation: concurrency.inflightOnDemandWithoutReservation,
      inflightTotal: concurrency.inflightTotal,
      inflightOnDemandByFunction: countsByFunction(state, inflightOnDemandOf),
      inflightProvisionedByFunction: countsByFunction(state, inflightProvisionedOf),
    };
    if (JSON.stringify(sortedKeys(kept)) !== JSON.stringify(sortedKeys(recount))) {
      expect(kept, after(at)).toEqual(recount);
    }
    // A function with no reservation and nothing in flight keeps no counts record.
    const empty = emptyCounts(state);
    ensure(empty.length === 0, () => `empty counts kept for ${empty.join()} ${after(at)}`);
  }
}

/** One kind of count the concurrency slice keeps, by function, leaving out the zeros. */
const countsByFunction = (
  state: LambdaState,
  countOf: (state: LambdaState, fn: string) => number,
): Record<string, number> =>
  Object.fromEntries(
    inflightFunctions(state)
      .map((fn) => [fn, countOf(state, fn)] as const)
      .filter(([, n]) => n !== 0),
  );

const inKeyOrder = (counts: Readonly<Record<string, number>>): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));

/** A copy with the per-function counts in key order, to compare as JSON. */
const sortedKeys = (totals: {
  inflightOnDemandByFunction: Readonly<Record<string, number>>;
  inflightProvisionedByFunction: Readonly<Record<string, number>>;
}) => ({
  ...totals,
  inflightOnDemandByFunction: inKeyOrder(totals.inflightOnDemandByFunction),
  inflightProvisionedByFunction: inKeyOrder(totals.inflightProvisionedByFunction),
});

/**
 * §10.6 Scaling rate: the environments created for one function (`InvocationStarted` with
 * `newEnvironment`) in any window (t, t + scalingWindowMs] number at most scalingRateEnvironments
 * (spec invocation §3.5). A function deleted and created anew is a new function.
 */
function scalingRate(trace: Trace): void {
  const { scalingRateEnvironments: rate, scalingWindowMs: windowMs } = trace.state.settings;
  const created = new Map<string, number[]>();
  for (const e of trace.log) {
    if (e.type === 'FunctionDeleted') created.delete(e.functionName);
    if (e.type !== 'InvocationStarted' || !e.newEnvironment) continue;
    const times = created.get(e.functionName) ?? [];
    times.push(e.atMs);
    created.set(e.functionName, times);
    // The window that ends at this creation holds every creation after atMs − windowMs.
    const inWindow = times.filter((t) => t > e.atMs - windowMs);
    ensure(
      inWindow.length <= rate,
      () =>
        `${e.functionName}: ${String(inWindow.length)} environments created in ${String(windowMs)} ms (rate ${String(rate)}) at ${inWindow.map((t) => String(t - T0)).join(', ')} ms after T0`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Asynchronous delivery (spec invocation §5, §10 invariants 7–10, 14, 15) and in-flight counts
// ---------------------------------------------------------------------------------------------

const statesBeforeCache = new WeakMap<Trace, ReadonlyArray<LambdaState>>();

/**
 * The state just before each event of the log, by log position: a step's first event is decided
 * against the step's state; the others are evolved one by one from it (shared by the invariants
 * of one fold).
 */
function statesBeforeEvents(trace: Trace): ReadonlyArray<LambdaState> {
  const cached = statesBeforeCache.get(trace);
  if (cached !== undefined) return cached;
  const states: LambdaState[] = [];
  for (const o of trace.outcomes) {
    if (o.result._tag === 'Left') continue;
    const events = o.result.right;
    let state = o.before;
    events.forEach((event, i) => {
      states.push(state);
      if (i < events.length - 1) state = evolve(state, event);
    });
  }
  ensure(states.length === trace.log.length, () => 'the steps do not add up to the log');
  statesBeforeCache.set(trace, states);
  return states;
}

/** AWS's defaults when a config leaves a number out (spec invocation §5.2, §5.4). */
const DEFAULT_RETRIES = 2;
const DEFAULT_MAX_AGE_SECONDS = 21_600;

/** One accepted event, from its AsyncInvocationAccepted on, as the log tells it. */
interface AsyncLife {
  readonly accepted: AsyncInvocationAccepted;
  /** The key of the config that applies: the invoked qualifier, `$LATEST` when unqualified. */
  readonly qualifier: string;
  /** The function had reserved concurrency 0 when the event arrived (spec §5.10). */
  readonly zeroReserved: boolean;
  started: number;
  /** Attempts that ended in a function error, a timeout or a response too large. */
  failed: number;
  /** Its qualifier's config was put, updated or deleted, or went with its target, meanwhile. */
  configChanged: boolean;
  /** The earliest time its next attempt may start: a retry's or a throttle's due time. */
  notBeforeMs: number;
  /** Attempts that could not start (429, spec §5.3). */
  throttles: number;
  /** The last event about it. */
  last: LambdaEvent;
  ended?: AsyncInvocationEnded;
  records: number;
  deadLetters: number;
}

/** The invocation record of spec invocation §5.8, as far as the properties read it. */
interface InvocationRecord {
  readonly requestContext: {
    readonly requestId: string;
    readonly condition: string;
    readonly approximateInvokeCount: number;
  };
  readonly requestPayload: unknown;
  readonly responseContext?: { readonly functionError?: string };
}

/** The events that change or remove the configs of a function, and which qualifiers they hit. */
function configsTouchedBy(event: LambdaEvent): ((life: AsyncLife) => boolean) | undefined {
  const of = (life: AsyncLife) => life.accepted.functionName === event.functionName;
  if (event.type === 'EventInvokeConfigChanged' || event.type === 'EventInvokeConfigDeleted') {
    return (life) => of(life) && life.qualifier === event.qualifier;
  }
  if (event.type === 'FunctionDeleted') return of;
  if (event.type === 'FunctionVersionDeleted') {
    return (life) => of(life) && life.qualifier === event.version;
  }
  if (event.type === 'AliasDeleted')
    return (life) => of(life) && life.qualifier === event.aliasName;
  return undefined;
}

/**
 * §10.7–§10.10, §10.14, §10.15 over the whole log, event by event, with the state just before each
 * event for the settings in force:
 * - every accepted event ends at most once, and nothing happens to it after its end; after every
 *   step the events accepted and not ended are exactly the queued ones (nothing lost, nothing
 *   duplicated);
 * - attempts that ended in an error ≤ MaximumRetryAttempts + 1 of its qualifier's config at the
 *   end (3 when the config changed meanwhile), and exactly that many when the retries ran out
 *   after an error under an unchanged config;
 * - no attempt starts after enqueue time + the maximum event age in force at the attempt, nor
 *   before its retry or throttle backoff is due; retries wait exactly 60 s, then 120 s;
 * - `approximateInvokeCount` is the number of attempts that started;
 * - every attempt, record and dead-letter message carries the request id the Invoke was given;
 *   a record has a `responseContext` exactly when the function ran, and then `Success` ⇔ no
 *   `functionError`; `ZeroReservedConcurrency` ⇒ count 0 and no `responseContext`, and an event
 *   that never ran ended so unless spec §5.9 says otherwise (throttled until its maximum age) or
 *   its version went first; success goes to OnSuccess, the rest to OnFailure and the DLQ;
 * - with reserved concurrency 0 nothing starts, and every event accepted ends at once as
 *   `ZeroReservedConcurrency`.
 */
function asyncDelivery(trace: Trace): void {
  const before = statesBeforeEvents(trace);
  const { asyncRetryDelaysMs } = trace.state.settings;
  const lives = new Map<string, AsyncLife>();
  const open = new Set<string>();
  const lifeOf = (e: LambdaEvent & { readonly requestId: string }, i: number): AsyncLife => {
    const life = lives.get(e.requestId);
    if (life === undefined)
      return expect.fail(`${e.type} #${String(i)} of ${e.requestId}, never accepted`);
    ensure(
      life.ended === undefined ||
        e.type === 'AsyncRecordDelivered' ||
        e.type === 'DeadLetterMessageSent',
      () =>
        `${e.type} #${String(i)} of ${e.requestId} after it ended as ${String(life.ended?.condition)}`,
    );
    return life;
  };
  let position = 0;
  for (const o of trace.outcomes) {
    if (o.result._tag === 'Left') continue;
    // The Invoke's answer names the event: its own request id (spec §1.5, §10.9).
    if (o.command.type === 'Invoke' && o.command.input.InvocationType === 'Event') {
      const id = o.command.meta.requestId;
      const own = o.result.right.filter(
        (e) => e.type === 'AsyncInvocationAccepted' && e.requestId === id,
      );
      ensure(own.length === 1, () => `${String(own.length)} acceptances for ${describeOutcome(o)}`);
    }
    for (const e of o.result.right) {
      const i = position;
      position += 1;
      const state = before[i] ?? trace.state;
      const touched = configsTouchedBy(e);
      if (touched !== undefined) {
        for (const id of open) {
          const life = lives.get(id);
          if (life !== undefined && touched(life)) life.configChanged = true;
        }
      }
      if (e.type === 'InvocationStarted') {
        // §10.14: with reserved concurrency 0 the function runs 0 times.
        ensure(
          reservationOf(state, e.functionName) !== 0,
          () => `${e.requestId} started on ${e.functionName} with reserved concurrency 0`,
        );
      }
      if (e.type === 'AsyncInvocationAccepted') {
        ensure(!open.has(e.requestId), () => `${e.requestId} accepted again while queued`);
        lives.set(e.requestId, {
          accepted: e,
          qualifier: e.qualifier ?? '$LATEST',
          zeroReserved: reservationOf(state, e.functionName) === 0,
          started: 0,
          failed: 0,
          configChanged: false,
          notBeforeMs: e.atMs,
          throttles: 0,
          last: e,
          records: 0,
          deadLetters: 0,
        });
        open.add(e.requestId);
        continue;
      }
      if (e.type === 'InvocationStarted') {
        if (e.invocationType !== 'Event') continue;
        const life = lifeOf(e, i);
        const { accepted } = life;
        const config = eventInvokeConfigOf(state, accepted.functionName, life.qualifier);
        const maxAgeMs = (config?.maximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_SECONDS) * 1_000;
        // §10.7: no attempt after enqueue time + the maximum age in force at the attempt.
        ensure(
          e.atMs <= accepted.atMs + maxAgeMs,
          () =>
            `${e.requestId} attempt ${String(life.started + 1)} at +${String(e.atMs - accepted.atMs)} ms, maximum age ${String(maxAgeMs)} ms`,
        );
        ensure(
          e.atMs >= life.notBeforeMs,
          () => `${e.requestId} started ${String(life.notBeforeMs - e.atMs)} ms before it was due`,
        );
        // The version is chosen once, at enqueue time (spec §2, model).
        ensure(
          e.executedVersion === accepted.executedVersion &&
            e.functionName === accepted.functionName,
          () => `${e.requestId} ran ${e.executedVersion}, accepted for ${accepted.executedVersion}`,
        );
        life.started += 1;
        life.last = e;
        continue;
      }
      if (e.type === 'InvocationCompleted') {
        if (e.invocationType !== 'Event') continue;
        const life = lifeOf(e, i);
        ensure(life.last.type === 'InvocationStarted', () => `${e.requestId} completed twice`);
        if (e.outcome !== 'Success') life.failed += 1;
        life.last = e;
        continue;
      }
      if (e.type === 'AsyncInvocationThrottled') {
        const life = lifeOf(e, i);
        ensure(e.retryAtMs > e.atMs, () => `${e.requestId} throttled until ${String(e.retryAtMs)}`);
        life.notBeforeMs = e.retryAtMs;
        life.throttles += 1;
        life.last = e;
        continue;
      }
      if (e.type === 'AsyncRetryScheduled') {
        const life = lifeOf(e, i);
        const last = life.last;
        ensure(
          last.type === 'InvocationCompleted' && last.outcome !== 'Success',
          () => `${e.requestId} retry scheduled after ${last.type}`,
        );
        // §10.15: retry gaps are exactly 60 s, then 120 s (the model's delays).
        const delay = asyncRetryDelaysMs[Math.min(life.started - 1, asyncRetryDelaysMs.length - 1)];
        ensure(
          e.retryAtMs - e.atMs === delay,
          () =>
            `${e.requestId} retry ${String(life.started)} after ${String(e.retryAtMs - e.atMs)} ms, not ${String(delay)}`,
        );
        life.notBeforeMs = e.retryAtMs;
        life.last = e;
        continue;
      }
      if (e.type === 'AsyncInvocationEnded') {
        const life = lifeOf(e, i);
        const { accepted } = life;
        const what = () =>
          `${e.requestId} ended ${e.condition} (count ${String(e.approximateInvokeCount)}), ${String(life.started)} started, ${String(life.failed)} failed, config ${life.configChanged ? 'changed' : 'unchanged'}`;
        // §10.8: one terminal outcome, counting every run.
        ensure(
          e.approximateInvokeCount === life.started &&
            e.executedVersion === accepted.executedVersion &&
            e.functionName === accepted.functionName,
          what,
        );
        ensure(life.last.type !== 'InvocationStarted', () => `${what()} while running`);
        // §10.7: attempts that failed ≤ MaximumRetryAttempts + 1, of the config in force.
        const config = eventInvokeConfigOf(state, accepted.functionName, life.qualifier);
        const retries = life.configChanged ? 2 : (config?.maximumRetryAttempts ?? DEFAULT_RETRIES);
        ensure(life.failed <= retries + 1, () => `${what()}: more than ${String(retries)} retries`);
        const last = life.last;
        if (
          e.condition === 'RetriesExhausted' &&
          !life.configChanged &&
          last.type === 'InvocationCompleted'
        ) {
          ensure(life.failed === retries + 1, () => `${what()}: retries cut short`);
        }
        // §10.14 and §5.10: reserved 0 ends a new event at once, without running it.
        ensure(
          (e.condition === 'ZeroReservedConcurrency') === life.zeroReserved,
          () => `${what()}; reserved 0 at acceptance: ${String(life.zeroReserved)}`,
        );
        if (life.zeroReserved) ensure(e.atMs === accepted.atMs, what);
        if (e.condition === 'Success') {
          ensure(last.type === 'InvocationCompleted' && last.outcome === 'Success', what);
        }
        if (life.started === 0) {
          // Never ran: reserved 0 at arrival (§5.10, §10.10). The spec's exceptions to §10.10's
          // "count 0 and no responseContext ⇒ ZeroReservedConcurrency": throttled until the
          // maximum age ran out (§5.9: attempts "so far (≥0)", EventAgeExceeded), the version
          // deleted before any attempt (model: RetriesExhausted), a recursive chain stopped
          // (§5.11).
          const version = accepted.executedVersion;
          const versionGone =
            version === '$LATEST'
              ? functionOf(state, accepted.functionName) === undefined
              : publishedOf(state, accepted.functionName)[version] === undefined;
          ensure(
            e.condition === 'ZeroReservedConcurrency' ||
              (e.condition === 'EventAgeExceeded' && life.throttles > 0) ||
              (e.condition === 'RetriesExhausted' && versionGone) ||
              e.condition === 'RecursiveInvocationStopped',
            () => `${what()}, never ran, ${String(life.throttles)} throttles`,
          );
        }
        life.ended = e;
        life.last = e;
        open.delete(e.requestId);
        continue;
      }
      if (e.type === 'AsyncRecordDelivered') {
        const life = lifeOf(e, i);
        const ended = life.ended;
        if (ended === undefined) return expect.fail(`record of ${e.requestId} before its end`);
        life.records += 1;
        const parsed = JSON.parse(e.message) as InvocationRecord & {
          readonly detail?: InvocationRecord;
        };
        const record = e.service === 'events' ? parsed.detail : parsed;
        if (record === undefined) return expect.fail(`no record in ${e.message}`);
        const { requestContext, responseContext } = record;
        const count = requestContext.approximateInvokeCount;
        const what = () => `${e.requestId} record ${e.message}`;
        ensure(life.records === 1 && e.atMs === ended.atMs, what);
        // §10.9: one request id on the event, its attempts and its record.
        ensure(requestContext.requestId === e.requestId, what);
        ensure(requestContext.condition === ended.condition && count === life.started, what);
        ensure(e.on === (ended.condition === 'Success' ? 'OnSuccess' : 'OnFailure'), what);
        const payload = life.accepted.payload;
        ensure(
          JSON.stringify(record.requestPayload) ===
            JSON.stringify(payload.trim() === '' ? {} : (JSON.parse(payload) as unknown)),
          what,
        );
        // §10.10: the record's shape follows its condition. A response is there exactly when
        // the function ran, and then `Success` ⇔ no `functionError`; `ZeroReservedConcurrency`
        // has count 0 and no response. (An event that never ran for another reason also has
        // none: see the end of a life above.)
        ensure(
          (responseContext !== undefined) === count > 0,
          () => `${what()}: responseContext with count ${String(count)}`,
        );
        ensure(
          responseContext === undefined ||
            (ended.condition === 'Success') === (responseContext.functionError === undefined),
          () => `${what()}: functionError vs ${ended.condition}`,
        );
        ensure(
          ended.condition !== 'ZeroReservedConcurrency' ||
            (count === 0 && responseContext === undefined),
          () => `${what()}: count and responseContext vs ${ended.condition}`,
        );
        continue;
      }
      if (e.type === 'DeadLetterMessageSent') {
        const life = lifeOf(e, i);
        const ended = life.ended;
        if (ended === undefined) return expect.fail(`dead letter of ${e.requestId} before its end`);
        life.deadLetters += 1;
        ensure(
          life.deadLetters === 1 &&
            e.atMs === ended.atMs &&
            ended.condition !== 'Success' &&
            e.attributes.RequestID === e.requestId &&
            e.body === life.accepted.payload,
          () => `${e.requestId} dead letter ${JSON.stringify(e)} after ${ended.condition}`,
        );
        continue;
      }
    }
    // §10.8: what was accepted and has not ended is exactly what waits or runs in the queue.
    if (o.after !== o.before) {
      const queued = queuedRequestIds(o.after);
      ensure(
        queued.length === open.size && queued.every((id) => open.has(id)),
        () =>
          `queued ${queued.join()} ≠ accepted and not ended ${[...open].join()} after ${describeOutcome(o)}`,
      );
    }
  }
}

/**
 * In flight = admitted − completed (issue #3): after every step, the InvocationStarted less the
 * InvocationCompleted of the log so far is the concurrency slice's total in flight and the number
 * of running invocations.
 */
function inflightIsStartedLessCompleted(trace: Trace): void {
  let inflight = 0;
  for (const o of trace.outcomes) {
    if (o.result._tag === 'Left' || o.after === o.before) continue;
    for (const e of o.result.right) {
      if (e.type === 'InvocationStarted') inflight += 1;
      if (e.type === 'InvocationCompleted') inflight -= 1;
    }
    const running = runningInvocations(o.after).length;
    ensure(
      o.after.concurrency.inflightTotal === inflight && running === inflight,
      () =>
        `${String(inflight)} started − completed, inflightTotal ${String(o.after.concurrency.inflightTotal)}, ${String(running)} running after ${describeOutcome(o)}`,
    );
  }
}

/**
 * Placement (spec invocation §4): a warm start runs on an idle environment of its kind of that
 * function version, as the state stood just before it; a new environment is created only when no
 * idle on-demand one of the version was there.
 */
function warmStartsOnIdleEnvironments(trace: Trace): void {
  const before = statesBeforeEvents(trace);
  trace.log.forEach((e, i) => {
    if (e.type !== 'InvocationStarted') return;
    const state = before[i];
    if (state === undefined) return expect.fail(`no state before event ${String(i)}`);
    const pool = poolOf(state, e.functionName, e.executedVersion);
    const idleOnDemand = pool?.idleOnDemand ?? [];
    const where = () =>
      `${e.requestId} on ${e.functionName}:${e.executedVersion}#${e.environmentId} (${e.initializationType}, ${e.newEnvironment ? 'new' : 'warm'}); idle on demand: ${idleOnDemand.join()}; idle provisioned: ${(pool?.idleProvisioned ?? []).join()}`;
    if (e.newEnvironment) {
      ensure(e.initializationType === 'on-demand' && idleOnDemand.length === 0, where);
    } else if (e.initializationType === 'on-demand') {
      ensure(idleOnDemand.includes(e.environmentId), where);
    } else {
      ensure((pool?.idleProvisioned ?? []).includes(e.environmentId), where);
    }
  });
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
  ['§10.1 per-function cap: in flight ≤ R and ΣP ≤ R', perFunctionCap],
  ['§10.2 account cap: in flight ≤ limit, unreserved on demand ≤ the unreserved pool', accountCap],
  ['§10.3 config floor: UnreservedConcurrentExecutions ≥ min(100, limit)', configFloor],
  [
    '§10.4 provisioned concurrency: no $LATEST, one config per version, busy ≤ READY allocation',
    provisionedBound,
  ],
  [
    '§10.5 one request per environment, and busy environments = running invocations',
    oneRequestPerEnvironment,
  ],
  ['§10.11 a synchronous request runs at most once, a throttled one never', throttledNeverStarted],
  [
    '§10.12 ExecutedVersion is the alias primary or additional, the version, or $LATEST',
    executedVersionDomain,
  ],
  ['§10.13 running concurrency totals agree with recounts', runningTotalsAgree],
  [
    '§10.7–10, 14, 15 async delivery: one end per event, attempt and age bounds, counts, request ids, records',
    asyncDelivery,
  ],
  [
    'in flight = InvocationStarted − InvocationCompleted = running invocations',
    inflightIsStartedLessCompleted,
  ],
  [
    'a warm start runs on an environment idle just before; a new one only when none is idle (spec §4)',
    warmStartsOnIdleEnvironments,
  ],
];

describe('Lambda decider: invariants in every reachable state', () => {
  it(
    'every invariant holds in every state a random sequence of commands reaches',
    () => {
      fc.assert(
        fc.property(programArb(), (program) => {
          const trace = fold(program);
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
        fc.property(programArb(), (program) => {
          for (const state of statesOf(fold(program))) {
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
    'environments created for one function in any scaling window stay within the scaling rate (spec invocation §3.5, §10.6)',
    () => {
      fc.assert(
        fc.property(programArb(), (program) => {
          scalingRate(fold(program));
        }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'reservations keep the minimum unreserved concurrency of the account and exist only for functions (spec invocation §3.2, §3.3)',
    () => {
      fc.assert(
        fc.property(programArb(), (program) => {
          for (const state of statesOf(fold(program))) {
            const reserved = reservations(state);
            const total = reserved.reduce((sum, [, r]) => sum + r, 0);
            expect(state.concurrency.totalReserved).toBe(total);
            for (const [name] of reserved) expect(functionOf(state, name), name).toBeDefined();
            for (const [, r] of reserved) expect(Number.isSafeInteger(r) && r >= 0).toBe(true);
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
        fc.property(programArb(), (program) => {
          for (const state of statesOf(fold(program))) {
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
