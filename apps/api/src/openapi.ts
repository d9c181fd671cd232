import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI description at /docs-json and its UI at /docs (both public). */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Licence case manager')
    .setDescription(
      'Event-sourced ITAR export-licence case manager. Cases are determined per destination against the ' +
        '22 CFR §126.1 register. Errors are application/problem+json (RFC 9457) with a stable `code` ' +
        '(type `/problems/<code>`); validation errors list per-field `errors`. Timestamps are ISO 8601 UTC. ' +
        'Every request may carry X-Correlation-Id, recorded in the metadata of the events it appends. ' +
        'Authenticate with Authorization: Bearer <JWT> (HS256, claims sub and roles).',
    )
    .setVersion('1')
    .setExternalDoc('Event subscribers: AsyncAPI 3.0 (SSE stream and webhooks); schemas at /schemas', '/asyncapi.json')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
