/**
 * Opaque IDs: base64url of `Type:uuid`, so `node(id)` knows where to look and clients never
 * build on the database key. An ID that does not decode, or names another type, is simply not found.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY = /^[0-9]{1,19}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function toGlobalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  readonly type: string;
  readonly key: string;
}

export function decodeGlobalId(id: string): DecodedId | null {
  if (typeof id !== 'string' || id.length > 200 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const type = text.slice(0, colon);
  const key = text.slice(colon + 1);
  if (!/^[A-Za-z]+$/.test(type) || !KEY.test(key)) return null;
  return { type, key };
}

/** The uuid behind an ID of the given type, or null. */
export function fromGlobalId(id: string, type: string): string | null {
  const decoded = decodeGlobalId(id);
  return decoded && decoded.type === type && UUID.test(decoded.key) ? decoded.key : null;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The numeric key behind an ID of the given type (for sequence-keyed rows), or null. */
export function fromGlobalSeq(id: string, type: string): string | null {
  const decoded = decodeGlobalId(id);
  return decoded && decoded.type === type && /^[0-9]{1,19}$/.test(decoded.key) ? decoded.key : null;
}
