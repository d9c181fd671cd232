import type { PublicEventDefinition } from '@app/infra';
import { publishedSchema } from './published-schema';

/** The CloudEvents envelope around a type's data (the same on both channels). */
function envelope(definition: PublicEventDefinition, baseUrl: string): Record<string, unknown> {
  const text = { type: 'string' };
  return {
    type: 'object',
    required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'dataschema', 'data', 'position', 'dataversion', 'correlationid', 'actor'],
    properties: {
      specversion: { const: '1.0' },
      id: { ...text, description: 'The event id; a redelivered webhook carries the same id (and webhook-id)' },
      source: { ...text, format: 'uri' },
      type: { const: definition.type },
      subject: { ...text, description: 'The stream: LicenceApplication-<id>, CountryPolicy-<CC> or Reevaluation-<id>' },
      time: { ...text, format: 'date-time', description: 'When the event was recorded' },
      datacontenttype: { const: 'application/json' },
      dataschema: { ...text, format: 'uri' },
      position: { ...text, description: 'Global position (opaque, ordered): the checkpoint to keep' },
      dataversion: { type: 'integer', description: 'Additive revision of the payload' },
      correlationid: text,
      causationid: text,
      actor: text,
      data: publishedSchema(definition, baseUrl),
    },
  };
}

/**
 * The AsyncAPI 3.0 description of the two push channels (the SSE stream and the webhooks), generated from the same
 * definitions as GET /schemas: one message per public event type.
 */
export function asyncApiDocument(definitions: readonly PublicEventDefinition[], baseUrl: string): Record<string, unknown> {
  const url = new URL(baseUrl);
  const messages = Object.fromEntries(
    definitions.map((definition) => [
      definition.type,
      {
        name: definition.type,
        title: definition.type,
        summary: definition.description.split('\n')[0],
        description: definition.description,
        contentType: 'application/json',
        payload: { schemaFormat: 'application/schema+json;version=draft-2020-12', schema: envelope(definition, baseUrl) },
        'x-version': definition.version,
      },
    ]),
  );
  const channelMessages = Object.fromEntries(definitions.map(({ type }) => [type, { $ref: `#/components/messages/${type}` }]));
  const operationMessages = (channel: string) => definitions.map(({ type }) => ({ $ref: `#/channels/${channel}/messages/${type}` }));
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Licence case manager: public events',
      version: '1',
      description:
        'Every public event, in global order, as a CloudEvents 1.0 structured JSON envelope. Pull: GET /events. ' +
        'Compatibility: changes within a type are additive; a breaking change is a new type name. Guide: docs/consumers.md.',
    },
    servers: {
      api: { host: url.host, protocol: url.protocol.replace(':', ''), pathname: url.pathname === '/' ? undefined : url.pathname, description: 'This API' },
    },
    defaultContentType: 'application/json',
    channels: {
      eventStream: {
        address: '/events/stream',
        title: 'Server-Sent Events stream',
        description:
          'GET /events/stream (role subscriber, bearer token). Each SSE message: `id` = position, `event` = type, ' +
          '`data` = the envelope. Resume with Last-Event-ID (or ?after=); filters types and subject; heartbeat comments.',
        servers: [{ $ref: '#/servers/api' }],
        messages: channelMessages,
      },
      webhook: {
        address: null,
        title: 'Webhook deliveries',
        description:
          'POST to the URL registered with POST /subscriptions, one event per request, in global order, at least once. ' +
          'Signed per Standard Webhooks: headers webhook-id (the event id), webhook-timestamp, webhook-signature ' +
          '(v1,<base64 HMAC-SHA256 of "id.timestamp.body" keyed with the whsec_ secret>).',
        messages: channelMessages,
      },
    },
    operations: {
      streamEvents: { action: 'send', channel: { $ref: '#/channels/eventStream' }, messages: operationMessages('eventStream') },
      deliverWebhooks: { action: 'send', channel: { $ref: '#/channels/webhook' }, messages: operationMessages('webhook') },
    },
    components: { messages },
  };
}
