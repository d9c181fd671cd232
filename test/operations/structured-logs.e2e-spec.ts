import { loadOperationsConfig } from '../../apps/api/src/shared/operations/operations-config';
import { officeTokens, submitCase } from '../support/case-actions';
import { removeCambodia, recordStatusChange } from '../support/status-changes';
import { anApplication, startTestApp, stopTestApp, TEST_SECRET, type TestApp } from '../support/test-app';
import { StorePlug } from '../support/unpluggable-store';

type LogLine = Record<string, unknown> & { level: string; time: string; message: string };

/** Every line the application logs, as written (JSON lines, debug level). */
class CapturedLog {
  readonly raw: string[] = [];
  write(line: string): void {
    this.raw.push(line);
  }
  get text(): string {
    return this.raw.join('');
  }
  lines(): LogLine[] {
    return this.text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogLine);
  }
  of(correlationId: string): LogLine[] {
    return this.lines().filter((line) => line.correlationId === correlationId);
  }
}

describe('structured logs', () => {
  const log = new CapturedLog();
  const plug = new StorePlug();
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      now: '2026-11-29T09:00:00.000Z',
      shared: {
        operations: { ...loadOperationsConfig({ NODE_ENV: 'production' }), logLevel: 'debug' },
        logDestination: log,
        wrapEventStore: plug.wrap,
      },
    });
  });
  afterEach(() => plug.plugIn());
  afterAll(() => stopTestApp(t));

  it('writes JSON lines with level, time and message, Nest Logger calls included', () => {
    const lines = log.lines();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(typeof line.level).toBe('string');
      expect(new Date(line.time).toISOString()).toBe(line.time);
      expect(typeof line.message).toBe('string');
    }
    expect(lines).toContainEqual(expect.objectContaining({ context: 'RegisterSeeder', level: 'info' }));
  });

  it("logs a request's completion with its correlation id, route template, status, duration and actor", async () => {
    const tokens = officeTokens(t);
    const id = await submitCase(t, tokens);
    await t.http.get(`/applications/${id}`).set('Authorization', `Bearer ${tokens.officer}`).set('X-Correlation-Id', 'log-read-1').expect(200);
    const [completed, ...others] = log.of('log-read-1');
    expect(others).toEqual([]);
    expect(completed).toMatchObject({
      level: 'info',
      method: 'GET',
      route: '/applications/:id',
      path: `/applications/${id}`,
      status: 200,
      actor: 'officer-1',
      message: 'GET /applications/:id 200 in ' + String(completed!.durationMs) + ' ms',
    });
    expect(typeof completed!.durationMs).toBe('number');
  });

  it('puts the correlation id on every line a failing request causes, and never its token, body or the secrets', async () => {
    const intake = officeTokens(t).intake;
    plug.unplug();
    await t.http
      .post('/applications')
      .set('Authorization', `Bearer ${intake}`)
      .set('X-Correlation-Id', 'log-fail-1')
      .send(anApplication({ description: 'BODY-MARKER-7f3a radios' }))
      .expect(500);
    plug.plugIn();

    const lines = log.of('log-fail-1');
    // The error the filter logs (a Nest Logger call deep in the request) and the completion line.
    expect(lines.map((line) => [line.level, line.context ?? 'request'])).toEqual([
      ['error', 'ProblemDetails'],
      ['error', 'request'],
    ]);
    expect(lines[0]).toMatchObject({ actor: 'clerk-7', route: '/applications' });
    expect(lines[1]).toMatchObject({ status: 500, route: '/applications', actor: 'clerk-7' });

    expect(log.text).not.toContain(intake);
    expect(log.text).not.toContain(intake.split('.')[2]);
    expect(log.text).not.toContain(TEST_SECRET);
    expect(log.text).not.toContain('BODY-MARKER-7f3a');
    expect(log.text).not.toMatch(/authorization/i);
  });

  it("tags a re-evaluation run's lines with its run id and the policy event id", async () => {
    await submitCase(t, officeTokens(t));
    const { reevaluationId } = await recordStatusChange(t, 'KH', removeCambodia('2026-11-29'));
    await t.reevaluate();
    const runLines = log.lines().filter((line) => line.reevaluationId === reevaluationId);
    expect(runLines.map((line) => line.message)).toEqual([
      expect.stringMatching(/^Run .* started: \d+ cases$/),
      expect.stringMatching(/^Run .* completed: \d+ processed/),
    ]);
    for (const line of runLines) expect(line).toMatchObject({ context: 'Reevaluation', countryCode: 'KH', policyEventId: expect.any(String) });
  });
});
