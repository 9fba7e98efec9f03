/** Unit and integration tests. Integration suites run on SQLite, and also on PostgreSQL when TEST_DATABASE_URL is set. */
const os = require('node:os');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/integration/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
    // The OpenID Connect client and its two libraries ship only as ES modules; jest on Node 20 loads CommonJS.
    '/node_modules/(openid-client|oauth4webapi|jose)/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'],
  testTimeout: 30000,
  // Two workers even on two cores (jest's default there is one): the suites wait on databases, child
  // processes and timers about as much as they compute. On two cores the whole run took 630 s with
  // two workers and 840-990 s with one.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  // Mutation testing's sandbox copies and report are not sources of tests or modules.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.stryker-tmp/', '<rootDir>/reports/'],
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/', '<rootDir>/reports/'],
};
