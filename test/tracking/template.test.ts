import { describe, expect, it } from 'vitest';
import { checkUrlTemplate, fillTemplate, validateUrlTemplate } from '../../src/core/clicks/template.ts';
import { AppError } from '../../src/core/errors.ts';

// The pure functions behind a destination link's URL (the API tests are in link-safety.test.ts):
// each case states the stored URL and the compiled parts exactly.

const NOT_URL = 'must be an absolute http or https URL, such as https://brand.example/landing';
const IN_HOST = 'may have placeholders only in the path, query or fragment, not in the host or port';
const UNCLOSED = 'has a placeholder that is not closed or not named';
const CONTROL = 'must not contain control characters such as line breaks or tabs';

const ok = (url: string) => {
  const checked = checkUrlTemplate(url);
  expect(checked.problem, url).toBeUndefined();
  return { url: checked.url, origin: checked.template!.origin, parts: checked.template!.parts };
};
const problem = (url: string) => checkUrlTemplate(url).problem;
const fill = (url: string, values: Record<string, string>) =>
  fillTemplate(checkUrlTemplate(url).template!, (name) => values[name]);

describe('checkUrlTemplate', () => {
  it('splits placeholders from the text around them, the text after the last one included', () => {
    expect(ok('https://a.example/land/{{_p_game}}?cid={{click_id}}&s={{ sub2 }}#{{x.y-z_1}}tail')).toEqual({
      url: 'https://a.example/land/{{_p_game}}?cid={{click_id}}&s={{sub2}}#{{x.y-z_1}}tail',
      origin: 'https://a.example',
      parts: [
        '/land/',
        { name: 'game' },
        '?cid=',
        { name: 'click_id' },
        '&s=',
        { name: 'sub2' },
        '#',
        { name: 'x.y-z_1' },
        'tail',
      ],
    });
  });

  it('keeps adjacent placeholders and one at the very end without empty text between them', () => {
    expect(ok('https://a.example/{{a}}{{b}}')).toEqual({
      url: 'https://a.example/{{a}}{{b}}',
      origin: 'https://a.example',
      parts: ['/', { name: 'a' }, { name: 'b' }],
    });
    expect(ok('https://a.example/?q={{  q  }}').parts).toEqual(['/?q=', { name: 'q' }]);
  });

  it('normalises: trimmed, scheme and host lower case, punycode, default port dropped, path added', () => {
    expect(ok('  HTTPS://Brand.Example:443  ')).toEqual({
      url: 'https://brand.example/',
      origin: 'https://brand.example',
      parts: ['/'],
    });
    expect(ok('http://例え.jp').url).toBe('http://xn--r8jz45g.jp/');
    expect(ok('http://a.example:8080?x={{x}}')).toEqual({
      url: 'http://a.example:8080/?x={{x}}',
      origin: 'http://a.example:8080',
      parts: ['/?x=', { name: 'x' }],
    });
    expect(ok('https://[::1]:8443/{{a}}').origin).toBe('https://[::1]:8443');
  });

  it('percent-encodes non-ASCII characters and spaces in the path, query and fragment (UTF-8)', () => {
    expect(ok('https://brand.example/promo/€100').url).toBe('https://brand.example/promo/%E2%82%AC100');
    expect(ok('https://a.example/😀 {{x}}?q=é ü#f€').url).toBe(
      'https://a.example/%F0%9F%98%80%20{{x}}?q=%C3%A9%20%C3%BC#f%E2%82%AC',
    );
    // A no-break space, right after the control characters, is not one.
    expect(ok('https://a.example/a\u00a0b').url).toBe('https://a.example/a%C2%A0b');
    // What is already encoded stays as written.
    expect(ok('https://a.example/%E2%82%AC?q=%zz%').url).toBe('https://a.example/%E2%82%AC?q=%zz%');
  });

  it('reads backslashes and missing slashes as browsers do', () => {
    expect(ok('https:\\\\a.example\\x\\{{y}}').url).toBe('https://a.example/x/{{y}}');
    expect(ok('https:a.example/{{y}}').url).toBe('https://a.example/{{y}}');
    expect(ok('https:///a.example/').url).toBe('https://a.example/');
  });

  it('gives the same URL when the stored URL is checked again', () => {
    for (const url of [
      'https://a.example/land/{{_p_game}}?cid={{ click_id }}',
      'https://a.example/{{{a}}}?{{{b}}}',
      'https://例え.jp/€/{{a}}',
    ]) {
      const once = ok(url).url!;
      expect(ok(once).url).toBe(once);
    }
  });

  it('is not confused by text that looks like its own marks', () => {
    expect(ok('https://a.example/undefined0undefined/{{a}}').parts).toEqual([
      '/undefined0undefined/',
      { name: 'a' },
    ]);
    expect(ok('https://a.example/ph0ph/phx0phx/{{a}}')).toEqual({
      url: 'https://a.example/ph0ph/phx0phx/{{a}}',
      origin: 'https://a.example',
      parts: ['/ph0ph/phx0phx/', { name: 'a' }],
    });
  });

  it('refuses what is not an absolute http(s) URL', () => {
    for (const url of [
      '',
      'not a url',
      'brand.example/landing',
      '/landing',
      'ftp://a.example/',
      'javascript:alert(1)',
      'javascript:https://a.example/',
      'xhttps://a.example/',
      'https://',
      'https://a b.example/',
      'https://a.example:99999/',
      '{{sub1}}://a.example/',
    ]) {
      expect(problem(url), url).toBe(NOT_URL);
    }
  });

  it('refuses control characters, and trims surrounding whitespace', () => {
    for (const c of ['\r\n', '\n', '\r', '\t', '\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u009f']) {
      expect(problem(`https://a.example/a${c}b`), JSON.stringify(c)).toBe(CONTROL);
    }
    expect(problem('https://a.example/?q=\u0001{{a}}')).toBe(CONTROL);
    expect(ok('\n\thttps://a.example/x \r\n').url).toBe('https://a.example/x');
  });

  it('refuses placeholders in the host or port, and a user name or password', () => {
    for (const url of [
      'https://{{sub2}}/landing',
      'https://brand.example{{sub1}}/p',
      'https://{{sub1}}.brand.example/',
      'https://brand.example:{{port}}/',
      'https://brand.example{{sub1}}',
      'https://brand.example{{sub1}}?q=1',
      'https:///{{x}}/',
      'https://user@{{x}}/',
    ]) {
      expect(problem(url), url).toBe(IN_HOST);
    }
    for (const url of [
      'https://user:pass@a.example/',
      'https://a.example@evil.example/',
      'https://@a.example/',
    ]) {
      expect(problem(url), url).toBe('must not contain a user name or password');
    }
    expect(problem('https://%7B%7Bx%7D%7D.example/')).toBe('has a host name that is not valid');
  });

  it('refuses a placeholder that is not closed or not named', () => {
    for (const url of [
      'https://a.example/{{sub1',
      'https://a.example/{{sub1}',
      'https://a.example/sub1}}',
      'https://a.example/{{}}',
      'https://a.example/{{a b}}',
      'https://a.example/{{a/b}}',
    ]) {
      expect(problem(url), url).toBe(UNCLOSED);
    }
    // Single braces are text.
    expect(ok('https://a.example/{x}?{y}').url).toBe('https://a.example/%7Bx%7D?{y}');
  });

  it('refuses a placeholder a following "/.." would remove', () => {
    expect(problem('https://a.example/{{a}}/../b')).toBe(
      'has a placeholder that a following "/.." segment would remove',
    );
    expect(ok('https://a.example/x/../{{a}}').url).toBe('https://a.example/{{a}}');
  });
});

