import path from 'node:path';
import { ConfigError, loadConfig, sharedStateUrl, storeKind } from './app-config';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!';

describe('loadConfig', () => {
  it('defaults to port 3000, ./data and the embedded SQLite store', () => {
    const config = loadConfig({ JWT_SECRET: SECRET });
    expect(config).toEqual({
      port: 3000,
      dataDir: path.resolve('./data'),
      jwtSecret: SECRET,
      jwtSecretGenerated: false,
      eventStore: 'sqlite',
      stateStore: null,
      production: false,
      subscribers: expect.objectContaining({ publicBaseUrl: 'http://localhost:3000' }),
    });
  });

  it('reads PORT, DATA_DIR and EVENT_STORE', () => {
    const config = loadConfig({ JWT_SECRET: SECRET, PORT: '8080', DATA_DIR: '/var/lib/cases', EVENT_STORE: 'esdb://localhost:2113?tls=false' });
    expect(config).toMatchObject({ port: 8080, dataDir: '/var/lib/cases', eventStore: 'esdb://localhost:2113?tls=false' });
  });

  it.each([
    ['sqlite', 'sqlite'],
    ['postgres://lcm@db:5432/cases', 'postgres'],
    ['postgresql://db/cases', 'postgres'],
    ['esdb://localhost:2113?tls=false', 'esdb'],
    ['kurrentdb+discover://a,b,c:2113', 'esdb'],
  ])('EVENT_STORE=%s selects the %s adapter', (value, kind) => {
    expect(storeKind(loadConfig({ JWT_SECRET: SECRET, EVENT_STORE: value }).eventStore)).toBe(kind);
  });

  it('generates a development secret when JWT_SECRET is absent outside production', () => {
    const first = loadConfig({});
    const second = loadConfig({});
    expect(first.jwtSecretGenerated).toBe(true);
    expect(Buffer.byteLength(first.jwtSecret)).toBeGreaterThanOrEqual(32);
    expect(first.jwtSecret).not.toBe(second.jwtSecret);
  });

  it('refuses to start in production without JWT_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET }).production).toBe(true);
  });

  it.each([
    [{ JWT_SECRET: 'short' }, /at least 32 bytes/],
    [{ JWT_SECRET: SECRET, PORT: 'eighty' }, /PORT/],
    [{ JWT_SECRET: SECRET, PORT: '70000' }, /PORT/],
    [{ JWT_SECRET: SECRET, EVENT_STORE: 'mysql://db' }, /EVENT_STORE must be/],
    [{ JWT_SECRET: SECRET, EVENT_STORE: 'mongodb://u:pw@db/x' }, /got mongodb:\/\/u:\*\*\*@db\/x$/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  describe('STATE_STORE', () => {
    const ESDB = 'esdb://kurrentdb:2113?tls=false';
    const STATE = 'postgres://lcm:s3cret@state:5432/lcm';
    const PG = 'postgres://lcm:s3cret@db:5432/cases';

    it('beside EventStoreDB: the database the shared state lives in', () => {
      const config = loadConfig({ JWT_SECRET: SECRET, EVENT_STORE: ESDB, STATE_STORE: STATE });
      expect(config).toMatchObject({ eventStore: ESDB, stateStore: STATE });
      expect(sharedStateUrl(config)).toBe(STATE);
    });

    it('unset or empty: none, and the state of an EventStoreDB instance stays in DATA_DIR', () => {
      for (const env of [{ EVENT_STORE: ESDB }, { EVENT_STORE: ESDB, STATE_STORE: '' }]) {
        const config = loadConfig({ JWT_SECRET: SECRET, ...env });
        expect(config.stateStore).toBeNull();
        expect(sharedStateUrl(config)).toBeNull();
      }
      expect(sharedStateUrl(loadConfig({ JWT_SECRET: SECRET }))).toBeNull();
    });

    it('on PostgreSQL the log\'s database holds the state: the same URL is accepted and changes nothing', () => {
      const config = loadConfig({ JWT_SECRET: SECRET, EVENT_STORE: PG, STATE_STORE: PG });
      expect(config.stateStore).toBeNull();
      expect(sharedStateUrl(config)).toBe(PG);
      expect(sharedStateUrl(loadConfig({ JWT_SECRET: SECRET, EVENT_STORE: PG }))).toBe(PG);
    });

    it.each([
      [
        'another database than the PostgreSQL log',
        { EVENT_STORE: PG, STATE_STORE: STATE },
        'STATE_STORE (postgres://lcm:***@state:5432/lcm) differs from EVENT_STORE (postgres://lcm:***@db:5432/cases): ' +
          "on PostgreSQL the log's database holds the shared state; leave STATE_STORE unset",
      ],
      [
        'the embedded SQLite store',
        { STATE_STORE: STATE },
        'STATE_STORE is only for EVENT_STORE=esdb://… (EventStoreDB): the embedded SQLite store keeps its state in DATA_DIR; unset STATE_STORE',
      ],
      [
        'a state store that is not PostgreSQL',
        { EVENT_STORE: ESDB, STATE_STORE: 'mysql://lcm:s3cret@state/lcm' },
        'STATE_STORE must be a postgres:// connection string, got mysql://lcm:***@state/lcm',
      ],
      ['an EventStoreDB state store', { EVENT_STORE: ESDB, STATE_STORE: ESDB }, `STATE_STORE must be a postgres:// connection string, got ${ESDB}`],
    ])('refuses %s, with one line that never shows the password', (_case, env, message) => {
      const load = () => loadConfig({ JWT_SECRET: SECRET, ...env });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(message);
      expect(load).not.toThrow(/s3cret/);
    });
  });
});
