// `npm run screenshots`: the portal's main pages at 1280 and 375 px into docs/screenshots/, with
// the same headless Chromium as the browser tests. Kept out of `npm test`.
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default { ...base, roots: ['<rootDir>/test'], testMatch: ['**/*.screenshots.ts'] };
