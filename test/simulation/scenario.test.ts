/**
 * Checking a scenario before it runs: a valid one comes back unchanged; a bad one comes back as
 * `InvalidScenario` with every problem, each naming the exact field it is in.
 */
import { describe, expect, it } from 'vitest';
import type { ArrivalProcess, Distribution } from '../../src/simulation/sampling.js';
import {
  validateScenario,
  type Behaviour,
  type InvalidScenario,
  type PlannedChange,
  type Scenario,
  type ScenarioFunction,
  type Traffic,
} from '../../src/simulation/scenario.js';
import { T0 } from '../support/scenario.js';

const DURATION_MS = 600_000;

const behaviour: Behaviour = {
  durationMs: { kind: 'lognormal', median: 80, sigma: 0.4 },
  initDurationMs: { kind: 'uniform', min: 200, max: 400 },
  errorRate: 0.01,
  responseBytes: { kind: 'constant', value: 512 },
};

const orders: ScenarioFunction = {
  name: 'orders',
  memorySizeMb: 512,
  timeoutSeconds: 10,
  behaviour,
  publish: true,
  aliases: [{ name: 'live', version: '1' }],
  reservedConcurrency: 50,
  provisionedConcurrency: [{ qualifier: 'live', amount: 5 }],
};

const billing: ScenarioFunction = {
  name: 'billing',
  behaviour: { durationMs: { kind: 'exponential', mean: 120 } },
};

/** A scenario using every kind of function setup, change, arrival process and distribution. */
const valid: Scenario = {
  startMs: T0,
  durationMs: DURATION_MS,
  resolutionMs: 10_000,
  functions: [orders, billing],
  plan: [
    {
      atMs: 60_000,
      action: 'deploy',
      functionName: 'orders',
      behaviour: { durationMs: { kind: 'normal', mean: 90, standardDeviation: 20 } },
    },
    {
      atMs: 120_000,
      action: 'routeAlias',
      functionName: 'orders',
      alias: 'live',
      version: '1',
      additionalVersion: '2',
      weight: 0.1,
    },
    { atMs: 180_000, action: 'routeAlias', functionName: 'orders', alias: 'live', version: '2' },
    { atMs: 200_000, action: 'reserveConcurrency', functionName: 'billing', amount: 0 },
    { atMs: 210_000, action: 'reserveConcurrency', functionName: 'billing', amount: null },
    {
      atMs: 220_000,
      action: 'provisionConcurrency',
      functionName: 'orders',
      qualifier: 'live',
      amount: null,
    },
  ],
  traffic: [
    { functionName: 'orders', qualifier: 'live', arrivals: { kind: 'poisson', ratePerSecond: 20 } },
    {
      functionName: 'billing',
      invocationType: 'Event',
      arrivals: { kind: 'constant', ratePerSecond: 2, fromMs: 0, untilMs: DURATION_MS },
    },
    {
      functionName: 'billing',
      arrivals: { kind: 'burst', atMs: 300_000, count: 100, spreadMs: 0 },
    },
    {
      functionName: 'orders',
      arrivals: {
        kind: 'schedule',
        poisson: false,
        steps: [
          { fromMs: 0, ratePerSecond: 5 },
          { fromMs: 300_000, ratePerSecond: 0 },
        ],
      },
    },
  ],
};

/** `valid` with some top-level members replaced. */
const withChanges = (changes: Partial<Scenario>): Scenario => ({ ...valid, ...changes });

/** `valid` with one plan: a single change. */
const withPlan = (...plan: PlannedChange[]): Scenario => withChanges({ plan });

/** `valid` with one traffic source to `orders` using `arrivals`. */
const withArrivals = (arrivals: ArrivalProcess): Scenario =>
  withChanges({ traffic: [{ functionName: 'orders', arrivals }] });

/** `valid` with the first function's handler duration drawn from `durationMs`. */
const withDuration = (durationMs: Distribution): Scenario =>
  withChanges({ functions: [{ ...orders, behaviour: { durationMs } }, billing] });

/** The refusal of `scenario`; the test fails if it was accepted. */
function refusal(scenario: Scenario): InvalidScenario {
  const result = validateScenario(scenario);
  if (result._tag === 'Right') return expect.fail('expected the scenario to be refused');
  expect(result.left._tag).toBe('InvalidScenario');
  return result.left;
}

/** The fields named by the problems of `scenario`, in the order reported. */
const fieldsOf = (scenario: Scenario): ReadonlyArray<string> =>
  refusal(scenario).problems.map((p) => p.field);

