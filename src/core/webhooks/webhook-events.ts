/** The platform events an operator's endpoint may subscribe to (Standard Webhooks `type`). */
export const WEBHOOK_EVENT_TYPES = [
  'affiliate.created',
  'affiliate.approved',
  'customer.attributed',
  'commission.created',
  'bill.approved',
  'cash_out.requested',
  'cash_out.changed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The webhooks' job names, apart from their definitions so enqueuing code need not load them. */
export const WEBHOOK_DELIVER_JOB = 'webhooks.deliver';
export const WEBHOOK_SWEEP_JOB = 'webhooks.sweep';
export const WEBHOOK_IDS_PER_JOB = 500;
