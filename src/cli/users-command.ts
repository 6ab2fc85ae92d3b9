import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import {
  addStaffAccount,
  createStaffUser,
  disableUser,
  enableUser,
  findUserByUsername,
} from '../application/user-service.js';
import { DUTIES_BEFORE_SEPARATION, dutiesLabel } from '../domain/shared/duties.js';
import { scopeLabel } from '../domain/shared/scope.js';
import { parseCommandLine, UsageError } from './args.js';
import { type Session, withSession } from './session.js';

export const usersUsage = `yunsupei users add-staff <用户名> [--password-stdin] [--scope <province|地市代码> --name <姓名>]
    [--duties <accounts,security,audit,business>]
  新增平台工作人员账号（不带 --password-stdin 时交互输入密码）；不带 --scope 时为全省范围，
  已存在同名的工作人员则不作改动；--duties 为职责，逗号分隔（系统管理员 accounts、安全管理员 security、
  审计管理员 audit、业务人员 business），带 --scope 时默认为业务人员
yunsupei users disable <用户名> [--reason <原因>]
  停用用户：其全部登录（网页与 API 令牌）随即失效；正在运行的服务最迟 5 秒内生效
yunsupei users enable <用户名>
  恢复被停用的用户（停用前的登录仍然无效，须重新登录）`;

/** `yunsupei users …`: the operator manages accounts, acting as staff. */
export async function runUsers(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add-staff':
      return addStaff(rest);
    case 'disable':
      return disable(rest);
    case 'enable':
      return enable(rest);
    default:
      throw new UsageError(sub ? `没有这个子命令：${sub}` : '缺少子命令');
  }
}

function oneUsername(positionals: string[]): string {
  const [username, ...extra] = positionals;
  if (!username || extra.length > 0) throw new UsageError('须给出一个用户名');
  return username;
}

async function addStaff(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    'password-stdin': { type: 'boolean' },
    scope: { type: 'string' },
    name: { type: 'string' },
    duties: { type: 'string' },
  });
  const username = oneUsername(positionals);
  const password = values['password-stdin'] ? await readStdin() : await promptHidden('密码: ');
  const { scope, name } = values;
  const duties = values.duties?.split(',').map((duty) => duty.trim());
  return withSession('users', async ({ deps, staff, say }) => {
    // With a scope it is a new account like POST /api/v1/staff; without, the idempotent first account.
    const user =
      scope === undefined && name === undefined && duties === undefined
        ? await createStaffUser(deps, staff, { username, password })
        : await addStaffAccount(deps, staff, { username, password, name, scope, duties });
    const covers = scopeLabel(user.state.scope ?? 'province');
    const holds = dutiesLabel(user.state.duties ?? DUTIES_BEFORE_SEPARATION);
    say(`已就绪：平台工作人员 ${user.state.username}（${user.id}），范围：${covers}，职责：${holds}`);
    return 0;
  });
}

/** Runs `change` on the user holding `username`; its answer is what the operator is told. */
function withUser(
  username: string,
  change: (session: Session, userId: string) => Promise<string>,
): Promise<number> {
  return withSession('users', async (session) => {
    const found = await findUserByUsername(session.deps, username);
    if (!found) {
      process.stderr.write(`yunsupei users: 没有用户名为 ${username} 的用户\n`);
      return 1;
    }
    session.say(await change(session, found.id));
    return 0;
  });
}

function disable(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { reason: { type: 'string' } });
  const input = values.reason === undefined ? {} : { reason: values.reason };
  return withUser(oneUsername(positionals), async ({ deps, staff }, userId) => {
    const user = await disableUser(deps, staff, userId, input);
    return `已停用：${user.state.username}（${user.id}），其全部登录已失效`;
  });
}

function enable(args: string[]): Promise<number> {
  const { positionals } = parseCommandLine(args, {});
  return withUser(oneUsername(positionals), async ({ deps, staff }, userId) => {
    const user = await enableUser(deps, staff, userId);
    return `已恢复：${user.state.username}（${user.id}）`;
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Standard output that can be silenced: the terminal shows the prompt, then none of what is typed. */
function mutableStdout() {
  let muted = false;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  return {
    stream,
    mute() {
      muted = true;
    },
  };
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) return readStdin();
  return new Promise((resolve) => {
    const output = mutableStdout();
    const rl = createInterface({ input: process.stdin, output: output.stream, terminal: true });
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    output.mute();
  });
}