describe('validateScenario accepts', () => {
  it('given a scenario using every feature correctly, then it returns Right with the same object', () => {
    const result = validateScenario(valid);
    expect(result._tag).toBe('Right');
    if (result._tag === 'Right') expect(result.right).toBe(valid);
  });

  it('given the smallest scenario (no plan, no traffic, no resolution), then it returns Right', () => {
    const minimal: Scenario = { startMs: 0, durationMs: 1, functions: [], traffic: [] };
    expect(validateScenario(minimal)).toEqual({ _tag: 'Right', right: minimal });
  });

  it('given times at both ends of the scenario (0 and durationMs), then they are accepted', () => {
    const scenario = withChanges({
      plan: [
        { atMs: 0, action: 'reserveConcurrency', functionName: 'orders', amount: 1 },
        { atMs: DURATION_MS, action: 'reserveConcurrency', functionName: 'orders', amount: 1 },
      ],
      traffic: [
        {
          functionName: 'orders',
          arrivals: { kind: 'poisson', ratePerSecond: 0, fromMs: 0, untilMs: DURATION_MS },
        },
        { functionName: 'orders', arrivals: { kind: 'burst', atMs: DURATION_MS, count: 0 } },
      ],
    });
    expect(validateScenario(scenario)._tag).toBe('Right');
  });

  it('given weights 0 and 1, then both are accepted', () => {
    const route = (weight: number): PlannedChange => ({
      atMs: 0,
      action: 'routeAlias',
      functionName: 'orders',
      alias: 'live',
      version: '1',
      additionalVersion: '2',
      weight,
    });
    expect(validateScenario(withPlan(route(0), route(1)))._tag).toBe('Right');
  });

  it('given a uniform with min = max and a zero-spread normal, then both are accepted', () => {
    expect(validateScenario(withDuration({ kind: 'uniform', min: 5, max: 5 }))._tag).toBe('Right');
    expect(
      validateScenario(withDuration({ kind: 'normal', mean: 0, standardDeviation: 0 }))._tag,
    ).toBe('Right');
  });
});

