import { describe, expect, it } from 'vitest';
import { visitorHeaders } from '../../src/http/tracking/visitor-headers.ts';

// The click path reads req.rawHeaders instead of req.headers: it must see what req.headers shows.
describe('visitorHeaders', () => {
  it('reads names in any case, keeps the first user agent and referrer, joins cookies and forwarded-for', () => {
    const raw = [
      'Host',
      'a.example',
      'USER-AGENT',
      'first/1.0',
      'User-Agent',
      'second/2.0',
      'Cookie',
      'a=1',
      'cookie',
      'affluent_seen=2',
      'Referer',
      'https://r.example/',
      'referer',
      'https://other.example/',
      'X-Forwarded-For',
      '203.0.113.7, 10.0.0.1',
      'x-forwarded-for',
      '10.0.0.2',
      'X-Referer-Like',
      'ignored',
    ];
    expect(visitorHeaders(raw)).toEqual({
      cookie: 'a=1; affluent_seen=2',
      userAgent: 'first/1.0',
      referrer: 'https://r.example/',
      forwardedFor: '203.0.113.7, 10.0.0.1, 10.0.0.2',
    });
  });

  it('leaves what is absent undefined', () => {
    expect(visitorHeaders(['Host', 'a.example'])).toEqual({
      cookie: undefined,
      userAgent: undefined,
      referrer: undefined,
      forwardedFor: undefined,
    });
  });
});
