import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../apps/api/src/app.factory';
import { mintToken } from '../apps/api/src/shared/auth/jwt';
import type { Role } from '../apps/api/src/shared/auth/roles';
import { loadConfig } from '../apps/api/src/shared/config/app-config';

const SECRET = 'bench-secret-of-at-least-thirty-two-bytes';

export interface BenchServer {
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  token(sub: string, roles: Role[]): string;
  close(): Promise<void>;
}

/** The real application on loopback over a fresh SQLite directory, as `npm start` runs it, without logs. */
export async function startBenchServer(name: string): Promise<BenchServer> {
  const dir = mkdtempSync(path.join(tmpdir(), `lcm-bench-${name}-`));
  const app = await createApp({ config: loadConfig({ DATA_DIR: dir, JWT_SECRET: SECRET }) }, false);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    base: `http://127.0.0.1:${port}`,
    token: (sub, roles) => mintToken(SECRET, { sub, roles }),
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
