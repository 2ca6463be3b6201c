/**
 * `npm run user:create -- --email EMAIL --name NAME [--role viewer|importer|admin | --admin]`
 *
 * Creates a user who logs in with EMAIL and a password, in the configured database
 * (DATABASE_URL, or the embedded PGlite). The first admin is made this way; admins can then add
 * users at /admin/users. The password is read from HYOKA_PASSWORD, else asked for on the
 * terminal (never taken as an argument, where the process list would show it).
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createAuth } from '../db/auth/auth';
import { createUser, newUserSchema } from '../db/auth/users';
import { openDatabase } from '../db/client';
import { isRole } from '../db/domain/access';

const USAGE = '使い方 / usage: npm run user:create -- --email EMAIL --name NAME [--role viewer|importer|admin | --admin]';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let values: { email?: string; name?: string; role?: string; admin?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      admin: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const role = values.admin ? 'admin' : (values.role ?? 'viewer');
if (!values.email || !values.name) fail(`--email と --name が必要です / --email and --name are required\n${USAGE}`);
if (!isRole(role)) fail(`役割は viewer, importer, admin のいずれかです / the role must be viewer, importer or admin: ${role}`);

async function readPassword(): Promise<string> {
  if (process.env.HYOKA_PASSWORD) return process.env.HYOKA_PASSWORD;
  if (!process.stdin.isTTY) fail('HYOKA_PASSWORD を設定してください / set HYOKA_PASSWORD (no terminal to ask on)');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide what is typed: readline echoes through _writeToOutput.
  const hidden = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let asking = false;
  hidden._writeToOutput = (s: string) => {
    if (!asking || s.includes('\n') || s.includes('\r')) hidden.output.write(asking ? '\n' : s);
  };
  const ask = async (prompt: string) => {
    process.stdout.write(prompt);
    asking = true;
    const answer = await rl.question('');
    asking = false;
    return answer;
  };
  const first = await ask('パスワード / password: ');
  const second = await ask('もう一度 / again: ');
  rl.close();
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
