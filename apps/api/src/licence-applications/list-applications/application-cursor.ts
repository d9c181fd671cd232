import { decodeOpaqueCursor, encodeOpaqueCursor, invalidCursor } from '../../shared/http/keyset-page';

/** Where a page of the case list stopped: the last item's sort key (submittedAt DESC, id DESC). */
export interface ApplicationCursor {
  readonly submittedAt: string;
  readonly applicationId: string;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** The cursor is opaque to clients: base64url of `[submittedAt, applicationId]`. */
export function encodeCursor(cursor: ApplicationCursor): string {
  return encodeOpaqueCursor([cursor.submittedAt, cursor.applicationId]);
}

/** Reads a cursor this API issued; anything else is a 400 problem with code INVALID_CURSOR. */
export function decodeCursor(token: string): ApplicationCursor {
  const decoded = decodeOpaqueCursor(token);
  const [submittedAt, applicationId] = decoded;
  if (
    decoded.length !== 2 ||
    typeof submittedAt !== 'string' ||
    !INSTANT.test(submittedAt) ||
    typeof applicationId !== 'string' ||
    applicationId === '' ||
    applicationId.length > 100
  ) {
    throw invalidCursor();
  }
  return { submittedAt, applicationId };
}
