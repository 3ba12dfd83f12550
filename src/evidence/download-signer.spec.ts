import { OrganizationKind, Role } from '../common/actor.js';
import { DownloadSigner } from './download-signer.js';

const actor = {
  subject: 'u1',
  organizationId: 'org-1',
  organizationKind: OrganizationKind.MUNICIPALITY,
  roles: [Role.VIEWER],
};
const evidence = '6a1f0a52-5a5e-4b59-8a0e-3d0f0c1b2a11';

describe('DownloadSigner', () => {
  const signer = new DownloadSigner('x'.repeat(40), 5 * 60_000);
  const now = Date.UTC(2026, 0, 1);

  it('accepts its own signature for the same caller within five minutes', () => {
    const { expires, signature } = signer.sign(evidence, actor, now);
    expect(signer.verify(evidence, actor, expires, signature, now + 4 * 60_000)).toBe(true);
  });

  it('refuses another caller, another evidence, a late use and a tampered expiry', () => {
    const { expires, signature } = signer.sign(evidence, actor, now);
    expect(signer.verify(evidence, { ...actor, subject: 'u2' }, expires, signature, now)).toBe(false);
    expect(signer.verify(evidence, { ...actor, organizationId: 'org-2' }, expires, signature, now)).toBe(
      false,
    );
    expect(signer.verify(evidence.replace('6', '7'), actor, expires, signature, now)).toBe(false);
    expect(signer.verify(evidence, actor, expires, signature, now + 6 * 60_000)).toBe(false);
    expect(signer.verify(evidence, actor, expires + 600, signature, now)).toBe(false);
  });

  it('refuses signatures made with another secret', () => {
    const other = new DownloadSigner('y'.repeat(40), 5 * 60_000);
    const { expires, signature } = other.sign(evidence, actor, now);
    expect(signer.verify(evidence, actor, expires, signature, now)).toBe(false);
  });
});
