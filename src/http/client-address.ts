/**
 * The client's address, as far as the installation can know it. With no trusted proxy in front
 * (hops 0) it is the connection's peer and X-Forwarded-For is ignored. Behind n trusted proxies,
 * each appending the address it saw, it is the n-th X-Forwarded-For entry from the right: the
 * one the outermost trusted proxy wrote. Entries to its left are whatever the client sent, so a
 * client-set value never decides. A request with fewer entries than trusted hops did not come
 * through the proxies; its peer address is used.
 */
export function clientAddress(forwardedFor: string | undefined, peer: string | undefined, trustedHops: number): string {
  if (trustedHops > 0) {
    const entries = (forwardedFor ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    const written = entries[entries.length - trustedHops];
    if (written !== undefined) return addressKey(written);
  }
  return peer ? addressKey(peer) : 'unknown';
}

/**
 * One key per place a person signs in from: ports and brackets dropped, IPv4-mapped IPv6 as IPv4,
 * and IPv6 by its /64 prefix (one home or office gets a whole /64, so a single address would let
 * one machine take any number of fresh budgets).
 */
export function addressKey(raw: string): string {
  let a = raw.trim().toLowerCase().slice(0, 100);
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  a = a.replace(/%.*$/, ''); // zone index
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!a.includes(':')) return a;
  const groups = expandIpv6(a);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : a;
}

/** The eight 16-bit groups of an IPv6 address (hex, no leading zeros), or null when it is not one. */
function expandIpv6(a: string): string[] | null {
  const halves = a.split('::');
  if (halves.length > 2) return null;
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  const head = part(halves[0]!);
  const tail = halves.length === 2 ? part(halves[1]!) : [];
  // An embedded IPv4 tail (::ffff:… handled above; others are rare) counts as two groups.
  const last = tail.length ? tail[tail.length - 1]! : head[head.length - 1];
  if (last !== undefined && last.includes('.')) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
