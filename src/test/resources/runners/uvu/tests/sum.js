const { test } = require('uvu');
const assert = require('uvu/assert');
const { add, mul } = require('../src/sum');

test('adds two numbers', () => {
  assert.is(add(1, 2), 3);
});

test('adds negatives', () => {
  assert.is(add(-1, -2), -3);
});

test('multiplies', () => {
  assert.is(mul(2, 3), 6);
});

test('is wrong on purpose', () => {
  assert.is(mul(2, 3), 7);
});

test.run();
