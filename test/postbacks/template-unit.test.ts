/**
 * The postback template functions, pure (the API tests are in templates.test.ts): every check's
 * exact message, the edges of a name and of the query rule, filling and encoding, the POST body
 * and amounts in major units.
 */
import { describe, expect, it } from 'vitest';
import {
  majorUnits,
  renderBody,
  renderTemplate,
  templateProblems,
  templateVariables,
} from '../../src/core/postbacks/template.ts';

const messages = (template: string) => templateProblems(template).map((p) => p.message);
const SCHEME =
  'must start with http:// or https://, like https://tracker.example.com/postback?click=${click_id}';
const SPACES = 'must not contain spaces or control characters: percent-encode them (%20)';
const IN_HOST =
  'variables go after the host: the host must be written out, like https://tracker.example.com/?id=${click_id}';

describe('templateProblems', () => {
  it('accepts good templates of either syntax, http and https, any case of the scheme', () => {
    for (const url of [
      'https://t.example/pb?click=${click_id}&a={{amount}}',
      'http://t.example/pb?c=${click_id}',
      'HTTPS://T.EXAMPLE/pb',
      '  https://t.example/pb?x=1  ',
      'https://t.example/a/b?c=d/e',
      'https://t.example/path/to/file',
      `https://t.example/?v=\${a${'b'.repeat(63)}}`,
      'https://t.example/?v=${a.b-c_9}',
    ])
      expect(templateProblems(url), url).toEqual([]);
  });

  it('requires a template, naming the path it is given', () => {
    expect(templateProblems('')).toEqual([{ path: 'url', message: 'is required' }]);
    expect(templateProblems('   ', 'definitions[2].url')).toEqual([
      { path: 'definitions[2].url', message: 'is required' },
    ]);
    expect(templateProblems('ftp://x', 'body')).toEqual([{ path: 'body', message: SCHEME }]);
  });

  it('refuses spaces and control characters inside', () => {
    for (const url of [
      'https://t.example/a b',
      'https://t.example/a\tb',
      'https://t.example/\u0001',
      'https://t.example/\u007f',
    ])
      expect(messages(url), JSON.stringify(url)).toEqual([SPACES]);
    // A variable with spaces inside is refused for the spaces only: its name is trimmed.
    expect(messages('https://t.example/?c=${ click_id }')).toEqual([SPACES]);
    // A scheme missing as well: both, and no more checks.
    expect(messages('t.example/a b?x={y}')).toEqual([SPACES, SCHEME]);
  });

  it('needs a scheme and a host written out', () => {
    expect(messages('track.me/a?x=${click_id}')).toEqual([SCHEME]);
    expect(messages('xhttps://t.example/pb')).toEqual([SCHEME]);
    expect(messages('https:/t.example/')).toEqual([SCHEME]);
    expect(messages('https:///pb?x=1')).toEqual([
      'must name a host after the scheme, like https://tracker.example.com/...',
    ]);
    expect(messages('http://${host}/a')).toEqual([IN_HOST]);
    expect(messages('http://{{host}}.example/a')).toEqual([IN_HOST]);
    expect(messages('http://a$b.example/?x=1')).toEqual([IN_HOST]);
    expect(messages('http://a}b.example/?x=1')).toEqual([IN_HOST]);
  });

  it('names a variable without a name or with a bad one', () => {
    expect(messages('https://t.example/?a=${}')).toEqual([
      '${} names no variable: write a name inside, like ${click_id}',
    ]);
    expect(messages('https://t.example/?a={{}}')).toEqual([
      '{{}} names no variable: write a name inside, like ${click_id}',
    ]);
    expect(messages('https://t.example/?a=${9lives}')).toEqual([
      '${9lives} is not a variable name: use letters, digits and underscores, like ${click_id}',
    ]);
    const long = `a${'b'.repeat(64)}`;
    expect(messages(`https://t.example/?a={{${long}}}`)).toEqual([
      `{{${long}}} is not a variable name: use letters, digits and underscores, like \${click_id}`,
    ]);
    expect(messages('https://t.example/?a=${x!}')).toHaveLength(1);
  });

  it('shows the right way to write each wrong syntax', () => {
    expect(messages('https://t.example/?a=$[visit_id]&b=$(sub1)')).toEqual([
      '$[visit_id] is not a variable: write ${visit_id}',
      '$(sub1) is not a variable: write ${sub1}',
    ]);
    expect(messages('https://t.example/?a={track_id}&b=${ok}')).toEqual([
      '{track_id} is not a variable: write ${track_id}',
    ]);
    expect(messages('https://t.example/?a=${track_id')).toEqual([
      '${track_id is not closed: write ${track_id}',
    ]);
    expect(messages('https://t.example/?a={{track_id')).toEqual([
      '{{track_id is not closed: write {{track_id}}',
    ]);
    expect(messages('https://t.example/?a={{track_id}')).toEqual([
      '{track_id} is not a variable: write ${track_id}',
      '{{track_id is not closed: write {{track_id}}',
    ]);
    // An unclosed variable before a good one.
    expect(messages('https://t.example/?a=${ab&b=${cd}')).toEqual(['${ab is not closed: write ${ab}']);
    // Once the variables are taken out, what is left must not read as one either.
    expect(messages('https://t.example/?a={${x}b}')).toEqual(['{b} is not a variable: write ${b}']);
    // Text after the last variable is fine.
    expect(messages('https://t.example/?a=${ab}&tail=1')).toEqual([]);
  });

  it('wants the query after "?", not after a slash', () => {
    expect(messages('http://track.me/affiliate/c=${clickID}')).toEqual([
      'the query must begin with "?": write http://track.me/affiliate?c=${clickID}',
    ]);
    expect(messages('http://track.me/a/b/c=1&d=2')).toEqual([
      'the query must begin with "?": write http://track.me/a/b?c=1&d=2',
    ]);
    // An empty name before "=" is still a query.
    expect(messages('http://track.me/a/=x')).toEqual([
      'the query must begin with "?": write http://track.me/a?=x',
    ]);
    // With a "?", or without any "=" in the last segment, it is a path.
    expect(messages('http://track.me/a/c=1?d=2')).toEqual([]);
    expect(messages('http://track.me/a/c=1/d')).toEqual([]);
    expect(messages('http://track.me/a#c=1')).toEqual([]);
  });
});

