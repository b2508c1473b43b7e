import { describe, expect, it } from 'vitest';
import {
  functionArn,
  QUALIFIER_PATTERN,
  resolveFunctionName,
  type AccountContext,
} from '../../src/kernel/arn.js';
import { operations } from '../../src/operations/operations.js';
import {
  ACCOUNT,
  arnOf,
  createFunctionInput,
  expectError,
  expectRight,
  given,
  REGION,
  T0,
} from '../support/scenario.js';

// A function `f` with `$LATEST`, published version 1 and alias `live` → 1, all Active.
const world = given()
  .withFunction('f')
  .withPublishedVersion('f')
  .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' });
const state = world.state;
const meta = { now: world.nowMs, requestId: 'req-fn' };

const getFunction = (FunctionName: string, Qualifier?: string) =>
  operations.GetFunction(
    state,
    Qualifier === undefined ? { FunctionName } : { FunctionName, Qualifier },
  ).result;

/** The `FunctionArn` and `Version` GetFunction answers for a name form (spec control-plane §2.5). */
const shown = (FunctionName: string, Qualifier?: string) => {
  const configuration = expectRight(getFunction(FunctionName, Qualifier)).body.Configuration;
  return { arn: configuration.FunctionArn, version: configuration.Version };
};

// The parts of the FunctionName patterns that every botocore model quoted in spec §1.3 shares.
// (The region part differs between model revisions, so only the head and the tail are pinned.)
const PATTERN_HEAD = '(arn:(aws[a-zA-Z-]*)?:lambda:)?';
const FUNCTION_NAME_TAIL = '(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';
const NAMESPACED_TAIL = '(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';

/** Asserts one AWS-phrased pattern violation of `functionName` (spec control-plane §1.1, §1.3). */
function expectNamePatternViolation(
  violation: string | undefined,
  value: string,
  tail: string,
): void {
  const prefix = `Value '${value}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${PATTERN_HEAD}`;
  expect(violation?.startsWith(prefix)).toBe(true);
  expect(violation?.endsWith(tail)).toBe(true);
}

describe('FunctionName forms accepted by the read operations (spec control-plane §1.2, §2.5)', () => {
  it('a bare name means $LATEST, shown with the unqualified ARN', () => {
    expect(shown('f')).toEqual({ arn: arnOf('f'), version: '$LATEST' });
  });

  it('name:$LATEST is $LATEST, shown with the :$LATEST ARN', () => {
    expect(shown('f:$LATEST')).toEqual({ arn: arnOf('f', '$LATEST'), version: '$LATEST' });
  });

  it('name:N is version N, shown with the …:N ARN', () => {
    expect(shown('f:1')).toEqual({ arn: arnOf('f', '1'), version: '1' });
  });

  it("name:alias is the alias ARN with the alias's primary version", () => {
    expect(shown('f:live')).toEqual({ arn: arnOf('f', 'live'), version: '1' });
  });

  it('the partial ARN <account>:function:<name> names the same function', () => {
    expect(shown(`${ACCOUNT}:function:f`)).toEqual({ arn: arnOf('f'), version: '$LATEST' });
    expect(shown(`${ACCOUNT}:function:f:1`)).toEqual({ arn: arnOf('f', '1'), version: '1' });
  });

  it('the input regex also admits a bare function:<name> and a region prefix without arn:', () => {
    expect(shown('function:f')).toEqual({ arn: arnOf('f'), version: '$LATEST' });
    expect(shown(`${REGION}:${ACCOUNT}:function:f:live`)).toEqual({
      arn: arnOf('f', 'live'),
      version: '1',
    });
  });

  it('the full ARN, unqualified or qualified with a version, $LATEST or an alias', () => {
    expect(shown(arnOf('f'))).toEqual({ arn: arnOf('f'), version: '$LATEST' });
    expect(shown(arnOf('f', '1'))).toEqual({ arn: arnOf('f', '1'), version: '1' });
    expect(shown(arnOf('f', '$LATEST'))).toEqual({
      arn: arnOf('f', '$LATEST'),
      version: '$LATEST',
    });
    expect(shown(arnOf('f', 'live'))).toEqual({ arn: arnOf('f', 'live'), version: '1' });
  });

  it('GetFunctionConfiguration resolves the same forms', () => {
    const config = expectRight(
      operations.GetFunctionConfiguration(state, {
        FunctionName: `${ACCOUNT}:function:f`,
        Qualifier: 'live',
      }).result,
    ).body;
    expect(config.FunctionArn).toBe(arnOf('f', 'live'));
    expect(config.Version).toBe('1');
  });
});

