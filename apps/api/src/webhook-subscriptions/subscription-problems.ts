import { ProblemException, Problems } from '../shared/http/problem';

export const subscriptionNotFound = (id: string) => Problems.notFound('SUBSCRIPTION_NOT_FOUND', `No webhook subscription ${id}`);

/** 400 WEBHOOK_URL_NOT_ALLOWED: the URL resolves into a range webhooks may not target (SSRF guard). */
export const urlNotAllowed = (host: string, address: string) =>
  new ProblemException(400, 'WEBHOOK_URL_NOT_ALLOWED', 'Webhook URL not allowed',
    `${host} resolves to ${address}: loopback, link-local, private and other non-public addresses are refused unless the operator allows the range`);

/** 400 WEBHOOK_URL_UNRESOLVABLE: the host name does not resolve. */
export const urlUnresolvable = (host: string) =>
  new ProblemException(400, 'WEBHOOK_URL_UNRESOLVABLE', 'Webhook URL does not resolve', `${host} does not resolve to an address`);
