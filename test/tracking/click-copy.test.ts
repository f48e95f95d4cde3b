import { describe, expect, it } from 'vitest';
import { clickCopyText, copyField } from '../../src/core/clicks/click-copy.ts';
import { type ClickEnricher, type RawClick, toRows } from '../../src/core/clicks/click-rows.ts';

const chrome =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36';
const at = Date.UTC(2026, 10, 21, 12, 0, 0, 5);
const clicks: RawClick[] = [
  ['01A', at, 1, 2, 3, 4, 5, 'a', '', '203.0.113.9', chrome, undefined, true],
  [
    '01B',
    at,
    1,
    2,
    3,
    4,
    5,
    'b',
    'sub1=a%09b&x=1&x=2&sub2=%5C',
    '203.0.113.9',
    chrome,
    'https://r.example/?q=1',
    false,
  ],
  [
    '01C',
    at + 1,
    7,
    2,
    3,
    4,
    6,
    'a',
    'sub3=line%0Abreak&k=%00nul&sub5=%E2%82%AC',
    '2001:db8::1',
    'curl/8.0\ttab\\',
    'ref\r\nx',
    true,
  ],
  [
    '01D',
    at + 1,
    1,
    2,
    3,
    4,
    5,
    'a',
    `sub1=${'z'.repeat(300)}&long=${'y'.repeat(600)}`,
    undefined,
    undefined,
    '',
    true,
  ],
  [
    '01E',
    at + 2,
    1,
    2,
    3,
    4,
    5,
    'a',
    'sub1=a%09b&x=1&x=2&sub2=%5C',
    '::ffff:198.51.100.7',
    'Googlebot/2.1 (+http://www.google.com/bot.html)',
    `${'r'.repeat(2100)}\\`,
    false,
  ],
];

describe('click COPY text', () => {
  for (const ipMode of ['full', 'anonymized', 'none'] as const) {
    it(`holds exactly the values of the click rows (IP ${ipMode})`, () => {
      const enrich = (): ClickEnricher => ({
        ipMode,
        country: (ip) => (ip.startsWith('203.') ? 'NL' : null),
        rejected: 0,
      });
      const expected = toRows(clicks, enrich())
        .map((row) => `${row.map(copyField).join('\t')}\n`)
        .join('');
      expect(clickCopyText(clicks, enrich())).toBe(expected);
    });
  }

  it('escapes what COPY reads as a separator or an escape', () => {
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect([copyField(null), copyField(true), copyField(false), copyField(12)]).toEqual([
      '\\N',
      't',
      'f',
      '12',
    ]);
  });
});
