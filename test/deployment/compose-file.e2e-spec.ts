import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PATH_METADATA } from '@nestjs/common/constants';
import ts from 'typescript';
import { parse, parseDocument } from 'yaml';
import { ProbesController } from '../../apps/api/src/health/probes.http.controller';
import { loadConfig, sharedStateUrl, storeKind } from '../../apps/api/src/shared/config/app-config';
import { argsOf, dockerfileStages, type Stage } from './dockerfile-stages';

/**
 * The deployment files checked without a Docker engine: docker-compose.yml read as YAML (anchors and merge keys
 * resolved, as Compose does), the Dockerfile read stage by stage, and both held against the code they start.
 */

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface HealthCheck {
  readonly test: string[] | string;
}
interface DependsOn {
  readonly condition?: string;
  readonly required?: boolean;
}
interface Service {
  readonly image?: string;
  readonly build?: { readonly context: string; readonly dockerfile: string };
  readonly profiles?: string[];
  readonly environment?: Record<string, string>;
  readonly ports?: string[];
  readonly expose?: string[];
  readonly volumes?: string[];
  readonly healthcheck?: HealthCheck;
  readonly depends_on?: Record<string, DependsOn>;
  readonly deploy?: { readonly replicas?: number };
  readonly networks?: Record<string, { readonly aliases?: string[] }>;
}
interface ComposeFile {
  readonly services: Record<string, Service>;
  readonly volumes: Record<string, unknown>;
}

const COMPOSE_TEXT = read('docker-compose.yml');
const compose = parse(COMPOSE_TEXT, { merge: true }) as ComposeFile;
const services = compose.services;
/** Each profile's store servers: the log's, and beside EventStoreDB the PostgreSQL of the shared state. */
const STORE_PROFILES = { sqlite: [], postgres: ['postgres'], kurrentdb: ['kurrentdb', 'state-postgres'] } as const;
type Profile = keyof typeof STORE_PROFILES;
const apiOf = (profile: Profile): Service => services[`api-${profile}`];

/** An API service's environment as Compose passes it with nothing set: `${X:-default}` gives the default. */
function environmentOf(profile: Profile): Record<string, string> {
  const substituted = Object.entries(apiOf(profile).environment ?? {}).map(([name, value]) => [
    name,
    String(value)
      .replace(/\$\{JWT_SECRET:\?[^}]*\}/g, 'a-jwt-secret-of-at-least-thirty-two-bytes')
      .replace(/\$\{\w+:-([^}]*)\}/g, '$1'),
  ]);
  return Object.fromEntries(substituted) as Record<string, string>;
}

