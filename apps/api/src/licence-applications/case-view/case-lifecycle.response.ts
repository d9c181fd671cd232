import { ApiProperty } from '@nestjs/swagger';
import {
  REFERRAL_RECOMMENDATIONS,
  type CaseDecision,
  type CaseReevaluation,
  type IssuedLicence,
  type Referral,
  type ReferralRecommendation,
} from '@app/domain';

export class ReferralResponse implements Referral {
  @ApiProperty({ example: 'DTSA', description: 'The agency staffed' })
  agency!: string;

  @ApiProperty({ enum: ['open', 'answered'] })
  status!: 'open' | 'answered';

  @ApiProperty({ format: 'date-time' })
  referredAt!: string;

  @ApiProperty({ example: 'officer-1' })
  referredBy!: string;

  @ApiProperty({ enum: REFERRAL_RECOMMENDATIONS, nullable: true, type: String })
  recommendation!: ReferralRecommendation | null;

  @ApiProperty({ type: [String], description: "The agency's recommended provisos" })
  provisos!: string[];

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  answeredAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  answeredBy!: string | null;
}

export class CaseDecisionResponse implements CaseDecision {
  @ApiProperty({ enum: ['approved', 'denied', 'returned-without-action', 'withdrawn'] })
  outcome!: CaseDecision['outcome'];

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ example: 'officer-1', description: 'Who decided (`sub`)' })
  by!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The reason given (denial, return, withdrawal)' })
  reason!: string | null;

  @ApiProperty({ type: [String], description: 'The provisos of an approval' })
  provisos!: string[];
}

export class IssuedLicenceResponse implements IssuedLicence {
  @ApiProperty({ format: 'date', example: '2026-11-29' })
  validFrom!: string;

  @ApiProperty({ format: 'date', example: '2030-11-29', description: 'Last day the licence is valid' })
  validUntil!: string;

  @ApiProperty({ example: 'Four-year licence validity (58 FR 39280, 1993)' })
  validityBasis!: string;

  @ApiProperty({ description: 'The validity rule is not confirmed in the sources for this licence type' })
  validityUnconfirmed!: boolean;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: '§126.7 suspension' })
  suspendedAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: '§126.7 revocation' })
  revokedAt!: string | null;

  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'The day after validUntil, once expired' })
  expiredOn!: string | null;
}

/** A re-evaluation run that recorded a track change, a revision of the determinations or a flag on the case. */
export class CaseReevaluationResponse implements CaseReevaluation {
  @ApiProperty({ format: 'uuid', description: 'The run (GET /reevaluations/{id})' })
  reevaluationId!: string;

  @ApiProperty({
    enum: ['changed', 'revised', 'flagged'],
    description: 'changed: ReviewTrackChanged; revised: DeterminationsRevised; flagged: LicenceFlaggedForReview',
  })
  outcome!: 'changed' | 'revised' | 'flagged';

  @ApiProperty({ format: 'uuid', description: 'The CountryStatusChanged event that triggered the run' })
  policyEventId!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}
