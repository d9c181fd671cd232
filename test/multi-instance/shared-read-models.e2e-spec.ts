import { existsSync } from 'node:fs';
import path from 'node:path';
import { describeWithPostgres } from '../../libs/infra/src/postgres/testing/postgres-test-database';
import { submitCase } from '../read-models/read-model-fixtures';
import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';

/**
 * Two API instances on one PostgreSQL database read the same read models (decision 0009): a case submitted through
 * one is in the other's lists and dashboard as soon as the command has answered, and neither keeps a read-model
 * file of its own.
 */
describeWithPostgres('two API instances on one PostgreSQL database', (database) => {
  // A describe of its own: its afterAll stops the instances before the suite's afterAll drops their database.
  describe('share the read models', () => {
    let first: TestApp;
    let second: TestApp;

    beforeAll(async () => {
      const env = { EVENT_STORE: database().url };
      first = await startTestApp({ now: '2026-03-02T09:00:00.000Z', env });
      second = await startTestApp({ now: '2026-03-02T09:00:00.000Z', env });
    });
    afterAll(async () => {
      await stopTestApp(first);
      await stopTestApp(second);
    });

    it("answers a submission through one instance in the other's next list and dashboard read", async () => {
      const id = await submitCase(first, ['KH', 'FR']);
      const auditor = `Bearer ${second.token(['auditor'])}`;

      const list = await second.http.get('/applications?limit=1').set('Authorization', auditor).expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ id, status: 'submitted', countries: ['FR', 'KH'] })]);
      const onFirst = await first.http.get('/dashboard').set('Authorization', `Bearer ${first.token(['auditor'])}`).expect(200);
      const onSecond = await second.http.get('/dashboard').set('Authorization', auditor).expect(200);
      expect(onSecond.body).toEqual(onFirst.body);
      expect(onSecond.body.totals.cases).toBe(1);
    });

    it('keeps no read-model file in either data directory', () => {
      for (const app of [first, second]) expect(existsSync(path.join(app.dataDir, 'read-models.sqlite'))).toBe(false);
    });
  });
});
