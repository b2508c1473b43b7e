/**
 * Arbitraries for the property tests: random *sequences of steps* over a small universe of names,
 * generated as plain data and only turned into commands while they are folded through the real
 * `decide` + `evolveAll`. No state object is ever generated (DESIGN §5).
 *
 * A step names what it wants symbolically where the right value only exists at run time: the code
 * package (`'zipA'`, `'hugeZip'`, …), a RevisionId (`'current'` is the one the state holds at that
 * moment, `'wrong'` a well-formed id that never is) and a CodeSha256. Everything else is concrete
 * request data, so a shrunk counterexample reads as the list of AWS calls that produced it.
 */
import fc from 'fast-check';
import type { AwsError } from '../../src/kernel/errors.js';
import type { Either } from '../../src/kernel/fp.js';
import {
  decide,
  evolveAll,
  initialState,
  type LambdaCommand,
  type LambdaEvent,
  type LambdaState,
} from '../../src/lambda.js';
import {
  ACCOUNT,
  EMPTY_ZIP,
  OTHER_ROLE,
  REGION,
  ROLE,
  T0,
  arnOf,
  command,
} from '../support/scenario.js';
import { aliasesOf, functionOf } from './view.js';

// ---------------------------------------------------------------------------------------------
// The universe
// ---------------------------------------------------------------------------------------------