describe('docker-compose.yml', () => {
  it('parses as one YAML document without errors or warnings', () => {
    const document = parseDocument(COMPOSE_TEXT, { merge: true });
    expect(document.errors).toEqual([]);
    expect(document.warnings).toEqual([]);
  });

  it('has an API service per store profile, the store servers, and the balancer in every profile', () => {
    expect(Object.keys(services).sort()).toEqual(['api-kurrentdb', 'api-postgres', 'api-sqlite', 'balancer', 'kurrentdb', 'postgres', 'state-postgres']);
    for (const profile of Object.keys(STORE_PROFILES) as Profile[]) {
      expect(apiOf(profile).profiles).toEqual([profile]);
      for (const store of STORE_PROFILES[profile]) expect(services[store].profiles).toEqual([profile]);
    }
    expect([...(services.balancer.profiles ?? [])].sort()).toEqual(['kurrentdb', 'postgres', 'sqlite']);
  });

  it('builds every API service from the Dockerfile, through one shared definition (a YAML anchor)', () => {
    expect(COMPOSE_TEXT.match(/<<: \*api$/gm)).toHaveLength(3);
    for (const profile of Object.keys(STORE_PROFILES) as Profile[]) {
      expect(apiOf(profile).build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
      expect(apiOf(profile).image).toBe(apiOf('sqlite').image);
    }
    expect(existsSync(path.join(ROOT, 'Dockerfile'))).toBe(true);
  });

  it('points each API service at its store with a value the server accepts', () => {
    expect(apiOf('sqlite').environment?.EVENT_STORE).toBe('sqlite');
    const postgres = apiOf('postgres').environment?.EVENT_STORE ?? '';
    expect(postgres).toMatch(/^postgres:\/\/lcm:[^@]+@postgres:5432\/lcm$/);
    const kurrentdb = apiOf('kurrentdb').environment?.EVENT_STORE ?? '';
    expect(kurrentdb).toBe('esdb://kurrentdb:2113?tls=false');
    expect([storeKind('sqlite'), storeKind(postgres), storeKind(kurrentdb)]).toEqual(['sqlite', 'postgres', 'esdb']);
  });

  it('gives the instances on KurrentDB a STATE_STORE on the PostgreSQL beside it, and the others none', () => {
    const state = apiOf('kurrentdb').environment?.STATE_STORE ?? '';
    expect(state).toMatch(/^postgres:\/\/lcm:[^@]+@state-postgres:5432\/lcm_state$/);
    expect(services['state-postgres'].environment).toMatchObject({ POSTGRES_USER: 'lcm', POSTGRES_DB: 'lcm_state' });
    expect(apiOf('postgres').environment?.STATE_STORE).toBeUndefined();
    expect(apiOf('sqlite').environment?.STATE_STORE).toBeUndefined();
    // The server accepts each service's environment, and each profile's instances share their state where expected.
    const shared = (profile: Profile) => sharedStateUrl(loadConfig(environmentOf(profile)));
    expect(shared('kurrentdb')).toBe('postgres://lcm:lcm-development-only@state-postgres:5432/lcm_state');
    expect(shared('postgres')).toBe('postgres://lcm:lcm-development-only@postgres:5432/lcm');
    expect(shared('sqlite')).toBeNull();
  });

  it('requires JWT_SECRET rather than defaulting it, and runs the API in production mode', () => {
    for (const profile of Object.keys(STORE_PROFILES) as Profile[]) {
      expect(apiOf(profile).environment).toMatchObject({ NODE_ENV: 'production', DATA_DIR: '/data', PORT: '3000' });
      expect(apiOf(profile).environment?.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?.+\}$/);
    }
  });

  it('gives every long-running service a healthcheck', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, test: service.healthcheck?.test }).toEqual({ name, test: expect.arrayContaining([expect.any(String)]) });
    }
    const probe = (Reflect.getMetadata(PATH_METADATA, ProbesController.prototype.ready) as string).replace(/^\//, '');
    const controller = (Reflect.getMetadata(PATH_METADATA, ProbesController) as string).replace(/^\//, '');
    for (const profile of Object.keys(STORE_PROFILES) as Profile[]) {
      expect(JSON.stringify(apiOf(profile).healthcheck?.test)).toContain(`/${controller}/${probe}`);
    }
    expect(JSON.stringify(services.postgres.healthcheck?.test)).toContain('pg_isready');
    expect(JSON.stringify(services['state-postgres'].healthcheck?.test)).toContain('pg_isready -U lcm -d lcm_state');
    expect(JSON.stringify(services.kurrentdb.healthcheck?.test)).toContain('/health/live');
  });

  it('starts the API on a server store only once the store is healthy', () => {
    expect(apiOf('postgres').depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(apiOf('kurrentdb').depends_on).toEqual({ kurrentdb: { condition: 'service_healthy' }, 'state-postgres': { condition: 'service_healthy' } });
    for (const profile of Object.keys(STORE_PROFILES) as Profile[]) {
      expect(services.balancer.depends_on?.[`api-${profile}`]).toEqual({ condition: 'service_healthy', required: false });
    }
  });

  it('runs several instances on a server store, and one on an SQLite file', () => {
    expect(apiOf('postgres').deploy?.replicas).toBeGreaterThanOrEqual(2);
    // Beside EventStoreDB the keys, subscriptions and leases are in the state store, so the instances share them.
    expect(apiOf('kurrentdb').deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(apiOf('kurrentdb').environment?.STATE_STORE).toBeDefined();
    expect(apiOf('sqlite').deploy?.replicas).toBe(1);
  });

  it('publishes one port, 3000, on the balancer; the instances publish none', () => {
    const published = Object.entries(services).flatMap(([name, service]) => (service.ports ?? []).map((port) => ({ name, port })));
    expect(published).toEqual([{ name: 'balancer', port: '3000:3000' }]);
    for (const profile of Object.keys(STORE_PROFILES) as Profile[]) expect(apiOf(profile).expose).toEqual(['3000']);
  });

  it('declares every named volume it mounts, and mounts every one it declares', () => {
    const named = Object.values(services)
      .flatMap((service) => service.volumes ?? [])
      .map((mount) => mount.split(':')[0])
      .filter((source) => !source.startsWith('.') && !source.startsWith('/'));
    expect(new Set(named)).toEqual(new Set(Object.keys(compose.volumes)));
    expect(apiOf('sqlite').volumes).toEqual(['api-sqlite-data:/data']);
    expect(services.postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(services.kurrentdb.volumes).toEqual(['kurrentdb-data:/var/lib/kurrentdb']);
    expect(services['state-postgres'].volumes).toEqual(['state-postgres-data:/var/lib/postgresql/data']);
    // The instances on a server store keep no named volume: only their own read-model file, in an anonymous one.
    expect(apiOf('postgres').volumes).toBeUndefined();
    expect(apiOf('kurrentdb').volumes).toBeUndefined();
  });

  it('mounts an nginx configuration that balances over the API instances by their shared name', () => {
    const mount = (services.balancer.volumes ?? []).find((volume) => volume.endsWith(':/etc/nginx/conf.d/default.conf:ro'));
    expect(mount).toBeDefined();
    const config = read(mount!.split(':')[0]);
    const upstream = /upstream (\w+) \{([^}]*)\}/.exec(config);
    expect(upstream).not.toBeNull();
    const server = /server ([\w-]+):(\d+) resolve\b/.exec(upstream![2]);
    expect(server).not.toBeNull();
    const [, host, port] = server!;
    for (const profile of Object.keys(STORE_PROFILES) as Profile[]) {
      expect(apiOf(profile).networks?.default?.aliases).toContain(host);
      expect(apiOf(profile).expose).toContain(port);
    }
    expect(config).toMatch(new RegExp(`proxy_pass http://${upstream![1]};`));
    expect(config).toContain('listen 3000;');
    expect(config).toContain('client_max_body_size 1m;');
  });
});

