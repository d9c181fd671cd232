import { anApplication, removeDir, startTestApp } from '../support/test-app';

describe('Restarting the server on the same DATA_DIR', () => {
  it('keeps every case, and the second start appends no seed event', async () => {
    const first = await startTestApp();
    const seeded = await first.lastPosition();
    const intake = first.token(['intake']);
    const ids: string[] = [];
    for (const country of ['KH', 'CN', 'FR']) {
      const body = anApplication({ parties: [{ role: 'end-user', name: 'X', country }] });
      ids.push((await first.http.post('/applications').set('Authorization', `Bearer ${intake}`).send(body).expect(201)).body.id);
    }
    const views = await Promise.all(
      ids.map(async (id) => (await first.http.get(`/applications/${id}`).set('Authorization', `Bearer ${first.token(['auditor'])}`)).body),
    );
    const lastBeforeRestart = await first.lastPosition();
    await first.close();

    const second = await startTestApp({ dataDir: first.dataDir });
    try {
      expect(Number(seeded)).toBeGreaterThan(50);
      expect(await second.lastPosition()).toBe(lastBeforeRestart);
      for (const [index, id] of ids.entries()) {
        const read = await second.http.get(`/applications/${id}`).set('Authorization', `Bearer ${second.token(['auditor'])}`).expect(200);
        expect(read.body).toEqual(views[index]);
      }
    } finally {
      await second.close();
      removeDir(first.dataDir);
    }
  });
});
