import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { publicEventDefinition, publicEventDefinitions } from '@app/infra';
import { Roles } from '../../shared/auth/roles.decorator';
import { ROLES } from '../../shared/auth/roles';
import { APP_CONFIG } from '../../shared/config/app-config.provider';
import type { AppConfig } from '../../shared/config/app-config';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { Problems } from '../../shared/http/problem';
import { schemaUrl } from '../cloud-event';
import { asyncApiDocument } from './asyncapi-document';
import { EventSchemaListResponse } from './event-schemas.response';
import { publishedSchema } from './published-schema';

/** The subscribers' contract documents, for any role (docs/product.md §4): they describe data, they hold none. */
@ApiTags('events')
@ApiBearerAuth()
@Controller()
export class EventContractsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get baseUrl(): string {
    return this.config.subscribers.publicBaseUrl;
  }

  @Get('schemas')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The public event types, each with its version, description and JSON Schema URL' })
  @ApiOkResponse({ type: EventSchemaListResponse })
  @ApiProblemResponses(401, 403)
  list(): EventSchemaListResponse {
    return {
      items: publicEventDefinitions().map(({ type, version, description }) => ({
        type,
        version,
        description,
        schema: schemaUrl(this.baseUrl, type),
      })),
      asyncapi: `${this.baseUrl}/asyncapi.json`,
    };
  }

  @Get('schemas/:type')
  @Roles(...ROLES)
  @Header('Content-Type', 'application/schema+json')
  @ApiProduces('application/schema+json')
  @ApiOperation({
    summary: "The JSON Schema (draft 2020-12) of a public event type's data",
    description: 'Generated from the domain\'s payload type. An unknown type is a 404 UNKNOWN_EVENT_TYPE.',
  })
  @ApiOkResponse({ description: 'A JSON Schema (draft 2020-12)', schema: { type: 'object', additionalProperties: true } })
  @ApiProblemResponses(401, 403, 404)
  schema(@Param('type') type: string): Record<string, unknown> {
    const definition = publicEventDefinition(type);
    if (definition === undefined) {
      throw Problems.notFound('UNKNOWN_EVENT_TYPE', `${type} is not a public event type; GET /schemas lists them`);
    }
    return publishedSchema(definition, this.baseUrl);
  }

  @Get('asyncapi.json')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'AsyncAPI 3.0: the SSE and webhook channels, one message per public event type' })
  @ApiOkResponse({ description: 'An AsyncAPI 3.0 document', schema: { type: 'object', additionalProperties: true } })
  @ApiProblemResponses(401, 403)
  asyncApi(): Record<string, unknown> {
    return asyncApiDocument(publicEventDefinitions(), this.baseUrl);
  }
}
