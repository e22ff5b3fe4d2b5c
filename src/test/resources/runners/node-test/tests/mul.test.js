const { describe, it } = require('node:test');
const assert = require('node:assert');
const { mul } = require('../src/sum');

describe('mul', () => {
  it('multiplies', () => {
    assert.strictEqual(mul(2, 3), 6);
  });

  it('is wrong on purpose', () => {
    assert.strictEqual(mul(2, 3), 7);
  });
});
