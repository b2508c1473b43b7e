/**
 * The demonstration behind `npm start`: a small deployment, done the way you would do it against
 * AWS, with classic mistakes answered by the errors AWS gives, then traffic: a canary split, a
 * timeout, a burst that hits reserved concurrency, provisioned concurrency, and an asynchronous
 * consumer whose failures retry into a destination and a dead-letter queue. Everything runs on
 * a model clock that moves only when we say so; nothing is sent anywhere, no code runs.
 */
import { performance } from 'node:perf_hooks';
import {
  isLeft,
  LambdaTwin,
  Metrics,
  Pricing,
  replay,
  type AwsError,
  type Either,
} from '../../src/index.js';

const twin = new LambdaTwin();
const role = 'arn:aws:iam::123456789012:role/orders-role';
// The smallest valid zip archive: an empty end-of-central-directory record.
const zip = new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]);

const clock = (): string => new Date(twin.now).toISOString();

function step<B>(
  title: string,
  result: Either<AwsError, { statusCode: number; body: B }>,
  show: (body: B) => string,
): void {
  if (isLeft(result)) {
    const e = result.left;
    console.log(`  ${clock()}  ${title}\n      ✗ ${String(e.statusCode)} ${e._tag}: ${e.message}`);
  } else {
    console.log(
      `  ${clock()}  ${title}\n      ✓ ${String(result.right.statusCode)} ${show(result.right.body)}`,
    );
  }
}

console.log('lambda-twin — a deployment on a model of AWS Lambda\n');

step(
  'CreateFunction orders (nodejs22.x, 128 MB)',
  twin.call('CreateFunction', {
    FunctionName: 'orders',
    Role: role,
    Runtime: 'nodejs22.x',
    Handler: 'index.handler',
    Code: { ZipFile: zip },
  }),
  (f) => `State=${f.State ?? ''} (${f.StateReasonCode ?? ''}), CodeSha256=${f.CodeSha256}`,
);

step(
  'Mistake 1: PublishVersion straight away',
  twin.call('PublishVersion', { FunctionName: 'orders' }),
  (v) => `Version=${v.Version}`,
);

const activated = twin.advance(1_000);
console.log(`  ${clock()}  (one second later: ${activated.map((e) => e.type).join(', ')})`);

step(
  'PublishVersion',
  twin.call('PublishVersion', { FunctionName: 'orders' }),
  (v) => `Version=${v.Version}`,
);

step(
  'UpdateFunctionConfiguration MemorySize=512',
  twin.call('UpdateFunctionConfiguration', { FunctionName: 'orders', MemorySize: 512 }),
  (f) => `LastUpdateStatus=${f.LastUpdateStatus ?? ''}`,
);
step(
  'Mistake 2: a second update before the first has finished',
  twin.call('UpdateFunctionConfiguration', { FunctionName: 'orders', Timeout: 10 }),
  (f) => `LastUpdateStatus=${f.LastUpdateStatus ?? ''}`,
);
twin.advance(1_000);
step(
  'PublishVersion',
  twin.call('PublishVersion', { FunctionName: 'orders' }),
  (v) => `Version=${v.Version}, MemorySize=${String(v.MemorySize)}`,
);

step(
  'CreateAlias live → 1, with 10% of traffic on 2 (a canary)',
  twin.call('CreateAlias', {
    FunctionName: 'orders',
    Name: 'live',
    FunctionVersion: '1',
    RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } },
  }),
  (a) => `AliasArn=${a.AliasArn}`,
);
step(
  'Mistake 3: DeleteFunction orders:2 while the canary routes to it',
  twin.call('DeleteFunction', { FunctionName: 'orders', Qualifier: '2' }),
  () => 'deleted',
);

