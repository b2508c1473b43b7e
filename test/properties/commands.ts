/**
 * Arbitraries for the property tests: random *sequences of steps* over a small universe of names,
 * generated as plain data and only turned into commands while they are folded through the real
 * `decide` + `evolveAll`. No state object is ever generated (DESIGN §5).
 *
 * A step names what it wants symbolically where the right value only exists at run time: the code
 * package (`'zipA'`, `'hugeZip'`, …), a RevisionId (`'current'` is the one the state holds at that
 * moment, `'wrong'` a well-formed id that never is) and a CodeSha256. Everything else is concrete
 * request data, so a shrunk counterexample reads as the list of AWS calls that produced it.
 *
 * A program also picks the account's settings (`settingsArb`): small concurrency limits, scaling
 * rates and delays make throttles, provisioned environments and reclaims reachable in a few
 * steps. Invocations are named the same way as everything else: an Invoke carries its own request
 * id, and a CompleteInvocation picks a running invocation by index when the fold reaches it.
 */
import fc from 'fast-check';
import type { AwsError } from '../../src/kernel/errors.js';
import type { Either } from '../../src/kernel/fp.js';
import type { LambdaSettingsInput } from '../../src/kernel/settings.js';
import type { Invoke, InvocationType } from '../../src/invocation/commands.js';
import { react } from '../../src/async/react.js';
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
import { aliasesOf, functionOf, runningEventRequestIds, runningRequestIds } from './view.js';

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

/**
 * An Invoke payload: JSON, nothing, not JSON, or a 100-byte JSON value, over the `Event` limit of
 * the small-payload accounts of `settingsArb`. (Payloads and responses over AWS's real limits —
 * 1 MB, 6 MB — are left to the example tests: measuring one costs the model a third of a second.)
 */
export type PayloadRef = 'json' | 'empty' | 'notJson' | 'truncated' | 'large';
/** A handler's response. */
export type ResponseRef = 'json' | 'string';

/** The text an Invoke step sends as `Payload` (absent for `'empty'`). */
export function payloadOf(ref: PayloadRef): string | undefined {
  switch (ref) {
    case 'json':
      return '{"order":42,"items":["a","b"]}';
    case 'empty':
      return undefined;
    case 'notJson':
      return 'not json';
    case 'truncated':
      return '{"order":';
    case 'large':
      return `"${'x'.repeat(98)}"`;
  }
}

/** The text a CompleteInvocation step reports as the handler's response. */
export function responseOf(ref: ResponseRef): string {
  switch (ref) {
    case 'json':
      return '{"ok":true}';
    case 'string':
      return '"done"';
  }
}

/** The `Event` payload limit of the small-payload accounts: the `'large'` payload is over it. */
export const SMALL_ASYNC_PAYLOAD_LIMIT = 64;

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
  | (Targeted & { readonly op: 'DeleteFunctionConcurrency' })
  | (Targeted & {
      readonly op: 'PutProvisionedConcurrencyConfig';
      /** A version or alias; absent leaves the required `Qualifier` out. */
      readonly qualifier?: string;
      readonly provisioned: number;
    })
  | (Targeted & { readonly op: 'DeleteProvisionedConcurrencyConfig'; readonly qualifier?: string })
  | (Targeted & {
      readonly op: 'Invoke';
      /**
       * The request id (`meta.requestId`): unique per step, given by `programArb` from the step's
       * position, so that it stays the same when other steps are dropped.
       */
      readonly requestId?: string;
      /** Reuse the id of the running invocation at this index (modulo), when one runs. */
      readonly reuseRunning?: number;
      readonly qualifier?: string;
      readonly invocationType?: string;
      readonly logType?: string;
      readonly payload?: PayloadRef;
      /** The caller's routing draw (`Invoke.model.routingDraw`). */
      readonly routingDraw?: number;
      readonly initDurationMs?: number;
    })
  | (Targeted & {
      readonly op: 'PutFunctionEventInvokeConfig' | 'UpdateFunctionEventInvokeConfig';
      readonly qualifier?: string;
      readonly retries?: number;
      readonly maxAgeSeconds?: number;
      readonly onSuccess?: string;
      readonly onFailure?: string;
    })
  | (Targeted & { readonly op: 'DeleteFunctionEventInvokeConfig'; readonly qualifier?: string })
  | {
      readonly op: 'CompleteInvocation';
      /** The running invocation at this index (modulo the sorted running ids), or an unknown id. */
      readonly pick: number | 'unknown';
      /** Pick among the running attempts of queued `Event` invocations only. */
      readonly only?: 'Event';
      readonly durationMs: number;
      readonly response?: ResponseRef;
      readonly functionError?: boolean;
    }
  | {
      /**
       * Decides a follow-up command that `react` returned for an event of the log so far (an
       * Invoke of a Lambda destination), picked by index among those not yet accepted; with none
       * pending, the clock just moves.
       */
      readonly op: 'React';
      readonly pick: number;
    };

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

