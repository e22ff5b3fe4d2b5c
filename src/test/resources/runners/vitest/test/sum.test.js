import { describe, expect, test } from 'vitest';
import { add, mul } from '../src/sum.js';

describe('add', () => {
  test('adds two numbers', () => {
    expect(add(1, 2)).toBe(3);
  });

  test('adds negatives', () => {
    expect(add(-1, -2)).toBe(-3);
  });
});

describe('mul', () => {
  test('multiplies', () => {
    expect(mul(2, 3)).toBe(6);
  });

  test('is wrong on purpose', () => {
    expect(mul(2, 3)).toBe(7);
  });
});
