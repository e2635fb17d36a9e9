const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // Unit specs sit next to the code (*.spec.ts); integration tests against the
  // machine's PostgreSQL, Redis and the Graph simulator are *.int-spec.ts.
  testMatch: ['**/?(*.)+(spec|int-spec|test).?([mc])[jt]s?(x)'],
};