describe('validateScenario refuses, naming the field', () => {
  describe('the scenario’s own times', () => {
    it.each([
      ['a fractional startMs', { startMs: T0 + 0.5 }],
      ['a NaN startMs', { startMs: Number.NaN }],
      ['an unsafe-integer startMs', { startMs: 2 ** 53 }],
    ])('given %s, then startMs', (_, changes) => {
      expect(fieldsOf(withChanges(changes))).toEqual(['startMs']);
    });

    it.each([
      ['a durationMs of 0', 0],
      ['a negative durationMs', -1_000],
      ['a fractional durationMs', 1_000.5],
      ['an infinite durationMs', Number.POSITIVE_INFINITY],
    ])('given %s, then durationMs', (_, durationMs) => {
      const scenario: Scenario = { startMs: T0, durationMs, functions: [], traffic: [] };
      expect(fieldsOf(scenario)).toEqual(['durationMs']);
    });

    it.each([
      ['0', 0],
      ['negative', -60_000],
      ['fractional', 0.5],
    ])('given a resolutionMs that is %s, then resolutionMs', (_, resolutionMs) => {
      expect(fieldsOf(withChanges({ resolutionMs }))).toEqual(['resolutionMs']);
    });
  });

  describe('functions', () => {
    it('given two functions with one name, then the second one’s name', () => {
      const twice = withChanges({ functions: [orders, billing, { ...billing }] });
      const problems = refusal(twice).problems;
      expect(problems.map((p) => p.field)).toEqual(['functions[2].name']);
      expect(problems[0]?.message).toContain('billing');
    });

    it.each<[string, Distribution, string]>([
      ['a uniform with min > max', { kind: 'uniform', min: 300, max: 200 }, 'max'],
      ['a uniform with a negative min', { kind: 'uniform', min: -1, max: 200 }, 'min'],
      ['a uniform with a NaN max', { kind: 'uniform', min: 0, max: Number.NaN }, 'max'],
      [
        'a normal with a negative standard deviation',
        { kind: 'normal', mean: 100, standardDeviation: -5 },
        'standardDeviation',
      ],
      ['a normal with a negative mean', { kind: 'normal', mean: -1, standardDeviation: 5 }, 'mean'],
      ['an exponential with mean 0', { kind: 'exponential', mean: 0 }, 'mean'],
      ['an exponential with a negative mean', { kind: 'exponential', mean: -10 }, 'mean'],
      ['a lognormal with median 0', { kind: 'lognormal', median: 0, sigma: 1 }, 'median'],
      ['a lognormal with a negative sigma', { kind: 'lognormal', median: 50, sigma: -1 }, 'sigma'],
      ['a negative constant', { kind: 'constant', value: -1 }, 'value'],
      ['an infinite constant', { kind: 'constant', value: Number.POSITIVE_INFINITY }, 'value'],
    ])(
      'given %s as a duration, then functions[0].behaviour.durationMs.<its field>',
      (_, d, field) => {
        expect(fieldsOf(withDuration(d))).toEqual([`functions[0].behaviour.durationMs.${field}`]);
      },
    );

    it('given a uniform with min > max, then the problem says it is below min', () => {
      const [problem] = refusal(withDuration({ kind: 'uniform', min: 300, max: 200 })).problems;
      expect(problem?.message).toContain('300');
    });

    it('given bad init duration, response size and error rate, then each under behaviour', () => {
      const bad: Behaviour = {
        durationMs: { kind: 'constant', value: 10 },
        initDurationMs: { kind: 'exponential', mean: 0 },
        responseBytes: { kind: 'uniform', min: 10, max: 1 },
        errorRate: 1.5,
      };
      expect(
        fieldsOf(withChanges({ functions: [billing, { ...orders, behaviour: bad }] })),
      ).toEqual([
        'functions[1].behaviour.initDurationMs.mean',
        'functions[1].behaviour.responseBytes.max',
        'functions[1].behaviour.errorRate',
      ]);
    });

    it.each([-0.01, 1.01, Number.NaN])('given an error rate of %s, then errorRate', (errorRate) => {
      const fn: ScenarioFunction = { ...billing, behaviour: { ...billing.behaviour, errorRate } };
      expect(fieldsOf(withChanges({ functions: [orders, fn] }))).toEqual([
        'functions[1].behaviour.errorRate',
      ]);
    });
  });

  describe('the plan', () => {
    it('given a change for an unknown function, then plan[i].functionName', () => {
      const problems = refusal(
        withPlan({ atMs: 0, action: 'reserveConcurrency', functionName: 'ghost', amount: 1 }),
      ).problems;
      expect(problems.map((p) => p.field)).toEqual(['plan[0].functionName']);
      expect(problems[0]?.message).toContain('ghost');
    });

    it.each([-1, DURATION_MS + 1, Number.NaN])(
      'given a change at %s ms (outside [0, durationMs]), then plan[0].atMs',
      (atMs) => {
        expect(
          fieldsOf(
            withPlan({ atMs, action: 'reserveConcurrency', functionName: 'orders', amount: 1 }),
          ),
        ).toEqual(['plan[0].atMs']);
      },
    );

    it('given a deploy with a bad behaviour, then plan[i].behaviour.<field>', () => {
      expect(
        fieldsOf(
          withPlan({
            atMs: 0,
            action: 'deploy',
            functionName: 'orders',
            behaviour: { durationMs: { kind: 'normal', mean: 50, standardDeviation: -1 } },
          }),
        ),
      ).toEqual(['plan[0].behaviour.durationMs.standardDeviation']);
    });

    it('given a route of an alias the function does not have, then plan[0].alias', () => {
      const unknownAlias: PlannedChange = {
        atMs: 0,
        action: 'routeAlias',
        functionName: 'orders',
        alias: 'canary',
        version: '1',
      };
      const problems = refusal(withPlan(unknownAlias)).problems;
      expect(problems.map((p) => p.field)).toEqual(['plan[0].alias']);
      expect(problems[0]?.message).toContain('canary');
    });

    it('given a route of an alias that belongs to another function, then plan[0].alias', () => {
      // `live` is an alias of `orders`, not of `billing`.
      expect(
        fieldsOf(
          withPlan({
            atMs: 0,
            action: 'routeAlias',
            functionName: 'billing',
            alias: 'live',
            version: '1',
          }),
        ),
      ).toEqual(['plan[0].alias']);
    });

    it.each([1.5, -0.1, Number.NaN])(
      'given a weight of %s (outside [0, 1]), then plan[1].weight',
      (weight) => {
        const route: PlannedChange = {
          atMs: 0,
          action: 'routeAlias',
          functionName: 'orders',
          alias: 'live',
          version: '1',
          additionalVersion: '2',
          weight,
        };
        const first = valid.plan?.[0];
        if (first === undefined) return expect.fail('the valid scenario has a plan');
        expect(fieldsOf(withPlan(first, route))).toEqual(['plan[1].weight']);
      },
    );

    it('given additionalVersion without weight, then plan[0].weight', () => {
      const problems = refusal(
        withPlan({
          atMs: 0,
          action: 'routeAlias',
          functionName: 'orders',
          alias: 'live',
          version: '1',
          additionalVersion: '2',
        }),
      ).problems;
      expect(problems.map((p) => p.field)).toEqual(['plan[0].weight']);
      expect(problems[0]?.message).toContain('additionalVersion');
    });

    it('given weight without additionalVersion, then plan[0].weight', () => {
      expect(
        fieldsOf(
          withPlan({
            atMs: 0,
            action: 'routeAlias',
            functionName: 'orders',
            alias: 'live',
            version: '1',
            weight: 0.2,
          }),
        ),
      ).toEqual(['plan[0].weight']);
    });

    it('given a negative reserved concurrency, then plan[0].amount', () => {
      expect(
        fieldsOf(
          withPlan({ atMs: 0, action: 'reserveConcurrency', functionName: 'orders', amount: -1 }),
        ),
      ).toEqual(['plan[0].amount']);
    });

    it('given a provisioned concurrency of 0, then plan[0].amount (it must be positive)', () => {
      expect(
        fieldsOf(
          withPlan({
            atMs: 0,
            action: 'provisionConcurrency',
            functionName: 'orders',
            qualifier: 'live',
            amount: 0,
          }),
        ),
      ).toEqual(['plan[0].amount']);
    });
  });

  describe('traffic', () => {
    it('given traffic to an unknown function, then traffic[0].functionName', () => {
      const traffic: Traffic[] = [
        { functionName: 'ghost', arrivals: { kind: 'poisson', ratePerSecond: 1 } },
      ];
      const problems = refusal(withChanges({ traffic })).problems;
      expect(problems.map((p) => p.field)).toEqual(['traffic[0].functionName']);
      expect(problems[0]?.message).toContain('ghost');
    });

    it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])(
      'given a poisson rate of %s, then traffic[0].arrivals.ratePerSecond',
      (ratePerSecond) => {
        expect(fieldsOf(withArrivals({ kind: 'poisson', ratePerSecond }))).toEqual([
          'traffic[0].arrivals.ratePerSecond',
        ]);
      },
    );

    it('given a negative constant rate, then traffic[0].arrivals.ratePerSecond', () => {
      expect(fieldsOf(withArrivals({ kind: 'constant', ratePerSecond: -5 }))).toEqual([
        'traffic[0].arrivals.ratePerSecond',
      ]);
    });

    it('given a window outside the scenario, then its fromMs and untilMs', () => {
      expect(
        fieldsOf(
          withArrivals({
            kind: 'constant',
            ratePerSecond: 1,
            fromMs: -1,
            untilMs: DURATION_MS + 1,
          }),
        ),
      ).toEqual(['traffic[0].arrivals.fromMs', 'traffic[0].arrivals.untilMs']);
    });

    it('given a burst outside the scenario with a bad count and spread, then each field', () => {
      expect(
        fieldsOf(withArrivals({ kind: 'burst', atMs: DURATION_MS + 1, count: 2.5, spreadMs: -1 })),
      ).toEqual([
        'traffic[0].arrivals.atMs',
        'traffic[0].arrivals.count',
        'traffic[0].arrivals.spreadMs',
      ]);
    });

    it('given a burst with a negative count, then traffic[0].arrivals.count', () => {
      expect(fieldsOf(withArrivals({ kind: 'burst', atMs: 0, count: -1 }))).toEqual([
        'traffic[0].arrivals.count',
      ]);
    });

    it('given a schedule with no steps, then traffic[0].arrivals.steps', () => {
      expect(fieldsOf(withArrivals({ kind: 'schedule', steps: [] }))).toEqual([
        'traffic[0].arrivals.steps',
      ]);
    });

    it.each([
      ['earlier than', 1_000],
      ['at the same time as', 5_000],
    ])('given a step %s the one before it, then that step’s fromMs', (_, fromMs) => {
      const problems = refusal(
        withArrivals({
          kind: 'schedule',
          steps: [
            { fromMs: 0, ratePerSecond: 1 },
            { fromMs: 5_000, ratePerSecond: 2 },
            { fromMs, ratePerSecond: 3 },
          ],
        }),
      ).problems;
      expect(problems.map((p) => p.field)).toEqual(['traffic[0].arrivals.steps[2].fromMs']);
      expect(problems[0]?.message).toContain('order');
    });

    it('given a step past the end and a step with a negative rate, then each step’s field', () => {
      expect(
        fieldsOf(
          withArrivals({
            kind: 'schedule',
            steps: [
              { fromMs: 0, ratePerSecond: -2 },
              { fromMs: DURATION_MS + 1, ratePerSecond: 1 },
            ],
          }),
        ),
      ).toEqual([
        'traffic[0].arrivals.steps[0].ratePerSecond',
        'traffic[0].arrivals.steps[1].fromMs',
      ]);
    });
  });
});

