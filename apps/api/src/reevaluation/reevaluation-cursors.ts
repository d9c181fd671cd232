import { decodeOpaqueCursor, encodeOpaqueCursor, invalidCursor } from '../shared/http/keyset-page';

/*
 * The keyset cursors of the two re-evaluation lists, opaque to clients: base64url of a small JSON array whose first
 * element names the list, so a cursor of one list handed to the other (or to GET /applications) is refused rather
 * than read as a position it never was.
 */

const RUNS = 'runs';
const CASES = 'cases';

function encode(kind: string, key: unknown): string {
  return encodeOpaqueCursor([kind, key]);
}

/** The sort key of a cursor labelled `kind`. @throws ProblemException 400 INVALID_CURSOR for anything else. */
function decode(token: string, kind: string): unknown {
  const decoded = decodeOpaqueCursor(token);
  if (decoded.length !== 2 || decoded[0] !== kind) throw invalidCursor();
  return decoded[1];
}

/** Where a page of runs stopped: the last run's `seq` (runs are listed by `seq` descending). */
export function encodeRunCursor(seq: number): string {
  return encode(RUNS, seq);
}

/** Reads a runs cursor this API issued; anything else is a 400 problem with code INVALID_CURSOR. */
export function decodeRunCursor(token: string): number {
  const seq = decode(token, RUNS);
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) throw invalidCursor();
  return seq;
}

/** Where a page of a run's cases stopped: the last application id (cases are listed by id ascending). */
export function encodeCaseCursor(applicationId: string): string {
  return encode(CASES, applicationId);
}

/** Reads a cases cursor this API issued; anything else is a 400 problem with code INVALID_CURSOR. */
export function decodeCaseCursor(token: string): string {
  const applicationId = decode(token, CASES);
  if (typeof applicationId !== 'string' || applicationId === '' || applicationId.length > 100) throw invalidCursor();
  return applicationId;
}
