import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { MAX_ATTEMPTS, nominalRetryDelayMs, retryDelayMs } from './retry-schedule.js';
import { newWebhookSecret, signWebhook } from './signing.js';
import { isForbiddenAddress, resolveTarget, TargetRefusedError } from './target-address.js';

describe('webhook signing', () => {
  it('produces signatures the standardwebhooks package verifies', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'STATUS_CHANGED', data: { productId: 'x' } });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, 'msg_1', timestamp, body),
    };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });

  it('is v1, base64 HMAC-SHA256 over id.timestamp.body, keyed with the decoded secret', () => {
    const secret = `whsec_${Buffer.from('k'.repeat(32)).toString('base64')}`;
    const body = JSON.stringify({ type: 'STATUS_CHANGED', data: { name: 'Åtgärd ✓' } });
    const mac = createHmac('sha256', Buffer.from('k'.repeat(32)))
      .update(`msg_2.1700000000.${body}`)
      .digest('base64');
    expect(signWebhook(secret, 'msg_2', 1_700_000_000, body)).toBe(`v1,${mac}`);
  });
});

describe('webhook retry schedule', () => {
  it('backs off exponentially over about three days, then gives up', () => {
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => nominalRetryDelayMs(i + 1)).reduce(
      (a, b) => a + b,
    );
    expect(total / 86_400_000).toBeGreaterThan(2.5);
    expect(total / 86_400_000).toBeLessThan(3.5);
    expect(nominalRetryDelayMs(1)).toBe(30_000);
    expect(nominalRetryDelayMs(2)).toBe(90_000);
    expect(retryDelayMs(MAX_ATTEMPTS)).toBeNull();
  });

  it('jitters by at most 20 percent', () => {
    expect(retryDelayMs(1, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, () => 1)).toBe(36_000);
    expect(retryDelayMs(1, () => 0.5)).toBe(30_000);
  });
});

describe('webhook target addresses', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    'not-an-ip',
    // issue 15, hole 5: the IPv4-compatible ::/96 and the translated ::ffff:0:0:0/96 forms
    '::127.0.0.1',
    '::7f00:1',
    '::8.8.8.8',
    '::ffff:0:7f00:1',
    '::ffff:0:808:808',
    // every other special range, IPv4 and IPv6: only global unicast is allowed
    '192.0.0.8',
    '192.0.2.1',
    '198.18.0.1',
    '198.51.100.7',
    '203.0.113.9',
    '240.0.0.1',
    '255.255.255.255',
    '64:ff9b::7f00:1',
    '64:ff9b:1::1',
    '100::1',
    '2001::1',
    '2001:2::1',
    '2001:db8::1',
    '2001:10::1',
    '2002:7f00:1::1',
    'fec0::1',
    'ff02::1',
    '3fff::1',
    '5f00::1',
    '4000::1',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:400f:80d::200e'])(
    'allows %s',
    (address) => {
      expect(isForbiddenAddress(address)).toBe(false);
    },
  );

  it('refuses names that resolve to loopback unless private targets are allowed', async () => {
    await expect(resolveTarget('localhost', false)).rejects.toBeInstanceOf(TargetRefusedError);
    // The refusal says only that the target is not public: no address, no DNS detail.
    await expect(resolveTarget('localhost', false)).rejects.toThrow(/^the target is not a public address$/);
    await expect(resolveTarget('no-such-host.invalid', false)).rejects.toThrow(
      /^the target is not a public address$/,
    );
    await expect(resolveTarget('127.0.0.1', true)).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
  });
});
