/** Unit tests only: the pure domain, no database. Used by mutation testing. */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
};
