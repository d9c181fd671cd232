import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { REFERRAL_RECOMMENDATIONS, type ReferralRecommendation } from '@app/domain';
import { ProvisosProperty } from '../case-command/provisos';

export class AnswerReferralRequest {
  @ApiProperty({ enum: REFERRAL_RECOMMENDATIONS, example: 'approve-with-provisos' })
  @IsIn(REFERRAL_RECOMMENDATIONS)
  recommendation!: ReferralRecommendation;

  @ProvisosProperty("The agency's recommended provisos: required with approve-with-provisos, none otherwise")
  provisos?: string[];
}