/** The function names the steps play with. */
export const FUNCTION_NAMES = ['alpha', 'beta'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** Alias names: valid ones, and `2024`, which is all digits and so invalid (spec §1.3). */
export const ALIAS_NAMES = ['live', 'prod', 'v-2024', '2024'] as const;

/** Versions: the numbers that can exist, `$LATEST`, and junk. */
export const VERSIONS = ['1', '2', '3', '4', '$LATEST'] as const;
export const JUNK_VERSIONS = ['$latest', 'v1', '0x1', ''] as const;

/**
 * How a step writes the function's name in `FunctionName` (or `Resource` for the tagging
 * operations, where the plain form is a bare name, which the ARN-only pattern rejects).
 */
export type NameForm =
  | 'plain'
  | 'latest'
  | 'qualified'
  | 'arn'
  | 'partial'
  | 'otherAccount'
  | 'otherRegion'
  | 'invalid'
  | 'tooLong';

/** Another account than the model's own: AccessDeniedException territory (spec §1.4). */
export const OTHER_ACCOUNT = '210987654321';

/** Writes `fn` in the given form. */
export function functionNameOf(fn: FunctionName, form: NameForm): string {
  switch (form) {
    case 'plain':
      return fn;
    case 'latest':
      return `${fn}:$LATEST`;
    case 'qualified':
      return `${fn}:1`;
    case 'arn':
      return arnOf(fn);
    case 'partial':
      return `${ACCOUNT}:function:${fn}`;
    case 'otherAccount':
      return `arn:aws:lambda:${REGION}:${OTHER_ACCOUNT}:function:${fn}`;
    case 'otherRegion':
      return `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${fn}`;
    case 'invalid':
      return `${fn} name!`;
    case 'tooLong':
      return fn.padEnd(65, 'x');
  }
}

/** Writes the `Resource` of TagResource/UntagResource for `fn` in the given form. */
export function resourceOf(fn: FunctionName, form: NameForm): string {
  switch (form) {
    case 'plain':
    case 'arn':
      return arnOf(fn);
    case 'latest':
      return arnOf(fn, '$LATEST');
    case 'qualified':
      return arnOf(fn, '1');
    case 'partial':
      return `${ACCOUNT}:function:${fn}`;
    case 'otherAccount':
    case 'otherRegion':
    case 'invalid':
    case 'tooLong':
      return functionNameOf(fn, form);
  }
}

/** The code package a step uploads, resolved to bytes or a location at run time. */
export type CodeRef = 'zipA' | 'zipB' | 'zipBase64' | 's3' | 'badZip' | 'hugeZip' | 'none';
/** A RevisionId precondition: the one in the state right now, or one that never matches. */
export type RevisionRef = 'current' | 'wrong';

/** A well-formed RevisionId that the model never hands out. */
export const WRONG_REVISION_ID = '00000000-0000-4000-8000-000000000000';
/** A well-formed CodeSha256 that no package in the universe has. */
export const WRONG_CODE_SHA = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** A second valid zip: the empty archive with a 3-byte comment, so another CodeSha256. */
const ZIP_B = new Uint8Array([...EMPTY_ZIP, 1, 2, 3]);
const BAD_ZIP = new Uint8Array([1, 2, 3, 4]);
let hugeZip: Uint8Array | undefined;
/** One byte over the 50 MB direct-upload limit (spec §2.1), allocated once, on first use. */
function hugeZipBytes(): Uint8Array {
  hugeZip ??= new Uint8Array(52_428_801);
  return hugeZip;
}

/** The `Code` members a `CodeRef` stands for. */
export function codeOf(ref: CodeRef): {
  ZipFile?: Uint8Array | string;
  S3Bucket?: string;
  S3Key?: string;
} {
  switch (ref) {
    case 'zipA':
      return { ZipFile: EMPTY_ZIP };
    case 'zipB':
      return { ZipFile: ZIP_B };
    case 'zipBase64':
      return { ZipFile: Buffer.from(ZIP_B).toString('base64') };
    case 's3':
      return { S3Bucket: 'code-bucket', S3Key: 'fn.zip' };
    case 'badZip':
      return { ZipFile: BAD_ZIP };
    case 'hugeZip':
      return { ZipFile: hugeZipBytes() };
    case 'none':
      return {};
  }
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

interface Targeted {
  readonly fn: FunctionName;
  readonly form: NameForm;
}

/** The configuration members CreateFunction and UpdateFunctionConfiguration steps may set. */
export interface ConfigData {
  readonly Role?: string;
  readonly Runtime?: string;
  readonly Description?: string;
  readonly MemorySize?: number;
  readonly Timeout?: number;
  readonly DeadLetterConfig?: { readonly TargetArn: string };
  readonly Environment?: { readonly Variables: Readonly<Record<string, string>> };
}

/** One thing that happens: a command, after the clock moved by `advanceMs`. */
export type Op =
  | { readonly op: 'AdvanceClock' }
  | (Targeted & {
      readonly op: 'CreateFunction';
      readonly code: CodeRef;
      /** Leave `Role` out altogether (it is required, spec §2.1). */
      readonly omitRole: boolean;
      readonly publish?: boolean;
      readonly config: ConfigData;
      readonly tags?: Readonly<Record<string, string>>;
    })
  | (Targeted & {
      readonly op: 'UpdateFunctionCode';
      readonly code: CodeRef;
      readonly publish?: boolean;
      readonly revision?: RevisionRef;
      readonly architecture?: string;
    })
  | (Targeted & {
      readonly op: 'UpdateFunctionConfiguration';
      readonly config: ConfigData;
      readonly revision?: RevisionRef;
    })
  | (Targeted & {
      readonly op: 'PublishVersion';
      readonly description?: string;
      readonly codeSha?: 'current' | 'wrong';
      readonly revision?: RevisionRef;
    })
  | (Targeted & { readonly op: 'DeleteFunction'; readonly qualifier?: string })
  | (Targeted & {
      readonly op: 'CreateAlias';
      readonly name: string;
      readonly version: string;
      readonly description?: string;
      readonly routing?: Readonly<Record<string, number>>;
    })
  | (Targeted & {
      readonly op: 'UpdateAlias';
      readonly name: string;
      readonly version?: string;
      readonly routing?: Readonly<Record<string, number>>;
      readonly revision?: RevisionRef;
    })
  | (Targeted & { readonly op: 'DeleteAlias'; readonly name: string })
  | (Targeted & { readonly op: 'TagResource'; readonly tags: Readonly<Record<string, string>> })
  | (Targeted & { readonly op: 'UntagResource'; readonly keys: ReadonlyArray<string> })
  | (Targeted & { readonly op: 'PutFunctionConcurrency'; readonly reserved: number })
  | (Targeted & { readonly op: 'DeleteFunctionConcurrency' });

/** A step: time passes by `advanceMs`, then `op` is decided at the new time. */
export type Step = { readonly advanceMs: number } & Op;

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

/** Mostly `alpha`, so that versions and aliases pile up on one function. */
const fnArb: fc.Arbitrary<FunctionName> = fc.oneof(
  { arbitrary: fc.constant<FunctionName>('alpha'), weight: 3 },
  { arbitrary: fc.constantFrom(...FUNCTION_NAMES), weight: 1 },
);

/** Mostly the plain name, so that most commands reach the rules past name resolution. */
export const nameFormArb: fc.Arbitrary<NameForm> = fc.oneof(
  { arbitrary: fc.constant<NameForm>('plain'), weight: 24 },
  { arbitrary: fc.constantFrom<NameForm>('latest', 'arn', 'partial'), weight: 3 },
  {
    arbitrary: fc.constantFrom<NameForm>(
      'qualified',
      'otherAccount',
      'otherRegion',
      'invalid',
      'tooLong',
    ),
    weight: 1,
  },
);

const revisionArb: fc.Arbitrary<RevisionRef> = fc.oneof(
  { arbitrary: fc.constant<RevisionRef>('current'), weight: 3 },
  { arbitrary: fc.constant<RevisionRef>('wrong'), weight: 1 },
);

const codeArb: fc.Arbitrary<CodeRef> = fc.oneof(
  { arbitrary: fc.constantFrom<CodeRef>('zipA', 'zipB', 'zipBase64', 's3'), weight: 16 },
  { arbitrary: fc.constantFrom<CodeRef>('badZip', 'hugeZip', 'none'), weight: 1 },
);

/** A version in the universe, sometimes junk. */
export const versionArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom('1', '2', '$LATEST'), weight: 8 },
  { arbitrary: fc.constantFrom(...VERSIONS), weight: 4 },
  { arbitrary: fc.constantFrom(...JUNK_VERSIONS), weight: 1 },
);

