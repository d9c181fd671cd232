import {
  Body,
  Controller,
  Get,
  HttpCode,
  Injectable,
  Module,
  Post,
  Res,
  type CanActivate,
  type ExecutionContext,
  type INestApplication,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { InMemoryIdempotencyStore, requestFingerprint } from '@app/infra';
import type { Response } from 'express';
import request from 'supertest';
import type { AuthenticatedRequest } from '../../apps/api/src/shared/auth/current-principal.decorator';
import { jsonBodyParser } from '../../apps/api/src/shared/http/body-parsing';
import { ProblemDetailsFilter } from '../../apps/api/src/shared/http/problem-details.filter';
import { ProblemException } from '../../apps/api/src/shared/http/problem';
import {
  ApiIdempotencyKey,
  CurrentIdempotency,
  IDEMPOTENCY_STORE,
  IdempotencyInterceptor,
  idempotencyName,
  type RequestIdempotency,
} from '../../apps/api/src/shared/idempotency';

/**
 * The interceptor on its own, over HTTP, with routes that answer in every way a Nest route can: default 201,
 * @HttpCode, res.status, no body, a text body, errors, and a route that waits until the test lets it finish.
 */

let clock = Date.parse('2026-11-29T09:00:00.000Z');
const store = new InMemoryIdempotencyStore({ now: () => new Date(clock), leaseMs: 60_000 });
const calls: string[] = [];
let releaseSlow: () => void = () => undefined;
let failNext = true;

/** Authenticates from `X-Test-Sub`; without it the request goes on unauthenticated (as a @Public route would). */
@Injectable()
class TestGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const sub = req.header('x-test-sub');
    if (sub) req.principal = { sub, roles: ['intake'] };
    return true;
  }
}

@Controller('things')
class ThingsController {
  @Post()
  create(@Body() body: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    calls.push('create');
    res.setHeader('Location', `/things/${calls.length}`);
    return { call: calls.length, body };
  }

  @Post('ok')
  @HttpCode(200)
  @ApiIdempotencyKey()
  ok() {
    calls.push('ok');
    return { call: calls.length };
  }

  @Post('accepted')
  accepted(@Res({ passthrough: true }) res: Response) {
    calls.push('accepted');
    res.status(202).setHeader('ETag', '"7"');
    res.setHeader('X-Not-Replayed', 'x');
    return { call: calls.length };
  }

  @Post('empty')
  @HttpCode(204)
  empty(): void {
    calls.push('empty');
  }

  @Post('text')
  @HttpCode(200)
  text(): string {
    calls.push('text');
    return `text ${calls.length}`;
  }

  @Post('flaky')
  flaky() {
    calls.push('flaky');
    if (failNext) {
      failNext = false;
      throw new ProblemException(409, 'NOT_YET', 'Conflict', 'try again');
    }
    return { call: calls.length };
  }

  @Post('unavailable')
  unavailable(@Res({ passthrough: true }) res: Response) {
    calls.push('unavailable');
    res.status(503);
    return { status: 'unavailable' };
  }

  @Post('slow')
  async slow() {
    calls.push('slow');
    await new Promise<void>((resolve) => (releaseSlow = resolve));
    return { call: calls.length };
  }

  @Post('context')
  context(@CurrentIdempotency() idempotency: RequestIdempotency | undefined) {
    calls.push('context');
    return { idempotency: idempotency ?? null, name: idempotency ? idempotencyName(idempotency) : null };
  }

  @Get()
  list() {
    calls.push('list');
    return { call: calls.length };
  }
}

