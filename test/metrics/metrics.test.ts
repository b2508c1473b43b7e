import { describe, expect, it } from 'vitest';
import { emptyMetrics, metricsOf } from '../../src/metrics/projection.js';
import { given, type Scenario } from '../support/scenario.js';

/** f with versions 1 and 2, alias live → 1 with 50% on 2; reserved concurrency 2. */
const account = (): Scenario =>
  given()
    .withFunction('f')
    .withPublishedVersion('f')
    .withPublishedVersion('f')
    .run('CreateAlias', {
      FunctionName: 'f',
      Name: 'live',
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } },
    })
    .run('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 2 });

describe('Metrics: a projection of the log (CloudWatch names, spec invocation §3–§4)', () => {
  it('counts invocations, errors, cold starts and the peak of concurrent executions per dimension', () => {
    const s = account()
      .invoke('a', { FunctionName: 'f', Qualifier: 'live' }, { routingDraw: 0.9 }) // version 1
      .invoke('b', { FunctionName: 'f', Qualifier: 'live' }, { routingDraw: 0.1 }) // version 2
      .invoke('c', { FunctionName: 'f', Qualifier: 'live' }, { routingDraw: 0.9 }) // throttled
      .complete('a', { durationMs: 10.5 })
      .complete('b', { durationMs: 5, functionError: { errorType: 'Error', errorMessage: 'x' } })
      .invoke('d', { FunctionName: 'f', Qualifier: '1' }) // warm on a's environment
      .complete('d', { durationMs: 1 });
    const metrics = metricsOf(s.log);
    expect(metrics.byFunction['f']).toMatchObject({
      Invocations: 3,
      Errors: 1,
      Throttles: 1,
      ThrottlesByReason: { ReservedFunctionConcurrentInvocationLimitExceeded: 1 },
      ColdStarts: 2,
      ConcurrentExecutions: 2,
      RunningExecutions: 0,
      DurationSumMs: 16.5,
      BilledDurationSumMs: 11 + 5 + 1,
      InitDurationSumMs: 400,
    });
    expect(metrics.byVersion['f:1']).toMatchObject({ Invocations: 2, ColdStarts: 1, Throttles: 1 });
    expect(metrics.byVersion['f:2']).toMatchObject({ Invocations: 1, Errors: 1 });
    // `d` named the version, not the alias: the alias dimension has a, b and c only.
    expect(metrics.byAlias['f:live']).toMatchObject({ Invocations: 2, Throttles: 1 });
    expect(metrics.account).toEqual(metrics.byFunction['f']);
  });

  it('counts provisioned invocations and spillover', () => {
    const s = account()
      .run('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 1,
      })
      .advance(60_000)
      .invoke('p', { FunctionName: 'f', Qualifier: '1' })
      .invoke('s', { FunctionName: 'f', Qualifier: '1' });
    const metrics = metricsOf(s.log).byVersion['f:1'];
    expect(metrics).toMatchObject({
      Invocations: 2,
      ProvisionedConcurrencyInvocations: 1,
      ProvisionedConcurrencySpilloverInvocations: 1,
      ColdStarts: 1,
      RunningExecutions: 2,
    });
  });

  it('counts an accepted Event as AsyncEventsReceived, and as an Invocation only once it starts', () => {
    const event = { FunctionName: 'f', InvocationType: 'Event', Payload: '{}' } as const;
    // Concurrency is free: the event is dispatched at once, so it ran.
    const started = account().invoke('e', event);
    expect(metricsOf(started.log).byVersion['f:$LATEST']).toMatchObject({
      AsyncEventsReceived: 1,
      Invocations: 1,
    });
    // Both reserved slots are busy: the event is accepted but throttled back to the queue.
    const busy = account().invoke('a', { FunctionName: 'f' }).invoke('b', { FunctionName: 'f' });
    const waiting = busy.invoke('e', event);
    expect(metricsOf(waiting.log.slice(busy.log.length)).byVersion['f:$LATEST']).toMatchObject({
      AsyncEventsReceived: 1,
      Invocations: 0,
    });
  });

  it('gives the same figures for a log projected whole or in pieces, and leaves `from` alone', () => {
    const s = account()
      .invoke('a', { FunctionName: 'f' })
      .invoke('b', { FunctionName: 'f' })
      .complete('a', { durationMs: 3 })
      .invoke('c', { FunctionName: 'f' })
      .complete('b', { durationMs: 4 });
    const whole = metricsOf(s.log);
    for (let cut = 0; cut <= s.log.length; cut += 1) {
      const first = metricsOf(s.log.slice(0, cut));
      const snapshot = JSON.stringify(first);
      expect(metricsOf(s.log.slice(cut), first)).toEqual(whole);
      expect(JSON.stringify(first)).toBe(snapshot);
    }
    expect(metricsOf([])).toEqual(emptyMetrics());
  });
});

describe('Metrics of queued events (spec invocation §5.3)', () => {
  it('counts a throttled attempt of a queued event as a throttle, with its reason', () => {
    const s = given({ concurrentExecutionsLimit: 1 })
      .withFunction('f')
      .invoke('sync', { FunctionName: 'f' })
      .invoke('queued', { FunctionName: 'f', InvocationType: 'Event', Payload: '{}' })
      .advance(1_000); // the retry after 1 s is throttled again
    const f = metricsOf(s.log).byFunction['f'];
    expect(f).toMatchObject({
      Throttles: 2,
      ThrottlesByReason: { ConcurrentInvocationLimitExceeded: 2 },
      AsyncEventsReceived: 1,
      Invocations: 1,
    });
  });
});