/** Routing weights: valid, boundary (spec §4.2 allows 0.0 and 1.0) and invalid ones. */
export const weightArb: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.double({ min: 0.01, max: 0.99, noNaN: true }), weight: 6 },
  { arbitrary: fc.constantFrom(0, 1, 0.5), weight: 2 },
  { arbitrary: fc.constantFrom(-0.5, 1.5, 2, Number.NaN), weight: 1 },
);

/** `AdditionalVersionWeights`: usually one entry, sometimes none, two, or a junk key. */
export const routingArb: fc.Arbitrary<Readonly<Record<string, number>>> = fc.oneof(
  {
    arbitrary: fc.tuple(fc.constantFrom('1', '2', '3'), weightArb).map(([v, w]) => ({ [v]: w })),
    weight: 8,
  },
  { arbitrary: fc.constant({}), weight: 1 },
  {
    arbitrary: fc.dictionary(fc.constantFrom('1', '2', '3', '$LATEST', 'x'), weightArb, {
      minKeys: 1,
      maxKeys: 2,
    }),
    weight: 1,
  },
);

const aliasNameArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant('live'), weight: 6 },
  { arbitrary: fc.constantFrom('prod', 'v-2024'), weight: 3 },
  { arbitrary: fc.constantFrom(...ALIAS_NAMES), weight: 1 },
);

/** Configuration members; each can be left out, valid, or out of range (spec §2.1, §7.2). */
export const configArb: fc.Arbitrary<ConfigData> = fc.record(
  {
    Role: fc.oneof(
      { arbitrary: fc.constant(ROLE), weight: 12 },
      { arbitrary: fc.constantFrom(OTHER_ROLE, 'r1'), weight: 1 },
    ),
    Runtime: fc.oneof(
      { arbitrary: fc.constantFrom('nodejs22.x', 'python3.12'), weight: 12 },
      { arbitrary: fc.constantFrom('nodejs99.x', 'PYTHON3.9', 'python3.7'), weight: 1 },
    ),
    Description: fc.constantFrom('', 'first', 'second'),
    MemorySize: fc.oneof(
      { arbitrary: fc.constantFrom(128, 256, 1769, 10_240), weight: 12 },
      { arbitrary: fc.constantFrom(0, 127, 10_241), weight: 1 },
    ),
    Timeout: fc.oneof(
      { arbitrary: fc.constantFrom(1, 3, 30, 900), weight: 12 },
      { arbitrary: fc.constantFrom(0, 901), weight: 1 },
    ),
    DeadLetterConfig: fc.record({
      TargetArn: fc.oneof(
        { arbitrary: fc.constant(''), weight: 3 },
        { arbitrary: fc.constant(`arn:aws:sqs:${REGION}:${ACCOUNT}:dlq`), weight: 1 },
      ),
    }),
    Environment: fc.record({
      Variables: fc.oneof(
        { arbitrary: fc.constantFrom({ STAGE: 'test' }, {}), weight: 6 },
        { arbitrary: fc.constant({ AWS_REGION: 'x' }), weight: 1 },
      ),
    }),
  },
  { requiredKeys: [] },
);

