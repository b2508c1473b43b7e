/**
 * One cross-module model-based test (DESIGN §5): random programs of AWS calls run against the
 * real twin (`LambdaTwin`, which goes through `operations` and the root decider) and against a
 * deliberately simple model — plain maps of functions, their published version numbers and their
 * aliases. Each command asks the model what AWS would answer (success, and which version, or the
 * exception) and asserts the twin answers the same.
 *
 * A note on fast-check's `check`: it decides whether a command may *run* at all, so it is `true`
 * everywhere here — invalid calls must run too, to see them refused. The model's verdict on each
 * call lives in `expected(model)`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AwsError } from '../../src/kernel/errors.js';
import type { Either } from '../../src/kernel/fp.js';
import type { AwsResponse } from '../../src/operations/operations.js';
import { LambdaTwin } from '../../src/operations/twin.js';
import { EMPTY_ZIP, createFunctionInput } from '../support/scenario.js';

/**
 * Run counts come from `FC_NUM_RUNS` (test/setup.ts); the time allowed grows with them, so that a
 * bug hunt with 1,000 runs is not cut short by vitest's 5 s default.
 */
const TIMEOUT_MS = 10_000 + 100 * (fc.readConfigureGlobal().numRuns ?? 100);

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

/** The model's defaults: the twin's default activation and update delays (1 s each). */
const ACTIVATION_MS = 1000;
const UPDATE_MS = 1000;

interface FunctionModel {
  /** When the function leaves Pending. */
  readonly activatesAtMs: number;
  /** When the last accepted update finishes (0 when none). */
  busyUntilMs: number;
  /** The number the next published version gets: numbers are never reused (spec §3.1). */
  nextVersion: number;
  /** An accepted create or update since the last publish (spec §3.2). */
  changed: boolean;
  /** The version the last publish made or returned, while it exists. */
  lastPublished: number | undefined;
  readonly versions: Set<number>;
  /** Alias name → primary version (`$LATEST` or a number). */
  readonly aliases: Map<string, string>;
}

interface Model {
  nowMs: number;
  readonly functions: Map<string, FunctionModel>;
}

interface Real {
  readonly twin: LambdaTwin;
}

type Tag = AwsError['_tag'];

/** What the model expects a call to answer: success (with a version), or one of some errors. */
type Verdict =
  | { readonly ok: true; readonly version?: string }
  | { readonly ok: false; readonly errors: ReadonlyArray<Tag> };

const ok = (version?: string): Verdict =>
  version === undefined ? { ok: true } : { ok: true, version };
const fails = (...errors: Tag[]): Verdict => ({ ok: false, errors });

const isPending = (model: Model, fn: FunctionModel): boolean => model.nowMs < fn.activatesAtMs;
const isUpdating = (model: Model, fn: FunctionModel): boolean => model.nowMs < fn.busyUntilMs;

/** Asserts the twin answered as the model expects; returns whether it succeeded. */
function agree(
  verdict: Verdict,
  result: Either<AwsError, AwsResponse<unknown>>,
  what: string,
): boolean {
  if (verdict.ok) {
    if (result._tag === 'Left') {
      return expect.fail(
        `${what}: expected success, got ${result.left._tag}: ${result.left.message}`,
      );
    }
    if (verdict.version !== undefined) {
      expect((result.right.body as { Version?: string }).Version, what).toBe(verdict.version);
    }
    return true;
  }
  if (result._tag === 'Right') {
    return expect.fail(`${what}: expected ${verdict.errors.join(' or ')}, got success`);
  }
  expect(verdict.errors, `${what}: ${result.left.message}`).toContain(result.left._tag);
  return false;
}

