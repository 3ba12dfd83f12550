import { jest } from '@jest/globals';
import { Role } from '../common/actor.js';
import type { AppConfig } from '../common/config/app-config.js';
import { UnauthenticatedError } from '../common/errors/domain-error.js';
import { signToken } from './token-signer.js';
import { TokenVerifier } from './token-verifier.service.js';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';

function verifier(): TokenVerifier {
  const config = {
    auth: { jwtSecret: SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined },
  } as unknown as AppConfig;
  return new TokenVerifier(config);
}

const token = (ttl: string, secret = SECRET) =>
  signToken({ secret, org: 'org-1', roles: [Role.VIEWER], subject: 'someone', ttl });

describe('TokenVerifier, remembering verified tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a repeated token with the same claims', async () => {
    const v = verifier();
    const t = await token('1h');
    const first = await v.verify(t);
    expect(await v.verify(t)).toEqual(first);
    expect(first).toEqual({ subject: 'someone', organization: 'org-1', roles: [Role.VIEWER] });
  });

  it('refuses a remembered token once it has expired (past the 30 s tolerance)', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const v = verifier();
    const t = await token('40s');
    await v.verify(t);
    jest.setSystemTime(Date.now() + 50_000);
    await expect(v.verify(t)).resolves.toBeDefined(); // within exp + 30 s
    jest.setSystemTime(Date.now() + 30_000);
    await expect(v.verify(t)).rejects.toThrow(new UnauthenticatedError('The token has expired'));
  });

  it('verifies the signature again after a minute, even for a token valid for hours', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const v = verifier();
    const t = await token('8h');
    await v.verify(t);
    const verifyFully = jest.spyOn(v as unknown as { verifyFully: () => unknown }, 'verifyFully');
    await v.verify(t);
    expect(verifyFully).not.toHaveBeenCalled();
    jest.setSystemTime(Date.now() + 61_000);
    await v.verify(t);
    expect(verifyFully).toHaveBeenCalledTimes(1);
  });

  it('never remembers a refusal: a forged token is refused every time', async () => {
    const v = verifier();
    const forged = await token('1h', 'another-secret-of-at-least-thirty-two-chars');
    await expect(v.verify(forged)).rejects.toThrow(UnauthenticatedError);
    await expect(v.verify(forged)).rejects.toThrow(UnauthenticatedError);
  });
});
