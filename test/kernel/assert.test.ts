import { describe, expect, it } from 'vitest';
import { invariant, present, unreachable } from '../../src/kernel/assert.js';

describe('the only throw: impossible states are bugs (DESIGN §3)', () => {
  it('invariant passes when the condition holds and throws with the message when it does not', () => {
    expect(() => {
      invariant(true, 'x');
    }).not.toThrow();
    expect(() => {
      invariant(0, 'the clock went back');
    }).toThrow('lambda-twin invariant violated: the clock went back');
  });

  it('present returns the value, and throws naming what was missing', () => {
    expect(present(0, 'zero')).toBe(0);
    expect(() => {
      present(undefined, 'function f');
    }).toThrow('lambda-twin invariant violated: function f is missing');
  });

  it('unreachable throws with the value that no case matched', () => {
    expect(() => {
      unreachable({ type: 'Odd' } as never);
    }).toThrow('lambda-twin reached an impossible case: {"type":"Odd"}');
  });
});
