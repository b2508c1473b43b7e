import { describe, expect, it } from 'vitest';
import { expectError, expectRight, given, typesOf } from '../support/scenario.js';

describe('PublishVersion', () => {
  it('refuses while the function is Pending (spec control-plane §2.8)', () => {
    const pending = given().run('CreateFunction', {
      FunctionName: 'f',
      Role: 'arn:aws:iam::123456789012:role/lambda-role',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Code: { ZipFile: new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]) },
    });
    expectError(
      pending.when('PublishVersion', { FunctionName: 'f' }),
      'ResourceConflictException',
      'The operation cannot be performed at this time. The function is currently in the following state: Pending',
    );
  });

  it('numbers versions from 1 once the function is Active', () => {
    const events = expectRight(given().withFunction('f').when('PublishVersion', { FunctionName: 'f' }));
    expect(typesOf(events)).toEqual(['FunctionVersionPublished']);
    expect(events[0]).toMatchObject({ version: '1', functionName: 'f' });
  });
});
