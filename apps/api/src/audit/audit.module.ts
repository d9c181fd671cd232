import { Module } from '@nestjs/common';
import { CountryPolicyModule } from '../country-policy/country-policy.module';
import { AuditSealer } from './audit-sealer';
import { CaseDossierController } from './case-dossier/case-dossier.http.controller';
import { CaseReplayController } from './case-replay/case-replay.http.controller';
import { GetAnchorController } from './get-anchor/get-anchor.http.controller';
import { SealLogController } from './seal-log/seal-log.http.controller';
import { VerifyIntegrityController } from './verify-integrity/verify-integrity.http.controller';

/** Auditors' routes (integrity, anchor, on-demand seals, case replay and dossier) and the periodic sealer. */
@Module({
  imports: [CountryPolicyModule],
  controllers: [VerifyIntegrityController, GetAnchorController, SealLogController, CaseReplayController, CaseDossierController],
  providers: [AuditSealer],
})
export class AuditModule {}
