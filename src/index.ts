/**
 * lambda-twin: a deterministic, side-effect-free model of AWS Lambda as pure reducers over an
 * event log. This is the whole public API, listed by hand.
 *
 * - `Lambda` (`initialState`, `decide`, `evolve`, `evolveAll`, `replay`): the root decider, for
 *   embedders.
 * - `operations` and `LambdaTwin`: the AWS face, operation by AWS name.
 * - `Functions`, `Versions`, `Aliases`, `Concurrency`, `Invocation`, `Environments`, `Async`:
 *   each domain's commands, events, state and queries; `Async.react` gives the follow-up
 *   commands an event calls for.
 * - `Metrics`: CloudWatch-style counters as a projection of the log, the metrics timeline
 *   (`timelineOf`, `createTimelineRecorder`), its Vega-Lite charts and a plain-text summary.
 * - `Simulation`: `simulate(scenario, seed)`, a seeded workload driver over the real decider,
 *   also usable step by step (`createSimulation`), and the in-place `createRunner` it uses.
 * - `Pricing`: rate cards, the cost calculator (`estimate`) and the billing of a log
 *   (`emptyBill`, `billEvents`, `invoices`); amounts are exact decimal strings, `formatUsd` rounds
 *   them to cents for display.
 *
 * @packageDocumentation
 */
export {
  decide,
  decideSteps,
  evolve,
  evolveAll,
  evolveInPlace,
  initialState,
  Lambda,
  nextDueMs,
  replay,
  type AdvanceClock,
  type ApplyEvents,
  type DecisionSteps,
  type Decision,
  type LambdaCommand,
  type LambdaError,
  type LambdaEvent,
  type LambdaState,
} from './lambda.js';
export {
  operations,
  type AwsResponse,
  type InvocationOutcomeInput,
  type InvokeOptions,
  type OperationName,
  type OperationResult,
  type RunningInvocationResponse,
} from './operations/operations.js';
export { LambdaTwin } from './operations/twin.js';
export {
  DECLARED_ERRORS,
  isDeclaredError,
  type CreateAliasError,
  type CreateFunctionError,
  type DeclaredOperation,
  type DeleteAliasError,
  type DeleteFunctionError,
  type OperationError,
  type PublishVersionError,
  type UpdateAliasError,
  type UpdateFunctionCodeError,
  type UpdateFunctionConfigurationError,
} from './operations/declared-errors.js';
export * as Functions from './functions/index.js';
export * as Versions from './versions/index.js';
export * as Aliases from './aliases/index.js';
export * as Concurrency from './concurrency/index.js';
export * as Invocation from './invocation/index.js';
export * as Environments from './environments/index.js';
export * as Async from './async/index.js';
export * as Metrics from './metrics/index.js';
export * as Pricing from './pricing/index.js';
export * as Simulation from './simulation/index.js';
export type * from './kernel/errors.js';
export type { AccountContext, FunctionReference } from './kernel/arn.js';
export {
  entryOf,
  keysOf,
  valuesOf,
  type Dictionary,
  type ShardedDictionary,
} from './kernel/dictionary.js';
export { functionArn, resolveFunctionName } from './kernel/arn.js';
export type { Command, CommandMeta } from './kernel/message.js';
export type { Decider } from './kernel/decider.js';
export type { Either, Left, Right } from './kernel/fp.js';
export { isLeft, isRight, left, right } from './kernel/fp.js';
export {
  ACCEPTED_RUNTIMES,
  DEPRECATED_RUNTIMES,
  defaultSettings,
  resolveSettings,
  type LambdaSettings,
  type LambdaSettingsInput,
} from './kernel/settings.js';
export { isoTimestamp, lambdaTimestamp } from './kernel/time.js';
export { formatUsd, parseDecimalString, roundToCents, type DecimalString } from './kernel/money.js';
export { codeSha256, toBase64 } from './kernel/ids.js';
export { drawFrom, seedState, type Draw } from './kernel/random.js';
