// Jest runs in ESM mode (NestJS 12 is ESM-only): see README "Development notes".
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.service-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Test files are transpiled file by file (tsconfig.jest.json: isolatedModules), without the type
  // check ts-jest would otherwise run per file (about 5 s each); `npm run typecheck` checks types.
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.jest.json', diagnostics: { ignoreCodes: ['TS151002'] } },
    ],
  },
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  testTimeout: 60000,
  // Two worker processes (this machine has 2 cores; every file creates its own data, so files may
  // run side by side), each replaced when its heap passes this after a test file: one process
  // running every file grows to several GB, and its long garbage collections stall the event loop
  // past the 2 s database connect timeout.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1GB',
};
