/**
 * A scenario: what a simulation sets up, changes over time, and sends — functions and their
 * configuration, a deployment plan, traffic, and how each version behaves. It is plain data (JSON
 * can hold it), and it is checked before anything runs: every problem is reported with the field
 * it is in. What AWS itself would refuse (a memory size of 100, an alias on a missing version) is
 * not checked here — the model refuses it during the run, with AWS's error, as AWS would.
 *
 * Times in a scenario are ms from its start.
 *
 * @module
 */
import { left, right, type Either } from '../kernel/fp.js';
import type { LambdaSettingsInput } from '../kernel/settings.js';
import type { BillOptions } from '../pricing/bill.js';
import type { ArrivalProcess, Distribution } from './sampling.js';

/** How the code of one version behaves when it runs. */
export interface Behaviour {
  /** The handler's duration, ms. Longer than the function's timeout: the model times it out. */
  readonly durationMs: Distribution;
  /** Init duration when a new environment starts; default the model's setting. */
  readonly initDurationMs?: Distribution;
  /** The probability that an invocation ends in a function error (0 to 1). Default 0. */
  readonly errorRate?: number;
  /** The response's size in bytes (a JSON string of that length). Default `{}` (2 bytes). */
  readonly responseBytes?: Distribution;
}

/** What a function's asynchronous invocations do (PutFunctionEventInvokeConfig). */
export interface AsyncSetup {
  readonly maximumRetryAttempts?: number;
  readonly maximumEventAgeInSeconds?: number;
  /** Destination ARNs. */
  readonly onSuccess?: string;
  readonly onFailure?: string;
}

/** A function as the scenario starts it. */
export interface ScenarioFunction {
  readonly name: string;
  /** Default 128. */
  readonly memorySizeMb?: number;
  /** Default 3. */
  readonly timeoutSeconds?: number;
  /** Default `x86_64`. */
  readonly architecture?: 'x86_64' | 'arm64';
  /** Default `nodejs22.x`. */
  readonly runtime?: string;
  /** How the code deployed at creation behaves ($LATEST, and version 1 when published). */
  readonly behaviour: Behaviour;
  /** Publish version 1 once the function is active. Default `false`. */
  readonly publish?: boolean;
  /** Aliases created once the function is active (after version 1 is published). */
  readonly aliases?: ReadonlyArray<{ readonly name: string; readonly version: string }>;
  /** PutFunctionConcurrency once active. */
  readonly reservedConcurrency?: number;
  /** PutProvisionedConcurrencyConfig once active, per version or alias. */
  readonly provisionedConcurrency?: ReadonlyArray<{
    readonly qualifier: string;
    readonly amount: number;
  }>;
  /** PutFunctionEventInvokeConfig on the unqualified function once active. */
  readonly asyncConfig?: AsyncSetup;
  /** `DeadLetterConfig.TargetArn` at creation (an SQS queue or SNS topic ARN). */
  readonly deadLetterTargetArn?: string;
}

/** One change of the deployment plan, at `atMs`. */
export type PlannedChange =
  /** New code: UpdateFunctionCode now, PublishVersion once the update has completed. */
  | {
      readonly atMs: number;
      readonly action: 'deploy';
      readonly functionName: string;
      readonly behaviour: Behaviour;
    }
  /** UpdateAlias: point it at `version`, with `additionalVersion` taking `weight` (0 to 1). */
  | {
      readonly atMs: number;
      readonly action: 'routeAlias';
      readonly functionName: string;
      readonly alias: string;
      readonly version: string;
      readonly additionalVersion?: string;
      readonly weight?: number;
    }
  /** PutFunctionConcurrency, or DeleteFunctionConcurrency when `amount` is `null`. */
  | {
      readonly atMs: number;
      readonly action: 'reserveConcurrency';
      readonly functionName: string;
      readonly amount: number | null;
    }
  /** PutProvisionedConcurrencyConfig, or its Delete when `amount` is `null`. */
  | {
      readonly atMs: number;
      readonly action: 'provisionConcurrency';
      readonly functionName: string;
      readonly qualifier: string;
      readonly amount: number | null;
    };

/** One source of requests. */
export interface Traffic {
  /** The function name (unqualified). */
  readonly functionName: string;
  /** A version or alias; absent: `$LATEST`. */
  readonly qualifier?: string;
  /** Default `RequestResponse`. */
  readonly invocationType?: 'RequestResponse' | 'Event';
  readonly arrivals: ArrivalProcess;
  /** The event sent, as JSON text. Default `{}`. */
  readonly payload?: string;
}