const tagsArb = fc.dictionary(fc.constantFrom('team', 'env', 'cost'), fc.constantFrom('a', 'b'), {
  maxKeys: 3,
});

const targeted = <T extends object>(
  rest: fc.Arbitrary<T>,
): fc.Arbitrary<T & { fn: FunctionName; form: NameForm }> =>
  fc.tuple(fnArb, nameFormArb, rest).map(([fn, form, r]) => ({ ...r, fn, form }));

const createArb: fc.Arbitrary<Op> = fc.oneof(
  // Mostly a plain, valid create: the rest of the sequence needs functions to act on.
  {
    arbitrary: fc
      .record(
        {
          fn: fnArb,
          publish: fc.boolean(),
          code: fc.constantFrom<CodeRef>('zipA', 'zipB', 's3'),
          config: fc.record(
            {
              Description: fc.constantFrom('', 'first'),
              Role: fc.oneof(
                { arbitrary: fc.constant(ROLE), weight: 4 },
                { arbitrary: fc.constant(OTHER_ROLE), weight: 1 },
              ),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: ['fn', 'code', 'config'] },
      )
      .map((r) => ({
        ...r,
        op: 'CreateFunction' as const,
        form: 'plain' as const,
        omitRole: false,
      })),
    weight: 3,
  },
  {
    arbitrary: targeted(
      fc.record(
        {
          code: codeArb,
          omitRole: fc.boolean(),
          publish: fc.boolean(),
          config: configArb,
          tags: tagsArb,
        },
        { requiredKeys: ['code', 'omitRole', 'config'] },
      ),
    ).map((r) => ({ ...r, op: 'CreateFunction' as const })),
    weight: 1,
  },
);

const updateCodeArb: fc.Arbitrary<Op> = targeted(
  fc.record(
    {
      code: codeArb,
      publish: fc.boolean(),
      revision: revisionArb,
      architecture: fc.oneof(
        { arbitrary: fc.constantFrom('x86_64', 'arm64'), weight: 8 },
        { arbitrary: fc.constant('ARM64'), weight: 1 },
      ),
    },
    { requiredKeys: ['code'] },
  ),
).map((r) => ({ ...r, op: 'UpdateFunctionCode' as const }));

const updateConfigArb: fc.Arbitrary<Op> = targeted(
  fc.record({ config: configArb, revision: revisionArb }, { requiredKeys: ['config'] }),
).map((r) => ({ ...r, op: 'UpdateFunctionConfiguration' as const }));

const publishArb: fc.Arbitrary<Op> = targeted(
  fc.record(
    {
      description: fc.constantFrom('release', ''),
      codeSha: fc.oneof(
        { arbitrary: fc.constant<'current' | 'wrong'>('current'), weight: 3 },
        { arbitrary: fc.constant<'current' | 'wrong'>('wrong'), weight: 1 },
      ),
      revision: revisionArb,
    },
    { requiredKeys: [] },
  ),
).map((r) => ({ ...r, op: 'PublishVersion' as const }));

const deleteFunctionArb: fc.Arbitrary<Op> = targeted(
  fc.record(
    { qualifier: fc.oneof(versionArb, fc.constantFrom(...ALIAS_NAMES)) },
    { requiredKeys: [] },
  ),
).map((r) => ({ ...r, op: 'DeleteFunction' as const }));

/** Sometimes leave a member out: `undefined` `weight` times out of `weight + 1`. */
const sometimes = <T>(arb: fc.Arbitrary<T>, weight = 1): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight }, { arbitrary: arb, weight: 1 });

const createAliasArb: fc.Arbitrary<Op> = targeted(
  fc.tuple(
    aliasNameArb,
    versionArb,
    sometimes(fc.constantFrom('', 'blue')),
    sometimes(routingArb, 2),
  ),
).map(({ fn, form, 0: name, 1: version, 2: description, 3: routing }) => ({
  op: 'CreateAlias' as const,
  fn,
  form,
  name,
  version,
  ...(description === undefined ? {} : { description }),
  ...(routing === undefined ? {} : { routing }),
}));

