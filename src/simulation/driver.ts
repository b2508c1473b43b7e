/**
 * The workload driver: runs a scenario through the real model. It keeps an agenda of what the
 * world does next — requests arriving, executions finishing, the deployment plan — and turns each
 * into a command for the root decider (through a runner, which applies the same recipes in place).
 * Before anything later happens it advances the model's clock to the model's own next due time,
 * so retries, allocations and reclaims happen when the model says. It adds no rule of its own:
 * which version runs, admission, throttles, cold starts, retries and deliveries are all the
 * model's, read back from the events it records.
 *
 * What the driver decides is only what the world decides: when requests come, and how long each
 * execution takes and whether it fails, drawn from a seeded stream — so one scenario and one seed
 * give one log, byte for byte.
 *
 * @module
 */
import { react } from '../async/react.js';
import { entryOf } from '../kernel/dictionary.js';
import { tooManyRequests, type AwsError } from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { resolveSettings } from '../kernel/settings.js';
import {
  initialState,
  nextDueMs,
  type LambdaCommand,
  type LambdaEvent,
  type LambdaState,
} from '../lambda.js';
import {
  createTimelineRecorder,
  type Timeline,
  type TimelineRecorder,
} from '../metrics/timeline.js';
import type { PricingError } from '../pricing/errors.js';
import type { Invoice } from '../pricing/bill.js';
import type { Invoke } from '../invocation/commands.js';
import type { InvocationStarted } from '../invocation/events.js';
import { createRunner, type LambdaRunner, type RunnerStep } from './runner.js';
import {
  arrivalCursor,
  drawStream,
  nextArrival,
  nextDraw,
  sample,
  type ArrivalCursor,
  type DrawStream,
} from './sampling.js';
import {
  validateScenario,
  type Behaviour,
  type InvalidScenario,
  type PlannedChange,
  type Scenario,
  type ScenarioFunction,
} from './scenario.js';
import type { Writable } from '../kernel/evolve.js';

/** How to run. */
export interface SimulationOptions {
  /** Keep the whole log in the result. Default `true`; `false` keeps memory flat over long runs. */
  readonly keepLog?: boolean;
  /** Called with the events of each command as they are recorded: stream the log from here. */
  readonly onEvents?: (events: ReadonlyArray<LambdaEvent>) => void;
  /**
   * Called with every command the driver sends and what it did — the run as a list of AWS calls
   * (and clock advances), which `decide` folded over reproduces.
   */
  readonly onCommand?: (command: LambdaCommand, step: RunnerStep) => void;
}

/** An AWS error the run met, and how often. */
export interface SeenError {
  /** The exception name, such as `TooManyRequestsException`. */
  readonly error: string;
  readonly statusCode: number;
  readonly message: string;
  /** For a throttle, AWS's `Reason`. */
  readonly reason?: string;
  /** The command that met it. */
  readonly operation: string;
  readonly count: number;
  /** The first time it happened, epoch ms. */
  readonly firstAtMs: number;
}

/** What a run produced. */
export interface SimulationResult {
  /** Every event, in order; absent when the run was told not to keep it. */
  readonly log: ReadonlyArray<LambdaEvent> | undefined;
  /** How many events were recorded. */
  readonly eventCount: number;
  /** The model state at the end. */
  readonly state: LambdaState;
  readonly timeline: Timeline;
  /** The bill of the run, one invoice per month; empty when pricing is off. */
  readonly invoices: ReadonlyArray<Invoice>;
  /** The AWS errors met, most frequent first. */
  readonly errors: ReadonlyArray<SeenError>;
  /** Requests the traffic sent (invocations attempted, throttled ones included). */
  readonly requestsSent: number;
}

/** A simulation to run step by step: another simulator can own the clock and call it. */
export interface Simulation {
  /** The model state now (live: read it, do not keep it). */
  readonly state: () => LambdaState;
  /** The model clock, epoch ms. */
  readonly nowMs: () => number;
  /** When the next thing happens, the world's or the model's (epoch ms); `Infinity` if nothing. */
  readonly nextAtMs: () => number;
  /**
   * Runs everything that happens up to `untilMs` (epoch ms, at most the scenario's end), then
   * brings the model's clock there. Returns the events recorded.
   */
  readonly runUntil: (untilMs: number) => ReadonlyArray<LambdaEvent>;
  /** As `runUntil`, without collecting the events (they still reach `onEvents` and the log). */
  readonly advanceTo: (untilMs: number) => void;
  /** Sends a command of the caller's own at the current time; its effects join the run. */
  readonly execute: (command: LambdaCommand) => RunnerStep;
  /** The result so far (the timeline up to the clock). */
  readonly result: () => Either<PricingError, SimulationResult>;
}