/** After every command: the twin's versions, aliases and states are the model's. */
function sameAsModel(model: Model, twin: LambdaTwin): void {
  for (const name of FUNCTIONS) {
    const fn = model.functions.get(name);
    const config = twin.call('GetFunctionConfiguration', { FunctionName: name });
    if (fn === undefined) {
      expect(config._tag, `${name} should not exist`).toBe('Left');
      continue;
    }
    if (config._tag === 'Left') return expect.fail(`${name} should exist: ${config.left.message}`);
    expect(config.right.body.State, name).toBe(isPending(model, fn) ? 'Pending' : 'Active');
    if (!isPending(model, fn)) {
      expect(config.right.body.LastUpdateStatus, name).toBe(
        isUpdating(model, fn) ? 'InProgress' : 'Successful',
      );
    }
    const versions = twin.call('ListVersionsByFunction', { FunctionName: name });
    if (versions._tag === 'Left') return expect.fail(versions.left.message);
    expect(versions.right.body.Versions.map((v) => v.Version)).toEqual([
      '$LATEST',
      ...[...fn.versions].sort((a, b) => a - b).map(String),
    ]);
    const aliases = twin.call('ListAliases', { FunctionName: name });
    if (aliases._tag === 'Left') return expect.fail(aliases.left.message);
    const actual = aliases.right.body.Aliases.map((a) => [a.Name, a.FunctionVersion] as const);
    expect(new Map(actual)).toEqual(fn.aliases);
  }
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

const FUNCTIONS = ['alpha', 'beta'] as const;
const ALIASES = ['live', 'prod'] as const;

abstract class Call implements fc.Command<Model, Real> {
  check(): boolean {
    return true;
  }
  /** What AWS answers to this call in the model's world. */
  abstract expected(model: Model): Verdict;
  /** Makes the call on the twin. */
  abstract call(twin: LambdaTwin): Either<AwsError, AwsResponse<unknown>>;
  /** Applies an accepted call to the model. */
  abstract apply(model: Model): void;
  abstract toString(): string;

  run(model: Model, real: Real): void {
    const verdict = this.expected(model);
    if (agree(verdict, this.call(real.twin), this.toString())) this.apply(model);
    sameAsModel(model, real.twin);
  }
}

class CreateFunctionCall extends Call {
  constructor(
    readonly name: string,
    readonly publish: boolean,
  ) {
    super();
  }
  expected(model: Model): Verdict {
    if (model.functions.has(this.name)) return fails('ResourceConflictException');
    return ok(this.publish ? '1' : '$LATEST');
  }
  call(twin: LambdaTwin) {
    return twin.call('CreateFunction', createFunctionInput(this.name, { Publish: this.publish }));
  }
  apply(model: Model): void {
    model.functions.set(this.name, {
      activatesAtMs: model.nowMs + ACTIVATION_MS,
      busyUntilMs: 0,
      nextVersion: this.publish ? 2 : 1,
      changed: !this.publish,
      lastPublished: this.publish ? 1 : undefined,
      versions: new Set(this.publish ? [1] : []),
      aliases: new Map(),
    });
  }
  toString(): string {
    return `CreateFunction(${this.name}${this.publish ? ', Publish' : ''})`;
  }
}

class AdvanceCall implements fc.Command<Model, Real> {
  constructor(readonly ms: number) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    real.twin.advance(this.ms);
    model.nowMs += this.ms;
    sameAsModel(model, real.twin);
  }
  toString(): string {
    return `advance(${String(this.ms)})`;
  }
}

/** UpdateFunctionConfiguration with a new description: the smallest change AWS counts (§3.2). */
class UpdateDescriptionCall extends Call {
  constructor(
    readonly name: string,
    readonly description: string,
  ) {
    super();
  }
  expected(model: Model): Verdict {
    const fn = model.functions.get(this.name);
    if (fn === undefined) return fails('ResourceNotFoundException');
    if (isPending(model, fn) || isUpdating(model, fn)) return fails('ResourceConflictException');
    return ok('$LATEST');
  }
  call(twin: LambdaTwin) {
    return twin.call('UpdateFunctionConfiguration', {
      FunctionName: this.name,
      Description: this.description,
    });
  }
  apply(model: Model): void {
    const fn = model.functions.get(this.name);
    if (fn === undefined) return;
    fn.changed = true;
    fn.busyUntilMs = model.nowMs + UPDATE_MS;
  }
  toString(): string {
    return `UpdateFunctionConfiguration(${this.name}, Description=${this.description})`;
  }
}