const updateAliasArb: fc.Arbitrary<Op> = targeted(
  fc.record(
    { name: aliasNameArb, version: versionArb, routing: routingArb, revision: revisionArb },
    { requiredKeys: ['name'] },
  ),
).map((r) => ({ ...r, op: 'UpdateAlias' as const }));

const deleteAliasArb: fc.Arbitrary<Op> = targeted(fc.record({ name: aliasNameArb })).map((r) => ({
  ...r,
  op: 'DeleteAlias' as const,
}));

const tagArb: fc.Arbitrary<Op> = targeted(fc.record({ tags: tagsArb })).map((r) => ({
  ...r,
  op: 'TagResource' as const,
}));

const untagArb: fc.Arbitrary<Op> = targeted(
  fc.record({
    keys: fc.uniqueArray(fc.constantFrom('team', 'env', 'cost', 'missing'), { maxLength: 3 }),
  }),
).map((r) => ({ ...r, op: 'UntagResource' as const }));

// Reservations around the account's 1,000 limit and its 100 minimum unreserved, and invalid ones.
const reserveArb: fc.Arbitrary<Op> = targeted(
  fc.record({
    reserved: fc.oneof(
      fc.constantFrom(0, 1, 450, 900, 901, -1, 1.5),
      fc.integer({ min: 0, max: 1_000 }),
    ),
  }),
).map((r) => ({ ...r, op: 'PutFunctionConcurrency' as const }));

const unreserveArb: fc.Arbitrary<Op> = targeted(fc.constant({})).map((r) => ({
  ...r,
  op: 'DeleteFunctionConcurrency' as const,
}));

/** One operation, weighted towards the ones that build up state. */
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: createArb, weight: 5 },
  { arbitrary: fc.constant<Op>({ op: 'AdvanceClock' }), weight: 2 },
  { arbitrary: updateCodeArb, weight: 3 },
  { arbitrary: updateConfigArb, weight: 3 },
  { arbitrary: publishArb, weight: 5 },
  { arbitrary: deleteFunctionArb, weight: 3 },
  { arbitrary: createAliasArb, weight: 4 },
  { arbitrary: updateAliasArb, weight: 3 },
  { arbitrary: deleteAliasArb, weight: 2 },
  { arbitrary: tagArb, weight: 1 },
  { arbitrary: untagArb, weight: 1 },
  { arbitrary: reserveArb, weight: 2 },
  { arbitrary: unreserveArb, weight: 1 },
);

/** How far the clock moves before a step: often not at all, otherwise up to 3 s. */
export const advanceArb: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constant(0), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 3000 }), weight: 2 },
);

/** One step. */
export const stepArb: fc.Arbitrary<Step> = fc
  .tuple(advanceArb, opArb)
  .map(([advanceMs, op]) => ({ advanceMs, ...op }));

/**
 * A plain, valid CreateFunction, often followed by the wait that makes the function Active:
 * sequences usually open with one or two of these.
 */
const openingArb: fc.Arbitrary<ReadonlyArray<Step>> = fc
  .tuple(fnArb, fc.boolean(), fc.boolean())
  .map(([fn, publish, wait]) => [
    {
      advanceMs: 0,
      op: 'CreateFunction',
      fn,
      form: 'plain',
      code: 'zipA',
      omitRole: false,
      config: {},
      ...(publish ? { publish } : {}),
    },
    ...(wait ? [{ advanceMs: 1000, op: 'AdvanceClock' } as const] : []),
  ]);

/**
 * A release, the way people do it: change `$LATEST`'s description, wait for the update to
 * finish, publish. Generated together so that sequences reach several versions (and so weighted
 * aliases); each is still an ordinary step, which shrinking may drop.
 */
const releaseArb: fc.Arbitrary<ReadonlyArray<Step>> = fc
  .tuple(fnArb, fc.constantFrom('first', 'second', 'third'), fc.integer({ min: 1000, max: 3000 }))
  .map(([fn, description, waitMs]) => [
    {
      advanceMs: 0,
      op: 'UpdateFunctionConfiguration',
      fn,
      form: 'plain',
      config: { Description: description },
    },
    { advanceMs: waitMs, op: 'PublishVersion', fn, form: 'plain' },
  ]);

/**
 * A canary, the way people do it: point an alias at one version, then shift a share of its
 * traffic to another.
 */