/** Sometimes leave a member out: `undefined` `weight` times out of `weight + 1`. */
const sometimes = <T>(arb: fc.Arbitrary<T>, weight = 1): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight }, { arbitrary: arb, weight: 1 });

/** The members that may be `undefined`, made optional instead. */
type Optionalised<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
} & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> };

/** Leaves out the members that are `undefined` (as a caller's JSON would). */
function withoutUndefined<T extends object>(record: T): Optionalised<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as Optionalised<T>;
}

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

// Reservations around the account's 1,000 limit and its 100 minimum unreserved, invalid ones,
// and small ones, which the small accounts of `settingsArb` can afford and invocations exhaust.
const reserveArb: fc.Arbitrary<Op> = targeted(
  fc.record({
    reserved: fc.oneof(
      { arbitrary: fc.constantFrom(0, 1, 450, 900, 901, -1, 1.5), weight: 1 },
      { arbitrary: fc.integer({ min: 0, max: 1_000 }), weight: 1 },
      { arbitrary: fc.constantFrom(1, 2, 3, 5), weight: 2 },
    ),
  }),
).map((r) => ({ ...r, op: 'PutFunctionConcurrency' as const }));

const unreserveArb: fc.Arbitrary<Op> = targeted(fc.constant({})).map((r) => ({
  ...r,
  op: 'DeleteFunctionConcurrency' as const,
}));

/** A provisioned-concurrency qualifier: mostly a version or alias, sometimes `$LATEST` or junk. */
const provisionedQualifierArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constantFrom('1', 'live'), weight: 6 },
  { arbitrary: fc.constantFrom('2', '3', 'prod'), weight: 3 },
  { arbitrary: fc.constantFrom('$LATEST', '9', '$latest', undefined), weight: 1 },
);

/** Provisioned concurrency: small values, invalid ones, and ones over any limit. */
const provisionedValueArb: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constantFrom(1, 2, 3), weight: 8 },
  { arbitrary: fc.constantFrom(0, -1, 1.5), weight: 1 },
  { arbitrary: fc.constantFrom(5, 101, 950, 1_001), weight: 1 },
);

const putProvisionedArb: fc.Arbitrary<Op> = targeted(
  fc.record({ qualifier: provisionedQualifierArb, provisioned: provisionedValueArb }),
).map(({ qualifier, ...r }) => ({
  ...r,
  ...(qualifier === undefined ? {} : { qualifier }),
  op: 'PutProvisionedConcurrencyConfig' as const,
}));

const deleteProvisionedArb: fc.Arbitrary<Op> = targeted(
  fc.record({ qualifier: provisionedQualifierArb }),
).map(({ qualifier, ...r }) => ({
  ...r,
  ...(qualifier === undefined ? {} : { qualifier }),
  op: 'DeleteProvisionedConcurrencyConfig' as const,
}));

/** An Invoke qualifier: none, `$LATEST`, a version or alias, or one that does not exist. */
const invokeQualifierArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.constantFrom('1', '2', 'live', '$LATEST'), weight: 6 },
  { arbitrary: fc.constantFrom('3', 'prod'), weight: 2 },
  { arbitrary: fc.constantFrom('9', 'nope', '$latest', ''), weight: 1 },
);

