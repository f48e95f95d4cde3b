import { type Rendered, render } from './layout.ts';

/** Every message the identity work sends, each in text and HTML. */
export type TemplateName =
  | 'set_password'
  | 'reset_password'
  | 'unlock'
  | 'sign_up_received'
  | 'sign_up_attempt'
  | 'sign_up_approved'
  | 'sign_up_declined';

interface Recipient {
  name: string;
}

const greet = (r: Recipient) => (r.name ? `Hello ${r.name},` : 'Hello,');
const IGNORE = 'If you did not expect this message, you can ignore it.';

export const templates = {
  set_password: (r: Recipient & { url: string; hours: number; inviter: string }): Rendered =>
    render({
      subject: 'Set your password',
      greeting: greet(r),
      paragraphs: [
        `${r.inviter} gave you an account. Choose your password to sign in.`,
        `The link works once, within ${r.hours} hours.`,
      ],
      action: { label: 'Set my password', url: r.url },
      footer: IGNORE,
    }),
  reset_password: (r: Recipient & { url: string; hours: number }): Rendered =>
    render({
      subject: 'Reset your password',
      greeting: greet(r),
      paragraphs: [
        'Someone asked to reset the password of your account.',
        `The link works once, within ${r.hours} hours. Your other sessions end when you set the new password.`,
      ],
      action: { label: 'Reset my password', url: r.url },
      footer: 'If it was not you, ignore this message: your password stays as it is.',
    }),
  unlock: (r: Recipient & { url: string; attempts: number; twoFactor?: boolean }): Rendered =>
    render({
      subject: 'Unlock instructions',
      greeting: greet(r),
      paragraphs: [
        r.twoFactor
          ? `Your account was locked after ${r.attempts} wrong two-factor or recovery codes in a row.`
          : `Your account was locked after ${r.attempts} unsuccessful sign-in attempts.`,
        'Follow the link to unlock it. If the attempts were not yours, change your password after unlocking.',
      ],
      action: { label: 'Unlock my account', url: r.url },
    }),
  sign_up_received: (r: Recipient & { company: string }): Rendered =>
    render({
      subject: 'We received your application',
      greeting: greet(r),
      paragraphs: [
        `Thank you for applying to the affiliate program${r.company ? ` with ${r.company}` : ''}.`,
        'Our team reviews every application; you will receive an email as soon as it is decided.',
      ],
    }),
  // Sent instead of telling the sign-up form that the address is taken.
  sign_up_attempt: (r: Recipient & { signInUrl: string }): Rendered =>
    render({
      subject: 'Someone tried to sign up with your address',
      greeting: greet(r),
      paragraphs: [
        'Someone applied to the affiliate program with this email address, which already has an account.',
        'If it was you, sign in instead; if you forgot your password, use "Forgot password" on the sign-in page.',
      ],
      action: { label: 'Sign in', url: r.signInUrl },
      footer: 'If it was not you, ignore this message: nothing was changed and no account was created.',
    }),
  sign_up_approved: (r: Recipient & { url: string }): Rendered =>
    render({
      subject: 'Your application is approved',
      greeting: greet(r),
      paragraphs: ['Welcome to the affiliate program: your account is approved and you can sign in now.'],
      action: { label: 'Sign in', url: r.url },
    }),
  sign_up_declined: (r: Recipient & { reason: string }): Rendered =>
    render({
      subject: 'Your application was declined',
      greeting: greet(r),
      paragraphs: [
        'We are sorry: your application to the affiliate program was not accepted.',
        ...(r.reason ? [`Reason: ${r.reason}`] : []),
      ],
    }),
} satisfies Record<TemplateName, (input: never) => Rendered>;