describe('Dockerfile', () => {
  const stages = dockerfileStages(read('Dockerfile'));
  const runtime = stages[stages.length - 1];
  const stageNamed = (name: string): Stage => {
    const stage = stages.find((candidate) => candidate.name === name);
    if (stage === undefined) throw new Error(`No stage named ${name}`);
    return stage;
  };
  /** The stage the runtime copies `target` from (`COPY --from=<stage> <source> <target>`). */
  const copiedFrom = (target: string): Stage => {
    const copy = argsOf(runtime, 'COPY').find((args) => args.startsWith('--from=') && args.trim().split(/\s+/).at(-1) === target);
    if (copy === undefined) throw new Error(`The runtime stage copies nothing to ${target}`);
    return stageNamed(/^--from=(\S+)/.exec(copy)![1]);
  };

  it('builds in stages and runs on the slim image of the pinned Node.js', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(runtime.from).toBe(`node:${read('.nvmrc').trim()}-bookworm-slim`);
    for (const stage of stages.slice(0, -1)) expect(stage.from).toMatch(/^node:24\.22\.3-bookworm$/);
  });

  it('compiles in a build stage, and the runtime stage neither compiles nor installs anything', () => {
    expect(argsOf(copiedFrom('./dist'), 'RUN')).toContain('npm run build');
    const commands = argsOf(runtime, 'RUN').join('\n');
    expect(commands).not.toMatch(/\btsc\b|npm run build|npm (ci|install)|apt-get|node-gyp/);
  });

  it('installs production dependencies only (npm ci --omit=dev) for the runtime', () => {
    const deps = copiedFrom('./node_modules');
    expect(argsOf(deps, 'RUN').some((command) => /\bnpm ci --omit=dev\b/.test(command))).toBe(true);
    const manifest = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    // The start command preloads tools/register-paths.js, which needs tsconfig-paths at run time.
    expect(manifest.dependencies['tsconfig-paths']).toBeDefined();
    expect(manifest.devDependencies['tsconfig-paths']).toBeUndefined();
  });

  it('ships what the start command reads: dist/, tsconfig.json, tools/register-paths.js and package.json', () => {
    const copies = argsOf(runtime, 'COPY').filter((args) => !args.startsWith('--from='));
    expect(copies).toEqual(expect.arrayContaining(['package.json tsconfig.json ./', 'tools/register-paths.js ./tools/register-paths.js']));
    expect(read('tools/register-paths.js')).toContain('tsconfig');
  });

  it('runs as a non-root user, with DATA_DIR on a volume and the port exposed', () => {
    const users = argsOf(runtime, 'USER');
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    const keywords = runtime.instructions.map((instruction) => instruction.keyword);
    expect(keywords.indexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
    expect(argsOf(runtime, 'ENV').join(' ')).toMatch(/DATA_DIR=\/data\b/);
    expect(argsOf(runtime, 'VOLUME')).toEqual(['["/data"]']);
    expect(argsOf(runtime, 'EXPOSE')).toEqual(['3000']);
  });

  it('checks its own health on the readiness probe: exit 0 when ready, 1 when not ready or not answering', async () => {
    const [healthcheck] = argsOf(runtime, 'HEALTHCHECK');
    const command = JSON.parse(/\bCMD (\[.*\])$/.exec(healthcheck)![1]) as string[];
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    let status = 200;
    const paths: string[] = [];
    const server = createServer((request, response) => {
      paths.push(request.url ?? '');
      response.writeHead(status).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = String((server.address() as AddressInfo).port);
    const probe = () =>
      new Promise<number>((resolve) => {
        execFile(process.execPath, command.slice(1), { env: { ...process.env, PORT: port } }, (error) => resolve(error === null ? 0 : Number(error.code)));
      });
    try {
      expect(await probe()).toBe(0);
      status = 503;
      expect(await probe()).toBe(1);
      expect(paths).toEqual(['/health/ready', '/health/ready']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await probe()).toBe(1);
  });

  it('starts as npm start does, on the file the build writes', () => {
    const cmd = JSON.parse(argsOf(runtime, 'CMD')[0]) as string[];
    expect(cmd).toEqual(['node', '-r', './tools/register-paths.js', 'dist/apps/api/src/main.js']);
    const manifest = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(cmd.join(' ')).toBe(manifest.scripts.start);
    expect(manifest.scripts.build).toBe('tsc -b tsconfig.build.json');

    // Where tsc puts apps/api/src/main.ts under tsconfig.build.json's outDir and rootDir.
    const file = path.join(ROOT, 'tsconfig.build.json');
    const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(file, ts.sys.readFile).config, ts.sys, ROOT, undefined, file);
    const main = path.join(ROOT, 'apps/api/src/main.ts');
    expect(parsed.fileNames).toContain(main);
    const emitted = path.join(parsed.options.outDir!, path.relative(parsed.options.rootDir!, main)).replace(/\.ts$/, '.js');
    expect(path.relative(ROOT, emitted)).toBe(cmd[3]);
  });

  it('keeps the build context to the sources: no node_modules, dist, data files, tests or secrets', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', 'data', '*.sqlite', 'test', '.env']));
    for (const needed of ['apps', 'libs', 'tools', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
      expect(ignored).not.toContain(needed);
    }
  });
});

describe('docs/deployment.md', () => {
  it('explains each compose profile', () => {
    const docs = read('docs/deployment.md');
    for (const profile of Object.keys(STORE_PROFILES)) expect(docs).toContain(`docker compose --profile ${profile} up`);
    expect(docs).toContain('## What was verified where');
    expect(docs).toContain('STATE_STORE');
  });
});
