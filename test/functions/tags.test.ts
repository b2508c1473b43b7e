import { describe, expect, it } from 'vitest';
import { getFunction, listTags } from '../../src/functions/queries.js';
import { arnOf, expectError, expectRight, given, typesOf } from '../support/scenario.js';
import { metaOf, operations } from './facade.js';

const NOT_ON_VERSIONS =
  'Tags on function aliases and versions are not supported. Please specify a function ARN.';
const TOO_MANY = 'Number of tags exceeds resource tag limit.';

const tags = (n: number, prefix = 'k'): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${String(i)}`, 'v']));

describe('function tags (spec §2.9)', () => {
  it('TagResource adds tags that ListTags and GetFunction return', () => {
    const s = given()
      .withFunction('f')
      .run('TagResource', { Resource: arnOf('f'), Tags: { team: 'a', env: 'dev' } });
    expect(expectRight(listTags(s.state, { Resource: arnOf('f') })).Tags).toEqual({
      team: 'a',
      env: 'dev',
    });
    expect(expectRight(getFunction(s.state, { FunctionName: 'f' })).Tags).toEqual({
      team: 'a',
      env: 'dev',
    });
  });

  it('keeps the tags given at creation, and TagResource overwrites a key and adds others', () => {
    const s = given()
      .withFunction('f', { Tags: { team: 'a', env: 'dev' } })
      .run('TagResource', { Resource: arnOf('f'), Tags: { env: 'prod', cost: '42' } });
    expect(expectRight(listTags(s.state, { Resource: arnOf('f') })).Tags).toEqual({
      team: 'a',
      env: 'prod',
      cost: '42',
    });
  });

  it('UntagResource removes the keys it names and leaves the rest', () => {
    const s = given()
      .withFunction('f', { Tags: { team: 'a', env: 'dev', cost: '1' } })
      .run('UntagResource', { Resource: arnOf('f'), TagKeys: ['env', 'cost'] });
    expect(expectRight(listTags(s.state, { Resource: arnOf('f') })).Tags).toEqual({ team: 'a' });
    expect(typesOf(s.log).at(-1)).toBe('FunctionUntagged');
  });

  it('UntagResource of keys that are not there changes nothing (model: recorded AWS behaviour)', () => {
    const s = given().withFunction('f', { Tags: { team: 'a' } });
    expect(
      expectRight(s.when('UntagResource', { Resource: arnOf('f'), TagKeys: ['absent'] })),
    ).toEqual([]);
  });

  it('UntagResource needs at least one key (TagKeys is required, [BC])', () => {
    expectError(
      given()
        .withFunction('f')
        .when('UntagResource', { Resource: arnOf('f'), TagKeys: [] }),
      'ValidationException',
    );
  });

  it('the facade answers TagResource and UntagResource with 204 ([DG23:API_TagResource], API_UntagResource)', () => {
    const s = given().withFunction('f');
    const tagged = operations.TagResource(
      s.state,
      { Resource: arnOf('f'), Tags: { a: 'b' } },
      metaOf(s),
    );
    expect(expectRight(tagged.result).statusCode).toBe(204);
    const untagged = operations.UntagResource(
      tagged.state,
      { Resource: arnOf('f'), TagKeys: ['a'] },
      metaOf(s),
    );
    expect(expectRight(untagged.result).statusCode).toBe(204);
    expect(
      expectRight(operations.ListTags(untagged.state, { Resource: arnOf('f') }).result).body,
    ).toEqual({ Tags: {} });
  });

  it('tags are function-level: GetFunction of a version shows the function tags (spec §3.1)', () => {
    const s = given()
      .withFunction('f', { Tags: { team: 'a' } })
      .withPublishedVersion('f');
    expect(expectRight(getFunction(s.state, { FunctionName: 'f', Qualifier: '1' })).Tags).toEqual({
      team: 'a',
    });
  });

  describe('tags attach to the function, not to versions or aliases', () => {
    const s = given()
      .withFunction('f')
      .withPublishedVersion('f')
      .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' });

    it('refuses a version, alias or :$LATEST ARN on TagResource, UntagResource and ListTags', () => {
      for (const resource of [arnOf('f', '1'), arnOf('f', 'live'), arnOf('f', '$LATEST')]) {
        expectError(
          s.when('TagResource', { Resource: resource, Tags: { a: 'b' } }),
          'InvalidParameterValueException',
          NOT_ON_VERSIONS,
        );
        expectError(
          s.when('UntagResource', { Resource: resource, TagKeys: ['a'] }),
          'InvalidParameterValueException',
          NOT_ON_VERSIONS,
        );
        expectError(
          listTags(s.state, { Resource: resource }),
          'InvalidParameterValueException',
          NOT_ON_VERSIONS,
        );
      }
    });
  });

  describe('the 50-tag limit', () => {
    it('accepts up to 50 tags in all and refuses the 51st, counting the tags already there', () => {
      const s = given().withFunction('f', { Tags: tags(40, 'old') });
      expectRight(s.when('TagResource', { Resource: arnOf('f'), Tags: tags(10, 'new') }));
      expectError(
        s.when('TagResource', { Resource: arnOf('f'), Tags: tags(11, 'new') }),
        'InvalidParameterValueException',
        TOO_MANY,
      );
    });

    it('does not count an overwritten key twice', () => {
      const s = given().withFunction('f', { Tags: tags(50) });
      expectRight(s.when('TagResource', { Resource: arnOf('f'), Tags: { k0: 'changed' } }));
    });

    it('refuses 51 tags in one request on a function with none', () => {
      expectError(
        given()
          .withFunction('f')
          .when('TagResource', { Resource: arnOf('f'), Tags: tags(51) }),
        'InvalidParameterValueException',
        TOO_MANY,
      );
    });
  });

  describe('errors', () => {
    it('a missing function is a 404 "Function not found: <arn>"', () => {
      for (const result of [
        given().when('TagResource', { Resource: arnOf('ghost'), Tags: { a: 'b' } }),
        given().when('UntagResource', { Resource: arnOf('ghost'), TagKeys: ['a'] }),
        listTags(given().state, { Resource: arnOf('ghost') }),
      ]) {
        expectError(result, 'ResourceNotFoundException', `Function not found: ${arnOf('ghost')}`);
      }
    });

    it('the resource must be a Lambda ARN, not a bare name (Resource pattern, [DG23:API_TagResource])', () => {
      expectError(
        given()
          .withFunction('f')
          .when('TagResource', { Resource: 'f', Tags: { a: 'b' } }),
        'ValidationException',
      );
    });

    it('a layer ARN names nothing that exists (model: layers are not modelled)', () => {
      expectError(
        given().when('TagResource', {
          Resource: 'arn:aws:lambda:us-east-1:123456789012:layer:shared',
          Tags: { a: 'b' },
        }),
        'ResourceNotFoundException',
      );
    });

    it('an ARN of another region is a 404 "Functions from … are not reachable" (spec §1.4)', () => {
      expectError(
        given()
          .withFunction('f')
          .when('TagResource', {
            Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:f',
            Tags: { a: 'b' },
          }),
        'ResourceNotFoundException',
        "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')",
      );
    });

    it('tag keys and values follow the tag constraints (spec §2.1)', () => {
      const s = given().withFunction('f');
      expectError(
        s.when('TagResource', { Resource: arnOf('f'), Tags: { ['k'.repeat(129)]: 'v' } }),
        'ValidationException',
      );
      expectError(
        s.when('TagResource', { Resource: arnOf('f'), Tags: { k: 'v'.repeat(257) } }),
        'ValidationException',
      );
      expectRight(
        s.when('TagResource', {
          Resource: arnOf('f'),
          Tags: { ['k'.repeat(128)]: 'v'.repeat(256) },
        }),
      );
    });

    it('an empty tag map is refused (model)', () => {
      expectError(
        given()
          .withFunction('f')
          .when('TagResource', { Resource: arnOf('f'), Tags: {} }),
        'InvalidParameterValueException',
      );
    });
  });
});