step(
  "Mistake 4: reserve 950 of the account's 1,000 concurrent executions",
  twin.call('PutFunctionConcurrency', {
    FunctionName: 'orders',
    ReservedConcurrentExecutions: 950,
  }),
  (c) => `ReservedConcurrentExecutions=${String(c.ReservedConcurrentExecutions)}`,
);
step(
  'PutFunctionConcurrency 100',
  twin.call('PutFunctionConcurrency', {
    FunctionName: 'orders',
    ReservedConcurrentExecutions: 100,
  }),
  (c) => `ReservedConcurrentExecutions=${String(c.ReservedConcurrentExecutions)}`,
);
step('GetAccountSettings', twin.call('GetAccountSettings', {}), (a) =>
  [
    `ConcurrentExecutions=${String(a.AccountLimit.ConcurrentExecutions)}`,
    `UnreservedConcurrentExecutions=${String(a.AccountLimit.UnreservedConcurrentExecutions)}`,
    `TotalCodeSize used=${String(a.AccountUsage.TotalCodeSize)} bytes`,
  ].join(', '),
);

console.log('\nGetAlias live');
const alias = twin.call('GetAlias', { FunctionName: 'orders', Name: 'live' });
if (!isLeft(alias)) console.log(indent(JSON.stringify(alias.right.body, null, 2)));

console.log('\nListVersionsByFunction orders');
const versions = twin.call('ListVersionsByFunction', { FunctionName: 'orders' });
if (!isLeft(versions)) {
  for (const v of versions.right.body.Versions) {
    console.log(
      `  ${v.Version.padEnd(8)} MemorySize=${String(v.MemorySize).padEnd(5)} CodeSha256=${v.CodeSha256}  RevisionId=${v.RevisionId}`,
    );
  }
}

console.log('\nTraffic (the model runs no code: each call says how long the handler ran)');
const split = new Map<string, number>();
for (let i = 0; i < 200; i += 1) {
  const answer = twin.invoke(
    { FunctionName: 'orders', Qualifier: 'live', Payload: `{"order":${String(i)}}` },
    { outcome: { durationMs: 35 + (i % 7), response: '{"ok":true}' } },
  );
  if (!isLeft(answer)) {
    const version = answer.right.body.ExecutedVersion ?? '?';
    split.set(version, (split.get(version) ?? 0) + 1);
  }
  twin.advance(50);
}
console.log(
  `  200 invokes of live (90/10): ${[...split].map(([v, n]) => `version ${v} ran ${String(n)}`).join(', ')}`,
);

step(
  'Invoke orders:1 with a handler that runs 5 s (Timeout is 3 s)',
  twin.invoke({ FunctionName: 'orders', Qualifier: '1' }, { outcome: { durationMs: 5_000 } }),
  (r) => ('Payload' in r ? `FunctionError=${r.FunctionError ?? '-'} Payload=${r.Payload}` : ''),
);

// A burst: 120 requests arrive together and none has finished yet.
const running: string[] = [];
const throttled = new Map<string, number>();
for (let i = 0; i < 120; i += 1) {
  const answer = twin.invoke({ FunctionName: 'orders', Qualifier: '1' });
  if (!isLeft(answer) && 'RequestId' in answer.right.body)
    running.push(answer.right.body.RequestId);
  else if (isLeft(answer) && answer.left._tag === 'TooManyRequestsException') {
    throttled.set(answer.left.reason, (throttled.get(answer.left.reason) ?? 0) + 1);
  }
}
console.log(
  `  A burst of 120 with ReservedConcurrentExecutions=100: ${String(running.length)} running, ` +
    [...throttled].map(([r, n]) => `${String(n)} throttled (429 ${r})`).join(', '),
);
twin.advance(120);
for (const requestId of running) twin.call('CompleteInvocation', { requestId, durationMs: 120 });

