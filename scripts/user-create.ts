/**
 * `npm run user:create -- --email EMAIL --name NAME [--role viewer|importer|admin | --admin]`
 *
 * Creates a user who logs in with EMAIL and a password, in the configured database
 * (DATABASE_URL, or the embedded PGlite). The first admin is made this way; admins can then add
 * users at /admin/users. The password is read from HYOKA_PASSWORD, else asked for on the
 * terminal (never taken as an argument, where the process list would show it).
 */
import { parseCli } from './cli-args';
import { createAuth } from '../db/auth/auth';
import { createUser, newUserSchema } from '../db/auth/users';
import { openDatabase } from '../db/client';
import { isRole } from '../db/domain/access';

const USAGE = '使い方 / usage: npm run user:create -- --email EMAIL --name NAME [--role viewer|importer|admin | --admin]';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const { values } = parseCli(USAGE, {
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    admin: { type: 'boolean', default: false },
  },
});
const role = values.admin ? 'admin' : (values.role ?? 'viewer');
if (!values.email || !values.name) fail(`--email と --name が必要です / --email and --name are required\n${USAGE}`);
if (!isRole(role)) fail(`役割は viewer, importer, admin のいずれかです / the role must be viewer, importer or admin: ${role}`);

/** Reads one line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    process.stdout.write(prompt);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let answer = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\u0003') {
          process.stdout.write('\n');
          process.exit(130);
        } else if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(answer);
          return;
        } else if (ch === '\u007f' || ch === '\b') {
          answer = answer.slice(0, -1);
        } else {
          answer += ch;
        }
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (process.env.HYOKA_PASSWORD) return process.env.HYOKA_PASSWORD;
  if (!process.stdin.isTTY) fail('HYOKA_PASSWORD を設定してください / set HYOKA_PASSWORD (no terminal to ask on)');
  const first = await askHidden('パスワード / password: ');
  const second = await askHidden('もう一度 / again: ');
  if (first !== second) fail('パスワードが一致しません / the passwords differ', 1);
  return first;
}

const input = { email: values.email, name: values.name, role, password: await readPassword() };
const parsed = newUserSchema.safeParse(input);
if (!parsed.success) {
  fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'), 1);
}

const handle = await openDatabase();
try {
  const auth = await createAuth(handle.db);
  const user = await createUser(auth, parsed.data);
  console.log(`利用者を作成しました / user created: ${user.name} <${user.email}> (${user.role}) — ${handle.driver}: ${handle.location}`);
} catch (error) {
  console.error(`作成できませんでした / could not create the user: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
