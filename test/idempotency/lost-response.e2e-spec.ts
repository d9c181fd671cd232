import { anApplication, removeDir, startTestApp } from '../support/test-app';
import { loseRecordedAnswers } from '../support/test-idempotency-store';

describe('Idempotency-Key when the recorded response is lost', () => {
  it('a retried submission addresses the same case (derived from user, route and key) and opens no second one', async () => {
    const first = await startTestApp({ now: '2026-11-29T09:00:00.000Z' });
    const intake = first.token(['intake'], 'clerk-7');
    const created = await first.http
      .post('/applications')
      .set('Authorization', `Bearer ${intake}`)
      .set('Idempotency-Key', 'submission-0001')
      .send(anApplication())
      .expect(201);
    const position = await first.lastPosition();
    await first.close();

    // The crash window: the case was appended but its response was never recorded.
    await loseRecordedAnswers(first.dataDir);

    const second = await startTestApp({ dataDir: first.dataDir, now: '2026-11-29T09:05:00.000Z' });
    try {
      const retry = await second.http
        .post('/applications')
        .set('Authorization', `Bearer ${intake}`)
        .set('Idempotency-Key', 'submission-0001')
        .send(anApplication())
        .expect(409);
      expect(retry.body).toMatchObject({ code: 'ALREADY_SUBMITTED' });
      expect(retry.body.detail).toContain(created.body.id);
      expect(await second.lastPosition()).toBe(position);

      // Another user's identical key is another case.
      const other = await second.http
        .post('/applications')
        .set('Authorization', `Bearer ${second.token(['intake'], 'clerk-8')}`)
        .set('Idempotency-Key', 'submission-0001')
        .send(anApplication())
        .expect(201);
      expect(other.body.id).not.toBe(created.body.id);
    } finally {
      await second.close();
      removeDir(first.dataDir);
    }
  });
});
