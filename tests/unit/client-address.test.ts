import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress } from '../../src/http/client-address.ts';

describe('clientAddress', () => {
  it('with no trusted hop, the peer decides and X-Forwarded-For is ignored', () => {
    expect(clientAddress('1.2.3.4', '203.0.113.1', 0)).toBe('203.0.113.1');
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown');
  });

  it('behind n trusted proxies, the n-th entry from the right; entries the client wrote never decide', () => {
    expect(clientAddress('6.6.6.6, 203.0.113.9', 'proxy', 1)).toBe('203.0.113.9');
    expect(clientAddress('6.6.6.6,203.0.113.9 , 198.51.100.2', 'proxy', 2)).toBe('203.0.113.9');
    expect(clientAddress(' , 203.0.113.9', 'proxy', 1)).toBe('203.0.113.9');
  });

  it('too few entries for the trusted hops: the peer, never a client-set value', () => {
    expect(clientAddress('6.6.6.6', '198.51.100.2', 2)).toBe('198.51.100.2');
    expect(clientAddress(undefined, '198.51.100.2', 1)).toBe('198.51.100.2');
    expect(clientAddress('6.6.6.6', undefined, 2)).toBe('unknown');
  });
});

describe('addressKey', () => {
  it('drops ports and brackets, and reads IPv4-mapped IPv6 as IPv4', () => {
    expect(addressKey('203.0.113.9:51234')).toBe('203.0.113.9');
    expect(addressKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(addressKey('[2001:db8::1]:443')).toBe('2001:db8:0:0::/64');
  });

  it('keys IPv6 by its /64: one machine cannot take a fresh budget per address', () => {
    const a = addressKey('2001:db8:abcd:12:1::1');
    expect(a).toBe('2001:db8:abcd:12::/64');
    expect(addressKey('2001:0db8:abcd:0012:ffff:ffff:ffff:ffff')).toBe(a);
    expect(addressKey('2001:DB8:ABCD:12::99%eth0')).toBe(a);
    expect(addressKey('2001:db8:abcd:13::1')).not.toBe(a);
  });

  it('leaves anything else as it is (lower case, bounded)', () => {
    expect(addressKey('Unknown')).toBe('unknown');
    expect(addressKey('x'.repeat(500))).toHaveLength(100);
  });
});
