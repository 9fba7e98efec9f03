import net from 'node:net';

/** What kind of address a target resolved to; only 'public' is posted to unless the admin allowed the host. */
export type AddressKind = 'public' | 'loopback' | 'private' | 'link_local' | 'unique_local' | 'unspecified' | 'multicast' | 'reserved';

const V4: readonly [string, number, AddressKind][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['127.0.0.0', 8, 'loopback'],
  ['10.0.0.0', 8, 'private'],
  ['172.16.0.0', 12, 'private'],
  ['192.168.0.0', 16, 'private'],
  ['100.64.0.0', 10, 'private'],
  ['169.254.0.0', 16, 'link_local'],
  ['192.0.0.0', 24, 'reserved'],
  ['198.18.0.0', 15, 'reserved'],
  // Documentation (TEST-NET-1, -2, -3) and the retired 6to4 relay anycast range.
  ['192.0.2.0', 24, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
const V6: readonly [string, number, AddressKind][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'unique_local'],
  ['fe80::', 10, 'link_local'],
  ['fec0::', 10, 'link_local'],
  ['ff00::', 8, 'multicast'],
  // 64:ff9b::/96 (NAT64) is judged by the IPv4 address it carries; the local-use NAT64 prefix is never public.
  ['64:ff9b:1::', 48, 'reserved'],
  // 6to4 and Teredo carry an IPv4 address a relay would reach: refused whole.
  ['2002::', 16, 'reserved'],
  ['2001::', 32, 'reserved'],
  ['2001:db8::', 32, 'reserved'],
];

function lists(entries: readonly [string, number, AddressKind][], family: 'ipv4' | 'ipv6'): [net.BlockList, AddressKind][] {
  return entries.map(([prefix, bits, kind]) => {
    const list = new net.BlockList();
    list.addSubnet(prefix, bits, family);
    return [list, kind];
  });
}
const V4_LISTS = lists(V4, 'ipv4');
const V6_LISTS = lists(V6, 'ipv6');

/**
 * The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part counted as two). Only for
 * what net.isIP takes for IPv6: it has a colon, at most one '::' standing for one group or more, and
 * eight groups in all.
 */
function groupsOf(address: string): number[] {
  let text = address;
  const dotted = text.slice(text.lastIndexOf(':') + 1);
  if (net.isIPv4(dotted)) {
    const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, text.lastIndexOf(':') + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  // An empty group beside '::' (at the start or the end) is one of the zeros it stands for.
  const groups = (part: string) => part.split(':').map((g) => parseInt(g, 16) || 0);
  const [head, tail] = text.split('::') as [string, string?];
  if (tail === undefined) return groups(head);
  const [left, right] = [groups(head), groups(tail)];
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The IPv4 address an IPv6 address carries in its last 32 bits: IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d).
 */
function embeddedV4(address: string): string | undefined {
  const groups = groupsOf(address);
  const head = groups.slice(0, 6).join(':');
  const [high, low] = [groups[6]!, groups[7]!];
  const v4 = [high >> 8, high & 255, low >> 8, low & 255].join('.');
  if (head === '0:0:0:0:0:65535' || head === '0:0:0:0:65535:0' || head === '100:65435:0:0:0:0') return v4;
  // ::1 and :: are IPv6's own loopback and unspecified addresses, not IPv4 ones.
  if (head === '0:0:0:0:0:0' && high !== 0) return v4;
  return undefined;
}

/** The kind of an IP address (IPv4 or IPv6, an IPv4-mapped IPv6 address judged by its IPv4 part); undefined when it is none. */
export function classifyAddress(address: string): AddressKind | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*/, '');
  const family = net.isIP(bare);
  if (family === 0) return undefined;
  if (family === 6) {
    const v4 = embeddedV4(bare);
    if (v4 !== undefined) return classifyAddress(v4);
    for (const [list, kind] of V6_LISTS) if (list.check(bare, 'ipv6')) return kind;
    return 'public';
  }
  for (const [list, kind] of V4_LISTS) if (list.check(bare, 'ipv4')) return kind;
  return 'public';
}

/** What the admin allowed for an endpoint's host. */
export interface HostAllowance {
  readonly allowHttp: boolean;
  readonly allowPrivate: boolean;
}

export type TargetProblem = 'invalid' | 'scheme' | 'http' | 'credentials' | 'private';

/**
 * Whether a URL may be registered: http(s) only, no user:password in it, https unless plain HTTP is
 * allowed for it, and, when its host is an IP address or a name that is always local (localhost),
 * not a private one unless that is allowed. Names are resolved again at every delivery.
 */
export function checkTargetUrl(raw: string, allowance: HostAllowance): { ok: true; url: URL } | { ok: false; problem: TargetProblem } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'scheme' };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'credentials' };
  if (url.protocol === 'http:' && !allowance.allowHttp) return { ok: false, problem: 'http' };
  if (!allowance.allowPrivate && isLocalHost(url.hostname)) return { ok: false, problem: 'private' };
  return { ok: true, url };
}

/** A host that is an address other than a public one, or a name that always means this machine. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const kind = classifyAddress(host);
  return kind !== undefined && kind !== 'public';
}
