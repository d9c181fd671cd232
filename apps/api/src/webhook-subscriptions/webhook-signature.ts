import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing: the secret is `whsec_` + base64 of 32 random bytes; the signature of a message is
 * `v1,` + base64(HMAC-SHA256(key = the decoded secret, `${webhook-id}.${webhook-timestamp}.${body}`)).
 */
const PREFIX = 'whsec_';

export function newSigningSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

export function signWebhook(secret: string, webhookId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  const mac = createHmac('sha256', key).update(`${webhookId}.${timestampSeconds}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}
