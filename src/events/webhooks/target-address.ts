import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Webhooks go to global unicast addresses only (SSRF). `ipaddr.js` (maintained, used by Fastify's
 * proxy-addr) names every special-purpose range of the IANA registries; anything it does not call
 * plain `unicast` is refused: loopback, private, shared (CGNAT), link-local (cloud metadata at
 * 169.254.169.254 / fd00:ec2::254), unspecified, documentation, benchmarking, multicast, reserved,
 * 6to4, Teredo, NAT64, ORCHID and IPv4-mapped/translated forms. IPv6 must moreover lie in 2000::/3,
 * the only block IANA allocates as global unicast, which also refuses the deprecated
 * IPv4-compatible `::/96` (`http://[::127.0.0.1]/`) that ipaddr.js calls unicast.
 */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];

/** True for an address a webhook must not reach (see above). */
export function isForbiddenAddress(address: string): boolean {
  if (isIP(address) === 0 || !ipaddr.isValid(address)) return true;
  const parsed = ipaddr.parse(address);
  if (parsed.range() !== 'unicast') return true;
  return parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6);
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

/** The one refusal text: no address, no DNS detail, the same whether the name resolves or not. */
export const NOT_PUBLIC = 'the target is not a public address';

/**
 * Every address the host resolves to, refusing the lot when any is forbidden (a name that
 * resolves to one public and one private address is refused, so round-robin cannot sneak in).
 * The refusal says only that the target is not public: what an internal name resolves to, or
 * whether it resolves at all, is not the caller's to learn.
 */
export async function resolveTarget(host: string, allowPrivate: boolean): Promise<ResolvedAddress[]> {
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await dnsLookup(host, { all: true, verbatim: true }).catch(() => {
        throw new TargetRefusedError(NOT_PUBLIC);
      });
  if (addresses.length === 0) throw new TargetRefusedError(NOT_PUBLIC);
  if (!allowPrivate) {
    if (addresses.some((a) => isForbiddenAddress(a.address))) throw new TargetRefusedError(NOT_PUBLIC);
  }
  return addresses;
}
