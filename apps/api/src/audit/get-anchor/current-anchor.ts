import { formatAnchor, readLogHead, type EventStore } from '@app/infra';
import type { Clock } from '../../shared/clock/clock';

export interface AnchorView {
  position: string | null;
  hash: string;
  anchor: string;
  sealedUpTo: string | null;
  readAt: string;
}

/** The head as of now, from the last seal forwards (served by GET /audit/anchor and put in every dossier). */
export async function currentAnchor(store: EventStore, clock: Clock): Promise<AnchorView> {
  const head = await readLogHead(store);
  return {
    position: head.position,
    hash: head.hash,
    anchor: formatAnchor({ position: head.position ?? '0', hash: head.hash }),
    sealedUpTo: head.lastSeal?.data.sealedUpTo ?? null,
    readAt: clock.now().toISOString(),
  };
}
