const test = require('tape');
const { add, mul } = require('../src/sum');

test('adds two numbers', (t) => {
  t.equal(add(1, 2), 3);
  t.end();
});

test('adds negatives', (t) => {
  t.equal(add(-1, -2), -3);
  t.end();
});

test('multiplies', (t) => {
  t.equal(mul(2, 3), 6);
  t.end();
});

test('is wrong on purpose', (t) => {
  t.equal(mul(2, 3), 7);
  t.end();
});