describe('the Qualifier parameter (spec control-plane §1.4)', () => {
  it('qualifies a bare name, a partial ARN and a full ARN alike', () => {
    expect(shown('f', '1')).toEqual({ arn: arnOf('f', '1'), version: '1' });
    expect(shown(`${ACCOUNT}:function:f`, 'live')).toEqual({
      arn: arnOf('f', 'live'),
      version: '1',
    });
    expect(shown(arnOf('f'), '$LATEST')).toEqual({
      arn: arnOf('f', '$LATEST'),
      version: '$LATEST',
    });
  });

  it('agrees with a qualifier derived from the name when both are the same', () => {
    expect(shown('f:1', '1')).toEqual({ arn: arnOf('f', '1'), version: '1' });
    expect(shown(arnOf('f', 'live'), 'live')).toEqual({ arn: arnOf('f', 'live'), version: '1' });
  });

  it('differs from the derived qualifier: InvalidParameterValueException (400)', () => {
    const message =
      'The derived qualifier from the function name does not match the specified qualifier.';
    const error = expectError(
      getFunction('f:$LATEST', '1'),
      'InvalidParameterValueException',
      message,
    );
    expect(error.statusCode).toBe(400);
    expectError(getFunction(arnOf('f', '1'), 'live'), 'InvalidParameterValueException', message);
    expectError(
      getFunction(`${ACCOUNT}:function:f:live`, '$LATEST'),
      'InvalidParameterValueException',
      message,
    );
  });

  it('is case-sensitive: $latest names nothing (404 with the ARN as asked)', () => {
    const error = expectError(
      getFunction('f', '$latest'),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f', '$latest')}`,
    );
    expect(error.statusCode).toBe(404);
  });

  it('a missing version of an existing function is a 404 naming that version', () => {
    expectError(
      getFunction('f', '1221'),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f', '1221')}`,
    );
    expectError(
      getFunction('f:1221'),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f', '1221')}`,
    );
  });

  it('a missing alias in GetFunction is a 404 naming the alias ARN', () => {
    expectError(
      getFunction('f:nope'),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f', 'nope')}`,
    );
  });

  it('a qualifier longer than 128 characters is a ValidationException', () => {
    const q = 'a'.repeat(129);
    expectError(
      getFunction('f', q),
      'ValidationException',
      `1 validation error detected: Value '${q}' at 'qualifier' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
  });

  it('a qualifier of 128 characters passes validation and is simply not found', () => {
    const q = 'a'.repeat(128);
    expectError(
      getFunction('f', q),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f', q)}`,
    );
  });

  it('a qualifier with characters outside the pattern quotes the NumericLatestPublishedOrAliasQualifier pattern', () => {
    expect(QUALIFIER_PATTERN).toBe('\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+');
    expectError(
      getFunction('f', 'v1.0'),
      'ValidationException',
      "1 validation error detected: Value 'v1.0' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: \\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+",
    );
  });

  it('$LATEST.PUBLISHED satisfies the pattern, and names nothing in a classic account', () => {
    expectError(
      getFunction('f', '$LATEST.PUBLISHED'),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f', '$LATEST.PUBLISHED')}`,
    );
  });
});

describe('functions that do not exist (spec control-plane §1.1, §1.4)', () => {
  it('a missing function is a 404 with the unqualified ARN', () => {
    expectError(
      getFunction('nope'),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('nope')}`,
    );
    expectError(
      getFunction(`${ACCOUNT}:function:nope`),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('nope')}`,
    );
  });

  it('a 65-character name on GetFunction is not a validation error but a 404', () => {
    const name = 'a'.repeat(65);
    expectError(
      getFunction(name),
      'ResourceNotFoundException',
      `Function not found: ${arnOf(name)}`,
    );
  });

  it('an ARN that ends at ":function" parses as a function named "function"', () => {
    expectError(
      getFunction(`arn:aws:lambda:${REGION}:${ACCOUNT}:function`),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('function')}`,
    );
  });

  it('the read shape admits "." in the name, so my.function is looked up (and not found)', () => {
    expectError(
      getFunction('my.function'),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('my.function')}`,
    );
  });
});

