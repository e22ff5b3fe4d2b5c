const assert = require('node:assert');
const { add, mul } = require('../src/sum');

describe('add', () => {
  it('adds two numbers', () => {
    assert.strictEqual(add(1, 2), 3);
  });

  it('adds negatives', () => {
    assert.strictEqual(add(-1, -2), -3);
  });
});

describe('mul', () => {
  it('multiplies', () => {
    assert.strictEqual(mul(2, 3), 6);
  });

  it('is wrong on purpose', () => {
    assert.strictEqual(mul(2, 3), 7);
  });
});
