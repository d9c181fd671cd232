import { ApiProperty } from '@nestjs/swagger';
import {
  POLICY_STATUSES,
  REEVALUATION_KINDS,
  type ExceptionCode,
  type PolicyStatus,
  type ReevaluationKind,
} from '@app/domain';
import { CitationResponse } from '../country-policy/register/citation.response';
import { exceptionsRemovedProperty } from '../country-policy/register/country-change.response';
import { ApiCount, ApiNullableDate } from '../shared/http/api-value.decorators';
import {
  REEVALUATION_RUN_STATUSES,
  type ReevaluationRunStatus,
  type ReevaluationRunView,
  type ReevaluationTriggerView,
} from './reevaluation-runs/reevaluation-runs.read-model';

/** The policy event behind a run (OpenAPI documentation of {@link ReevaluationTriggerView}). */
export class ReevaluationTriggerResponse implements ReevaluationTriggerView {
  @ApiProperty({
    format: 'uuid',
    example: 'c941bbc4-ab7b-5a3d-b41d-13a899d6f541',
    description: "Id of the CountryStatusChanged event (the changeId in the country's history)",
  })
  policyEventId!: string;

  @ApiProperty({ example: 'KH', description: 'ISO 3166-1 alpha-2 code of the country whose entry changed' })
  countryCode!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 3, description: "The country's policy version the change recorded" })
  policyVersion!: number;

  @ApiProperty({ enum: POLICY_STATUSES, example: 'denial-with-exceptions', description: 'Status before the trigger' })
  from!: PolicyStatus;

  @ApiProperty({ enum: POLICY_STATUSES, example: 'not-listed', description: 'Status from effectiveOn' })
  to!: PolicyStatus;

  @ApiProperty({ type: CitationResponse })
  citation!: CitationResponse;

  @ApiProperty({
    format: 'date',
    example: '2025-11-07',
    description: "The day the trigger comes into force: the change's effectiveOn, or the day after a suspension ends",
  })
  effectiveOn!: string;

  @ApiProperty(exceptionsRemovedProperty())
  exceptionsRemoved!: ExceptionCode[];

  @ApiProperty({
    example: false,
    description: "True when the change corrects the register's history (docs/regulatory-fidelity.md) rather than the law",
  })
  correction!: boolean;
}

/** A re-evaluation run and its progress (OpenAPI documentation of {@link ReevaluationRunView}). */
export class ReevaluationRunResponse implements ReevaluationRunView {
  @ApiProperty({ format: 'uuid', example: '0d6f3c1e-8a53-5b7e-9c42-4f1a2b3c4d5e', description: 'The run id (reevaluationId)' })
  id!: string;

  @ApiProperty({
    enum: REEVALUATION_RUN_STATUSES,
    example: 'completed',
    description:
      '`scheduled` from the moment its change is recorded until it comes due and starts; `running`; `completed` once ' +
      'every selected case is accounted for; `cancelled` for a suspension lapse superseded by a later change in force ' +
      'on or before it',
  })
  status!: ReevaluationRunStatus;

  @ApiProperty({
    enum: REEVALUATION_KINDS,
    example: 'status-change',
    description: '`status-change`: the change came into force; `suspension-lapse`: a suspended denial applies again',
  })
  kind!: ReevaluationKind;

  @ApiProperty({ type: ReevaluationTriggerResponse })
  trigger!: ReevaluationTriggerResponse;

  @ApiProperty({ format: 'date', example: '2025-11-07', description: 'The day the run comes due (trigger.effectiveOn)' })
  scheduledFor!: string;

  @ApiCount(12, 'Cases selected when the run started (the cases it reached, once completed); 0 before it starts')
  total!: number;

  @ApiCount(12, 'changed + revised + unchanged + flagged + notAffected')
  processed!: number;

  @ApiCount(5, 'Cases whose review track changed (ReviewTrackChanged)')
  changed!: number;

  @ApiCount(2, 'Pending cases left on their track whose determinations or flags changed (DeterminationsRevised)')
  revised!: number;

  @ApiCount(6, 'Cases re-determined with nothing changed (nothing recorded)')
  unchanged!: number;

  @ApiCount(1, 'Live licences flagged for review on a tightening (LicenceFlaggedForReview)')
  flagged!: number;

  @ApiCount(0, 'Cases selected but decided (or whose licence ended) before the run reached them')
  notAffected!: number;

  @ApiCount(0, 'Cases submitted concurrently on the outdated policy version and caught after the pass; not in processed')
  caughtLate!: number;

  @ApiProperty({ format: 'date-time', example: '2025-11-10T12:00:00.012Z', description: 'When the change that scheduled the run was recorded' })
  recordedAt!: string;

  @ApiNullableDate('2025-11-10T12:00:01.000Z', 'When the run started; null while scheduled', 'date-time')
  startedAt!: string | null;

  @ApiNullableDate('2025-11-10T12:00:02.000Z', 'When the run completed; null until then', 'date-time')
  completedAt!: string | null;

  @ApiProperty({ format: 'date-time', example: '2025-11-10T12:00:02.000Z', description: 'When the last event about the run was recorded' })
  updatedAt!: string;
}
