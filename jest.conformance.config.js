// `npm run test:oscal-conformance`: the OSCAL tests that need NIST's own files (the official OSCAL
// 1.2.1 JSON schemas and NIST's SP 800-53 and sample catalogs). This repository may not hold them
// (they come from other repositories); the tests look in OSCAL_FIXTURES_DIR, test/fixtures/oscal
// and ../shared/data/oscal, and fail naming the missing files. See docs/oscal.md, "Conformance".
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default { ...base, roots: ['<rootDir>/test'], testMatch: ['**/*.conformance-spec.ts'] };