/** Why a run could not happen. */
export type SimulationError = InvalidScenario | PricingError;

/** Something the world does at a time (ms from the scenario's start; arrivals are fractional). */
type Action =
  | { readonly kind: 'arrival'; readonly traffic: number }
  | { readonly kind: 'command'; readonly command: LambdaCommand }
  | { readonly kind: 'plan'; readonly change: PlannedChange }
  | { readonly kind: 'publish'; readonly functionName: string };

interface Scheduled {
  readonly atMs: number;
  readonly sequence: number;
  readonly action: Action;
}

/** The agenda: a binary heap ordered by time, then by the order things were scheduled. */
interface Agenda {
  readonly heap: Scheduled[];
  sequence: number;
}

const before = (a: Scheduled, b: Scheduled): boolean =>
  a.atMs < b.atMs || (a.atMs === b.atMs && a.sequence < b.sequence);

function schedule(agenda: Agenda, atMs: number, action: Action): void {
  const heap = agenda.heap;
  heap.push({ atMs, sequence: agenda.sequence, action });
  agenda.sequence += 1;
  for (let i = heap.length - 1; i > 0;) {
    const parent = (i - 1) >> 1;
    const child = heap[i] as Scheduled;
    const above = heap[parent] as Scheduled;
    if (!before(child, above)) break;
    heap[i] = above;
    heap[parent] = child;
    i = parent;
  }
}

function takeFirst(agenda: Agenda): Scheduled | undefined {
  const heap = agenda.heap;
  const first = heap[0];
  const last = heap.pop();
  if (heap.length === 0 || last === undefined) return first;
  heap[0] = last;
  for (let i = 0; ;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let least = i;
    if (l < heap.length && before(heap[l] as Scheduled, heap[least] as Scheduled)) least = l;
    if (r < heap.length && before(heap[r] as Scheduled, heap[least] as Scheduled)) least = r;
    if (least === i) break;
    const moved = heap[i] as Scheduled;
    heap[i] = heap[least] as Scheduled;
    heap[least] = moved;
    i = least;
  }
  return first;
}

/** An empty zip archive whose comment names the revision: new bytes, so a new CodeSha256. */
function codeArchive(revision: number): Uint8Array {
  // ASCII text, so one byte per character.
  const comment = Array.from(`lambda-twin simulation revision ${String(revision)}`, (c) =>
    c.charCodeAt(0),
  );
  const header = [80, 75, 5, 6, ...new Array<number>(16).fill(0), comment.length & 0xff, 0];
  return new Uint8Array([...header, ...comment]);
}

/** The error a failing simulated execution reports. */
const SIMULATED_ERROR = {
  errorType: 'SimulatedError',
  errorMessage: 'The scenario made this invocation fail.',
} as const;

/** The execution role every simulated function is created with (the model checks its form only). */
const ROLE_NAME = 'lambda-twin-simulation';

/** A JSON response of exactly `bytes` bytes (at least `{}`). */
function responseOf(bytes: number): string {
  return bytes <= 2 ? '{}' : JSON.stringify('x'.repeat(bytes - 2));
}

/**
 * Prepares a run: checks the scenario (every problem, with its field, before anything runs) and
 * the pricing options, and schedules the set-up, the plan and the first arrivals.
 */