step(
  'Mistake 5: PutProvisionedConcurrencyConfig on the weighted alias live',
  twin.call('PutProvisionedConcurrencyConfig', {
    FunctionName: 'orders',
    Qualifier: 'live',
    ProvisionedConcurrentExecutions: 10,
  }),
  (c) => `Status=${c.Status}`,
);
step(
  'PutProvisionedConcurrencyConfig orders:1 = 10',
  twin.call('PutProvisionedConcurrencyConfig', {
    FunctionName: 'orders',
    Qualifier: '1',
    ProvisionedConcurrentExecutions: 10,
  }),
  (c) => `Status=${c.Status}, Allocated=${String(c.AllocatedProvisionedConcurrentExecutions)}`,
);
twin.advance(60_000);
step(
  'GetProvisionedConcurrencyConfig orders:1, a minute later',
  twin.call('GetProvisionedConcurrencyConfig', { FunctionName: 'orders', Qualifier: '1' }),
  (c) => `Status=${c.Status}, Allocated=${String(c.AllocatedProvisionedConcurrentExecutions)}`,
);
step(
  'Invoke orders:1',
  twin.invoke({ FunctionName: 'orders', Qualifier: '1' }, { outcome: { durationMs: 20 } }),
  (r) => `ExecutedVersion=${r.ExecutedVersion ?? ''}`,
);
const lastStart = [...twin.log].reverse().find((e) => e.type === 'InvocationStarted');
if (lastStart?.type === 'InvocationStarted') {
  console.log(`      ran on a ${lastStart.initializationType} environment, without init`);
}

console.log('\nAn asynchronous consumer: retries, a destination and a dead-letter queue');
twin.call('CreateFunction', {
  FunctionName: 'billing',
  Role: role,
  Runtime: 'python3.13',
  Handler: 'app.handler',
  Code: { ZipFile: zip },
  DeadLetterConfig: { TargetArn: 'arn:aws:sqs:us-east-1:123456789012:billing-dlq' },
});
twin.advance(1_000);
step(
  'PutFunctionEventInvokeConfig billing: failures to an SQS queue (2 retries, the default)',
  twin.call('PutFunctionEventInvokeConfig', {
    FunctionName: 'billing',
    DestinationConfig: {
      OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:billing-failures' },
    },
  }),
  (c) => `OnFailure=${c.DestinationConfig.OnFailure.Destination ?? ''}`,
);
step(
  'Invoke billing, InvocationType=Event',
  twin.invoke({ FunctionName: 'billing', InvocationType: 'Event', Payload: '{"invoice":42}' }),
  (r) => `StatusCode=${String(r.StatusCode)}`,
);
/** The request id of the latest attempt the model started (the caller completes it). */
const lastAttempt = (): string => {
  const started = [...twin.log].reverse().find((e) => e.type === 'InvocationStarted');
  return started?.type === 'InvocationStarted' ? started.requestId : '';
};
const asyncId = lastAttempt();
const acceptedAt = twin.now;
const wallStart = performance.now();
// Each attempt fails; the model schedules the retries, the clock is moved by hand.
for (const [attempt, wait] of [
  [1, 0],
  [2, 60_000],
  [3, 120_000],
] as const) {
  twin.advance(wait);
  twin.call('CompleteInvocation', {
    requestId: lastAttempt(),
    durationMs: 80,
    functionError: {
      errorType: 'PaymentDeclined',
      errorMessage: `card 4242 declined (attempt ${String(attempt)})`,
    },
  });
  console.log(
    `  +${String((twin.now - acceptedAt) / 1_000).padStart(3)} s  attempt ${String(attempt)} failed: ${describeAsync(asyncId)}`,
  );
}
console.log(
  `  (three minutes of model time took ${(performance.now() - wallStart).toFixed(1)} ms of wall time)`,
);
for (const event of twin.log.filter((e) => 'requestId' in e && e.requestId === asyncId)) {
  if (event.type === 'AsyncRecordDelivered') {
    console.log(
      `      → ${event.on} record to ${event.destination}:\n${indent(indent(indent(JSON.stringify(JSON.parse(event.message), null, 2))))}`,
    );
  }
  if (event.type === 'DeadLetterMessageSent') {
    console.log(
      `      → dead-letter message to ${event.targetArn}: body ${event.body}, attributes ${JSON.stringify(event.attributes)}`,
    );
  }
}

