import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may not go (SSRF): loopback, private, shared (CGNAT), link-local (cloud metadata
 * at 169.254.169.254 / fd00:ec2::254), unspecified, documentation, benchmarking, multicast and
 * reserved ranges; IPv4-mapped and NAT64 IPv6 forms are refused outright rather than unwrapped.
 */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 32],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv6');
}

// Kept apart: BlockList matches IPv4 addresses against IPv4-mapped IPv6 subnets too.
const MAPPED = new BlockList();
MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');

/** True for an address a webhook must not reach (see above). */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return FORBIDDEN.check(address, 'ipv4');
  return MAPPED.check(address, 'ipv6') || FORBIDDEN.check(address, 'ipv6');
}

export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

export class TargetRefusedError extends Error {}

/** Strips the brackets URL keeps around IPv6 literals. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Every address the host resolves to, refusing the lot when any is forbidden (a name that
 * resolves to one public and one private address is refused, so round-robin cannot sneak in).
 */
export async function resolveTarget(host: string, allowPrivate: boolean): Promise<ResolvedAddress[]> {
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await dnsLookup(host, { all: true, verbatim: true }).catch(() => {
        throw new TargetRefusedError(`${host} does not resolve`);
      });
  if (addresses.length === 0) throw new TargetRefusedError(`${host} does not resolve`);
  if (!allowPrivate) {
    const bad = addresses.find((a) => isForbiddenAddress(a.address));
    if (bad) {
      throw new TargetRefusedError(
        `${host} resolves to ${bad.address}, a loopback, private, link-local or reserved address`,
      );
    }
  }
  return addresses;
}