describe('ARNs of another region or account (spec control-plane §1.4, §5.1)', () => {
  it("another region's ARN is a 404: Functions from '<r1>' are not reachable in this region ('<r2>')", () => {
    const message = "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')";
    const error = expectError(
      getFunction(`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:f`),
      'ResourceNotFoundException',
      message,
    );
    expect(error.statusCode).toBe(404);
    expectError(
      getFunction(`eu-west-1:${ACCOUNT}:function:f:1`),
      'ResourceNotFoundException',
      message,
    );
  });

  it('a GovCloud region is recognised as a region too', () => {
    expectError(
      getFunction(`arn:aws-us-gov:lambda:us-gov-west-1:${ACCOUNT}:function:f`),
      'ResourceNotFoundException',
      "Functions from 'us-gov-west-1' are not reachable in this region ('us-east-1')",
    );
  });

  it('CreateFunction with an ARN naming another account is AccessDeniedException (403)', () => {
    const { result } = operations.CreateFunction(
      given().state,
      createFunctionInput(`arn:aws:lambda:${REGION}:210987654321:function:g`),
      { now: T0, requestId: 'r' },
    );
    const error = expectError(result, 'AccessDeniedException');
    expect(error.statusCode).toBe(403);
  });

  it('a partial ARN naming another account is refused the same way', () => {
    expect(
      expectError(getFunction('210987654321:function:f'), 'AccessDeniedException').statusCode,
    ).toBe(403);
  });

  it('DeleteFunction with another region is the same 404 and deletes nothing', () => {
    const outcome = operations.DeleteFunction(
      state,
      { FunctionName: `arn:aws:lambda:ap-south-1:${ACCOUNT}:function:f` },
      meta,
    );
    expectError(
      outcome.result,
      'ResourceNotFoundException',
      "Functions from 'ap-south-1' are not reachable in this region ('us-east-1')",
    );
    expect(outcome.state).toBe(state);
  });
});

