import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app.factory';
import { mintToken } from '../../apps/api/src/shared/auth/jwt';
import type { Role } from '../../apps/api/src/shared/auth/roles';
import type { Clock } from '../../apps/api/src/shared/clock/clock';
import { loadConfig } from '../../apps/api/src/shared/config/app-config';
import { ReevaluationProcessManager } from '../../apps/api/src/reevaluation/run-reevaluations/reevaluation.process-manager';
import type { SharedModuleOptions } from '../../apps/api/src/shared/shared.module';
import { assertPublicEventContract } from './public-event-contract';
import { releaseTestStore, testStoreEnv } from './test-store';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-bytes-long!';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private instant: Date) {}
  now(): Date {
    return new Date(this.instant);
  }
  set(iso: string): void {
    this.instant = new Date(iso);
  }
}

export interface TestApp {
  readonly app: NestExpressApplication;
  readonly http: ReturnType<typeof request>;
  readonly dataDir: string;
  readonly clock: TestClock;
  token(roles: Role[], sub?: string): string;
  /** The last global position, read through the public health endpoint. */
  lastPosition(): Promise<string | null>;
  /** Runs the re-evaluation process manager now and waits until every due run is completed. */
  reevaluate(): Promise<void>;
  close(): Promise<void>;
}

/** Boots the real application (same pipeline as main.ts) on a SQLite file in a temp directory. */
export async function startTestApp(
  options: { dataDir?: string; now?: string; env?: Record<string, string>; shared?: Omit<SharedModuleOptions, 'config' | 'clock'> } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'lcm-e2e-'));
  const clock = new TestClock(new Date(options.now ?? '2025-11-10T12:00:00.000Z'));
  const store = await testStoreEnv(dataDir);
  const config = loadConfig({ ...store, ...options.env, DATA_DIR: dataDir, JWT_SECRET: TEST_SECRET, PORT: '0' });
  const app = await createApp({ ...options.shared, config, clock }, false);
  const http = request(app.getHttpServer());
  const processManager = app.get(ReevaluationProcessManager);
  // The runs of the seeded changes start right after start-up: let them finish, so a test that compares log
  // positions does not see them land in the middle.
  await processManager.runDue();
  let closed = false;
  return {
    app,
    http,
    dataDir,
    clock,
    token: (roles, sub = 'officer-1') =>
      mintToken(TEST_SECRET, { sub, roles, expiresInSeconds: 10 * 365 * 24 * 3600 }),
    lastPosition: async () => (await http.get('/health').expect(200)).body.eventStore.lastPosition,
    reevaluate: () => processManager.runDue(),
    close: async () => {
      // Some tests close twice (a restart, then afterAll): check the contract while the store is still open.
      if (!closed) await assertPublicEventContract(app);
      closed = true;
      await app.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Closes the app and removes its data directory (and its test database): the end of an app no later start reuses. */
export async function stopTestApp(t: TestApp): Promise<void> {
  await t.close();
  removeDir(t.dataDir);
  await releaseTestStore(t.dataDir);
}

/** A valid application body; override any field. */
export function anApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    licenceType: 'DSP-5',
    applicant: { name: 'Acme Defense Systems LLC', registrationCode: 'M12345' },
    usmlCategories: ['XI'],
    valueUsd: 250000,
    majorDefenseEquipment: false,
    endUseCodes: [],
    description: 'Tactical radios',
    parties: [{ role: 'end-user', name: 'Ministry of Defence', country: 'KH' }],
    ...overrides,
  };
}
