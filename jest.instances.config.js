// `npm run test:instances`: several service instances against one database and a local Redis
// (REDIS_URL, default redis://127.0.0.1:6379). Kept out of `npm test`, which needs no Redis.
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default { ...base, roots: ['<rootDir>/test'], testMatch: ['**/*.instances-spec.ts'] };
