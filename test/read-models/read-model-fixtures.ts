import { randomUUID } from 'node:crypto';
import type { EventStore } from '@app/infra';
import { EVENT_STORE } from '../../apps/api/src/shared/event-store/event-store.providers';
import { anApplication, type TestApp } from '../support/test-app';

/**
 * Appends a lifecycle event to a case straight into the application's event store (as a lifecycle command would),
 * so the read-model tests do not depend on the command routes. Answers the event's position.
 */
export async function appendCaseEvent(
  t: TestApp,
  applicationId: string,
  type: string,
  data: Record<string, unknown> = {},
): Promise<string> {
  const store = t.app.get<EventStore>(EVENT_STORE);
  const stream = `LicenceApplication-${applicationId}`;
  const revision = await store.streamRevision(stream);
  const result = await store.appendToStream(
    stream,
    [
      {
        id: randomUUID(),
        type,
        data: { applicationId, ...data },
        metadata: { actor: 'test-officer', correlationId: randomUUID(), causationId: null, schemaVersion: 1 },
      },
    ],
    { expectedRevision: revision ?? 'no-stream' },
  );
  return result.position;
}

/** Submits a case through POST /applications with parties in the given countries (the first one the end-user). */
export async function submitCase(t: TestApp, countries: string[], overrides: Record<string, unknown> = {}): Promise<string> {
  const parties = countries.map((country, index) => ({
    role: index === 0 ? 'end-user' : 'intermediate-consignee',
    name: `Party ${index}`,
    country,
  }));
  const response = await t.http
    .post('/applications')
    .set('Authorization', `Bearer ${t.token(['intake'], 'clerk-1')}`)
    .send(anApplication({ parties, ...overrides }))
    .expect(201);
  return response.body.id as string;
}

export const AT = '2025-11-20T10:00:00.000Z';
