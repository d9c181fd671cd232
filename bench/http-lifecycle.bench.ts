import { startBenchServer } from './bench-server';
import { load, loadRow } from './http-load';
import { benchSize, record } from './measure';

/** Concurrent clients: the figure. */
const CONNECTIONS = benchSize('BENCH_CONCURRENCY', 32, 32);
/** Assignments measured, each on a fresh submitted case. */
const REQUESTS = benchSize('BENCH_REQUESTS', 3000, 64);
/** How long each read-only route is loaded, in seconds. */
const SECONDS = benchSize('BENCH_HTTP_SECONDS', 5, 1);

const application = JSON.stringify({
  licenceType: 'DSP-5',
  applicant: { name: 'Acme Defense Systems LLC', registrationCode: 'M12345' },
  usmlCategories: ['XI'],
  valueUsd: 250000,
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
  const server = await startBenchServer('lifecycle');
  const { base } = server;
  const headers = { Authorization: `Bearer ${server.token('supervisor-1', ['intake', 'supervisor'])}`, 'Content-Type': 'application/json' };
  const common = { base, connections: CONNECTIONS };
  try {
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
      onBody: (body) => ids.push((JSON.parse(body) as { id: string }).id),
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
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