export function createSimulation(
  scenario: Scenario,
  seed: number,
  options: SimulationOptions = {},
): Either<SimulationError, Simulation> {
  const valid = validateScenario(scenario);
  if (isLeft(valid)) return valid;
  const settings = resolveSettings(scenario.settings ?? {});
  const startMs = scenario.startMs;
  // The run covers [startMs, startMs + durationMs): its last model time is one ms before the end.
  const lastMs = startMs + scenario.durationMs - 1;
  // Routing draws come from the model's own generator, seeded from the run's seed.
  const runner: LambdaRunner = createRunner(
    initialState({ ...scenario.settings, routingSeed: scenario.settings?.routingSeed ?? seed }),
  );
  const recording = createTimelineRecorder({
    resolutionMs: scenario.resolutionMs ?? 60_000,
    startMs,
    accountConcurrencyLimit: settings.concurrentExecutionsLimit,
    ...(scenario.pricing === false ? {} : { pricing: scenario.pricing ?? {} }),
  });
  if (isLeft(recording)) return recording;
  const recorder: TimelineRecorder = recording.right;

  const stream: DrawStream = drawStream(seed);
  const agenda: Agenda = { heap: [], sequence: 0 };
  const cursors: ArrivalCursor[] = scenario.traffic.map((t) =>
    arrivalCursor(t.arrivals, scenario.durationMs),
  );
  // How the code of each version behaves: `fn:$LATEST`, `fn:1`, ... A published version keeps the
  // behaviour $LATEST had when it was published.
  const behaviours = new Map<string, Behaviour>();
  const latestOf = (functionName: string): Behaviour | undefined =>
    behaviours.get(`${functionName}:$LATEST`);
  let revision = 0;
  let requestCounter = 0;
  let requestsSent = 0;
  let eventCount = 0;
  const log: LambdaEvent[] | undefined = options.keepLog === false ? undefined : [];
  const errors = new Map<string, Writable<SeenError>>();

  const meta = (atMs: number, label: string): LambdaCommand['meta'] => {
    requestCounter += 1;
    return { now: atMs, requestId: `sim-${label}-${requestCounter.toString(36).padStart(7, '0')}` };
  };
  const at = (offsetMs: number): number => startMs + Math.floor(offsetMs);

  const noteError = (operation: string, atMs: number, error: AwsError): void => {
    const reason = error._tag === 'TooManyRequestsException' ? error.reason : undefined;
    const key = `${operation}|${error._tag}|${error.message}|${reason ?? ''}`;
    const seen = errors.get(key);
    if (seen !== undefined) seen.count += 1;
    else {
      errors.set(key, {
        error: error._tag,
        statusCode: error.statusCode,
        message: error.message,
        ...(reason === undefined ? {} : { reason }),
        operation,
        count: 1,
        firstAtMs: atMs,
      });
    }
  };

  /** An execution started: draw how it goes, and schedule its completion. */
  const scheduleCompletion = (event: InvocationStarted): void => {
    const behaviour =
      behaviours.get(`${event.functionName}:${event.executedVersion}`) ??
      latestOf(event.functionName);
    if (behaviour === undefined) return;
    const durationMs = sample(behaviour.durationMs, stream);
    const fails = nextDraw(stream) < (behaviour.errorRate ?? 0);
    const bytes =
      behaviour.responseBytes === undefined ? 2 : sample(behaviour.responseBytes, stream);
    // The execution occupies its environment through init, then the handler; the model itself
    // ends a handler that runs past the timeout at the timeout (spec invocation §1.3).
    const runMs = Math.min(durationMs, event.timeoutSeconds * 1_000);
    const doneMs = event.atMs + (event.initDurationMs ?? 0) + Math.ceil(runMs);
    const requestId = event.requestId;
    const reported = Math.round(durationMs * 100) / 100;
    // Two literals rather than a conditional spread: one is built per execution.
    const command: LambdaCommand = {
      type: 'CompleteInvocation',
      input: fails
        ? { requestId, durationMs: reported, functionError: SIMULATED_ERROR }
        : { requestId, durationMs: reported, response: responseOf(Math.round(bytes)) },
      meta: meta(doneMs, 'done'),
    };
    schedule(agenda, doneMs - startMs, { kind: 'command', command });
  };

  /** The world's side of each recorded event: executions that started will end. */
  const observe = (events: ReadonlyArray<LambdaEvent>): void => {
    for (const event of events) {
      if (event.type === 'InvocationStarted') scheduleCompletion(event);
      else if (event.type === 'InvocationThrottled') {
        noteError('Invoke', event.atMs, tooManyRequests(event.reason));
      } else if (event.type === 'FunctionVersionPublished') {
        // A new version runs the code $LATEST had when it was published.
        const latest = latestOf(event.functionName);
        if (latest !== undefined) behaviours.set(`${event.functionName}:${event.version}`, latest);
      }
    }
  };

  const record = (events: ReadonlyArray<LambdaEvent>): void => {
    if (events.length === 0) return;
    eventCount += events.length;
    if (log !== undefined) for (const event of events) log.push(event);
    if (collecting !== undefined) for (const event of events) collecting.push(event);
    recorder.record(events);
    options.onEvents?.(events);
    observe(events);
  };

  const execute = (command: LambdaCommand): RunnerStep => {
    const step = runner.execute(command);
    options.onCommand?.(command, step);
    record(step.events);
    if (isLeft(step.result)) {
      noteError(command.type, command.meta.now, step.result.left);
      return step;
    }
    // Lambda destinations: `react` returns follow-up invokes; the driver feeds them back at once.
    for (const event of step.events) {
      for (const followUp of react(event, runner.state)) execute(followUp);
    }
    return step;
  };

  const invokeCommand = (traffic: Scenario['traffic'][number], atMs: number): LambdaCommand => {
    const version = traffic.qualifier === undefined ? '$LATEST' : traffic.qualifier;
    // Init is drawn from the behaviour of the qualifier's version (an alias's main version).
    const behaviour =
      behaviours.get(`${traffic.functionName}:${aliasTarget(traffic.functionName, version)}`) ??
      latestOf(traffic.functionName);
    const initDurationMs =
      behaviour?.initDurationMs === undefined
        ? undefined
        : Math.round(sample(behaviour.initDurationMs, stream));
    // Optional members assigned, not spread in: one command is built per request.
    const input: Writable<Invoke['input']> = {
      FunctionName: traffic.functionName,
      Payload: traffic.payload ?? '{}',
    };
    if (traffic.qualifier !== undefined) input.Qualifier = traffic.qualifier;
    if (traffic.invocationType !== undefined) input.InvocationType = traffic.invocationType;
    return initDurationMs === undefined
      ? { type: 'Invoke', input, meta: meta(atMs, 'req') }
      : { type: 'Invoke', input, meta: meta(atMs, 'req'), model: { initDurationMs } };
  };

  /** The version an alias points at (its main one), or the qualifier itself. */
  const aliasTarget = (functionName: string, qualifier: string): string => {
    const alias = entryOf(runner.state.aliases.byFunction, functionName)?.[qualifier];
    return alias?.functionVersion ?? qualifier;
  };

  const planCommands = (change: PlannedChange, atMs: number): LambdaCommand[] => {
    switch (change.action) {
      case 'deploy':
        return [
          {
            type: 'UpdateFunctionCode',
            input: { FunctionName: change.functionName, ZipFile: codeArchive((revision += 1)) },
            meta: meta(atMs, 'deploy'),
          },
        ];
      case 'routeAlias':
        return [
          {
            type: 'UpdateAlias',
            input: {
              FunctionName: change.functionName,
              Name: change.alias,
              FunctionVersion: change.version,
              RoutingConfig:
                change.additionalVersion === undefined || change.weight === undefined
                  ? { AdditionalVersionWeights: {} }
                  : { AdditionalVersionWeights: { [change.additionalVersion]: change.weight } },
            },
            meta: meta(atMs, 'route'),
          },
        ];
      case 'reserveConcurrency':
        return [
          change.amount === null
            ? {
                type: 'DeleteFunctionConcurrency',
                input: { FunctionName: change.functionName },
                meta: meta(atMs, 'reserve'),
              }
            : {
                type: 'PutFunctionConcurrency',
                input: {
                  FunctionName: change.functionName,
                  ReservedConcurrentExecutions: change.amount,
                },
                meta: meta(atMs, 'reserve'),
              },
        ];
      case 'provisionConcurrency':
        return [
          change.amount === null
            ? {
                type: 'DeleteProvisionedConcurrencyConfig',
                input: { FunctionName: change.functionName, Qualifier: change.qualifier },
                meta: meta(atMs, 'provision'),
              }
            : {
                type: 'PutProvisionedConcurrencyConfig',
                input: {
                  FunctionName: change.functionName,
                  Qualifier: change.qualifier,
                  ProvisionedConcurrentExecutions: change.amount,
                },
                meta: meta(atMs, 'provision'),
              },
        ];
    }
  };

  // The set-up: every function created at the start; what needs an active function once the
  // activation delay has passed.
  const activeAt = settings.functionActivationDelayMs;
  for (const fn of scenario.functions) {
    behaviours.set(`${fn.name}:$LATEST`, fn.behaviour);
    const role = `arn:aws:iam::${settings.account.accountId}:role/${ROLE_NAME}`;
    schedule(agenda, 0, { kind: 'command', command: createCommand(fn, role, at(0), meta) });
    if (fn.publish === true) schedule(agenda, activeAt, { kind: 'publish', functionName: fn.name });
    for (const command of activeSetup(fn, at(activeAt), meta)) {
      schedule(agenda, activeAt, { kind: 'command', command });
    }
  }
  for (const change of scenario.plan ?? []) schedule(agenda, change.atMs, { kind: 'plan', change });
  cursors.forEach((cursor, traffic) => {
    const first = nextArrival(cursor, stream);
    if (first < scenario.durationMs) schedule(agenda, first, { kind: 'arrival', traffic });
  });

  const perform = (scheduled: Scheduled): void => {
    const atMs = at(scheduled.atMs);
    const action = scheduled.action;
    switch (action.kind) {
      case 'command':
        execute(action.command);
        return;
      case 'publish':
        execute({
          type: 'PublishVersion',
          input: { FunctionName: action.functionName },
          meta: meta(atMs, 'publish'),
        });
        return;
      case 'plan': {
        const change = action.change;
        for (const command of planCommands(change, atMs)) {
          const step = execute(command);
          if (change.action === 'deploy' && !isLeft(step.result)) {
            behaviours.set(`${change.functionName}:$LATEST`, change.behaviour);
            // Publish once the update has completed (LastUpdateStatus Successful).
            schedule(agenda, scheduled.atMs + settings.functionUpdateDelayMs, {
              kind: 'publish',
              functionName: change.functionName,
            });
          }
        }
        return;
      }
      case 'arrival': {
        const traffic = scenario.traffic[action.traffic];
        const cursor = cursors[action.traffic];
        if (traffic === undefined || cursor === undefined) return;
        requestsSent += 1;
        execute(invokeCommand(traffic, atMs));
        const next = nextArrival(cursor, stream);
        if (next < scenario.durationMs) {
          schedule(agenda, next, { kind: 'arrival', traffic: action.traffic });
        }
        return;
      }
    }
  };

  const firstActionMs = (): number => {
    const first = agenda.heap[0];
    return first === undefined ? Number.POSITIVE_INFINITY : at(first.atMs);
  };

  // While `runUntil` runs, the events it returns; `undefined` when nobody is collecting them.
  let collecting: LambdaEvent[] | undefined;

  // Clock advances take no request id of the counter's, so that where a caller stops the run
  // never renumbers the requests after it.
  const tick = (toMs: number): LambdaCommand => ({
    type: 'AdvanceClock',
    input: { to: toMs },
    meta: { now: toMs, requestId: 'sim-clock' },
  });
  // How far the run has been brought: the model's clock only moves with an event, so a quiet
  // stretch at the end would otherwise be lost to the timeline and the bill.
  let reachedMs = startMs;
  const nowMs = (): number => Math.max(runner.state.clockMs, reachedMs);

  /** Runs everything due by `untilMs` (capped at the end), then brings the clock there. */
  const advanceTo = (requested: number): void => {
    const untilMs = Math.min(requested, lastMs);
    for (;;) {
      const actionMs = firstActionMs();
      const modelMs = nextDueMs(runner.state);
      if (Math.min(actionMs, modelMs) > untilMs) break;
      if (modelMs < actionMs) {
        // The model has something due before the world does: let it happen at its time.
        execute(tick(modelMs));
        continue;
      }
      const next = takeFirst(agenda);
      if (next !== undefined) perform(next);
    }
    if (untilMs > runner.state.clockMs) execute(tick(untilMs));
    reachedMs = Math.max(reachedMs, untilMs);
  };

  const runUntil = (untilMs: number): ReadonlyArray<LambdaEvent> => {
    const collected: LambdaEvent[] = [];
    collecting = collected;
    advanceTo(untilMs);
    collecting = undefined;
    return collected;
  };

  const result = (): Either<PricingError, SimulationResult> => {
    const timeline = recorder.timeline(nowMs() + 1);
    if (isLeft(timeline)) return timeline;
    const billed = recorder.invoices(nowMs());
    if (isLeft(billed)) return billed;
    return right({
      log,
      eventCount,
      state: runner.snapshot(),
      timeline: timeline.right,
      invoices: billed.right,
      errors: [...errors.values()].sort((a, b) => b.count - a.count || a.firstAtMs - b.firstAtMs),
      requestsSent,
    });
  };

  return right({
    state: () => runner.state,
    nowMs,
    nextAtMs: () => Math.min(firstActionMs(), nextDueMs(runner.state)),
    runUntil,
    advanceTo,
    execute,
    result,
  });
}

