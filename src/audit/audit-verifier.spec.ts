import { generateKeyPairSync, sign } from 'node:crypto';
import { checkpointMessage, keyIdOf } from './audit-signing-key.js';
import { type SavedCheckpoint, signatureValid } from './audit-verifier.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');

function signed(signedAt: string): SavedCheckpoint {
  const body = { treeSize: 3, rootHash: 'a'.repeat(64), headHash: 'b'.repeat(64), signedAt };
  return {
    ...body,
    keyId: keyIdOf(publicKey),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    signature: sign(null, checkpointMessage(body), privateKey).toString('base64'),
  };
}

describe('checkpoint signatures', () => {
  it('verify with signedAt as the API publishes it, to the second or (older ones) with milliseconds', () => {
    const current = signed('2026-12-01T13:05:00Z');
    expect(signatureValid(current)).toBe(true);
    expect(signatureValid({ ...current, signedAt: '2026-12-01T13:05:00.000Z' })).toBe(true);
    expect(signatureValid(signed('2026-12-01T13:05:00.123Z'))).toBe(true);
  });

  it('refuse another instant', () => {
    expect(signatureValid({ ...signed('2026-12-01T13:05:00Z'), signedAt: '2026-12-01T13:05:01Z' })).toBe(
      false,
    );
    expect(signatureValid({ ...signed('2026-12-01T13:05:00.123Z'), signedAt: '2026-12-01T13:05:00Z' })).toBe(
      false,
    );
  });
});
