import { DAYS_OF_WEEK, type DayOfWeek } from '../../../core/affiliates/billing-rules.ts';
import { PAYMENT_TYPES, type PaymentType } from '../../../core/affiliates/payment-methods.ts';
import type { MessengerKey } from '../../../core/affiliates/state.ts';
import { statusTableMarkdown } from './status.ts';
import { TIMEZONES } from './timezones.ts';

/**
 * Everflow's ids and enums beside the native ones, both ways. The docs show these tables
 * (vocabularyMarkdown), so the mapping has one source.
 */

/** Everflow's payment types: the native ones plus `pay` (Everflow Pay), which Affluent has no equivalent of. */
export const EVERFLOW_PAYMENT_TYPES = [...PAYMENT_TYPES, 'pay'] as const;
/** The create/update documents spell paxum "payum" in their list (and paxum_id below it): both are paxum. */
const PAYMENT_ALIASES: Record<string, PaymentType> = { payum: 'paxum' };

export type PaymentTypeVerdict = { ok: true; type: PaymentType } | { ok: false; message: string };

export function fromEverflowPaymentType(word: string): PaymentTypeVerdict {
  if (word === 'pay') {
    return {
      ok: false,
      message:
        'Everflow Pay ("pay") is a payment service of Everflow itself; Affluent pays through the other methods',
    };
  }
  const type = PAYMENT_ALIASES[word] ?? PAYMENT_TYPES.find((t) => t === word);
  return type
    ? { ok: true, type }
    : { ok: false, message: `must be one of: ${EVERFLOW_PAYMENT_TYPES.join(', ')}` };
}

/** `day_of_week` is an integer in Everflow: 0 is Sunday, 6 Saturday (as JavaScript's getDay). */
const WEEK_FROM_SUNDAY: readonly DayOfWeek[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

export function dayOfWeekFromInt(n: number): DayOfWeek | null {
  return Number.isInteger(n) ? (WEEK_FROM_SUNDAY[n] ?? null) : null;
}

export function dayOfWeekToInt(day: DayOfWeek): number {
  return WEEK_FROM_SUNDAY.indexOf(day);
}

/** `language_id`: Everflow limits users to 1 (English). */
export const LANGUAGES = [{ language_id: 1, code: 'en', name: 'English' }] as const;

export function languageById(id: number): string | null {
  return LANGUAGES.find((l) => l.language_id === id)?.code ?? null;
}

export function languageId(code: string | null): number {
  return LANGUAGES.find((l) => code !== null && code.split('-')[0] === l.code)?.language_id ?? 0;
}

/**
 * `instant_messaging_id`: 0 is none. Affiliate users keep a Skype and a Telegram handle; the
 * affiliate's own messengers take every one of these.
 */
export const INSTANT_MESSAGING: readonly { id: number; key: MessengerKey; name: string }[] = [
  { id: 1, key: 'skype', name: 'Skype' },
  { id: 2, key: 'telegram', name: 'Telegram' },
  { id: 3, key: 'whatsapp', name: 'WhatsApp' },
  { id: 4, key: 'discord', name: 'Discord' },
  { id: 5, key: 'signal', name: 'Signal' },
  { id: 6, key: 'facebook', name: 'Facebook Messenger' },
  { id: 7, key: 'wechat', name: 'WeChat' },
  { id: 8, key: 'line', name: 'LINE' },
  { id: 9, key: 'viber', name: 'Viber' },
  { id: 10, key: 'vk', name: 'VK' },
];
/** What an affiliate user (not the affiliate) can hold. */
export const USER_MESSENGERS: readonly MessengerKey[] = ['skype', 'telegram'];

export function messengerById(id: number): MessengerKey | null {
  return INSTANT_MESSAGING.find((m) => m.id === id)?.key ?? null;
}

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export function vocabularyMarkdown(): string {
  const days = WEEK_FROM_SUNDAY.map((d, i) => row([i, d])).join('\n');
  const im = INSTANT_MESSAGING.map((m) => row([m.id, m.name, `messengers.${m.key}`])).join('\n');
  return [
    'Statuses:',
    '',
    statusTableMarkdown(),
    '',
    `Payment types: Everflow's words are the native ones (${PAYMENT_TYPES.join(', ')}); \`payum\` is read as paxum; \`pay\` (Everflow Pay) matches no affiliate in the table filter and is refused on writes.`,
    '',
    '`day_of_week` (billing details):',
    '',
    '| Everflow | Native |',
    '| --- | --- |',
    days,
    '',
    `Days of week: ${DAYS_OF_WEEK.join(', ')} are also the words of the bulk edit's \`billing_weekly\`.`,
    '',
    '`instant_messaging_id` (0: none; users hold Skype and Telegram):',
    '',
    '| Id | Messenger | Native |',
    '| --- | --- | --- |',
    im,
    '',
    `\`language_id\`: 1 is English (en). \`timezone_id\`: ${TIMEZONES.length} IANA zones, GET /everflow/v1/meta/timezones.`,
  ].join('\n');
}
