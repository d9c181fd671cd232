import { Controller, Get, Param, Query as QueryParam } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/roles.decorator';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { decodeOpaqueCursor, encodeOpaqueCursor, invalidCursor, keysetPage } from '../../shared/http/keyset-page';
import { DEFAULT_PAGE_SIZE, PageRequest } from '../../shared/http/page-request';
import { subscriptionNotFound } from '../subscription-problems';
import { SubscriptionRepository } from '../subscription.repository';
import { DeliveryListResponse } from './delivery-list.response';

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('subscriptions')
export class ListDeliveriesController {
  constructor(private readonly subscriptions: SubscriptionRepository) {}

  @Get(':id/deliveries')
  @Roles('policy-admin', 'subscriber', 'auditor')
  @ApiOperation({
    summary: 'The delivery log of a subscription: every attempt, newest first, with cursor pagination',
    description: 'A cursor this endpoint did not issue is a 400 INVALID_CURSOR.',
  })
  @ApiOkResponse({ type: DeliveryListResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  async list(@Param('id') id: string, @QueryParam() request: PageRequest): Promise<DeliveryListResponse> {
    if ((await this.subscriptions.get(id)) === null) throw subscriptionNotFound(id);
    const before = request.cursor === undefined ? null : decodeSeq(request.cursor);
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    return keysetPage(
      await this.subscriptions.deliveries(id, limit, before),
      limit,
      ({ seq: _seq, subscriptionId: _subscription, ...attempt }) => attempt,
      (row) => encodeOpaqueCursor(['deliveries', row.seq]),
    );
  }
}

function decodeSeq(cursor: string): number {
  const [kind, seq] = decodeOpaqueCursor(cursor);
  if (kind !== 'deliveries' || !Number.isSafeInteger(seq) || (seq as number) < 1) throw invalidCursor();
  return seq as number;
}