const invokeArb: fc.Arbitrary<Op> = targeted(
  fc.record({
    qualifier: invokeQualifierArb,
    // Mostly synchronous: the default, or said explicitly.
    invocationType: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 10 },
      { arbitrary: fc.constant('RequestResponse'), weight: 4 },
      { arbitrary: fc.constantFrom('Event', 'DryRun'), weight: 3 },
      { arbitrary: fc.constant('Sync'), weight: 1 },
    ),
    logType: sometimes(
      fc.oneof(
        { arbitrary: fc.constantFrom('None', 'Tail'), weight: 8 },
        { arbitrary: fc.constant('tail'), weight: 1 },
      ),
      3,
    ),
    payload: fc.oneof(
      { arbitrary: fc.constantFrom<PayloadRef>('json', 'empty'), weight: 10 },
      { arbitrary: fc.constantFrom<PayloadRef>('notJson', 'truncated'), weight: 2 },
      { arbitrary: fc.constant<PayloadRef>('large'), weight: 1 },
    ),
    routingDraw: sometimes(
      fc.oneof(
        // Spread over [0, 1): fast-check's doubles crowd near 0, where every draw routes.
        { arbitrary: fc.integer({ min: 0, max: 99 }).map((n) => n / 100), weight: 6 },
        { arbitrary: fc.constantFrom(0.999, 1, -0.1), weight: 1 },
      ),
      3,
    ),
    initDurationMs: sometimes(
      fc.oneof(
        { arbitrary: fc.constantFrom(0, 120, 1_500.5), weight: 6 },
        { arbitrary: fc.constant(-1), weight: 1 },
      ),
      3,
    ),
    reuseRunning: sometimes(fc.nat(7), 15),
  }),
).map((r) => ({ ...withoutUndefined(r), op: 'Invoke' as const }));

/**
 * A completion: mostly of a running invocation, within the default 3 s timeout, a success; but
 * also past the timeout, a function error, an id that never ran, or a duration that is no
 * duration.
 */
const completeArb: fc.Arbitrary<Extract<Op, { op: 'CompleteInvocation' }>> = fc
  .record({
    pick: fc.oneof(
      { arbitrary: fc.nat(7), weight: 8 },
      { arbitrary: fc.constant<'unknown'>('unknown'), weight: 1 },
    ),
    durationMs: fc.oneof(
      { arbitrary: fc.constantFrom(1, 250.5, 2_999), weight: 8 },
      { arbitrary: fc.constantFrom(3_001, 30_001), weight: 3 },
      { arbitrary: fc.constantFrom(0, 900_001), weight: 1 },
      { arbitrary: fc.constantFrom(-1, Number.NaN, Number.POSITIVE_INFINITY), weight: 1 },
    ),
    response: sometimes(fc.constantFrom<ResponseRef>('json', 'string'), 1),
    functionError: sometimes(fc.constant(true), 5),
  })
  .map((r) => ({ ...withoutUndefined(r), op: 'CompleteInvocation' as const }));

/** An EventInvokeConfig qualifier: mostly none (`$LATEST`), or a version or alias. */
const eventConfigQualifierArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.constantFrom('$LATEST', '1', 'live'), weight: 3 },
  { arbitrary: fc.constantFrom('9', 'prod'), weight: 1 },
);

/** A destination: a queue, a topic, the other function, or one AWS refuses. */
const destinationArb: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      `arn:aws:sqs:${REGION}:${ACCOUNT}:destination`,
      `arn:aws:sns:${REGION}:${ACCOUNT}:destination`,
      arnOf('beta'),
    ),
    weight: 6,
  },
  { arbitrary: fc.constantFrom('', arnOf('alpha'), 'not-an-arn'), weight: 1 },
);

/** Put or Update of an EventInvokeConfig: in-range settings, out-of-range ones, destinations. */
const eventConfigArb: fc.Arbitrary<
  Extract<Op, { op: 'PutFunctionEventInvokeConfig' | 'UpdateFunctionEventInvokeConfig' }>
> = targeted(
  fc.record({
    op: fc.constantFrom(
      'PutFunctionEventInvokeConfig' as const,
      'UpdateFunctionEventInvokeConfig' as const,
    ),
    qualifier: eventConfigQualifierArb,
    retries: sometimes(
      fc.oneof(
        { arbitrary: fc.constantFrom(0, 1, 2), weight: 8 },
        { arbitrary: fc.constantFrom(-1, 3), weight: 1 },
      ),
    ),
    maxAgeSeconds: sometimes(
      fc.oneof(
        { arbitrary: fc.constantFrom(60, 120, 21_600), weight: 8 },
        { arbitrary: fc.constantFrom(59, 21_601), weight: 1 },
      ),
    ),
    onSuccess: sometimes(destinationArb, 2),
    onFailure: sometimes(destinationArb, 2),
  }),
).map(withoutUndefined);

