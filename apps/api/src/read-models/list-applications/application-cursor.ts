import { ProblemException } from '../../shared/http/problem';

/** Where a page of the case list stopped: the last item's sort key (submittedAt DESC, id DESC). */
export interface ApplicationCursor {
  readonly submittedAt: string;
  readonly applicationId: string;
}

const BASE64URL = /^[A-Za-z0-9_-]{1,400}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** The cursor is opaque to clients: base64url of a small JSON array. */
export function encodeCursor(cursor: ApplicationCursor): string {
  return Buffer.from(JSON.stringify([cursor.submittedAt, cursor.applicationId]), 'utf8').toString('base64url');
}

/** Reads a cursor this API issued; anything else is a 400 problem with code INVALID_CURSOR. */
export function decodeCursor(token: string): ApplicationCursor {
  const invalid = new ProblemException(
    400,
    'INVALID_CURSOR',
    'Invalid cursor',
    'cursor must be a nextCursor returned by this endpoint; start again without a cursor',
  );
  if (!BASE64URL.test(token)) throw invalid;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    typeof decoded[0] !== 'string' ||
    !INSTANT.test(decoded[0]) ||
    typeof decoded[1] !== 'string' ||
    decoded[1] === '' ||
    decoded[1].length > 100
  ) {
    throw invalid;
  }
  return { submittedAt: decoded[0], applicationId: decoded[1] };
}