/** UpdateFunctionCode, optionally publishing in the same call (spec §2.3). */
class UpdateCodeCall extends Call {
  constructor(
    readonly name: string,
    readonly publish: boolean,
  ) {
    super();
  }
  expected(model: Model): Verdict {
    const fn = model.functions.get(this.name);
    if (fn === undefined) return fails('ResourceNotFoundException');
    if (isPending(model, fn) || isUpdating(model, fn)) return fails('ResourceConflictException');
    // With Publish the answer is the new version, always a new one, even for the same code.
    return ok(this.publish ? String(fn.nextVersion) : '$LATEST');
  }
  call(twin: LambdaTwin) {
    return twin.call('UpdateFunctionCode', {
      FunctionName: this.name,
      ZipFile: EMPTY_ZIP,
      Publish: this.publish,
    });
  }
  apply(model: Model): void {
    const fn = model.functions.get(this.name);
    if (fn === undefined) return;
    fn.busyUntilMs = model.nowMs + UPDATE_MS;
    fn.changed = !this.publish;
    if (this.publish) {
      fn.versions.add(fn.nextVersion);
      fn.lastPublished = fn.nextVersion;
      fn.nextVersion += 1;
    }
  }
  toString(): string {
    return `UpdateFunctionCode(${this.name}${this.publish ? ', Publish' : ''})`;
  }
}

class PublishVersionCall extends Call {
  constructor(readonly name: string) {
    super();
  }
  expected(model: Model): Verdict {
    const fn = model.functions.get(this.name);
    if (fn === undefined) return fails('ResourceNotFoundException');
    if (isPending(model, fn) || isUpdating(model, fn)) return fails('ResourceConflictException');
    // Nothing changed since the last publish: that version comes back (spec §3.2).
    if (!fn.changed && fn.lastPublished !== undefined) return ok(String(fn.lastPublished));
    return ok(String(fn.nextVersion));
  }
  call(twin: LambdaTwin) {
    return twin.call('PublishVersion', { FunctionName: this.name });
  }
  apply(model: Model): void {
    const fn = model.functions.get(this.name);
    if (fn === undefined || (!fn.changed && fn.lastPublished !== undefined)) return;
    fn.versions.add(fn.nextVersion);
    fn.lastPublished = fn.nextVersion;
    fn.nextVersion += 1;
    fn.changed = false;
  }
  toString(): string {
    return `PublishVersion(${this.name})`;
  }
}

/**
 * A release as people script it: change `$LATEST`, wait for the update, publish. Each of the three
 * calls is checked against the model on its own; bundling them only makes deep histories (several
 * versions, deletions, re-publishing) likely in short programs.
 */
class ReleaseCall implements fc.Command<Model, Real> {
  readonly #steps: ReadonlyArray<fc.Command<Model, Real>>;
  constructor(readonly name: string) {
    this.#steps = [
      new UpdateDescriptionCall(name, 'release'),
      new AdvanceCall(UPDATE_MS),
      new PublishVersionCall(name),
    ];
  }
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    for (const step of this.#steps) step.run(model, real);
  }
  toString(): string {
    return `release(${this.name})`;
  }
}

/** DeleteFunction with a numeric `Qualifier` (spec §2.7). */
class DeleteVersionCall extends Call {
  constructor(
    readonly name: string,
    readonly version: number,
  ) {
    super();
  }
  expected(model: Model): Verdict {
    const fn = model.functions.get(this.name);
    if (fn === undefined) return fails('ResourceNotFoundException');
    const referenced = [...fn.aliases.values()].includes(String(this.version));
    if (fn.versions.has(this.version) && referenced) return fails('ResourceConflictException');
    // A version that does not exist is deleted idempotently: 204 (spec §2.7).
    return ok();
  }
  call(twin: LambdaTwin) {
    return twin.call('DeleteFunction', {
      FunctionName: this.name,
      Qualifier: String(this.version),
    });
  }
  apply(model: Model): void {
    const fn = model.functions.get(this.name);
    if (fn === undefined) return;
    fn.versions.delete(this.version);
    if (fn.lastPublished === this.version) fn.lastPublished = undefined;
  }
  toString(): string {
    return `DeleteFunction(${this.name}, Qualifier=${String(this.version)})`;
  }
}

class DeleteFunctionCall extends Call {
  constructor(readonly name: string) {
    super();
  }
  expected(model: Model): Verdict {
    return model.functions.has(this.name) ? ok() : fails('ResourceNotFoundException');
  }
  call(twin: LambdaTwin) {
    return twin.call('DeleteFunction', { FunctionName: this.name });
  }
  apply(model: Model): void {
    // The function goes with all its versions and aliases (spec §2.7).
    model.functions.delete(this.name);
  }
  toString(): string {
    return `DeleteFunction(${this.name})`;
  }
}