/**
 * Runs a scenario from start to end: the log (unless told not to keep it), the final state, the
 * metrics timeline, the invoice and the AWS errors met. The same scenario and seed give the same
 * log, byte for byte.
 *
 * @example
 * const run = simulate(scenario, 42);
 * const buckets = run._tag === 'Right' ? run.right.timeline.account.length : 0;
 */
export function simulate(
  scenario: Scenario,
  seed: number,
  options: SimulationOptions = {},
): Either<SimulationError, SimulationResult> {
  const created = createSimulation(scenario, seed, options);
  if (isLeft(created)) return created;
  created.right.advanceTo(scenario.startMs + scenario.durationMs);
  const result = created.right.result();
  return isLeft(result) ? left(result.left) : result;
}

/** CreateFunction for a scenario function. */
function createCommand(
  fn: ScenarioFunction,
  role: string,
  atMs: number,
  meta: (atMs: number, label: string) => LambdaCommand['meta'],
): LambdaCommand {
  return {
    type: 'CreateFunction',
    input: {
      FunctionName: fn.name,
      Role: role,
      Runtime: fn.runtime ?? 'nodejs22.x',
      Handler: 'index.handler',
      Code: { ZipFile: codeArchive(0) },
      MemorySize: fn.memorySizeMb ?? 128,
      Timeout: fn.timeoutSeconds ?? 3,
      Architectures: [fn.architecture ?? 'x86_64'],
      ...(fn.deadLetterTargetArn === undefined
        ? {}
        : { DeadLetterConfig: { TargetArn: fn.deadLetterTargetArn } }),
    },
    meta: meta(atMs, 'setup'),
  };
}