describe('validateScenario reports every problem together', () => {
  const broken: Scenario = {
    startMs: 1.5,
    durationMs: 60_000,
    resolutionMs: 0,
    functions: [
      { name: 'a', behaviour: { durationMs: { kind: 'exponential', mean: 0 } } },
      { name: 'a', behaviour: { durationMs: { kind: 'constant', value: 1 } } },
    ],
    plan: [
      { atMs: 0, action: 'routeAlias', functionName: 'a', alias: 'nope', version: '1' },
      {
        atMs: 90_000,
        action: 'routeAlias',
        functionName: 'b',
        alias: 'live',
        version: '1',
        additionalVersion: '2',
        weight: 2,
      },
    ],
    traffic: [
      { functionName: 'b', arrivals: { kind: 'poisson', ratePerSecond: -1 } },
      { functionName: 'a', arrivals: { kind: 'constant', ratePerSecond: 1 } },
    ],
  };
  const expectedFields = [
    'startMs',
    'resolutionMs',
    'functions[0].behaviour.durationMs.mean',
    'functions[1].name',
    'plan[0].alias',
    'plan[1].atMs',
    'plan[1].functionName',
    'plan[1].alias',
    'plan[1].weight',
    'traffic[0].functionName',
    'traffic[0].arrivals.ratePerSecond',
  ];

  it('given a scenario with eleven problems, then all eleven are reported, each once', () => {
    const fields = refusal(broken).problems.map((p) => p.field);
    expect([...fields].sort()).toEqual([...expectedFields].sort());
  });

  it('given several problems, then each has a non-empty message', () => {
    for (const problem of refusal(broken).problems)
      expect(problem.message.length).toBeGreaterThan(0);
  });

  it('given several problems, then the message lists each as "field: message", in order', () => {
    const { message, problems } = refusal(broken);
    expect(message.split('; ')).toEqual(problems.map((p) => `${p.field}: ${p.message}`));
    for (const field of expectedFields) expect(message).toContain(field);
  });

  it('given a refused scenario, then the scenario itself is left as it was', () => {
    const before = JSON.stringify(broken);
    refusal(broken);
    expect(JSON.stringify(broken)).toBe(before);
  });
});

