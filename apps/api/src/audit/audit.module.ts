import { Module } from '@nestjs/common';
import { AuditSealer } from './audit-sealer';
import { CaseReplayController } from './case-replay/case-replay.http.controller';
import { GetAnchorController } from './get-anchor/get-anchor.http.controller';
import { SealLogController } from './seal-log/seal-log.http.controller';
import { VerifyIntegrityController } from './verify-integrity/verify-integrity.http.controller';

/** Auditors' routes: integrity verification, the anchor, on-demand seals; and the periodic sealer. */
@Module({
  controllers: [VerifyIntegrityController, GetAnchorController, SealLogController, CaseReplayController],
  providers: [AuditSealer],
})
export class AuditModule {}
