import { applicationBody, collectIds, CONNECTIONS, SECONDS, withBenchServer } from './http-bench';
import { load, loadRow } from './http-load';
import { benchSize, record, runBench } from './measure';

/** Submissions measured (each a new case). */
const REQUESTS = benchSize('BENCH_REQUESTS', 3000, 64);

const application = applicationBody({
  endUseCodes: ['humanitarian-demining'],
  description: 'Mine detection equipment',
  parties: [
    { role: 'end-user', name: 'Cambodian Mine Action Centre', country: 'KH' },
    { role: 'intermediate-consignee', name: 'Freight SA', country: 'VE' },
  ],
});

/**
 * The whole intake pipeline over loopback HTTP at 32 concurrent clients (auth, validation, register snapshot,
 * decision, durable append, read-your-writes wait), against GET /health in the same run. The server runs in its
 * own process; autocannon loads it from this one.
 */
async function main(): Promise<void> {
  await withBenchServer('submit', 'bench-clerk', ['intake', 'case-officer'], async ({ common, headers }) => {
    // Not measured: warms the JIT and the SQLite page cache up on both routes.
    await load({ ...common, name: 'warm-up', path: '/health', amount: CONNECTIONS * 10, status: 200 });
    await load({ ...common, name: 'warm-up', method: 'POST', path: '/applications', headers, body: application, amount: CONNECTIONS * 4, status: 201 });

    const health = await load({ ...common, name: `GET /health, ${CONNECTIONS} clients`, path: '/health', seconds: SECONDS, status: 200 });
    const ids: string[] = [];
    const submit = await load({
      ...common,
      name: `POST /applications, ${CONNECTIONS} clients`,
      method: 'POST',
      path: '/applications',
      headers,
      body: application,
      amount: REQUESTS,
      status: 201,
      onBody: collectIds(ids),
    });
    let next = 0;
    const read = await load({
      ...common,
      name: `GET /applications/:id, ${CONNECTIONS} clients`,
      path: '/applications',
      headers,
      seconds: SECONDS,
      status: 200,
      next: () => ({ path: `/applications/${ids[next++ % ids.length]}` }),
    });
    process.stdout.write(`\nHTTP intake over loopback (server in its own process, autocannon), ${CONNECTIONS} connections\n`);
    record([loadRow(submit, health, { ratio: 0.5, p99Ms: 50 }), loadRow(read, health)]);
  });
}

runBench(main);