describe('a traffic window that closes before it opens', () => {
  it('is refused at its untilMs, since it would send nothing', () => {
    expect(
      fieldsOf(
        withArrivals({ kind: 'poisson', ratePerSecond: 5, fromMs: 60_000, untilMs: 60_000 }),
      ),
    ).toEqual(['traffic[0].arrivals.untilMs']);
    expect(
      fieldsOf(withArrivals({ kind: 'constant', ratePerSecond: 5, fromMs: DURATION_MS })),
    ).toEqual(['traffic[0].arrivals.untilMs']);
  });
});

describe('a kind the library does not know (a scenario read from JSON)', () => {
  it('is refused at its kind, for a distribution and for an arrival process', () => {
    const gamma = JSON.parse('{"kind":"gamma","shape":2}') as Distribution;
    expect(fieldsOf(withDuration(gamma))).toEqual(['functions[0].behaviour.durationMs.kind']);
    const weibull = JSON.parse('{"kind":"weibull","ratePerSecond":1}') as ArrivalProcess;
    expect(fieldsOf(withArrivals(weibull))).toEqual(['traffic[0].arrivals.kind']);
  });
});

describe('a plan action the library does not know', () => {
  it('is refused at its action', () => {
    const rollback = JSON.parse(
      '{"atMs":1000,"action":"rollback","functionName":"orders"}',
    ) as PlannedChange;
    expect(fieldsOf(withPlan(rollback))).toEqual(['plan[0].action']);
  });
});
