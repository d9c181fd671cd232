import { applicationBody, collectIds, CONNECTIONS, SECONDS, withBenchServer } from './http-bench';
import { load, loadRow } from './http-load';
import { benchSize, record, runBench } from './measure';

/** Assignments measured, each on a fresh submitted case. */
const REQUESTS = benchSize('BENCH_REQUESTS', 3000, 64);

const application = applicationBody({
  endUseCodes: [],
  description: 'Tactical radios',
  parties: [
    { role: 'end-user', name: 'Ministry of Defence', country: 'FR' },
    { role: 'intermediate-consignee', name: 'Freight GmbH', country: 'DE' },
  ],
});

/**
 * A case command (assign, each request on a fresh submitted case) and the projection-backed reads over loopback HTTP
 * at 32 concurrent clients, against GET /health in the same run. The server runs in its own process; autocannon
 * loads it from this one.
 */
async function main(): Promise<void> {
  await withBenchServer('lifecycle', 'supervisor-1', ['intake', 'supervisor'], async ({ common, headers }) => {
    // Not measured: the submitted cases the assignments work on (autocannon may build a request per connection
    // it never sends, hence the margin); this also warms the pipeline up.
    const ids: string[] = [];
    await load({
      ...common,
      name: 'submit',
      method: 'POST',
      path: '/applications',
      headers,
      body: application,
      amount: REQUESTS + CONNECTIONS * 2,
      status: 201,
      onBody: collectIds(ids),
    });
    await load({ ...common, name: 'warm-up', path: '/health', amount: CONNECTIONS * 10, status: 200 });

    const health = await load({ ...common, name: `GET /health, ${CONNECTIONS} clients`, path: '/health', seconds: SECONDS, status: 200 });
    let next = 0;
    const assign = await load({
      ...common,
      name: `POST /applications/:id/assign, ${CONNECTIONS} clients`,
      method: 'POST',
      path: '/applications',
      headers,
      amount: REQUESTS,
      status: 200,
      next: () => {
        const index = next++;
        if (index >= ids.length) throw new Error('More assignments than submitted cases');
        return { path: `/applications/${ids[index]}/assign`, body: JSON.stringify({ officerId: `officer-${index % 10}` }) };
      },
    });
    const list = await load({ ...common, name: `GET /applications?limit=50, ${CONNECTIONS} clients`, path: '/applications?limit=50', headers, seconds: SECONDS, status: 200 });
    const dashboard = await load({ ...common, name: `GET /dashboard, ${CONNECTIONS} clients`, path: '/dashboard', headers, seconds: SECONDS, status: 200 });
    process.stdout.write(`\nHTTP case lifecycle over loopback (server in its own process, autocannon), ${CONNECTIONS} connections\n`);
    record([loadRow(assign, health, { ratio: 0.5, p99Ms: 50 }), loadRow(list, health), loadRow(dashboard, health)]);
  });
}

runBench(main);
