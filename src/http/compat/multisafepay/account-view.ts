import { Type } from 'typebox';
import { getAffiliate } from '../../../core/affiliates/get-affiliate.ts';
import { listInquiries } from '../../../core/correspondence/inquiries/list-inquiries.ts';
import { listPaymentMethods } from '../../../core/ledger/wallet/list-payment-methods.ts';
import type { Db } from '../../../db/index.ts';
import { Nullable } from '../../schemas/common.ts';
import { iso } from './common.ts';
import { toMultiSafepayStatus } from './status.ts';

const Text = Nullable(Type.String());

export const Inquiry = Type.Object({
  id: Type.Integer(),
  account_id: Type.Integer(),
  expected_reply: Type.String({ description: 'What the reply must contain' }),
  created: Type.String({ format: 'date-time' }),
  subject: Type.String({ description: 'Affluent: the inquiry subject' }),
  status: Type.String({ description: 'Affluent: open, answered, accepted or rejected' }),
  due_date: Nullable(Type.String({ description: 'Affluent: YYYY-MM-DD' })),
});

export const Account = Type.Object({
  id: Type.Integer(),
  company_name: Text,
  address1: Text,
  address2: Text,
  address3: Text,
  apartment: Text,
  city: Text,
  zipcode: Text,
  country: Nullable(Type.String({ description: 'ISO 3166-1 alpha-2' })),
  coc_number: Nullable(Type.String({ description: 'Chamber of commerce (company registration) number' })),
  vat_number: Text,
  email: Nullable(Type.String({ maxLength: 64 })),
  phone: Nullable(Type.String({ maxLength: 15 })),
  processing_options: Type.Object({
    incoming_payment_enabled: Type.Boolean({ description: 'The affiliate earns: its account is approved' }),
    outgoing_payment_enabled: Type.Boolean({
      description: 'It can be paid out: approved, with a verified bank account',
    }),
    credit_cards_enabled: Type.Boolean({ description: 'Always false: Affluent takes no card payments' }),
  }),
  screening_status: Type.Union([Type.Literal('approved'), Type.Literal('declined'), Type.Literal('pending')]),
});
export const AccountWithInquiries = Type.Object({ ...Account.properties, inquiries: Type.Array(Inquiry) });

export function inquiryItem(i: {
  id: number;
  affiliate_id: number;
  expected_reply: string;
  created_at: Date;
  subject: string;
  status: string;
  due_date: string | null;
}) {
  return {
    id: i.id,
    account_id: i.affiliate_id,
    expected_reply: i.expected_reply,
    created: iso(i.created_at)!,
    subject: i.subject,
    status: i.status,
    due_date: i.due_date,
  };
}

/** An affiliate in MultiSafepay's account fields (native reads only). */
export async function mspAccount(db: Db, id: number) {
  const [a, methods] = await Promise.all([getAffiliate(db, id), listPaymentMethods({ db, affiliateId: id })]);
  const address = a.address;
  const approved = a.status === 'active';
  return {
    id: a.id,
    company_name: a.company_name,
    address1: address?.line1 ?? null,
    address2: address?.line2 ?? null,
    address3: address?.line3 ?? null,
    apartment: address?.apartment ?? null,
    city: address?.city ?? null,
    zipcode: address?.postal_code ?? null,
    country: address?.country_code ?? null,
    coc_number: a.company_registration_number,
    vat_number: a.vat_number,
    email: a.email,
    phone: a.phone,
    processing_options: {
      incoming_payment_enabled: approved,
      outgoing_payment_enabled:
        approved && methods.some((m) => m.type === 'bank_transfer' && m.verification === 'approved'),
      credit_cards_enabled: false,
    },
    screening_status: toMultiSafepayStatus(a.status),
  };
}

/** The account plus the inquiries waiting for its answer (open, or rejected and to be answered again). */
export async function mspAccountWithInquiries(db: Db, id: number) {
  const account = await mspAccount(db, id);
  const open = await listInquiries({
    db,
    filter: { affiliateId: id, awaitingAffiliate: true },
    limit: 100,
    offset: 0,
  });
  return { ...account, inquiries: open.data.map(inquiryItem) };
}