class CreateAliasCall extends Call {
  constructor(
    readonly name: string,
    readonly alias: string,
    readonly version: string,
  ) {
    super();
  }
  expected(model: Model): Verdict {
    const fn = model.functions.get(this.name);
    if (fn === undefined) return fails('ResourceNotFoundException');
    const missing = this.version !== '$LATEST' && !fn.versions.has(Number(this.version));
    const exists = fn.aliases.has(this.alias);
    // The spec gives no order between these two checks, so either answer is AWS's.
    if (missing && exists) return fails('ResourceNotFoundException', 'ResourceConflictException');
    if (missing) return fails('ResourceNotFoundException');
    if (exists) return fails('ResourceConflictException');
    return ok();
  }
  call(twin: LambdaTwin) {
    return twin.call('CreateAlias', {
      FunctionName: this.name,
      Name: this.alias,
      FunctionVersion: this.version,
    });
  }
  apply(model: Model): void {
    model.functions.get(this.name)?.aliases.set(this.alias, this.version);
  }
  toString(): string {
    return `CreateAlias(${this.name}, ${this.alias} → ${this.version})`;
  }
}

class DeleteAliasCall extends Call {
  constructor(
    readonly name: string,
    readonly alias: string,
  ) {
    super();
  }
  expected(model: Model): Verdict {
    // Deleting a missing alias of an existing function is a 204 (spec §4.1).
    return model.functions.has(this.name) ? ok() : fails('ResourceNotFoundException');
  }
  call(twin: LambdaTwin) {
    return twin.call('DeleteAlias', { FunctionName: this.name, Name: this.alias });
  }
  apply(model: Model): void {
    model.functions.get(this.name)?.aliases.delete(this.alias);
  }
  toString(): string {
    return `DeleteAlias(${this.name}, ${this.alias})`;
  }
}

/** Mostly `alpha`, so that programs take one function through several versions. */
const nameArb = fc.oneof(
  { arbitrary: fc.constant('alpha'), weight: 4 },
  { arbitrary: fc.constant('beta'), weight: 1 },
);
const aliasArb = fc.constantFrom(...ALIASES);

/** The calls, weighted towards the ones that move a function through its versions. */
const weighted = <T>(weight: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T>[] =>
  Array.from({ length: weight }, () => arb);

const commandArbs: fc.Arbitrary<fc.Command<Model, Real>>[] = [
  ...weighted(
    2,
    fc.tuple(nameArb, fc.boolean()).map(([n, p]) => new CreateFunctionCall(n, p)),
  ),
  ...weighted(
    3,
    fc.constantFrom(0, 500, 1000, 1500).map((ms) => new AdvanceCall(ms)),
  ),
  ...weighted(
    4,
    fc.tuple(nameArb, fc.constantFrom('a', 'b')).map(([n, d]) => new UpdateDescriptionCall(n, d)),
  ),
  ...weighted(
    4,
    nameArb.map((n) => new PublishVersionCall(n)),
  ),
  ...weighted(
    2,
    fc.tuple(nameArb, fc.integer({ min: 1, max: 4 })).map(([n, v]) => new DeleteVersionCall(n, v)),
  ),
  ...weighted(
    2,
    fc.tuple(nameArb, fc.boolean()).map(([n, p]) => new UpdateCodeCall(n, p)),
  ),
  ...weighted(
    3,
    nameArb.map((n) => new ReleaseCall(n)),
  ),
  ...weighted(
    2,
    fc
      .tuple(nameArb, aliasArb, fc.constantFrom('1', '2', '3', '$LATEST'))
      .map(([n, a, v]) => new CreateAliasCall(n, a, v)),
  ),
  fc.tuple(nameArb, aliasArb).map(([n, a]) => new DeleteAliasCall(n, a)),
  nameArb.map((n) => new DeleteFunctionCall(n)),
];

describe('Lambda twin against a simple model', () => {
  it(
    'agrees with the model on every call: success or the error, and every version number',
    () => {
      fc.assert(
        fc.property(fc.commands(commandArbs, { maxCommands: 30, size: 'max' }), (commands) => {
          fc.modelRun(
            () => ({ model: { nowMs: 0, functions: new Map() }, real: { twin: new LambdaTwin() } }),
            commands,
          );
        }),
      );
    },
    TIMEOUT_MS,
  );
});
