import { Role } from '../common/actor.js';
import type { AppConfig } from '../common/config/app-config.js';
import { SignJWT } from 'jose';
import { UnauthenticatedError } from '../common/errors/domain-error.js';
import { signToken } from './token-signer.js';
import { TokenVerifier } from './token-verifier.service.js';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';

function verifier(): TokenVerifier {
  const config = {
    auth: {
      jwtSecret: SECRET,
      jwksUrl: undefined,
      issuer: undefined,
      audience: undefined,
      maxTokenLifetimeSeconds: 86_400,
    },
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
    expect(first).toEqual({
      subject: 'someone',
      organization: 'org-1',
      roles: [Role.VIEWER],
      issuedAt: expect.any(Number),
    });
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

describe('TokenVerifier, token lifetime (issue 15, hole 7)', () => {
  const sign = (edit: (jwt: SignJWT) => SignJWT) =>
    edit(
      new SignJWT({ org: 'org-1', roles: [Role.VIEWER] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('someone'),
    ).sign(new TextEncoder().encode(SECRET));
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts a token living exactly the maximum (24 hours by default)', async () => {
    await expect(verifier().verify(await token('24h'))).resolves.toBeDefined();
  });

  it('refuses a token living longer than the maximum', async () => {
    await expect(verifier().verify(await token('25h'))).rejects.toThrow(
      /lives longer than the accepted 86400/,
    );
  });

  it('refuses a token without iat', async () => {
    const t = await sign((j) => j.setExpirationTime('5m'));
    await expect(verifier().verify(t)).rejects.toThrow(
      new UnauthenticatedError("The token's iat claim is not accepted"),
    );
  });

  it('refuses a token issued in the future (a short lifetime that starts in years)', async () => {
    const t = await sign((j) => j.setIssuedAt(now() + 3600).setExpirationTime(now() + 7200));
    await expect(verifier().verify(t)).rejects.toThrow(/iat claim is in the future/);
  });
});