const canaryArb: fc.Arbitrary<ReadonlyArray<Step>> = fc
  .tuple(
    fnArb,
    fc.oneof({ arbitrary: fc.constant('1'), weight: 3 }, fc.constantFrom('2', '$LATEST')),
    fc.oneof({ arbitrary: fc.constant('2'), weight: 3 }, fc.constantFrom('1', '3')),
    weightArb,
  )
  .map(([fn, from, to, weight]) => [
    { advanceMs: 0, op: 'CreateAlias', fn, form: 'plain', name: 'live', version: from },
    {
      advanceMs: 0,
      op: 'UpdateAlias',
      fn,
      form: 'plain',
      name: 'live',
      routing: { [to]: weight },
      revision: 'current',
    },
  ]);

/**
 * A sequence of steps (at most `maxLength`, 25 by default). It often opens with a valid create or
 * two and mixes in releases, so that the rest of the sequence has functions, versions and aliases
 * to act on.
 */
export const stepsArb = (maxLength = 25): fc.Arbitrary<ReadonlyArray<Step>> =>
  fc
    .tuple(
      fc.array(openingArb, { minLength: 1, maxLength: 2 }).map((chunks) => chunks.flat()),
      fc.array(
        fc.oneof(
          { arbitrary: stepArb.map((step) => [step]), weight: 8 },
          { arbitrary: releaseArb, weight: 2 },
          { arbitrary: canaryArb, weight: 1 },
        ),
        { minLength: 1, maxLength: maxLength - 2 },
      ),
    )
    .map(([opening, chunks]) => [...opening, ...chunks.flat()].slice(0, maxLength));

// ---------------------------------------------------------------------------------------------
// From steps to commands, and folding
// ---------------------------------------------------------------------------------------------

function revisionOf(
  ref: RevisionRef | undefined,
  current: string | undefined,
): { RevisionId?: string } {
  if (ref === undefined) return {};
  if (ref === 'wrong') return { RevisionId: WRONG_REVISION_ID };
  return current === undefined ? {} : { RevisionId: current };
}

/**
 * The state a reader sees at `now`: the transitions due by then applied (what GetFunction would
 * answer just before the step). Used only to resolve symbolic RevisionIds and CodeSha256s.
 */
function seenAt(state: LambdaState, now: number): LambdaState {
  const due = decide(
    { type: 'AdvanceClock', input: { to: now }, meta: { now, requestId: 'read' } },
    state,
  );
  return due._tag === 'Right' && due.right.length > 0 ? evolveAll(state, due.right) : state;
}

/**
 * Turns a step into the command it stands for at time `now`, reading the state only to resolve
 * the symbolic RevisionId and CodeSha256 (as a caller would, from a read just before the call).
 */