describe('validateUrlTemplate', () => {
  it('returns the normalised URL, or a 422 naming the field', () => {
    expect(validateUrlTemplate('url', ' https://A.example/€ ')).toBe('https://a.example/%E2%82%AC');
    let error: unknown;
    try {
      validateUrlTemplate('url_ab', 'https://{{sub2}}/');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(422);
    expect((error as AppError).details).toEqual({ fields: [{ path: 'url_ab', message: IN_HOST }] });
  });
});

describe('fillTemplate', () => {
  it('fills values percent-encoded as one component, and nothing for a missing or empty value', () => {
    expect(
      fill('https://a.example/{{a}}?b={{b}}&c={{c}}&d={{d}}#{{e}}', {
        a: '//evil.example/@x:1\\y',
        b: 'a b€\r\n%',
        c: '',
        e: '?&=#',
      }),
    ).toBe(
      'https://a.example/%2F%2Fevil.example%2F%40x%3A1%5Cy?b=a%20b%E2%82%AC%0D%0A%25&c=&d=#%3F%26%3D%23',
    );
  });

  it('starts with the saved origin whatever is filled in', () => {
    const location = fill('https://brand.example/{{sub1}}', { sub1: '@evil.example' });
    expect(location).toBe('https://brand.example/%40evil.example');
    expect(new URL(location).host).toBe('brand.example');
    expect(fill('http://a.example', {})).toBe('http://a.example/');
  });

  it('asks for the name without the Smartico prefix', () => {
    const asked: string[] = [];
    fillTemplate(checkUrlTemplate('https://a.example/{{_p_game}}/{{sub1}}').template!, (name) => {
      asked.push(name);
      return undefined;
    });
    expect(asked).toEqual(['game', 'sub1']);
  });
});
