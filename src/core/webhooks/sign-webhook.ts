import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new endpoint secret: `whsec_` and 24 random bytes in base64, as Standard Webhooks has it. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export interface EndpointSecrets {
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
}

/**
 * The Standard Webhooks headers of one attempt: the message id (the same on every attempt), the
 * time of this attempt, and one `v1,` signature per secret in force. After a rotation the previous
 * secret signs too until its grace period ends, so a receiver still holding it keeps verifying.
 */
export function webhookHeaders(
  endpoint: EndpointSecrets,
  message: { id: string; payload: string },
  at: Date,
): Record<string, string> {
  const secrets = [endpoint.secret];
  if (endpoint.previous_secret && endpoint.previous_secret_until && endpoint.previous_secret_until > at)
    secrets.push(endpoint.previous_secret);
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign(message.id, at, message.payload)).join(' '),
  };
}
