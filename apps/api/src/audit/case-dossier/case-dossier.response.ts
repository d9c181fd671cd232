import { ApiProperty } from '@nestjs/swagger';
import { CountryEntryResponse } from '../../country-policy/register/country-entry.response';
import { CaseDecisionResponse, IssuedLicenceResponse, ReferralResponse } from '../../licence-applications/case-view/case-lifecycle.response';
import { CaseViewResponse } from '../../licence-applications/case-view/case-view.response';
import { DeterminationResponse } from '../../licence-applications/case-view/determination.response';
import { ReevaluationRunResponse } from '../../reevaluation/reevaluation-run.response';
import { AnchorResponse, IntegrityProblemResponse } from '../audit.responses';

export class DossierEventResponse {
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty() position!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() actor!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ type: String, nullable: true }) causationId!: string | null;
  @ApiProperty({ description: "The event's chained hash" }) hash!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

export class DeterminationRoundResponse {
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({ example: 'ReviewTrackChanged' }) eventType!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ format: 'date' }) policyDate!: string;
  @ApiProperty({ enum: ['policy-of-denial', 'case-by-case'] }) reviewTrack!: string;
  @ApiProperty({ type: [DeterminationResponse] }) determinations!: DeterminationResponse[];

  @ApiProperty({
    type: [CountryEntryResponse],
    description: "Each destination's entry in force on policyDate, as the register knew it when the event was recorded",
  })
  registerInForce!: CountryEntryResponse[];
}

export class DecisionRecordResponse {
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({ example: 'LicenceApproved' }) eventType!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ type: CaseDecisionResponse }) decision!: CaseDecisionResponse;

  @ApiProperty({
    type: [CountryEntryResponse],
    description: "Each destination's entry in force on the decision's day, as the register knew it when it was recorded",
  })
  registerInForce!: CountryEntryResponse[];
}

export class DossierReevaluationResponse {
  @ApiProperty({ format: 'uuid' }) reevaluationId!: string;
  @ApiProperty({ example: 'changed' }) outcome!: string;
  @ApiProperty({ type: ReevaluationRunResponse, nullable: true }) run!: ReevaluationRunResponse | null;
}

export class DossierIntegrityResponse {
  @ApiProperty({ description: "The case stream's hash chain is intact" }) chainOk!: boolean;
  @ApiProperty({ type: [IntegrityProblemResponse] }) problems!: IntegrityProblemResponse[];
  @ApiProperty({ type: AnchorResponse, description: "The log's anchor when the dossier was generated" }) anchor!: AnchorResponse;
}

/** GET /applications/{id}/dossier (JSON). */
export class CaseDossierResponse {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: CaseViewResponse }) case!: CaseViewResponse;
  @ApiProperty({ type: [DossierEventResponse] }) events!: DossierEventResponse[];
  @ApiProperty({ type: [DeterminationRoundResponse] }) determinationRounds!: DeterminationRoundResponse[];
  @ApiProperty({ type: CaseDecisionResponse, nullable: true }) decision!: CaseDecisionResponse | null;
  @ApiProperty({ type: [DecisionRecordResponse], description: 'Every step that recorded a decision' }) decisions!: DecisionRecordResponse[];
  @ApiProperty({ type: [ReferralResponse] }) referrals!: ReferralResponse[];
  @ApiProperty({ type: IssuedLicenceResponse, nullable: true }) licence!: IssuedLicenceResponse | null;
  @ApiProperty({ type: [DossierReevaluationResponse] }) reevaluations!: DossierReevaluationResponse[];
  @ApiProperty({ type: DossierIntegrityResponse }) integrity!: DossierIntegrityResponse;
}