const deleteEventConfigArb: fc.Arbitrary<Op> = targeted(
  fc.record({ qualifier: eventConfigQualifierArb }),
).map((r) => ({ ...withoutUndefined(r), op: 'DeleteFunctionEventInvokeConfig' as const }));

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
  { arbitrary: putProvisionedArb, weight: 2 },
  { arbitrary: deleteProvisionedArb, weight: 2 },
  { arbitrary: invokeArb, weight: 8 },
  { arbitrary: completeArb, weight: 5 },
  { arbitrary: eventConfigArb, weight: 2 },
  { arbitrary: deleteEventConfigArb, weight: 1 },
);

/** How far the clock moves before a step: often not at all, otherwise up to 3 s. */
export const advanceArb: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constant(0), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 3000 }), weight: 2 },
);

/**
 * A long wait: long enough for a default provisioned-concurrency allocation (60 s) or an idle
 * environment's reclaim (600 s by default).
 */
const longWaitArb: fc.Arbitrary<Step> = fc
  .constantFrom(10_000, 60_000, 600_000)
  .map((advanceMs) => ({ advanceMs, op: 'AdvanceClock' }));

/** One step. */
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.tuple(advanceArb, opArb).map(([advanceMs, op]) => ({ advanceMs, ...op })),
    weight: 30,
  },
  { arbitrary: longWaitArb, weight: 1 },
);

/** A dead-letter queue (spec invocation §5.6). */
export const DLQ_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq`;
/** An SQS destination (spec invocation §5.7). */
export const DESTINATION_QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:destination`;

/**
 * A plain, valid CreateFunction, sometimes with a dead-letter queue, often followed by the wait
 * that makes the function Active: sequences usually open with one or two of these.
 */
