import http from 'node:http';
import https from 'node:https';
import { guardedLookup } from './ssrf-guard';

export interface WebhookRequest {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface WebhookResult {
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/**
 * POSTs one webhook. Success is a 2xx within `timeoutMs` (connection, response and body included). Redirects are
 * not followed (a 3xx is a failure: following one could lead inward, past the SSRF guard's first check).
 */
export function sendWebhook(request: WebhookRequest, timeoutMs: number, allowedRanges: readonly string[]): Promise<WebhookResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Omit<WebhookResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    const target = new URL(request.url);
    const client = target.protocol === 'https:' ? https : http;
    const outgoing = client.request(
      target,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(request.body), ...request.headers },
        lookup: guardedLookup(allowedRanges),
        agent: false,
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const ok = status >= 200 && status < 300;
          settle({ ok, statusCode: status, error: ok ? null : `HTTP ${status}` });
        });
        response.on('error', (error) => settle({ ok: false, statusCode: response.statusCode ?? null, error: error.message }));
      },
    );
    const timer = setTimeout(() => {
      settle({ ok: false, statusCode: null, error: `no response within ${timeoutMs} ms` });
      outgoing.destroy();
    }, timeoutMs);
    outgoing.on('error', (error) => settle({ ok: false, statusCode: null, error: error.message }));
    outgoing.end(request.body);
  });
}
