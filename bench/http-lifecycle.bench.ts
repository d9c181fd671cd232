import { startBenchServer } from './bench-server';
import { measureConcurrent, report } from './measure';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

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

/** Case commands and the projection-backed reads over loopback HTTP, against GET /health in the same run. */
async function main(): Promise<void> {
  const server = await startBenchServer('lifecycle');
  const { base } = server;
  const headers = {
    Authorization: `Bearer ${server.token('supervisor-1', ['intake', 'supervisor'])}`,
    'Content-Type': 'application/json',
  };
  const call = async (route: string, expected: number, body?: string) => {
    const response = await fetch(`${base}${route}`, body === undefined ? { headers } : { method: 'POST', headers, body });
    if (response.status !== expected) throw new Error(`${route} answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<{ id: string }>;
  };
  try {
    // Not measured: the fresh submitted cases the assignments work on (this also warms the pipeline up).
    const ids: string[] = [];
    await measureConcurrent('submit', REQUESTS, CONCURRENCY, async () => ids.push((await call('/applications', 201, application)).id));

    const health = await measureConcurrent('GET /health (no auth, one store read)', REQUESTS, CONCURRENCY, () => call('/health', 200));
    const assign = await measureConcurrent('POST /applications/:id/assign (append + read model)', REQUESTS, CONCURRENCY, (index) =>
      call(`/applications/${ids[index]}/assign`, 200, JSON.stringify({ officerId: `officer-${index % 10}` })),
    );
    const list = await measureConcurrent('GET /applications?limit=50 (projection)', REQUESTS, CONCURRENCY, () =>
      call('/applications?limit=50', 200),
    );
    const dashboard = await measureConcurrent('GET /dashboard (projection counters)', REQUESTS, CONCURRENCY, () => call('/dashboard', 200));
    report(`HTTP case lifecycle over loopback, ${CONCURRENCY} concurrent clients, ${REQUESTS} cases`, health, [assign, list, dashboard]);
  } finally {
    await server.close();
  }
}

void main();