const openingArb: fc.Arbitrary<ReadonlyArray<Step>> = fc
  .tuple(fnArb, fc.boolean(), fc.boolean(), fc.constantFrom(false, false, true))
  .map(([fn, publish, wait, deadLetter]) => [
    {
      advanceMs: 0,
      op: 'CreateFunction',
      fn,
      form: 'plain',
      code: 'zipA',
      omitRole: false,
      config: deadLetter ? { DeadLetterConfig: { TargetArn: DLQ_ARN } } : {},
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
 * traffic to another, and invoke it.
 */
const canaryArb: fc.Arbitrary<ReadonlyArray<Step>> = fc
  .tuple(
    fnArb,
    fc.oneof({ arbitrary: fc.constant('1'), weight: 3 }, fc.constantFrom('2', '$LATEST')),
    fc.oneof({ arbitrary: fc.constant('2'), weight: 3 }, fc.constantFrom('1', '3')),
    weightArb,
    fc.integer({ min: 0, max: 2 }),
  )
  .map(([fn, from, to, weight, invokes]) => [
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
    // Traffic through it: the model's routing draws pick the version.
    ...Array.from({ length: invokes }, () => ({
      advanceMs: 1000,
      op: 'Invoke' as const,
      fn,
      form: 'plain' as const,
      qualifier: 'live',
    })),
  ]);

/**
 * Provisioned concurrency, the way people set it up: a version or an alias (pointed at version 1
 * first, sometimes), the wait for the allocation, then invocations of it, and sometimes the
 * config's removal.
 */
const provisionArb: fc.Arbitrary<ReadonlyArray<Step>> = fc
  .tuple(
    fnArb,
    fc.constantFrom('1', 'live'),
    fc.boolean(),
    fc.constantFrom(1, 2),
    fc.integer({ min: 1, max: 3 }),
    fc.constantFrom(false, false, false, true),
  )
  .map(([fn, qualifier, createAlias, provisioned, invokes, remove]) => [
    ...(createAlias && qualifier === 'live'
      ? [
          {
            advanceMs: 0,
            op: 'CreateAlias',
            fn,
            form: 'plain',
            name: 'live',
            version: '1',
          } as const,
        ]
      : []),
    {
      advanceMs: 0,
      op: 'PutProvisionedConcurrencyConfig',
      fn,
      form: 'plain',
      qualifier,
      provisioned,
    },
    { advanceMs: 3000, op: 'AdvanceClock' },
    ...Array.from({ length: invokes }, () => ({
      advanceMs: 0,
      op: 'Invoke' as const,
      fn,
      form: 'plain' as const,
      qualifier,
    })),
    ...(remove
      ? [
          {
            advanceMs: 0,
            op: 'DeleteProvisionedConcurrencyConfig',
            fn,
            form: 'plain',
            qualifier,
          } as const,
        ]
      : []),
  ]);

/**
 * Asynchronous delivery, the way people set it up: an EventInvokeConfig (sometimes changed or
 * removed after), `Event` invocations, and the wait for their attempts, retries and records.
 */
const asyncArb: fc.Arbitrary<ReadonlyArray<Step>> = fc
  .tuple(
    fnArb,
    eventConfigArb,
    fc.constantFrom(
      undefined,
      'UpdateFunctionEventInvokeConfig',
      'DeleteFunctionEventInvokeConfig',
    ),
    fc.integer({ min: 1, max: 2 }),
    fc.constantFrom<PayloadRef>('json', 'json', 'large'),
    fc.constantFrom(1_000, 60_000, 120_000),
  )
  .map(([fn, config, then, invokes, payload, waitMs]): ReadonlyArray<Step> => [
    { ...config, advanceMs: 0, fn, form: 'plain', op: 'PutFunctionEventInvokeConfig' },
    ...(then === undefined
      ? []
      : [
          then === 'UpdateFunctionEventInvokeConfig'
            ? { ...config, advanceMs: 0, fn, form: 'plain' as const, op: then }
            : { advanceMs: 0, fn, form: 'plain' as const, op: then },
        ]),
    ...Array.from({ length: invokes }, () => ({
      advanceMs: 0,
      op: 'Invoke' as const,
      fn,
      form: 'plain' as const,
      invocationType: 'Event',
      payload,
    })),
    { advanceMs: waitMs, op: 'AdvanceClock' },
  ]);

/**
 * How an attempt of a queued event ends: mostly a function error or a timeout (past the default
 * 3 s, or past any Timeout), so that retries, exhausted retries and expired events are reached;
 * sometimes a success.
 */
const attemptEndArb: fc.Arbitrary<Step> = fc
  .tuple(
    fc.nat(7),
    fc.oneof(
      { arbitrary: fc.constant({ durationMs: 120, functionError: true }), weight: 3 },
      { arbitrary: fc.constantFrom({ durationMs: 900_001 }, { durationMs: 3_001 }), weight: 2 },
      { arbitrary: fc.constant({ durationMs: 250.5, response: 'json' as const }), weight: 2 },
    ),
    fc.integer({ min: 0, max: 500 }),
  )
  .map(([pick, end, advanceMs]) => ({
    advanceMs,
    op: 'CompleteInvocation',
    pick,
    only: 'Event',
    ...end,
  }));

/** A destination an async lifecycle sends its records to: a queue, or the other function. */
const lifecycleDestinationArb = (other: FunctionName): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: fc.constant(DESTINATION_QUEUE_ARN), weight: 2 },
    { arbitrary: fc.constant(arnOf(other)), weight: 2 },
  );

/**
 * The life of queued events, the way they go on AWS (spec invocation §5): a config with few
 * retries, a short maximum age and destinations (a queue, or the other function — created first
 * when asked, so the destination exists); one to three `Event` invocations, sometimes under a
 * reservation of 0 (with a synchronous call among them); then rounds of attempts ending (mostly in
 * errors and timeouts) and waits of 60–200 s, long enough for the retries to come due, each
 * sometimes followed by a destination invocation `react` asked for; and sometimes a change of the
 * config while the events wait.
 */
const asyncLifecycleArb: fc.Arbitrary<ReadonlyArray<Step>> = fnArb.chain((fn) => {
  const other: FunctionName = fn === 'alpha' ? 'beta' : 'alpha';
  return fc
    .record({
      createOther: fc.boolean(),
      qualifier: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 6 },
        { arbitrary: fc.constantFrom('$LATEST', '1', 'live'), weight: 1 },
      ),
      retries: sometimes(fc.integer({ min: 0, max: 2 }), 1),
      maxAgeSeconds: sometimes(fc.integer({ min: 60, max: 120 }), 1),
      onSuccess: lifecycleDestinationArb(other),
      onFailure: lifecycleDestinationArb(other),
      zeroReserved: fc.constantFrom(false, false, false, false, false, true),
      invokes: fc.integer({ min: 1, max: 3 }),
      change: sometimes(
        fc.record({
          retries: sometimes(fc.integer({ min: 0, max: 2 })),
          maxAgeSeconds: fc.integer({ min: 60, max: 120 }),
        }),
        4,
      ),
      rounds: fc.array(
        fc.tuple(
          fc.array(attemptEndArb, { minLength: 1, maxLength: 3 }),
          fc.integer({ min: 60_000, max: 200_000 }),
          sometimes(fc.nat(3)),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map((r): ReadonlyArray<Step> => {
      const at = { advanceMs: 0, fn, form: 'plain' as const };
      const qualifier = r.qualifier === undefined ? {} : { qualifier: r.qualifier };
      return [
        ...(r.createOther
          ? [
              {
                ...at,
                fn: other,
                op: 'CreateFunction' as const,
                code: 'zipA' as const,
                omitRole: false,
                config: {},
              },
            ]
          : []),
        {
          ...at,
          op: 'PutFunctionEventInvokeConfig',
          ...qualifier,
          ...withoutUndefined({
            retries: r.retries,
            maxAgeSeconds: r.maxAgeSeconds,
            onSuccess: r.onSuccess,
            onFailure: r.onFailure,
          }),
        },
        ...(r.zeroReserved ? [{ ...at, op: 'PutFunctionConcurrency' as const, reserved: 0 }] : []),
        ...Array.from({ length: r.invokes }, () => ({
          ...at,
          advanceMs: 100,
          op: 'Invoke' as const,
          ...qualifier,
          invocationType: 'Event',
          payload: 'json' as const,
        })),
        // With reserved concurrency 0 nothing runs, whatever the mix (spec invocation §10.14).
        ...(r.zeroReserved
          ? [
              { ...at, op: 'Invoke' as const, ...qualifier },
              { ...at, op: 'DeleteFunctionConcurrency' as const },
            ]
          : []),
        ...r.rounds.flatMap(([ends, waitMs, react], round): Step[] => [
          ...ends,
          ...(round === 0 && r.change !== undefined
            ? [
                {
                  ...at,
                  op: 'UpdateFunctionEventInvokeConfig' as const,
                  ...qualifier,
                  ...withoutUndefined(r.change),
                },
              ]
            : []),
          { advanceMs: waitMs, op: 'AdvanceClock' },
          ...(react === undefined ? [] : [{ advanceMs: 0, op: 'React' as const, pick: react }]),
        ]),
      ];
    });
});

/**
 * A burst: several synchronous invocations of one function at the same moment, none finished, so
 * that they need as many environments (and throttle on small accounts, reservations or scaling
 * rates), then sometimes the completion of one of them.
 */
const burstArb: fc.Arbitrary<ReadonlyArray<Step>> = fc
  .tuple(
    fnArb,
    fc.constantFrom(undefined, undefined, '1', 'live'),
    fc.integer({ min: 2, max: 4 }),
    sometimes(completeArb),
  )
  .map(([fn, qualifier, invokes, complete]) => [
    ...Array.from({ length: invokes }, () => ({
      advanceMs: 0,
      op: 'Invoke' as const,
      fn,
      form: 'plain' as const,
      ...(qualifier === undefined ? {} : { qualifier }),
    })),
    ...(complete === undefined ? [] : [{ ...complete, advanceMs: 100 }]),
  ]);

/**
 * The account a sequence runs in. Mostly the defaults, but often a tiny account (limit 1–3: the
 * account pool throttles, no reservation fits), a small one (limit 101–105: a few units can be
 * reserved or provisioned), a scaling rate of one or two environments per window, a short
 * provisioned-concurrency allocation delay, a short idle lifetime, and a small `Event` payload
 * limit.
 */
export const settingsArb: fc.Arbitrary<LambdaSettingsInput> = fc
  .record({
    concurrentExecutionsLimit: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 3 },
      { arbitrary: fc.constantFrom(101, 103, 105), weight: 2 },
      { arbitrary: fc.constantFrom(1, 2, 3), weight: 1 },
    ),
    scalingRateEnvironments: sometimes(fc.constantFrom(1, 2), 2),
    scalingWindowMs: sometimes(fc.constant(3_000), 2),
    provisionedConcurrencyAllocationDelayMs: sometimes(fc.constantFrom(1_000, 2_500), 1),
    idleEnvironmentLifetimeMs: sometimes(fc.constant(4_000), 2),
    asyncPayloadLimitBytes: sometimes(fc.constant(SMALL_ASYNC_PAYLOAD_LIMIT), 3),
    routingSeed: sometimes(fc.nat(1_000), 1),
  })
  .map(withoutUndefined);

/** A program: the account's settings and the steps run in it. */
export interface Program {
  readonly settings: LambdaSettingsInput;
  readonly steps: ReadonlyArray<Step>;
}

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
          { arbitrary: stepArb.map((step) => [step]), weight: 16 },
          { arbitrary: releaseArb, weight: 4 },
          { arbitrary: canaryArb, weight: 2 },
          { arbitrary: provisionArb, weight: 1 },
          { arbitrary: burstArb, weight: 2 },
          { arbitrary: asyncArb, weight: 1 },
          { arbitrary: asyncLifecycleArb, weight: 2 },
        ),
        { minLength: 1, maxLength: maxLength - 2 },
      ),
    )
    .map(([opening, chunks]) =>
      // Each Invoke gets a request id of its own, from its position.
      [...opening, ...chunks.flat()]
        .slice(0, maxLength)
        .map((step, index) =>
          step.op === 'Invoke' && step.requestId === undefined
            ? { ...step, requestId: `inv-${String(index)}` }
            : step,
        ),
    );

