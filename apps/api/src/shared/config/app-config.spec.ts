import path from 'node:path';
import { ConfigError, loadConfig, storeKind } from './app-config';

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
});
