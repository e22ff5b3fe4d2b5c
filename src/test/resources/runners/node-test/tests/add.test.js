const test = require('node:test');
const assert = require('node:assert');
const { add } = require('../src/sum');

test('adds two numbers', () => {
  assert.strictEqual(add(1, 2), 3);
});

test('adds negatives', () => {
  assert.strictEqual(add(-1, -2), -3);
});