/** What the log says happened to one asynchronous event so far. */
function describeAsync(requestId: string): string {
  const own = twin.log.filter((e) => 'requestId' in e && e.requestId === requestId);
  const last = own[own.length - 1];
  if (last?.type === 'AsyncRetryScheduled') {
    return `retry scheduled for ${new Date(last.retryAtMs).toISOString()}`;
  }
  const ended = own.find((e) => e.type === 'AsyncInvocationEnded');
  return ended?.type === 'AsyncInvocationEnded'
    ? `${ended.condition} after ${String(ended.approximateInvokeCount)} attempts`
    : (last?.type ?? '');
}

console.log('\nMetrics, a projection of the log (per executed version)');
for (const [key, m] of Object.entries(Metrics.metricsOf(twin.log).byVersion)) {
  const reasons = Object.entries(m.ThrottlesByReason)
    .map(([reason, n]) => `${reason}=${String(n)}`)
    .join(' ');
  console.log(
    `  ${key.padEnd(9)} Invocations=${String(m.Invocations).padEnd(4)} Errors=${String(m.Errors)} ` +
      `ColdStarts=${String(m.ColdStarts).padEnd(3)} peak ConcurrentExecutions=${String(m.ConcurrentExecutions).padEnd(4)} ` +
      `ProvisionedConcurrencyInvocations=${String(m.ProvisionedConcurrencyInvocations)} ` +
      `Throttles=${String(m.Throttles)}${reasons === '' ? '' : ` (${reasons})`}`,
  );
}

console.log("\nThe month's invoice, a projection of the same log (us-east-1, free tier applied)");
const bill = Pricing.emptyBill({ region: 'us-east-1', freeTier: true });
const billed = isLeft(bill) ? bill : Pricing.billEvents(bill.right, twin.log);
if (isLeft(billed)) console.log(`  ✗ ${billed.left.message}`);
else {
  for (const invoice of Pricing.invoices(billed.right)) {
    for (const line of invoice.lines) {
      console.log(
        `  ${`${line.functionName}:${line.version}`.padEnd(16)} ${line.description.padEnd(34)} ` +
          `${line.quantity.padStart(14)} ${line.unit.padEnd(8)} (free ${line.freeQuantity}) × ${line.unitPrice} = ${line.amount}`,
      );
    }
    console.log(
      `  ${invoice.month} total ${Pricing.formatUsd(invoice.total)} (exact: ${invoice.total}); ` +
        `free tier used: ${invoice.freeTierUsed.requests} requests, ${invoice.freeTierUsed.gbSeconds} GB-s`,
    );
  }
  const estimate = Pricing.estimate({
    region: 'us-east-1',
    architecture: 'x86_64',
    memorySizeMb: 128,
    requests: 3_000_000,
    averageDurationMs: 120,
    month: '2026-01',
    freeTier: true,
  });
  if (!isLeft(estimate)) {
    console.log(
      `  And at 3,000,000 requests a month of 120 ms at 128 MB, the calculator says ${Pricing.formatUsd(estimate.right.total)}.`,
    );
  }
}

console.log(
  '\nThe event log (the source of truth; replay it to rebuild the state): the first 12 events',
);
for (const [position, event] of twin.log.slice(0, 12).entries()) {
  const detail =
    'version' in event
      ? ` version=${event.version}`
      : 'aliasName' in event
        ? ` alias=${event.aliasName}`
        : '';
  console.log(
    `  ${String(position).padStart(2)}  ${new Date(event.atMs).toISOString()}  ${event.type}${detail}`,
  );
}
const byType = new Map<string, number>();
for (const event of twin.log) byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
console.log(
  `  … ${String(twin.log.length)} events in all: ${[...byType].map(([t, n]) => `${t}×${String(n)}`).join(', ')}`,
);

const rebuilt = replay(twin.log);
console.log(
  `\nreplay(log) rebuilds the same state: ${String(JSON.stringify(rebuilt) === JSON.stringify(twin.state))} (${String(twin.log.length)} events)`,
);

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