describe('templateVariables', () => {
  it('lists the names in order, each once, trimmed, of both syntaxes', () => {
    expect(templateVariables('https://t/?a=${b}&c={{ d }}&e=${b}&f={{b}}&g=${ h }')).toEqual(['b', 'd', 'h']);
    expect(templateVariables('https://t/?a=1')).toEqual([]);
  });
});

describe('renderTemplate and renderBody', () => {
  const vars = {
    click_id: 'c 1/&',
    amount: '10.50',
    currency: null,
    params: { webID: 'w=1', n: 7, gone: null },
  };

  it('fills standard and custom variables, percent-encoded, a missing one empty', () => {
    expect(
      renderTemplate(
        '  https://t/?c=${click_id}&a={{ amount }}&cur=${currency}&w=${webID}&n={{n}}&g=${gone}&x=${nope}&s=${sub1}  ',
        vars,
      ),
    ).toBe('https://t/?c=c%201%2F%26&a=10.50&cur=&w=w%3D1&n=7&g=&x=&s=');
  });

  it('takes a standard name from the event only, a custom one from the click only', () => {
    const mixed = { params: { click_id: 'from-params', webID: 'p' }, webID: 'top' } as never;
    expect(renderTemplate('https://t/?c=${click_id}&w=${webID}', mixed)).toBe('https://t/?c=&w=p');
    expect(renderTemplate('https://t/?w=${webID}', { click_id: 'x' })).toBe('https://t/?w=');
  });

  it('writes the POST body with each variable once, unencoded', () => {
    expect(
      JSON.parse(renderBody('https://t/?c=${click_id}&w={{webID}}&c2=${click_id}&cur=${currency}', vars)),
    ).toEqual({
      click_id: 'c 1/&',
      webID: 'w=1',
      currency: '',
    });
    expect(renderBody('https://t/', vars)).toBe('{}');
  });
});

describe('majorUnits', () => {
  it.each([
    [1050n, 2, '10.50'],
    [5n, 2, '0.05'],
    [-5n, 2, '-0.05'],
    [-1234n, 3, '-1.234'],
    [100n, 2, '1.00'],
    [1050n, 0, '1050'],
    [0n, 0, '0'],
    [-7n, 0, '-7'],
  ])('%s with %i decimals is %s', (amount, minor, expected) => {
    expect(majorUnits(amount, minor)).toBe(expected);
  });
});
