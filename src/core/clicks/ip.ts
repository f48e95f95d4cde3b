import net from 'node:net';

/** Zeroes the host part: the last octet of IPv4 (/24), all but the first 48 bits of IPv6. */
export function anonymizeIp(ip: string): string | null {
  const v4 = ip.startsWith('::ffff:') && net.isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (net.isIPv4(v4)) return v4.replace(/\.\d+$/, '.0');
  if (!net.isIPv6(ip)) return null;
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 3).join(':')}::`;
}

/** The visitor's address: the first X-Forwarded-For entry when the proxy is trusted. */
export function clientIp(
  remote: string | undefined,
  forwarded: string | string[] | undefined,
  trustProxy: boolean,
) {
  if (trustProxy && forwarded) {
    const first = (Array.isArray(forwarded) ? forwarded[0]! : forwarded).split(',')[0]!.trim();
    if (net.isIP(first)) return first;
  }
  return remote;
}