export function toCommand(step: Step, before: LambdaState, now: number): LambdaCommand {
  if (step.op === 'AdvanceClock') {
    return {
      type: 'AdvanceClock',
      input: { to: now },
      meta: { now, requestId: `req-${String(now)}` },
    };
  }
  const FunctionName = functionNameOf(step.fn, step.form);
  const state =
    step.op === 'UpdateAlias' || 'revision' in step || 'codeSha' in step
      ? seenAt(before, now)
      : before;
  const latest = functionOf(state, step.fn)?.latest;
  switch (step.op) {
    case 'CreateFunction': {
      const input = {
        FunctionName,
        Role: ROLE,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: codeOf(step.code),
        ...step.config,
        ...(step.publish === undefined ? {} : { Publish: step.publish }),
        ...(step.tags === undefined ? {} : { Tags: step.tags }),
      };
      if (step.omitRole) {
        const { Role: _omitted, ...withoutRole } = input;
        // The request arrives without its required Role, as a caller's untyped JSON would.
        return command('CreateFunction', withoutRole as typeof input, now);
      }
      return command('CreateFunction', input, now);
    }
    case 'UpdateFunctionCode':
      return command(
        'UpdateFunctionCode',
        {
          FunctionName,
          ...codeOf(step.code),
          ...(step.publish === undefined ? {} : { Publish: step.publish }),
          ...(step.architecture === undefined ? {} : { Architectures: [step.architecture] }),
          ...revisionOf(step.revision, latest?.revisionId),
        },
        now,
      );
    case 'UpdateFunctionConfiguration':
      return command(
        'UpdateFunctionConfiguration',
        { FunctionName, ...step.config, ...revisionOf(step.revision, latest?.revisionId) },
        now,
      );
    case 'PublishVersion': {
      const sha =
        step.codeSha === undefined
          ? {}
          : step.codeSha === 'wrong'
            ? { CodeSha256: WRONG_CODE_SHA }
            : latest === undefined
              ? {}
              : { CodeSha256: latest.code.codeSha256 };
      return command(
        'PublishVersion',
        {
          FunctionName,
          ...(step.description === undefined ? {} : { Description: step.description }),
          ...sha,
          ...revisionOf(step.revision, latest?.revisionId),
        },
        now,
      );
    }
    case 'DeleteFunction':
      return command(
        'DeleteFunction',
        { FunctionName, ...(step.qualifier === undefined ? {} : { Qualifier: step.qualifier }) },
        now,
      );
    case 'CreateAlias':
      return command(
        'CreateAlias',
        {
          FunctionName,
          Name: step.name,
          FunctionVersion: step.version,
          ...(step.description === undefined ? {} : { Description: step.description }),
          ...(step.routing === undefined
            ? {}
            : { RoutingConfig: { AdditionalVersionWeights: step.routing } }),
        },
        now,
      );
    case 'UpdateAlias':
      return command(
        'UpdateAlias',
        {
          FunctionName,
          Name: step.name,
          ...(step.version === undefined ? {} : { FunctionVersion: step.version }),
          ...(step.routing === undefined
            ? {}
            : { RoutingConfig: { AdditionalVersionWeights: step.routing } }),
          ...revisionOf(
            step.revision,
            aliasesOf(state, step.fn).find(([name]) => name === step.name)?.[1].revisionId,
          ),
        },
        now,
      );
    case 'DeleteAlias':
      return command('DeleteAlias', { FunctionName, Name: step.name }, now);
    case 'TagResource':
      return command(
        'TagResource',
        { Resource: resourceOf(step.fn, step.form), Tags: step.tags },
        now,
      );
    case 'UntagResource':
      return command(
        'UntagResource',
        { Resource: resourceOf(step.fn, step.form), TagKeys: step.keys },
        now,
      );
    case 'PutFunctionConcurrency':
      return command(
        'PutFunctionConcurrency',
        { FunctionName, ReservedConcurrentExecutions: step.reserved },
        now,
      );
    case 'DeleteFunctionConcurrency':
      return command('DeleteFunctionConcurrency', { FunctionName }, now);
  }
}

/** What happened at one step of a fold. */
export interface Outcome {
  readonly step: Step;
  readonly command: LambdaCommand;
  readonly before: LambdaState;
  readonly result: Either<AwsError, ReadonlyArray<LambdaEvent>>;
  readonly after: LambdaState;
  /** The log length before the step. */
  readonly logLength: number;
}

/** The end of a fold: the final state, the whole log, and every step's outcome. */
export interface Trace {
  readonly state: LambdaState;
  readonly log: ReadonlyArray<LambdaEvent>;
  readonly outcomes: ReadonlyArray<Outcome>;
}

/** What a fold may be given: a spy on each outcome, and a stand-in for `decide` that wraps it. */
export interface FoldOptions {
  readonly observe?: (outcome: Outcome, log: ReadonlyArray<LambdaEvent>) => void;
  readonly decide?: typeof decide;
}

/**
 * Folds steps through the real `decide` + `evolveAll` from an empty account at `T0`. A rejected
 * command records nothing.
 */
export function fold(steps: ReadonlyArray<Step>, options: FoldOptions = {}): Trace {
  const decideWith = options.decide ?? decide;
  let state = initialState();
  let now = T0;
  const log: LambdaEvent[] = [];
  const outcomes: Outcome[] = [];
  for (const step of steps) {
    now += step.advanceMs;
    const cmd = toCommand(step, state, now);
    const before = state;
    const logLength = log.length;
    const result = decideWith(cmd, state);
    if (result._tag === 'Right' && result.right.length > 0) {
      state = evolveAll(state, result.right);
      log.push(...result.right);
    }
    const outcome: Outcome = { step, command: cmd, before, result, after: state, logLength };
    outcomes.push(outcome);
    options.observe?.(outcome, log);
  }
  return { state, log, outcomes };
}