/** A whole scenario. */
export interface Scenario {
  /** When it starts, epoch ms. */
  readonly startMs: number;
  /** How long it runs, ms. */
  readonly durationMs: number;
  /** The model's settings (account limits, delays, seeds); defaults otherwise. */
  readonly settings?: LambdaSettingsInput;
  readonly functions: ReadonlyArray<ScenarioFunction>;
  readonly plan?: ReadonlyArray<PlannedChange>;
  readonly traffic: ReadonlyArray<Traffic>;
  /** The metrics timeline's bucket width, ms. Default 60,000 (1 minute). */
  readonly resolutionMs?: number;
  /** How to price the run; `false`: no pricing. Default us-east-1 with the free tier. */
  readonly pricing?: BillOptions | false;
}

/** One thing wrong with a scenario, and where. */
export interface ScenarioProblem {
  /** A path into the scenario, such as `traffic[2].arrivals.ratePerSecond`. */
  readonly field: string;
  readonly message: string;
}

/** A scenario that cannot run, with every problem found. */
export interface InvalidScenario {
  readonly _tag: 'InvalidScenario';
  readonly message: string;
  readonly problems: ReadonlyArray<ScenarioProblem>;
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

// The kinds and actions the library knows, as keys of records the compiler checks against the
// unions: a kind added to a union without being added here does not compile.
const DISTRIBUTION_KINDS = Object.keys({
  constant: true,
  uniform: true,
  exponential: true,
  normal: true,
  lognormal: true,
} satisfies Record<Distribution['kind'], true>);
const ARRIVAL_KINDS = Object.keys({
  poisson: true,
  constant: true,
  burst: true,
  schedule: true,
} satisfies Record<ArrivalProcess['kind'], true>);
const PLAN_ACTIONS = Object.keys({
  deploy: true,
  routeAlias: true,
  reserveConcurrency: true,
  provisionConcurrency: true,
} satisfies Record<PlannedChange['action'], true>);
const isKnown = (kinds: ReadonlyArray<string>, kind: unknown): boolean =>
  typeof kind === 'string' && kinds.includes(kind);

/** Checks a scenario; the same value when it can run. */
export function validateScenario(scenario: Scenario): Either<InvalidScenario, Scenario> {
  const problems: ScenarioProblem[] = [];
  const problem = (field: string, message: string): void => {
    problems.push({ field, message });
  };
  const nonNegative = (field: string, value: unknown): void => {
    if (!isNumber(value) || value < 0) problem(field, 'must be a finite number ≥ 0');
  };
  const positive = (field: string, value: unknown): void => {
    if (!isNumber(value) || value <= 0) problem(field, 'must be a finite number > 0');
  };
  const probability = (field: string, value: unknown): void => {
    if (!isNumber(value) || value < 0 || value > 1) problem(field, 'must be between 0 and 1');
  };
  const within = (field: string, atMs: unknown): void => {
    if (!isNumber(atMs) || atMs < 0 || atMs > scenario.durationMs) {
      problem(field, `must be a time between 0 and durationMs (${String(scenario.durationMs)})`);
    }
  };

  if (!Number.isSafeInteger(scenario.startMs)) problem('startMs', 'must be an integer epoch ms');
  if (!Number.isSafeInteger(scenario.durationMs) || scenario.durationMs <= 0) {
    problem('durationMs', 'must be a positive integer number of ms');
  }
  if (scenario.resolutionMs !== undefined) {
    if (!Number.isSafeInteger(scenario.resolutionMs) || scenario.resolutionMs <= 0) {
      problem('resolutionMs', 'must be a positive integer number of ms');
    }
  }

  const names = new Set<string>();
  const aliases = new Set<string>();
  scenario.functions.forEach((fn, i) => {
    const at = `functions[${String(i)}]`;
    if (names.has(fn.name)) problem(`${at}.name`, `'${fn.name}' appears twice`);
    names.add(fn.name);
    checkBehaviour(`${at}.behaviour`, fn.behaviour);
    for (const alias of fn.aliases ?? []) aliases.add(`${fn.name}:${alias.name}`);
  });
  const knownFunction = (field: string, name: string): void => {
    if (!names.has(name)) problem(field, `unknown function '${name}'`);
  };

  (scenario.plan ?? []).forEach((change, i) => {
    const at = `plan[${String(i)}]`;
    within(`${at}.atMs`, change.atMs);
    knownFunction(`${at}.functionName`, change.functionName);
    if (!isKnown(PLAN_ACTIONS, change.action)) {
      problem(`${at}.action`, `must be one of ${PLAN_ACTIONS.join(', ')}`);
      return;
    }
    switch (change.action) {
      case 'deploy':
        checkBehaviour(`${at}.behaviour`, change.behaviour);
        return;
      case 'routeAlias':
        if (!aliases.has(`${change.functionName}:${change.alias}`)) {
          problem(`${at}.alias`, `unknown alias '${change.alias}' of '${change.functionName}'`);
        }
        if (change.weight !== undefined) probability(`${at}.weight`, change.weight);
        if ((change.weight === undefined) !== (change.additionalVersion === undefined)) {
          problem(`${at}.weight`, 'additionalVersion and weight go together');
        }
        return;
      case 'reserveConcurrency':
        if (change.amount !== null) nonNegative(`${at}.amount`, change.amount);
        return;
      case 'provisionConcurrency':
        if (change.amount !== null) positive(`${at}.amount`, change.amount);
        return;
    }
  });

  scenario.traffic.forEach((traffic, i) => {
    const at = `traffic[${String(i)}]`;
    knownFunction(`${at}.functionName`, traffic.functionName);
    checkArrivals(`${at}.arrivals`, traffic.arrivals);
  });

  if (problems.length === 0) return right(scenario);
  return left({
    _tag: 'InvalidScenario',
    message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    problems,
  });

  function checkBehaviour(at: string, behaviour: Behaviour): void {
    checkDistribution(`${at}.durationMs`, behaviour.durationMs);
    if (behaviour.initDurationMs !== undefined) {
      checkDistribution(`${at}.initDurationMs`, behaviour.initDurationMs);
    }
    if (behaviour.responseBytes !== undefined) {
      checkDistribution(`${at}.responseBytes`, behaviour.responseBytes);
    }
    if (behaviour.errorRate !== undefined) probability(`${at}.errorRate`, behaviour.errorRate);
  }

  function checkDistribution(at: string, d: Distribution): void {
    // A scenario often arrives as JSON, where nothing guarantees the kind is one we know.
    if (!isKnown(DISTRIBUTION_KINDS, d.kind)) {
      problem(`${at}.kind`, `must be one of ${DISTRIBUTION_KINDS.join(', ')}`);
      return;
    }
    switch (d.kind) {
      case 'constant':
        nonNegative(`${at}.value`, d.value);
        return;
      case 'uniform':
        nonNegative(`${at}.min`, d.min);
        nonNegative(`${at}.max`, d.max);
        if (isNumber(d.min) && isNumber(d.max) && d.min > d.max) {
          problem(`${at}.max`, `must not be below min (${String(d.min)})`);
        }
        return;
      case 'exponential':
        positive(`${at}.mean`, d.mean);
        return;
      case 'normal':
        nonNegative(`${at}.mean`, d.mean);
        nonNegative(`${at}.standardDeviation`, d.standardDeviation);
        return;
      case 'lognormal':
        positive(`${at}.median`, d.median);
        nonNegative(`${at}.sigma`, d.sigma);
        return;
    }
  }

  function checkArrivals(at: string, arrivals: ArrivalProcess): void {
    if (!isKnown(ARRIVAL_KINDS, arrivals.kind)) {
      problem(`${at}.kind`, `must be one of ${ARRIVAL_KINDS.join(', ')}`);
      return;
    }
    switch (arrivals.kind) {
      case 'poisson':
      case 'constant':
        nonNegative(`${at}.ratePerSecond`, arrivals.ratePerSecond);
        if (arrivals.fromMs !== undefined) within(`${at}.fromMs`, arrivals.fromMs);
        if (arrivals.untilMs !== undefined) within(`${at}.untilMs`, arrivals.untilMs);
        if ((arrivals.fromMs ?? 0) >= (arrivals.untilMs ?? scenario.durationMs)) {
          problem(`${at}.untilMs`, 'must be after fromMs');
        }
        return;
      case 'burst':
        within(`${at}.atMs`, arrivals.atMs);
        if (!Number.isSafeInteger(arrivals.count) || arrivals.count < 0) {
          problem(`${at}.count`, 'must be a non-negative integer');
        }
        if (arrivals.spreadMs !== undefined) nonNegative(`${at}.spreadMs`, arrivals.spreadMs);
        return;
      case 'schedule':
        if (arrivals.steps.length === 0) problem(`${at}.steps`, 'must have at least one step');
        arrivals.steps.forEach((step, j) => {
          within(`${at}.steps[${String(j)}].fromMs`, step.fromMs);
          nonNegative(`${at}.steps[${String(j)}].ratePerSecond`, step.ratePerSecond);
          const before = arrivals.steps[j - 1];
          if (before !== undefined && step.fromMs <= before.fromMs) {
            problem(`${at}.steps[${String(j)}].fromMs`, 'steps must be in increasing time order');
          }
        });
        return;
    }
  }
}
