/**
 * The demonstration behind `npm start`: a small deployment, done the way you would do it against
 * AWS, with four classic mistakes answered by the errors AWS gives. Everything runs on a model
 * clock that moves only when we say so; nothing is sent anywhere.
 */
import { isLeft, LambdaTwin, replay, type AwsError, type Either } from '../../src/index.js';

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

console.log('\nThe event log (the source of truth; replay it to rebuild the state)');
for (const [position, event] of twin.log.entries()) {
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
