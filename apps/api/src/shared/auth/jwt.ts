import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { isRole, type Principal, type Role } from './roles';

/** Only HS256 is accepted: `alg: none` and every other algorithm are refused by `verify`. */
const ALGORITHM = 'HS256';

export class InvalidTokenError extends Error {}

/**
 * The HMAC key of a secret, made once. Given the secret as a string, `jsonwebtoken` turns it into a key on every
 * verification, first trying to parse it as a PEM public key and failing: that cost more than the rest of the
 * check together (a quarter of the guard's time under load).
 */
export function verificationKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

export function verifyToken(token: string, secret: string | KeyObject, now: Date): Principal {
  let claims: string | jwt.JwtPayload;
  try {
    claims = jwt.verify(token, secret, {
      algorithms: [ALGORITHM],
      clockTimestamp: Math.floor(now.getTime() / 1000),
    });
  } catch (error) {
    throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
  }
  if (typeof claims === 'string' || typeof claims.sub !== 'string' || claims.sub.trim() === '') {
    throw new InvalidTokenError('token has no subject');
  }
  if (!Array.isArray(claims.roles) || !claims.roles.every((role) => typeof role === 'string')) {
    throw new InvalidTokenError('token has no roles array');
  }
  return { sub: claims.sub, roles: (claims.roles as string[]).filter(isRole) };
}

export interface MintOptions {
  readonly sub: string;
  readonly roles: readonly Role[];
  /** Lifetime in seconds (default 8 hours, a working day). */
  readonly expiresInSeconds?: number;
}

export function mintToken(secret: string, options: MintOptions): string {
  return jwt.sign({ roles: options.roles }, secret, {
    algorithm: ALGORITHM,
    subject: options.sub,
    expiresIn: options.expiresInSeconds ?? 8 * 60 * 60,
  });
}
