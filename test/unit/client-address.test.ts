// The key a client's requests are counted under: its IPv4 address, or its IPv6 /64 (what one subscriber
// holds, so walking through a prefix does not buy more sign-ups); anything else is "unknown".
import { describe, expect, it } from 'vitest';
import { limitKey } from '../../functions/http/context.js';

describe('the rate-limit key of a client address', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['not an address', 'unknown'],
    ['9'.repeat(3000), 'unknown'],
  ])('%s → %s', (address, key) => {
    expect(limitKey(address)).toBe(key);
  });
});
