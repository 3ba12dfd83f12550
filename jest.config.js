// Jest runs in ESM mode (NestJS 12 is ESM-only): see README "Development notes".
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.jest.json', diagnostics: { ignoreCodes: ['TS151002'] } },
    ],
  },
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  testTimeout: 60000,
  maxWorkers: 1,
  // One worker process, replaced when its heap passes this after a test file: a single process
  // running every file grows to several GB, and its long garbage collections stall the event loop
  // past the 2 s database connect timeout.
  workerIdleMemoryLimit: '1GB',
};