@Module({
  controllers: [ThingsController],
  providers: [
    { provide: IDEMPOTENCY_STORE, useValue: store },
    { provide: APP_GUARD, useClass: TestGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
class HarnessModule {}

describe('IdempotencyInterceptor', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [HarnessModule] }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    app.use(jsonBodyParser);
    await app.init();
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  const post = (path: string, key: string | undefined, body: object = {}, sub: string | null = 'alice') => {
    let call = http.post(path);
    if (sub !== null) call = call.set('X-Test-Sub', sub);
    if (key !== undefined) call = call.set('Idempotency-Key', key);
    return call.send(body);
  };

  it.each([
    ['the default 201 of POST', '/things', 201],
    ['@HttpCode(200)', '/things/ok', 200],
    ['res.status(202)', '/things/accepted', 202],
  ])('replays %s with the same status and body, running the handler once', async (_name, path, status) => {
    const first = await post(path, `status-${status}`, { a: 1 }).expect(status);
    const retry = await post(path, `status-${status}`, { a: 1 }).expect(status);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['content-type']).toBe(first.headers['content-type']);
    expect(calls).toHaveLength(1);
  });

  it('replays Location and ETag but no other header the route set', async () => {
    const first = await post('/things', 'headers-1').expect(201);
    const retry = await post('/things', 'headers-1').expect(201);
    expect(retry.headers.location).toBe(first.headers.location);

    await post('/things/accepted', 'headers-2').expect(202);
    const accepted = await post('/things/accepted', 'headers-2').expect(202);
    expect(accepted.headers.etag).toBe('"7"');
    expect(accepted.headers['x-not-replayed']).toBeUndefined();
  });

  it('replays a response without a body, and a text body', async () => {
    await post('/things/empty', 'empty').expect(204);
    const empty = await post('/things/empty', 'empty').expect(204);
    expect(empty.headers['idempotent-replayed']).toBe('true');
    expect(empty.text).toBe('');

    const text = await post('/things/text', 'text').expect(200);
    const replayed = await post('/things/text', 'text').expect(200);
    expect(replayed.text).toBe(text.text);
    expect(replayed.headers['content-type']).toBe(text.headers['content-type']);
    expect(calls).toEqual(['empty', 'text']);
  });

  it('keeps the same key on two routes, and for two users, apart', async () => {
    const created = await post('/things', 'shared').expect(201);
    const ok = await post('/things/ok', 'shared').expect(200);
    const bobs = await post('/things', 'shared', {}, 'bob').expect(201);
    expect(calls).toEqual(['create', 'ok', 'create']);
    expect((await post('/things', 'shared').expect(201)).body).toEqual(created.body);
    expect((await post('/things/ok', 'shared').expect(200)).body).toEqual(ok.body);
    expect((await post('/things', 'shared', {}, 'bob').expect(201)).body).toEqual(bobs.body);
    // A trailing slash is the same route.
    expect((await post('/things/', 'shared').expect(201)).body).toEqual(created.body);
    expect(calls).toHaveLength(3);
  });

  it('releases the key when the handler throws, so a retry runs it again', async () => {
    failNext = true;
    const refused = await post('/things/flaky', 'flaky').expect(409);
    expect(refused.body.code).toBe('NOT_YET');
    const retried = await post('/things/flaky', 'flaky').expect(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect((await post('/things/flaky', 'flaky').expect(201)).headers['idempotent-replayed']).toBe('true');
    expect(calls).toEqual(['flaky', 'flaky']);
  });

  it('stores no error status the handler set itself', async () => {
    await post('/things/unavailable', 'unavailable').expect(503);
    const again = await post('/things/unavailable', 'unavailable').expect(503);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(calls).toEqual(['unavailable', 'unavailable']);
  });

  it('answers 409 IDEMPOTENCY_KEY_IN_FLIGHT with Retry-After while the first request runs, 422 for another body', async () => {
    const first = post('/things/slow', 'slow', { n: 1 }).then((response) => response);
    while (!calls.includes('slow')) await new Promise((resolve) => setTimeout(resolve, 5));

    const busy = await post('/things/slow', 'slow', { n: 1 }).expect(409);
    expect(busy.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_FLIGHT', status: 409 });
    expect(busy.headers['retry-after']).toBe('60');
    expect(busy.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await post('/things/slow', 'slow', { n: 2 }).expect(422)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    releaseSlow();
    expect((await first).status).toBe(201);
    expect((await post('/things/slow', 'slow', { n: 1 }).expect(201)).headers['idempotent-replayed']).toBe('true');
    expect(calls).toEqual(['slow']);
  });

  it('runs a request again when an earlier claim outlived its lease (a crashed attempt)', async () => {
    const claim = await store.claim({ sub: 'alice', scope: 'POST /things', key: 'crashed', fingerprint: requestFingerprint({}) });
    expect(claim.outcome).toBe('claimed');
    await post('/things', 'crashed').expect(409);
    clock += 60_000;
    const taken = await post('/things', 'crashed').expect(201);
    expect(taken.headers['idempotent-replayed']).toBeUndefined();
    expect(calls).toEqual(['create']);
  });

  it('still answers a request whose response could not be stored; the key then stays in flight', async () => {
    const complete = jest.spyOn(store, 'complete').mockRejectedValueOnce(new Error('disk full'));
    try {
      const answered = await post('/things', 'unstored').expect(201);
      expect(answered.body).toMatchObject({ call: 1 });
      expect((await post('/things', 'unstored').expect(409)).body.code).toBe('IDEMPOTENCY_KEY_IN_FLIGHT');
      expect(calls).toEqual(['create']);
    } finally {
      complete.mockRestore();
    }
  });

  it("answers the handler's own error even if releasing the key fails", async () => {
    failNext = true;
    const release = jest.spyOn(store, 'release').mockRejectedValueOnce(new Error('disk full'));
    try {
      expect((await post('/things/flaky', 'unreleased').expect(409)).body.code).toBe('NOT_YET');
    } finally {
      release.mockRestore();
    }
  });

  it('hands the handler its idempotency context, and none without a key', async () => {
    const withKey = await post('/things/context?page=2', 'ctx-1').expect(201);
    expect(withKey.body.idempotency).toEqual({ sub: 'alice', scope: 'POST /things/context', key: 'ctx-1' });
    expect(withKey.body.name).toBe(JSON.stringify(['idempotency-key', 'alice', 'POST /things/context', 'ctx-1']));
    expect((await post('/things/context', undefined).expect(201)).body.idempotency).toBeNull();
  });

  it('leaves requests without the key, and GET requests, untouched', async () => {
    await post('/things', undefined).expect(201);
    const second = await post('/things', undefined).expect(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    await http.get('/things').set('X-Test-Sub', 'alice').set('Idempotency-Key', 'not valid').expect(200);
    expect(calls).toEqual(['create', 'create', 'list']);
  });

  it('refuses a key on a route reached without authentication instead of sharing it between callers', async () => {
    const response = await post('/things', 'anonymous', {}, null).expect(500);
    expect(response.body.code).toBe('INTERNAL_ERROR');
    await post('/things', undefined, {}, null).expect(201);
    expect(calls).toEqual(['create']);
  });

  it('documents the header and the 422 on a route marked @ApiIdempotencyKey()', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const operation = document.paths['/things/ok']?.post;
    expect(operation?.parameters).toEqual([
      expect.objectContaining({ in: 'header', name: 'Idempotency-Key', required: false, schema: expect.objectContaining({ maxLength: 255 }) }),
    ]);
    expect(operation?.responses['422']).toEqual(expect.objectContaining({ description: expect.stringContaining('IDEMPOTENCY_KEY_REUSED') }));
    expect(document.paths['/things']?.post?.parameters ?? []).toEqual([]);
  });

  it('refuses a malformed key before anything runs', async () => {
    expect((await post('/things', 'a b').expect(400)).body.code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(calls).toEqual([]);
  });
});
