import { startBenchServer } from './bench-server';
import { measureConcurrent, report } from './measure';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const body = JSON.stringify({
  licenceType: 'DSP-5',
  applicant: { name: 'Acme Defense Systems LLC', registrationCode: 'M12345' },
  usmlCategories: ['XI'],
  valueUsd: 250000,
  endUseCodes: ['humanitarian-demining'],
  description: 'Mine detection equipment',
  parties: [
    { role: 'end-user', name: 'Cambodian Mine Action Centre', country: 'KH' },
    { role: 'intermediate-consignee', name: 'Freight SA', country: 'VE' },
  ],
});

/** The whole pipeline over loopback HTTP: auth, validation, register snapshot, decision, durable append. */
async function main(): Promise<void> {
  const server = await startBenchServer('http');
  const { base } = server;
  const token = server.token('bench', ['intake', 'case-officer']);
  const ids: string[] = [];
  try {
    const health = await measureConcurrent(`GET /health (no auth, one store read)`, REQUESTS, CONCURRENCY, async () => {
      await (await fetch(`${base}/health`)).arrayBuffer();
    });
    const submit = await measureConcurrent(`POST /applications (durable append)`, REQUESTS, CONCURRENCY, async () => {
      const response = await fetch(`${base}/applications`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body,
      });
      if (response.status !== 201) throw new Error(`submit answered ${response.status}`);
      ids.push(((await response.json()) as { id: string }).id);
    });
    let next = 0;
    const read = await measureConcurrent(`GET /applications/:id (fold one stream)`, REQUESTS, CONCURRENCY, async () => {
      const response = await fetch(`${base}/applications/${ids[next++ % ids.length]}`, { headers: { Authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
    });
    report(`HTTP over loopback, ${CONCURRENCY} concurrent clients`, health, [submit, read]);
  } finally {
    await server.close();
  }
}

void main();
