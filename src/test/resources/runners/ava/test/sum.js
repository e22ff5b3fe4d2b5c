const test = require('ava');
const { add, mul } = require('../src/sum');

test('adds two numbers', (t) => {
  t.is(add(1, 2), 3);
});

test('adds negatives', (t) => {
  t.is(add(-1, -2), -3);
});

test('multiplies', (t) => {
  t.is(mul(2, 3), 6);
});

test('is wrong on purpose', (t) => {
  t.is(mul(2, 3), 7);
});
