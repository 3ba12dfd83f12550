import { BadUserInputError, type FieldViolation } from '../../common/errors/domain-error.js';

/*
 * Reads the `set-parameters` of an OSCAL 1.1/1.2 profile: the values a tier gives to the catalog's
 * parameters. Only values are taken (joined by ", " when a profile sets several); a profile's
 * selection of controls is not applied (tiers stay as the catalog says).
 */

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseProfileParameters(document: unknown): Map<string, string> {
  const problems: FieldViolation[] = [];
  const fail = (pointer: string, message: string) => {
    if (problems.length < 50)
      problems.push({ field: `document${pointer}`, message: `${pointer}: ${message}` });
  };
  const profile = isObject(document) ? document.profile : undefined;
  if (!isObject(profile)) {
    fail('/profile', 'is required and must be an object (is this a catalog?)');
    throw new BadUserInputError(problems);
  }
  const values = new Map<string, string>();
  const modify = profile.modify;
  if (modify === undefined) return values;
  if (!isObject(modify)) fail('/profile/modify', 'must be an object');
  const list = isObject(modify) ? modify['set-parameters'] : undefined;
  if (list !== undefined && !Array.isArray(list)) fail('/profile/modify/set-parameters', 'must be an array');
  (Array.isArray(list) ? list : []).forEach((entry: unknown, i) => {
    const at = `/profile/modify/set-parameters/${i}`;
    if (!isObject(entry)) return fail(at, 'must be an object');
    const id = entry['param-id'];
    if (typeof id !== 'string' || !id.trim()) return fail(`${at}/param-id`, 'is required');
    const given = entry.values;
    if (given === undefined) return; // labels or constraints only: nothing to resolve
    if (!Array.isArray(given) || given.some((v) => typeof v !== 'string' || !v.trim())) {
      return fail(`${at}/values`, 'must be an array of non-empty strings');
    }
    const value = (given as string[]).map((v) => v.trim()).join(', ');
    if (value.length > 1000) return fail(`${at}/values`, 'must be at most 1000 characters in all');
    values.set(id, value);
  });
  if (problems.length > 0) throw new BadUserInputError(problems);
  return values;
}
