import type { Role } from '../apps/api/src/shared/auth/roles';
import { startBenchServer } from './bench-server';
import type { LoadOptions } from './http-load';
import { benchSize } from './measure';

/** Concurrent clients: the figure. */
export const CONNECTIONS = benchSize('BENCH_CONCURRENCY', 32, 32);
/** How long each read-only route is loaded, in seconds. */
export const SECONDS = benchSize('BENCH_HTTP_SECONDS', 5, 1);

interface Party {
  readonly role: string;
  readonly name: string;
  readonly country: string;
}

/** A POST /applications body: a USML XI DSP-5 from one applicant, with these end uses, description and parties. */
export function applicationBody(fields: { endUseCodes: string[]; description: string; parties: Party[] }): string {
  return JSON.stringify({
    licenceType: 'DSP-5',
    applicant: { name: 'Acme Defense Systems LLC', registrationCode: 'M12345' },
    usmlCategories: ['XI'],
    valueUsd: 250000,
    ...fields,
  });
}

/** What every load of one benchmark shares: the server, the clients, and a JSON request signed for one user. */
export interface HttpBench {
  readonly common: Pick<LoadOptions, 'base' | 'connections'>;
  readonly headers: Record<string, string>;
}

/** Runs `bench` against a fresh server (see bench-server.ts) as `sub` with `roles`, and stops the server after. */
export async function withBenchServer(name: string, sub: string, roles: Role[], bench: (http: HttpBench) => Promise<void>): Promise<void> {
  const server = await startBenchServer(name);
  const headers = { Authorization: `Bearer ${server.token(sub, roles)}`, 'Content-Type': 'application/json' };
  try {
    await bench({ common: { base: server.base, connections: CONNECTIONS }, headers });
  } finally {
    await server.close();
  }
}

/** An `onBody` that keeps the id of each case a POST /applications created. */
export const collectIds =
  (ids: string[]) =>
  (body: string): void => {
    ids.push((JSON.parse(body) as { id: string }).id);
  };