/** A program: settings, then a sequence of steps (see `stepsArb`). */
export const programArb = (maxLength = 25): fc.Arbitrary<Program> =>
  fc.record({ settings: settingsArb, steps: stepsArb(maxLength) });

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

/** The follow-up a React step picks among the pending ones, by index, if any is pending. */
const pickFollowUp = (
  step: Extract<Step, { op: 'React' }>,
  followUps: ReadonlyArray<Invoke>,
): number | undefined => (followUps.length === 0 ? undefined : step.pick % followUps.length);

/**
 * Turns a step into the command it stands for at time `now`, reading the state only to resolve
 * the symbolic RevisionId and CodeSha256 (as a caller would, from a read just before the call),
 * and `followUps` — the commands `react` returned so far and not yet accepted — for a React step.
 */
export function toCommand(
  step: Step,
  before: LambdaState,
  now: number,
  followUps: ReadonlyArray<Invoke> = [],
): LambdaCommand {
  const picked = step.op === 'React' ? pickFollowUp(step, followUps) : undefined;
  const followUp = picked === undefined ? undefined : followUps[picked];
  if (followUp !== undefined) {
    // The caller decides the follow-up when it gets to it: at this step's time.
    return { ...followUp, meta: { ...followUp.meta, now } };
  }
  if (step.op === 'AdvanceClock' || step.op === 'React') {
    return {
      type: 'AdvanceClock',
      input: { to: now },
      meta: { now, requestId: `req-${String(now)}` },
    };
  }
  if (step.op === 'CompleteInvocation') {
    // A running invocation, picked by index among the sorted ids, or an id that never ran.
    const running =
      step.only === 'Event' ? runningEventRequestIds(before) : runningRequestIds(before);
    const requestId =
      step.pick === 'unknown' || running.length === 0
        ? 'no-such-request'
        : (running[step.pick % running.length] ?? 'no-such-request');
    return command(
      'CompleteInvocation',
      {
        requestId,
        durationMs: step.durationMs,
        ...(step.response === undefined ? {} : { response: responseOf(step.response) }),
        ...(step.functionError === true
          ? { functionError: { errorType: 'Error', errorMessage: 'boom', stackTrace: ['at x'] } }
          : {}),
      },
      now,
    );
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
    case 'PutProvisionedConcurrencyConfig':
      return command(
        'PutProvisionedConcurrencyConfig',
        {
          FunctionName,
          ProvisionedConcurrentExecutions: step.provisioned,
          // The required `Qualifier` is sometimes left out, as a caller's untyped JSON would.
          ...(step.qualifier === undefined ? {} : { Qualifier: step.qualifier }),
        } as { FunctionName: string; Qualifier: string; ProvisionedConcurrentExecutions: number },
        now,
      );
    case 'DeleteProvisionedConcurrencyConfig':
      return command(
        'DeleteProvisionedConcurrencyConfig',
        {
          FunctionName,
          ...(step.qualifier === undefined ? {} : { Qualifier: step.qualifier }),
        } as { FunctionName: string; Qualifier: string },
        now,
      );
    case 'PutFunctionEventInvokeConfig':
    case 'UpdateFunctionEventInvokeConfig': {
      const destinations = {
        ...(step.onSuccess === undefined ? {} : { OnSuccess: { Destination: step.onSuccess } }),
        ...(step.onFailure === undefined ? {} : { OnFailure: { Destination: step.onFailure } }),
      };
      return command(
        step.op,
        {
          FunctionName,
          ...(step.qualifier === undefined ? {} : { Qualifier: step.qualifier }),
          ...(step.retries === undefined ? {} : { MaximumRetryAttempts: step.retries }),
          ...(step.maxAgeSeconds === undefined
            ? {}
            : { MaximumEventAgeInSeconds: step.maxAgeSeconds }),
          ...(Object.keys(destinations).length === 0 ? {} : { DestinationConfig: destinations }),
        },
        now,
      );
    }
    case 'DeleteFunctionEventInvokeConfig':
      return command(
        'DeleteFunctionEventInvokeConfig',
        { FunctionName, ...(step.qualifier === undefined ? {} : { Qualifier: step.qualifier }) },
        now,
      );
    case 'Invoke': {
      const running = runningRequestIds(before);
      const reused =
        step.reuseRunning === undefined ? undefined : running[step.reuseRunning % running.length];
      const payload = step.payload === undefined ? undefined : payloadOf(step.payload);
      const model = {
        ...(step.routingDraw === undefined ? {} : { routingDraw: step.routingDraw }),
        ...(step.initDurationMs === undefined ? {} : { initDurationMs: step.initDurationMs }),
      };
      return {
        type: 'Invoke',
        input: {
          FunctionName,
          ...(step.qualifier === undefined ? {} : { Qualifier: step.qualifier }),
          // An unknown `InvocationType` or `LogType` arrives as untyped JSON would.
          ...(step.invocationType === undefined
            ? {}
            : { InvocationType: step.invocationType as InvocationType }),
          ...(step.logType === undefined ? {} : { LogType: step.logType as 'None' | 'Tail' }),
          ...(payload === undefined ? {} : { Payload: payload }),
        },
        meta: { now, requestId: reused ?? step.requestId ?? `inv-${String(now)}` },
        ...(Object.keys(model).length === 0 ? {} : { model }),
      };
    }
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
  /** The settings the fold ran with (replay needs them). */
  readonly settings: LambdaSettingsInput;
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
 * Folds a program's steps through the real `decide` + `evolveAll` from an empty account with the
 * program's settings at `T0`. A rejected command records nothing. The follow-ups `react` returns
 * for the recorded events wait for a React step; one leaves the list when it is accepted (so a
 * fold of the accepted steps alone picks the same ones).
 */
export function fold(program: Program, options: FoldOptions = {}): Trace {
  const { settings, steps } = program;
  const decideWith = options.decide ?? decide;
  let state = initialState(settings);
  let now = T0;
  const log: LambdaEvent[] = [];
  const outcomes: Outcome[] = [];
  const followUps: Invoke[] = [];
  for (const step of steps) {
    now += step.advanceMs;
    const cmd = toCommand(step, state, now, followUps);
    const before = state;
    const logLength = log.length;
    const result = decideWith(cmd, state);
    if (result._tag === 'Right' && step.op === 'React' && cmd.type === 'Invoke') {
      followUps.splice(pickFollowUp(step, followUps) ?? 0, 1);
    }
    if (result._tag === 'Right' && result.right.length > 0) {
      state = evolveAll(state, result.right);
      log.push(...result.right);
      for (const event of result.right) followUps.push(...react(event, state));
    }
    const outcome: Outcome = { step, command: cmd, before, result, after: state, logLength };
    outcomes.push(outcome);
    options.observe?.(outcome, log);
  }
  return { settings, state, log, outcomes };
}
