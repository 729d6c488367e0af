// Tests run TypeScript through SWC; a global setup bundles the workflow code once for all suites.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // bpmn-moddle and its parts, and the OpenID Connect client and test provider, ship as ES modules only; SWC turns
  // them into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(bpmn-moddle|moddle|moddle-xml|min-dash|saxen|openid-client|oauth4webapi|jose|oidc-provider)/)'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 2,
};