/** What a function's set-up needs once it is active (after version 1 is published). */
function activeSetup(
  fn: ScenarioFunction,
  atMs: number,
  meta: (atMs: number, label: string) => LambdaCommand['meta'],
): LambdaCommand[] {
  const commands: LambdaCommand[] = [];
  for (const alias of fn.aliases ?? []) {
    commands.push({
      type: 'CreateAlias',
      input: { FunctionName: fn.name, Name: alias.name, FunctionVersion: alias.version },
      meta: meta(atMs, 'setup'),
    });
  }
  if (fn.reservedConcurrency !== undefined) {
    commands.push({
      type: 'PutFunctionConcurrency',
      input: { FunctionName: fn.name, ReservedConcurrentExecutions: fn.reservedConcurrency },
      meta: meta(atMs, 'setup'),
    });
  }
  for (const pc of fn.provisionedConcurrency ?? []) {
    commands.push({
      type: 'PutProvisionedConcurrencyConfig',
      input: {
        FunctionName: fn.name,
        Qualifier: pc.qualifier,
        ProvisionedConcurrentExecutions: pc.amount,
      },
      meta: meta(atMs, 'setup'),
    });
  }
  if (fn.asyncConfig !== undefined) {
    const c = fn.asyncConfig;
    commands.push({
      type: 'PutFunctionEventInvokeConfig',
      input: {
        FunctionName: fn.name,
        ...(c.maximumRetryAttempts === undefined
          ? {}
          : { MaximumRetryAttempts: c.maximumRetryAttempts }),
        ...(c.maximumEventAgeInSeconds === undefined
          ? {}
          : { MaximumEventAgeInSeconds: c.maximumEventAgeInSeconds }),
        ...(c.onSuccess === undefined && c.onFailure === undefined
          ? {}
          : {
              DestinationConfig: {
                ...(c.onSuccess === undefined ? {} : { OnSuccess: { Destination: c.onSuccess } }),
                ...(c.onFailure === undefined ? {} : { OnFailure: { Destination: c.onFailure } }),
              },
            }),
      },
      meta: meta(atMs, 'setup'),
    });
  }
  return commands;
}
