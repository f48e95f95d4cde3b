import type { PickerOption } from '../components/Picker.tsx';

/**
 * The languages offered for affiliates, users and banners: ISO 639-1 codes, and the regional
 * variants people ask for by name. The server takes any `xx` or `xx-YY`; a stored code that is
 * not listed here is still shown (see withValue).
 */
const CODES = [
  'ar',
  'bg',
  'bn',
  'bs',
  'ca',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-GB',
  'en-US',
  'es',
  'es-ES',
  'es-MX',
  'et',
  'fa',
  'fi',
  'fil',
  'fr',
  'fr-CA',
  'ga',
  'he',
  'hi',
  'hr',
  'hu',
  'hy',
  'id',
  'is',
  'it',
  'ja',
  'ka',
  'kk',
  'ko',
  'lt',
  'lv',
  'mk',
  'ms',
  'mt',
  'nl',
  'no',
  'pl',
  'pt',
  'pt-BR',
  'pt-PT',
  'ro',
  'ru',
  'sk',
  'sl',
  'sq',
  'sr',
  'sv',
  'sw',
  'th',
  'tr',
  'uk',
  'ur',
  'uz',
  'vi',
  'zh',
  'zh-CN',
  'zh-TW',
];

let names: Intl.DisplayNames | null = null;
let english: Intl.DisplayNames | null = null;
try {
  names = new Intl.DisplayNames(undefined, { type: 'language', languageDisplay: 'standard' });
  english = new Intl.DisplayNames(['en'], { type: 'language', languageDisplay: 'standard' });
} catch {
  // An old browser without DisplayNames: the codes alone.
}

/** "Portuguese (Brazil) · pt-BR", in the reader's language. */
export function languageLabel(code: string): string {
  let name: string | undefined;
  try {
    name = names?.of(code);
  } catch {
    name = undefined;
  }
  return name && name !== code ? `${name} · ${code}` : code;
}

let cached: PickerOption[] | null = null;

/** Every listed language as a picker option, sorted by name; found by its English name too. */
export function languageOptions(): PickerOption[] {
  cached ??= CODES.map((code) => {
    let inEnglish = '';
    try {
      inEnglish = english?.of(code) ?? '';
    } catch {
      inEnglish = '';
    }
    return { value: code, label: languageLabel(code), keywords: inEnglish };
  }).sort((a, b) => a.label.localeCompare(b.label));
  return cached;
}
