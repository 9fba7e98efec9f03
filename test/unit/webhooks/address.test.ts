import { checkTargetUrl, classifyAddress, isLocalHost } from '../../../src/webhooks/address';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'link_local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique_local'],
    ['fd12:3456::1', 'unique_local'],
    ['fe80::1', 'link_local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'link_local'],
    ['0:0:0:0:0:ffff:192.168.0.1', 'private'],
    ['[::1]', 'loopback'],
    ['192.0.2.1', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.255', 'reserved'],
    ['192.88.99.1', 'reserved'],
    ['64:ff9b:1::1', 'reserved'],
    ['64:ff9b:1:ffff::8.8.8.8', 'reserved'],
    ['2002::1', 'reserved'],
    ['2002:7f00:1::1', 'reserved'],
    ['2001::1', 'reserved'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::10.1.2.3', 'private'],
    ['64:ff9b::203.0.113.9', 'reserved'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['::ffff:0:a00:1', 'private'],
    ['0:0:0:0:0:FFFF:7F00:0001', 'loopback'],
    ['::ffff:192.0.2.1', 'reserved'],
  ])('when the address is %s, then it is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.15.255.255', '172.32.0.1', '100.63.255.255', '11.0.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '2a00:1450::1', '192.0.1.255', '192.0.3.0', '198.51.99.255', '198.51.101.0', '203.0.112.255', '203.0.114.0', '192.88.98.255', '192.88.100.0', '64:ff9b::8.8.8.8', '64:ff9b::808:808', '64:ff9b:2::1', '2003::1', '2001:1::1', '2001:4860:4860::8888', '::ffff:0:8.8.8.8'])(
    'when the address is %s (just outside every non-public range), then it is public',
    (address) => {
      expect(classifyAddress(address)).toBe('public');
    },
  );

  it('when the text is no IP address, then it has no kind', () => {
    expect(classifyAddress('example.com')).toBeUndefined();
    expect(classifyAddress('1.2.3')).toBeUndefined();
  });
});

describe('checkTargetUrl', () => {
  const none = { allowHttp: false, allowPrivate: false };

  it('when the URL is https on a public name, then it is accepted', () => {
    expect(checkTargetUrl('https://hr.example.com/hooks', none).ok).toBe(true);
  });

  it('when the URL is plain http, then it is refused unless plain HTTP is allowed for it', () => {
    expect(checkTargetUrl('http://hr.example.com/hooks', none)).toEqual({ ok: false, problem: 'http' });
    expect(checkTargetUrl('http://hr.example.com/hooks', { allowHttp: true, allowPrivate: false }).ok).toBe(true);
  });

  it.each(['https://127.0.0.1/x', 'https://localhost/x', 'https://api.localhost/x', 'https://[::1]/x', 'https://10.1.2.3/x', 'https://[::ffff:192.168.0.1]/x', 'https://2130706433/x', 'https://169.254.169.254/latest'])(
    'when the host is %s, then it is refused unless private addresses are allowed',
    (url) => {
      expect(checkTargetUrl(url, none)).toEqual({ ok: false, problem: 'private' });
      expect(checkTargetUrl(url, { allowHttp: false, allowPrivate: true }).ok).toBe(true);
    },
  );

  it('when the URL is not http(s), carries credentials or is no URL, then it is refused with the reason', () => {
    expect(checkTargetUrl('ftp://example.com/', none)).toEqual({ ok: false, problem: 'scheme' });
    expect(checkTargetUrl('file:///etc/passwd', none)).toEqual({ ok: false, problem: 'scheme' });
    expect(checkTargetUrl('https://user:pw@example.com/', none)).toEqual({ ok: false, problem: 'credentials' });
    expect(checkTargetUrl('not a url', none)).toEqual({ ok: false, problem: 'invalid' });
  });

  it('when a name is not local by itself, then it passes registration (it is checked again at every delivery)', () => {
    expect(isLocalHost('internal.example.com')).toBe(false);
    expect(isLocalHost('LOCALHOST.')).toBe(true);
  });
});

describe('classifyAddress at the edges of each range', () => {
  it.each([
    ['191.255.255.255', 'public'],
    ['192.0.0.0', 'reserved'],
    ['192.0.0.255', 'reserved'],
    ['198.17.255.255', 'public'],
    ['198.18.0.0', 'reserved'],
    ['198.19.255.255', 'reserved'],
    ['198.20.0.0', 'public'],
    ['febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'link_local'],
    ['fec0::', 'link_local'],
    ['feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'link_local'],
    ['ff00::', 'multicast'],
    ['2001:db7:ffff:ffff:ffff:ffff:ffff:ffff', 'public'],
    ['2001:db8::', 'reserved'],
    ['2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved'],
    ['2001:db9::', 'public'],
  ])('when the address is %s, then it is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('when an IPv6 address carries an IPv4 one, then the IPv4 one decides, down to the first address of the range', () => {
    // IPv4-compatible (::a.b.c.d): judged by the IPv4 part, unless it is IPv6's own :: or ::1.
    expect(classifyAddress('::10.0.0.1')).toBe('private');
    expect(classifyAddress('::127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::0.1.0.0')).toBe('unspecified');
    expect(classifyAddress('::1')).toBe('loopback');
    // '::' standing for zeros at the end, or for a single group.
    expect(classifyAddress('64:ff9b::')).toBe('unspecified');
    expect(classifyAddress('0:0:0:0:0:ffff::')).toBe('unspecified');
    expect(classifyAddress('::0:0:0:0:ffff:a00:1')).toBe('private');
    expect(classifyAddress('::ffff:0:0:0')).toBe('unspecified');
    expect(classifyAddress('::ffff:ffff:ffff')).toBe('reserved');
  });

  it('when the address has a zone (fe80::1%eth0), then the zone is ignored', () => {
    expect(classifyAddress('fe80::1%eth0')).toBe('link_local');
    expect(classifyAddress('[fe80::1%25eth0]')).toBe('link_local');
  });

  it('when brackets do not enclose the whole address, then it is no address', () => {
    expect(classifyAddress('1[::1]')).toBeUndefined();
    expect(classifyAddress('[::1]1')).toBeUndefined();
    expect(classifyAddress('[::1')).toBe('loopback');
  });
});

describe('checkTargetUrl, more', () => {
  const none = { allowHttp: false, allowPrivate: false };

  it('when the URL is pasted with non-breaking spaces around it, then they are dropped', () => {
    expect(checkTargetUrl('\u00a0https://hr.example.com/hooks\u00a0', none)).toMatchObject({ ok: true });
  });

  it('when the URL carries only a user name or only a password, then it is refused for its credentials', () => {
    expect(checkTargetUrl('https://user@example.com/', none)).toEqual({ ok: false, problem: 'credentials' });
    expect(checkTargetUrl('https://:pw@example.com/', none)).toEqual({ ok: false, problem: 'credentials' });
  });

  it('when the host is a public address, then it is not local and the URL is accepted; one step inside a range it is refused', () => {
    expect(isLocalHost('8.8.8.8')).toBe(false);
    expect(isLocalHost('[2606:4700::1111]')).toBe(false);
    expect(checkTargetUrl('https://8.8.8.8/hook', none)).toMatchObject({ ok: true });
    expect(checkTargetUrl('https://100.63.255.255/hook', none)).toMatchObject({ ok: true });
    expect(checkTargetUrl('https://100.64.0.0/hook', none)).toEqual({ ok: false, problem: 'private' });
  });
});