describe('FunctionName model validation (spec control-plane §1.1, §1.3, §9.8)', () => {
  it('CreateFunction with a 65-character bare name: InvalidParameterValueException with validation text', () => {
    const name = 'a'.repeat(65);
    const { result } = operations.CreateFunction(given().state, createFunctionInput(name), meta);
    expectError(
      result,
      'InvalidParameterValueException',
      `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
  });

  it('CreateFunction accepts a 64-character bare name', () => {
    const name = 'b'.repeat(64);
    const { result } = operations.CreateFunction(given().state, createFunctionInput(name), meta);
    expect(expectRight(result).body.FunctionName).toBe(name);
  });

  it('CreateFunction with a full ARN over 140 characters: ValidationException (max 140)', () => {
    const arn = arnOf('c'.repeat(141 - arnOf('').length));
    expect(arn.length).toBe(141);
    const { result } = operations.CreateFunction(given().state, createFunctionInput(arn), meta);
    const error = expectError(
      result,
      'ValidationException',
      `1 validation error detected: Value '${arn}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 140`,
    );
    expect(error.statusCode).toBe(400);
  });

  it('CreateFunction by full ARN or partial ARN creates the function named in it', () => {
    const byArn = operations.CreateFunction(given().state, createFunctionInput(arnOf('g')), meta);
    expect(expectRight(byArn.result).body.FunctionArn).toBe(arnOf('g'));
    const byPartial = operations.CreateFunction(
      given().state,
      createFunctionInput(`${ACCOUNT}:function:h`),
      meta,
    );
    expect(expectRight(byPartial.result).body.FunctionName).toBe('h');
  });

  it('GetFunction with a name longer than 170 characters: ValidationException (max 170)', () => {
    const arn = arnOf('d'.repeat(171 - arnOf('').length));
    expectError(
      getFunction(arn),
      'ValidationException',
      `1 validation error detected: Value '${arn}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 170`,
    );
  });

  it('invalid characters in a name give a ValidationException quoting the regex', () => {
    const error = expectError(getFunction('my-function!'), 'ValidationException');
    expect(error.message.startsWith('1 validation error detected: ')).toBe(true);
    expectNamePatternViolation(
      error.message.slice('1 validation error detected: '.length),
      'my-function!',
      NAMESPACED_TAIL,
    );
  });

  it("CreateFunction's pattern has no '.', so my.function is refused there", () => {
    const { result } = operations.CreateFunction(
      given().state,
      createFunctionInput('my.function'),
      meta,
    );
    const error = expectError(result, 'ValidationException');
    expectNamePatternViolation(
      error.message.slice('1 validation error detected: '.length),
      'my.function',
      FUNCTION_NAME_TAIL,
    );
  });

  it('violations of two members are reported together: "2 validation errors detected: a; b"', () => {
    const q = 'q'.repeat(129);
    const error = expectError(getFunction('*', q), 'ValidationException');
    const prefix = '2 validation errors detected: ';
    expect(error.message.startsWith(prefix)).toBe(true);
    const [first, second, ...rest] = error.message.slice(prefix.length).split('; ');
    expect(rest).toEqual([]);
    expectNamePatternViolation(first, '*', NAMESPACED_TAIL);
    expect(second).toBe(
      `Value '${q}' at 'qualifier' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
  });

  it('an empty name breaks the pattern and the minimum length, pattern first as Coral lists them', () => {
    // Oracle for the order: DynamoDB's real answer to an empty TableName, "2 validation errors
    // detected: Value '' at 'tableName' … pattern …; Value '' at 'tableName' … length greater than or
    // equal to 3" (the same Coral validation layer).
    const error = expectError(getFunction(''), 'ValidationException');
    const [first, second] = error.message
      .slice('2 validation errors detected: '.length)
      .split('; ');
    expectNamePatternViolation(first, '', NAMESPACED_TAIL);
    expect(second).toBe(
      "Value '' at 'functionName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('UpdateFunctionConfiguration accepts the full ARN, the bare name and the partial ARN alike', () => {
    for (const FunctionName of [arnOf('f'), 'f', `${ACCOUNT}:function:f`]) {
      const { result } = operations.UpdateFunctionConfiguration(
        state,
        { FunctionName, Description: 'x' },
        meta,
      );
      const body = expectRight(result).body;
      expect(body.FunctionArn).toBe(arnOf('f'));
      expect(body.Description).toBe('x');
    }
  });
});

describe('resolveFunctionName and functionArn directly (spec control-plane §1.2, §1.4)', () => {
  const account: AccountContext = {
    partition: 'aws-cn',
    region: 'cn-north-1',
    accountId: '111122223333',
  };

  it('functionArn builds arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]', () => {
    expect(functionArn(account, 'orders')).toBe(
      'arn:aws-cn:lambda:cn-north-1:111122223333:function:orders',
    );
    expect(functionArn(account, 'orders', 'PROD')).toBe(
      'arn:aws-cn:lambda:cn-north-1:111122223333:function:orders:PROD',
    );
  });

  it.each([
    ['orders', { name: 'orders', qualifier: undefined, isArn: false }],
    ['orders:7', { name: 'orders', qualifier: '7', isArn: false }],
    ['function:orders', { name: 'orders', qualifier: undefined, isArn: true }],
    ['111122223333:function:orders:PROD', { name: 'orders', qualifier: 'PROD', isArn: true }],
    [
      'cn-north-1:111122223333:function:orders',
      { name: 'orders', qualifier: undefined, isArn: true },
    ],
    [
      'arn:aws-cn:lambda:cn-north-1:111122223333:function:orders:$LATEST',
      { name: 'orders', qualifier: '$LATEST', isArn: true },
    ],
  ])('%s splits into name, qualifier and whether it was an ARN', (raw, expected) => {
    expect(expectRight(resolveFunctionName(account, raw, 'FunctionName'))).toEqual(expected);
  });

  it('takes the Qualifier parameter when the name has none', () => {
    expect(
      expectRight(resolveFunctionName(account, 'orders', 'NamespacedFunctionName', '3')),
    ).toEqual({
      name: 'orders',
      qualifier: '3',
      isArn: false,
    });
  });

  it("reports the operation's other violations in the same ValidationException", () => {
    expectError(
      resolveFunctionName(account, 'orders', 'FunctionName', undefined, ['Value x at y failed']),
      'ValidationException',
      '1 validation error detected: Value x at y failed',
    );
  });

  it('refuses the endpoint region of another account context (region checked against the context)', () => {
    expectError(
      resolveFunctionName(
        account,
        `arn:aws:lambda:us-east-1:111122223333:function:orders`,
        'FunctionName',
      ),
      'ResourceNotFoundException',
      "Functions from 'us-east-1' are not reachable in this region ('cn-north-1')",
    );
  });
});
