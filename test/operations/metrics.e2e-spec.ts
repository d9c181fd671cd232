import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REEVALUATION_OUTCOMES } from '@app/domain';
import { officeTokens, submitCase } from '../support/case-actions';
import { sampleValue } from '../support/metrics-text';
import { removeCambodia, recordStatusChange } from '../support/status-changes';
import { anApplication, startTestApp, stopTestApp, type TestApp } from '../support/test-app';
import { ReadModels } from '../../apps/api/src/shared/read-models/read-models.service';
import { loadOperationsConfig } from '../../apps/api/src/shared/operations/operations-config';

/** The metric docs/operations.md uses to show how a feature adds one: an example, not exposed. */
const EXAMPLE_METRIC = 'lcm_webhook_deliveries_total';
const METRICS_TOKEN = 'metrics-token-of-at-least-thirty-two-bytes';

describe('GET /metrics (default access: loopback)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T09:00:00.000Z' });
  });
  afterAll(() => stopTestApp(t));

  const scrape = async () => {
    const response = await t.http.get('/metrics').expect(200);
    expect(response.headers['content-type']).toContain('text/plain');
    return response.text;
  };

  it('serves the Prometheus text format to a caller on this host, with the process metrics', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE lcm_http_requests_total counter');
    expect(text).toContain('# TYPE lcm_event_store_append_duration_seconds histogram');
    expect(sampleValue(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('counts requests by route template, method and status, never by concrete path', async () => {
    const tokens = officeTokens(t);
    const id = await submitCase(t, tokens);
    const before = await scrape();
    await t.http.get(`/applications/${id}`).set('Authorization', `Bearer ${tokens.officer}`).expect(200);
    await t.http.get('/applications/not-a-case').set('Authorization', `Bearer ${tokens.officer}`);
    await t.http.get(`/no-such-route/${id}`).expect(404);
    const after = await scrape();

    const byId = { method: 'GET', route: '/applications/:id', status: '200' };
    expect(sampleValue(after, 'lcm_http_requests_total', byId)).toBe((sampleValue(before, 'lcm_http_requests_total', byId) ?? 0) + 1);
    expect(sampleValue(after, 'lcm_http_request_duration_seconds_count', byId)).toBe(sampleValue(after, 'lcm_http_requests_total', byId));
    expect(sampleValue(after, 'lcm_http_requests_total', { method: 'POST', route: '/applications', status: '201' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after, 'lcm_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(after).not.toContain(id);
  });

  it('measures event-store appends: count, events and latency', async () => {
    const tokens = officeTokens(t);
    const before = await scrape();
    await submitCase(t, tokens);
    const after = await scrape();
    const ok = { result: 'ok' };
    expect(sampleValue(after, 'lcm_event_store_appends_total', ok)).toBe(sampleValue(before, 'lcm_event_store_appends_total', ok)! + 1);
    expect(sampleValue(after, 'lcm_event_store_appended_events_total')).toBe(sampleValue(before, 'lcm_event_store_appended_events_total')! + 1);
    expect(sampleValue(after, 'lcm_event_store_append_duration_seconds_count', ok)).toBe(sampleValue(after, 'lcm_event_store_appends_total', ok));
    expect(sampleValue(after, 'lcm_event_store_append_batch_events_count')).toBe(sampleValue(after, 'lcm_event_store_appends_total', ok));
  });

  it('counts the group commits that wrote the appends', async () => {
    const tokens = officeTokens(t);
    const before = await scrape();
    await Promise.all([submitCase(t, tokens), submitCase(t, tokens), submitCase(t, tokens)]);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels)! - sampleValue(before, name, labels)!;
    const commits = delta('lcm_event_store_commits_total');
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(commits).toBeLessThanOrEqual(delta('lcm_event_store_appends_total', { result: 'ok' }));
  });

  it('shows each projection at the log position once caught up', async () => {
    await t.app.get(ReadModels).catchUp();
    const position = Number(await t.lastPosition());
    const text = await scrape();
    for (const projection of ['cases', 'reevaluations']) {
      expect(sampleValue(text, 'lcm_projection_lag_events', { projection })).toBe(0);
      expect(sampleValue(text, 'lcm_projection_position', { projection })).toBe(position);
    }
    expect(sampleValue(text, 'lcm_event_store_last_position')).toBe(position);
  });

  it('counts an idempotent replay', async () => {
    const intake = officeTokens(t).intake;
    const post = () =>
      t.http.post('/applications').set('Authorization', `Bearer ${intake}`).set('Idempotency-Key', 'metrics-replay-1').send(anApplication());
    await post().expect(201);
    const before = sampleValue(await scrape(), 'lcm_idempotency_keys_total', { outcome: 'replayed' }) ?? 0;
    const again = await post().expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(sampleValue(await scrape(), 'lcm_idempotency_keys_total', { outcome: 'replayed' })).toBe(before + 1);
  });

  it('counts a re-evaluation run, its cases and their outcomes', async () => {
    const tokens = officeTokens(t);
    const before = await scrape();
    const pending = [await submitCase(t, tokens), await submitCase(t, tokens)];
    await recordStatusChange(t, 'KH', removeCambodia('2026-11-29'));
    await t.reevaluate();
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string> = {}) => (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    expect(delta('lcm_reevaluation_runs_total', { status: 'started' })).toBe(1);
    expect(delta('lcm_reevaluation_runs_total', { status: 'completed' })).toBe(1);
    // Every KH case pending so far is in the run (at least the two submitted here), each with one outcome.
    expect(delta('lcm_reevaluation_cases_processed_total')).toBeGreaterThanOrEqual(pending.length);
    const outcomes = REEVALUATION_OUTCOMES.reduce((sum, outcome) => sum + delta('lcm_reevaluation_case_outcomes_total', { outcome }), 0);
    expect(outcomes).toBe(delta('lcm_reevaluation_cases_processed_total'));
    expect(sampleValue(after, 'lcm_reevaluation_runs', { state: 'running' })).toBe(0);
    expect(sampleValue(after, 'lcm_reevaluation_last_success_timestamp_seconds')).toBeGreaterThan(0);
    expect(sampleValue(after, 'lcm_licence_expiry_last_success_timestamp_seconds')).toBeGreaterThan(0);
  });
});

describe('the dashboard and the alert rules', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => stopTestApp(t));

  /** The metric families a text names (histogram series resolve to their family). */
  const familiesIn = (text: string) =>
    [...new Set([...text.matchAll(/\b((?:lcm|process|nodejs)_[a-z0-9_]+)/g)].map(([, name]) => name!.replace(/_(bucket|count|sum)$/, '')))].sort();

  it.each([['ops/grafana/licence-case-manager.json'], ['docs/operations.md']])('%s uses only metrics the server exposes', async (file) => {
    const exposed = (await t.http.get('/metrics').expect(200)).text;
    const used = familiesIn(readFileSync(path.resolve(__dirname, '..', '..', file), 'utf8')).filter((name) => !name.endsWith('_') && name !== EXAMPLE_METRIC);
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((name) => !exposed.includes(`# TYPE ${name} `))).toEqual([]);
  });
});

describe('GET /metrics with METRICS_ACCESS=token', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ shared: { operations: loadOperationsConfig({ METRICS_TOKEN }) } });
  });
  afterAll(() => stopTestApp(t));

  it('refuses a scrape without the token, or with a user token, even from this host', async () => {
    const bare = await t.http.get('/metrics').expect(401);
    expect(bare.headers['content-type']).toContain('application/problem+json');
    expect(bare.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    await t.http.get('/metrics').set('Authorization', `Bearer ${t.token(['auditor'])}`).expect(401);
  });

  it('serves the metrics to the bearer of METRICS_TOKEN', async () => {
    const response = await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(response.text).toContain('lcm_http_requests_total');
  });
});
