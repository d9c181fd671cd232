import { parseArgs } from 'node:util';
import { mintToken } from './shared/auth/jwt';
import { isRole, ROLES, type Role } from './shared/auth/roles';
import { GENERATE_USAGE, generateCommand } from './demo-data/generate.command';
import { REBUILD_USAGE, rebuildCommand } from './shared/read-models/rebuild/rebuild.command';
import { REPLAY_USAGE, replayCommand } from './audit/cli/replay.command';
import { VERIFY_USAGE, verifyCommand } from './audit/cli/verify.command';
import { COPY_USAGE, copyCommand } from './store-copy/copy.command';

const USAGE = `Usage:
  token --sub <user> --roles <role,role> [--expires-in <seconds>]
      Mints an HS256 bearer token signed with JWT_SECRET (from the environment).
      Roles: ${ROLES.join(', ')}
${REBUILD_USAGE}
${VERIFY_USAGE}
${REPLAY_USAGE}
${GENERATE_USAGE}
${COPY_USAGE}`;

function token(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: { sub: { type: 'string' }, roles: { type: 'string' }, 'expires-in': { type: 'string' } },
  });
  const secret = process.env.JWT_SECRET;
  if (!secret) {
    process.stderr.write('JWT_SECRET is not set: use the secret the server runs with.\n');
    return 2;
  }
  const roles = (values.roles ?? '').split(',').map((role) => role.trim()).filter(Boolean);
  const unknown = roles.filter((role) => !isRole(role));
  if (!values.sub || roles.length === 0 || unknown.length > 0) {
    if (unknown.length > 0) process.stderr.write(`Unknown roles: ${unknown.join(', ')}\n`);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const expires = values['expires-in'] ? Number(values['expires-in']) : undefined;
  if (expires !== undefined && (!Number.isInteger(expires) || expires <= 0)) {
    process.stderr.write('--expires-in must be a positive number of seconds\n');
    return 2;
  }
  process.stdout.write(
    `${mintToken(secret, { sub: values.sub, roles: roles as Role[], ...(expires ? { expiresInSeconds: expires } : {}) })}\n`,
  );
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'token') return token(rest);
    const io = { env: process.env, stdout: process.stdout, stderr: process.stderr };
    if (command === 'rebuild') return await rebuildCommand(rest, io);
    if (command === 'verify') return await verifyCommand(rest, io);
    if (command === 'replay') return await replayCommand(rest, io);
    if (command === 'generate') return await generateCommand(rest, io);
    if (command === 'copy') return await copyCommand(rest, io);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  process.stderr.write(`${USAGE}\n`);
  return command === undefined || command === 'help' ? 0 : 2;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
