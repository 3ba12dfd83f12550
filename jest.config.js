/*
 * Jest with jest-light-runner: each worker imports test files natively (Node's ESM loader, with
 * TypeScript compiled on the fly by SWC through `--import @swc-node/register/esm-register`, set in
 * the npm scripts) and keeps the modules it loaded for the next file. Under Jest's own runner every
 * file evaluated NestJS, TypeORM, GraphQL and the whole service again in a fresh module registry:
 * about 2.5 s of CPU per file, a third of the suite. What the light runner lacks and these tests
 * use (timeouts, jest.setTimeout, fake-timer options) is added in test/setup/light-runner.ts.
 * Types are checked by `npm run typecheck`, not here. See docs/development.md, "Tests".
 */
/** @type {import('jest').Config} */
export default {
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.service-spec.ts'],
  runner: 'jest-light-runner',
  setupFilesAfterEnv: ['<rootDir>/test/setup/light-runner.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  // Two workers: this machine has 2 cores, and every file creates its own data, so files may run
  // side by side.
  maxWorkers: 2,
};
