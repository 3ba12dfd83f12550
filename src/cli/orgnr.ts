import { parseArgs } from 'node:util';
import { validOrgNumbers } from '../organizations/org-number.js';

const usage = `Usage: npm run orgnr -- [--count 5] [--from 559900000]

Prints valid Swedish organisation numbers of legal persons (NNNNNN-NNNN, Luhn check digit, third
digit 2 or more), one a line, for registerOrganization in tests and demos. --from is the first
nine-digit body; pick another range to get numbers nobody in your registry holds yet.`;

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '5' },
    from: { type: 'string', default: '559900000' },
    help: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const from = Number(values.from);
if (values.help || !Number.isInteger(count) || count < 1 || count > 1000 || !/^\d{9}$/.test(values.from)) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
try {
  console.log(validOrgNumbers(count, from).join('\n'));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
