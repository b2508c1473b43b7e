/**
 * The AWS face of the model: each Lambda operation by its AWS name, as
 * `(state, input, meta) → { state, events, result }`, where `result` carries AWS's success status
 * and response shape, or the AWS error. It adds no rule: commands go through the root `decide`,
 * reads are queries over the state and record nothing.
 *
 * @module
 */
import type {
  FunctionConcurrencyRequest,
  ProvisionedConcurrencyConfigRequest,
  PutFunctionConcurrencyRequest,
  PutProvisionedConcurrencyConfigRequest,
} from '../concurrency/commands.js';
import {
  getFunctionConcurrency,
  getProvisionedConcurrencyConfig,
  listProvisionedConcurrencyConfigs,
  provisionedConfigResponse,
  type GetFunctionConcurrencyResponse,
  type ListProvisionedConcurrencyConfigsRequest,
  type ListProvisionedConcurrencyConfigsResponse,
  type ProvisionedConcurrencyConfigResponse,
} from '../concurrency/queries.js';
import type {
  FunctionEventInvokeConfigKey,
  FunctionEventInvokeConfigRequest,
} from '../async/commands.js';
import {
  eventInvokeConfigResponse,
  getFunctionEventInvokeConfig,
  listFunctionEventInvokeConfigs,
  type FunctionEventInvokeConfig,
  type ListFunctionEventInvokeConfigsRequest,
  type ListFunctionEventInvokeConfigsResponse,
} from '../async/queries.js';
import type {
  CompleteInvocationInput,
  InvocationRequest,
  InvokeModelInput,
} from '../invocation/commands.js';
import { invocationResponse, type InvocationResponse } from '../invocation/queries.js';
import type {
  CreateAliasRequest,
  DeleteAliasRequest,
  UpdateAliasRequest,
} from '../aliases/commands.js';
import { entryOf } from '../kernel/dictionary.js';
import {
  aliasConfiguration,
  getAlias,
  listAliases,
  type AliasConfiguration,
  type GetAliasRequest,
  type ListAliasesRequest,
  type ListAliasesResponse,
} from '../aliases/queries.js';
import type {
  CreateFunctionRequest,
  DeleteFunctionRequest,
  TagResourceRequest,
  UntagResourceRequest,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from '../functions/commands.js';
import {
  getAccountSettings,
  getFunction,
  getFunctionConfiguration,
  latestConfiguration,
  listFunctions,
  listTags,
  versionConfiguration,
  type AccountSettings,
  type FunctionConfiguration,
  type GetFunctionRequest,
  type GetFunctionResponse,
  type ListFunctionsRequest,
  type ListFunctionsResponse,
} from '../functions/queries.js';
import { present } from '../kernel/assert.js';
import { resolveFunctionName } from '../kernel/arn.js';
import { tooManyRequests, type AwsError } from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import type { CommandMeta } from '../kernel/message.js';
import {
  decide,
  evolveAll,
  type LambdaCommand,
  type LambdaEvent,
  type LambdaState,
} from '../lambda.js';
import type { PublishVersionRequest } from '../versions/commands.js';
import {
  listVersionsByFunction,
  type ListVersionsByFunctionRequest,
  type ListVersionsByFunctionResponse,
} from '../versions/queries.js';

/** A successful AWS answer: the HTTP status and the response body. */
export interface AwsResponse<Body> {
  readonly statusCode: number;
  readonly body: Body;
}

/** What an operation gives back: the next state, the events it recorded, and AWS's answer. */
export interface OperationResult<Body> {
  readonly state: LambdaState;
  readonly events: ReadonlyArray<LambdaEvent>;
  readonly result: Either<AwsError, AwsResponse<Body>>;
}

type CommandOf<T extends LambdaCommand['type']> = Extract<LambdaCommand, { readonly type: T }>;

/**
 * Runs a command through `decide` and `evolve`, then renders AWS's answer from the new state.
 * A rejected command returns the state it was given, unchanged.
 */
function run<T extends Exclude<LambdaCommand['type'], 'AdvanceClock'>, Body>(
  type: T,
  statusCode: number,
  respond: (
    state: LambdaState,
    input: CommandOf<T>['input'],
    events: ReadonlyArray<LambdaEvent>,
  ) => Body,
): (state: LambdaState, input: CommandOf<T>['input'], meta: CommandMeta) => OperationResult<Body> {
  return (state, input, meta) => {
    const command = { type, input, meta } as unknown as CommandOf<T>;
    const decided = decide(command, state);
    if (isLeft(decided)) return { state, events: [], result: decided };
    const next = decided.right.length === 0 ? state : evolveAll(state, decided.right);
    return {
      state: next,
      events: decided.right,
      result: right({ statusCode, body: respond(next, input, decided.right) }),
    };
  };
}

/** Runs a read: the state and the log are unchanged. */
function read<Input, Body>(
  query: (state: LambdaState, input: Input) => Either<AwsError, Body>,
): (state: LambdaState, input: Input) => OperationResult<Body> {
  return (state, input) => {
    const answered = query(state, input);
    return {
      state,
      events: [],
      result: isLeft(answered)
        ? left(answered.left)
        : right({ statusCode: 200, body: answered.right }),
    };
  };
}

/** How a synchronous invocation ends, for `operations.Invoke`: CompleteInvocation without the id. */
export type InvocationOutcomeInput = Omit<CompleteInvocationInput, 'requestId'>;

/** The extra inputs of `operations.Invoke`, which AWS's request does not carry. */
export interface InvokeOptions {
  /** The routing draw and init duration (see `InvokeModelInput`). */
  readonly model?: InvokeModelInput;
  /**
   * How the handler ends. With it, a synchronous invoke runs to completion — the clock moves to
   * the end of init plus the run — and the result is AWS's full response. Without it, the
   * invocation stays running until a CompleteInvocation; the result then has no `Payload` yet.
   */
  readonly outcome?: InvocationOutcomeInput;
}

/** The answer to a synchronous Invoke whose outcome is still to come. */
export interface RunningInvocationResponse {
  readonly StatusCode: 200;
  readonly ExecutedVersion: string;
  /** Pass it to CompleteInvocation. */
  readonly RequestId: string;
}

/**
 * Invoke as AWS answers it: 202 for `Event`, 204 for `DryRun`, 429 for a throttle (whose event is
 * still recorded), and 200 with the response once the outcome is known.
 */
function invokeOperation(
  state: LambdaState,
  input: InvocationRequest,
  meta: CommandMeta,
  options: InvokeOptions = {},
): OperationResult<InvocationResponse | RunningInvocationResponse> {
  const decided = decide(
    {
      type: 'Invoke',
      input,
      meta,
      ...(options.model === undefined ? {} : { model: options.model }),
    },
    state,
  );
  if (isLeft(decided)) return { state, events: [], result: decided };
  const events = decided.right;
  const next = events.length === 0 ? state : evolveAll(state, events);
  // The command's own events carry its request id; transitions and dispatches before or after it
  // belong to other requests.
  const own = events.filter(
    (e) =>
      (e.type === 'InvocationThrottled' ||
        e.type === 'AsyncInvocationAccepted' ||
        (e.type === 'InvocationStarted' && e.invocationType === 'RequestResponse')) &&
      e.requestId === meta.requestId,
  );
  const last = own[0];
  if (last?.type === 'InvocationThrottled') {
    return { state: next, events, result: left(tooManyRequests(last.reason)) };
  }
  if (last?.type === 'AsyncInvocationAccepted') {
    return {
      state: next,
      events,
      result: right({ statusCode: 202, body: { StatusCode: 202, Payload: '' } }),
    };
  }
  if (last?.type !== 'InvocationStarted') {
    return {
      state: next,
      events,
      result: right({ statusCode: 204, body: { StatusCode: 204, Payload: '' } }),
    };
  }
  if (options.outcome === undefined) {
    const body: RunningInvocationResponse = {
      StatusCode: 200,
      ExecutedVersion: last.executedVersion,
      RequestId: last.requestId,
    };
    return { state: next, events, result: right({ statusCode: 200, body }) };
  }
  // The run ends after init and the handler's duration, cut at the function's timeout.
  const runMs = Math.min(options.outcome.durationMs, last.timeoutSeconds * 1_000);
  const endMs =
    meta.now + Math.ceil((last.initDurationMs ?? 0) + (Number.isFinite(runMs) ? runMs : 0));
  const completed = operations.CompleteInvocation(
    next,
    { ...options.outcome, requestId: last.requestId },
    { now: endMs, requestId: meta.requestId },
  );
  return {
    state: completed.state,
    events: [...events, ...completed.events],
    result: completed.result,
  };
}

/**
 * The command's own event of `type`. The events of a command may begin with transitions that came
 * due and end with dispatched attempts, but those are never of the command's own type.
 */
function ownEvent<T extends LambdaEvent['type']>(
  events: ReadonlyArray<LambdaEvent>,
  type: T,
): Extract<LambdaEvent, { readonly type: T }> {
  return present(
    events.find((e): e is Extract<LambdaEvent, { readonly type: T }> => e.type === type),
    type,
  );
}

/** The version a command published, if it published one. */
const publishedVersion = (
  events: ReadonlyArray<LambdaEvent>,
): { functionName: string; version: string } | undefined => {
  const published = events.find((e) => e.type === 'FunctionVersionPublished');
  return published === undefined
    ? undefined
    : { functionName: published.functionName, version: published.version };
};

/** The `$LATEST` configuration of a function named by a request's `FunctionName`. */
function latestOf(state: LambdaState, functionName: string): FunctionConfiguration {
  // The command was accepted, so the name resolves; any `:$LATEST` qualifier is dropped because
  // update responses show the unqualified ARN.
  const resolved = resolveFunctionName(state.settings.account, functionName, 'FunctionName');
  const name = present(isLeft(resolved) ? undefined : resolved.right.name, functionName);
  return present(latestConfiguration(state, name), name);
}

/**
 * Every modelled Lambda operation by its AWS name. Commands take `(state, input, meta)`; reads
 * take `(state, input)`.
 *
 * @example
 * ```ts
 * const { state, result } = operations.CreateFunction(initialState(), {
 *   FunctionName: 'orders', Role: 'arn:aws:iam::123456789012:role/orders',
 *   Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: zipBytes },
 * }, { now: 0, requestId: 'req-1' });
 * ```
 */
export const operations = {
  /** CreateFunction: 201 and the new configuration (`Version` "1" with `Publish`, ARN unqualified). */
  CreateFunction: run('CreateFunction', 201, (state, _input: CreateFunctionRequest, events) => {
    const name = ownEvent(events, 'FunctionCreated').functionName;
    const latest = present(latestConfiguration(state, name), name);
    const published = publishedVersion(events);
    return published === undefined ? latest : { ...latest, Version: published.version };
  }),
  /** UpdateFunctionCode: 200 and `$LATEST`, or the new version's configuration with `Publish`. */
  UpdateFunctionCode: run(
    'UpdateFunctionCode',
    200,
    (state, input: UpdateFunctionCodeRequest, events) => {
      const published = publishedVersion(events);
      if (published !== undefined) {
        return present(
          versionConfiguration(state, published.functionName, published.version),
          published.version,
        );
      }
      return latestOf(state, input.FunctionName);
    },
  ),
  /** UpdateFunctionConfiguration: 200 and the new `$LATEST` configuration. */
  UpdateFunctionConfiguration: run(
    'UpdateFunctionConfiguration',
    200,
    (state, input: UpdateFunctionConfigurationRequest) => latestOf(state, input.FunctionName),
  ),
  /** PublishVersion: 201 and the new version, or the last one when nothing changed since. */
  PublishVersion: run('PublishVersion', 201, (state, input: PublishVersionRequest, events) => {
    const published = publishedVersion(events);
    const name = published?.functionName ?? latestOf(state, input.FunctionName).FunctionName;
    const version =
      published?.version ??
      present(entryOf(state.versions.byFunction, name)?.lastPublished, 'last published version');
    return present(versionConfiguration(state, name, version), version);
  }),
  /** DeleteFunction: 204 (AWS answers 204 although botocore declares 200). */
  DeleteFunction: run('DeleteFunction', 204, (_state, _input: DeleteFunctionRequest) => undefined),
  /** CreateAlias: 201 and the alias. */
  CreateAlias: run('CreateAlias', 201, (state, input: CreateAliasRequest, events) =>
    aliasAfter(state, ownEvent(events, 'AliasCreated').functionName, input.Name),
  ),
  /** UpdateAlias: 200 and the alias, with a new RevisionId. */
  UpdateAlias: run('UpdateAlias', 200, (state, input: UpdateAliasRequest, events) =>
    aliasAfter(state, ownEvent(events, 'AliasUpdated').functionName, input.Name),
  ),
  /** DeleteAlias: 204, also when the alias did not exist. */
  DeleteAlias: run('DeleteAlias', 204, (_state, _input: DeleteAliasRequest) => undefined),
  /** TagResource: 204. */
  TagResource: run('TagResource', 204, (_state, _input: TagResourceRequest) => undefined),
  /** UntagResource: 204. */
  UntagResource: run('UntagResource', 204, (_state, _input: UntagResourceRequest) => undefined),
  /** GetFunction. */
  GetFunction: read<GetFunctionRequest, GetFunctionResponse>(getFunction),
  /** GetFunctionConfiguration. */
  GetFunctionConfiguration: read<GetFunctionRequest, FunctionConfiguration>(
    getFunctionConfiguration,
  ),
  /** ListFunctions. */
  ListFunctions: read<ListFunctionsRequest, ListFunctionsResponse>(listFunctions),
  /** ListVersionsByFunction. */
  ListVersionsByFunction: read<ListVersionsByFunctionRequest, ListVersionsByFunctionResponse>(
    listVersionsByFunction,
  ),
  /** GetAlias. */
  GetAlias: read<GetAliasRequest, AliasConfiguration>(getAlias),
  /** ListAliases. */
  ListAliases: read<ListAliasesRequest, ListAliasesResponse>(listAliases),
  /** ListTags. */
  ListTags: read<
    { readonly Resource: string },
    { readonly Tags: Readonly<Record<string, string>> }
  >(listTags),
  /** PutFunctionConcurrency: 200 and the reservation. */
  PutFunctionConcurrency: run(
    'PutFunctionConcurrency',
    200,
    (_state, input: PutFunctionConcurrencyRequest) => ({
      ReservedConcurrentExecutions: input.ReservedConcurrentExecutions,
    }),
  ),
  /** DeleteFunctionConcurrency: 204, also when nothing was reserved. */
  DeleteFunctionConcurrency: run(
    'DeleteFunctionConcurrency',
    204,
    (_state, _input: FunctionConcurrencyRequest) => undefined,
  ),
  /** GetFunctionConcurrency: the reservation, or `{}`. */
  GetFunctionConcurrency: read<FunctionConcurrencyRequest, GetFunctionConcurrencyResponse>(
    getFunctionConcurrency,
  ),
  /** PutProvisionedConcurrencyConfig: 202 and the config, `IN_PROGRESS` (spec invocation §3.4). */
  PutProvisionedConcurrencyConfig: run(
    'PutProvisionedConcurrencyConfig',
    202,
    (state, _input: PutProvisionedConcurrencyConfigRequest, events) => {
      const requested = ownEvent(events, 'ProvisionedConcurrencyRequested');
      const config = present(
        entryOf(state.concurrency.provisionedByFunction, requested.functionName)?.[
          requested.qualifier
        ],
        requested.qualifier,
      );
      return provisionedConfigResponse(config);
    },
  ),
  /** DeleteProvisionedConcurrencyConfig: 204. */
  DeleteProvisionedConcurrencyConfig: run(
    'DeleteProvisionedConcurrencyConfig',
    204,
    (_state, _input: ProvisionedConcurrencyConfigRequest) => undefined,
  ),
  /** GetProvisionedConcurrencyConfig. */
  GetProvisionedConcurrencyConfig: read<
    ProvisionedConcurrencyConfigRequest,
    ProvisionedConcurrencyConfigResponse
  >(getProvisionedConcurrencyConfig),
  /** ListProvisionedConcurrencyConfigs. */
  ListProvisionedConcurrencyConfigs: read<
    ListProvisionedConcurrencyConfigsRequest,
    ListProvisionedConcurrencyConfigsResponse
  >(listProvisionedConcurrencyConfigs),
  /** Invoke (see `InvokeOptions` for the outcome of a synchronous call). */
  Invoke: invokeOperation,
  /** CompleteInvocation (model command): 200 and the Invoke response AWS would have sent. */
  CompleteInvocation: run(
    'CompleteInvocation',
    200,
    (_state, _input: CompleteInvocationInput, events) =>
      invocationResponse(ownEvent(events, 'InvocationCompleted')),
  ),
  /** PutFunctionEventInvokeConfig: 200 and the whole config, which replaces any earlier one. */
  PutFunctionEventInvokeConfig: run(
    'PutFunctionEventInvokeConfig',
    200,
    (state, _input: FunctionEventInvokeConfigRequest, events) => configAfter(state, events),
  ),
  /** UpdateFunctionEventInvokeConfig: 200 and the merged config. */
  UpdateFunctionEventInvokeConfig: run(
    'UpdateFunctionEventInvokeConfig',
    200,
    (state, _input: FunctionEventInvokeConfigRequest, events) => configAfter(state, events),
  ),
  /** DeleteFunctionEventInvokeConfig: 204. */
  DeleteFunctionEventInvokeConfig: run(
    'DeleteFunctionEventInvokeConfig',
    204,
    (_state, _input: FunctionEventInvokeConfigKey) => undefined,
  ),
  /** GetFunctionEventInvokeConfig. */
  GetFunctionEventInvokeConfig: read<FunctionEventInvokeConfigKey, FunctionEventInvokeConfig>(
    getFunctionEventInvokeConfig,
  ),
  /** ListFunctionEventInvokeConfigs. */
  ListFunctionEventInvokeConfigs: read<
    ListFunctionEventInvokeConfigsRequest,
    ListFunctionEventInvokeConfigsResponse
  >(listFunctionEventInvokeConfigs),
  /** GetAccountSettings. */
  GetAccountSettings: read<Record<string, never>, AccountSettings>((state) =>
    right(getAccountSettings(state)),
  ),
} as const;

function configAfter(
  state: LambdaState,
  events: ReadonlyArray<LambdaEvent>,
): FunctionEventInvokeConfig {
  const changed = ownEvent(events, 'EventInvokeConfigChanged');
  return eventInvokeConfigResponse(
    state,
    changed.functionName,
    changed.qualifier,
    present(
      entryOf(state.async.configs, changed.functionName)?.[changed.qualifier],
      changed.qualifier,
    ),
  );
}

function aliasAfter(
  state: LambdaState,
  functionName: string,
  aliasName: string,
): AliasConfiguration {
  const alias = present(entryOf(state.aliases.byFunction, functionName)?.[aliasName], aliasName);
  return aliasConfiguration(state, functionName, alias);
}

/** The AWS operation names the facade offers. */
export type OperationName = keyof typeof operations;
