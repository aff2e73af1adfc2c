// The harness of the Permission-versus-mutation test (test/api/workflow/permissions.test.ts): for a
// record kind, its states and its actions, it reads `can` as every role and calls each action's
// mutation with its default input, then reports every disagreement (DOMAIN.md, "What the viewer
// may do: the server says, the screens follow").
import {
  ErrorCode,
  INVOICE_STATUS_LABEL,
  PURCHASE_ORDER_STAGE_LABEL,
  PURCHASE_ORDER_STATUS_LABEL,
  ROLES,
  SALES_ORDER_STATUS_LABEL,
  type Permission,
  type Role,
} from '../../packages/domain/src/index.js';
import pg from 'pg';
import type { GqlResult, TestApp } from './api-app.js';

export type Vars = Record<string, unknown>;

/** One mutation call: the operation, its payload field and its variables. */
export interface Call {
  op: string;
  field: string;
  vars: Vars;
}

/** What a builder made: the record's id (and its project's, for notes). */
export interface Ref {
  id: string;
  projectId?: string;
}

export interface Action {
  /** The mutation with the action's default input, from the record as an admin reads it. */
  call: (record: any, ref: Ref) => Call | Promise<Call>;
  /** The code a refused call answers when the default input itself decides it (else the permission's). */
  refusedWith?: (p: Permission, record: any) => string | null;
}

export interface Kind {
  name: string;
  /** The record as `token` reads it: what the default inputs need, and `can`. */
  read: (ref: Ref, token: string) => Promise<any>;
  actions: Record<string, Action>;
}

export interface State {
  name: string;
  build: (viewer: Role) => Promise<Ref>;
  /** The record depends on who looks (a note of the viewer's own): built once per role. */
  perViewer?: boolean;
  /** What the admin's read of a freshly built record must show (the builder reached its state). */
  is?: Record<string, unknown>;
}

/** The selection of one Permission per action: `createInvoice { allowed code reason } …`. */
export const permissionFields = (actions: readonly string[]) => actions.map((a) => `${a} { allowed code reason }`).join(' ');

// ── the reason a person reads ──

/** Enum names a reason may never show. "OK" is left out: the users' word for that flag is "OK" too. */
const ENUM_NAMES = new Set(
  [
    ...Object.keys(SALES_ORDER_STATUS_LABEL),
    ...Object.keys(PURCHASE_ORDER_STAGE_LABEL),
    ...Object.keys(PURCHASE_ORDER_STATUS_LABEL),
    ...Object.keys(INVOICE_STATUS_LABEL),
    ...ROLES,
    ...Object.values(ErrorCode),
  ].filter((w) => w !== 'OK'),
);

/** What is wrong with a permission's shape and words, if anything. */
export function permissionProblems(p: Permission): string[] {
  if (p.allowed) return p.code === null && p.reason === null ? [] : ['allowed, yet it carries a code or a reason'];
  const problems: string[] = [];
  const reason = p.reason ?? '';
  if (!p.code) problems.push('refused without a code');
  if (!/^[A-Z0-9“"].*[.!?]$/s.test(reason.trim())) problems.push('the reason is not a sentence');
  if (/\b[A-Z]{2,}(_[A-Z]+)+\b/.test(reason)) problems.push('the reason shows an enum name');
  const capitals = (reason.match(/\b[A-Z]{2,}\b/g) ?? []).filter((w) => ENUM_NAMES.has(w));
  if (capitals.length) problems.push(`the reason shows ${capitals.join(', ')}`);
  if (/cents?\b/i.test(reason)) problems.push('the reason speaks of cents');
  // A bare run of 4+ digits that is not a document number (SO-1001): an amount in cents.
  if (/(?<![A-Z]{2,4}-)\b\d{4,}\b/.test(reason)) problems.push('the reason shows a bare figure');
  return problems;
}

// ── nothing written: a fingerprint of every table of the organization ──

/**
 * Per table holding `organization_id` (sessions aside): its rows of the organization and the newest
 * transaction that wrote one of them (`xmin`). Any insert, update or delete changes one or the other.
 * Of the e-mail outbox only the count: its delivery worker updates rows in the background.
 */
async function fingerprintQuery(app: TestApp): Promise<string> {
  const tables = (
    // Tables only: the figure views hold organization_id too, but store nothing.
    await app.sql<{ name: string }>(
      `select distinct c.table_name as name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
       where c.table_schema = current_schema() and c.column_name = 'organization_id' order by 1`,
    )
  ).map((r) => r.name);
  return tables
    .filter((n) => n !== 'session')
    .map((n) => {
      const newest = n === 'outbox_email' ? '' : ` || '@' || coalesce(max(xmin::text::bigint), 0)`;
      return `select '${n}' as name, count(*) || ' rows'${newest} as state from "${n}" where organization_id = $1::uuid`;
    })
    .join(' union all ');
}

// ── the run ──

const SHORT: Record<string, string> = { FORBIDDEN: 'F', INVALID_TRANSITION: 'IT', LOCKED: 'L', INVALID_INPUT: 'II', INSUFFICIENT_STOCK: 'IS' };
export const LEGEND = '✓ allowed and the call succeeded · F FORBIDDEN · IT INVALID_TRANSITION · L LOCKED · II INVALID_INPUT · IS INSUFFICIENT_STOCK · ✗ the mutation disagreed';

/** Copies of a state built and called at the same time (the server waits on the database most of the time). */
const COPIES_AT_ONCE = 4;

async function inParallel(tasks: readonly (() => Promise<void>)[], n: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
}

export interface Tally {
  states: number;
  permissions: number;
  calls: number;
  builds: number;
}

export interface Checker {
  run(kind: Kind, states: readonly State[]): Promise<{ wrong: string[]; table: string }>;
  tally: Tally;
  /** GraphQL requests made through the app, builders' included. */
  requests: () => number;
  close: () => Promise<void>;
}

/** `tokens` per role; the organization whose tables must stay unchanged by a refused call. */
export async function checker(app: TestApp, tokens: Record<Role, string>, organizationId: string): Promise<Checker> {
  const sql = await fingerprintQuery(app);
  // A connection of its own, kept open: a fingerprint is taken around every refused call.
  const db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  const fingerprint = async () => new Map((await db.query<{ name: string; state: string }>(sql, [organizationId])).rows.map((t) => [t.name, t.state]));
  // Count requests and mutations: a fingerprint stays valid while no mutation ran since it was taken.
  const raw = app.gql.bind(app);
  let requests = 0;
  let mutations = 0;
  app.gql = ((query: string, variables?: Vars, opts?: Parameters<TestApp['gql']>[2]) => {
    requests++;
    if (query.trimStart().startsWith('mutation')) mutations++;
    return raw(query, variables, opts);
  }) as TestApp['gql'];
  let last = { fp: new Map<string, string>(), at: -1 };
  const current = async () => {
    if (last.at !== mutations) last = { fp: await fingerprint(), at: mutations };
    return last.fp;
  };
  const tally: Tally = { states: 0, permissions: 0, calls: 0, builds: 0 };

  const answer = (r: GqlResult, field: string): { got: string; detail: string } => {
    if (r.errors?.length) return { got: `top-level ${r.errors[0]?.extensions?.code ?? 'ERROR'}`, detail: JSON.stringify(r.errors.map((e) => ({ code: e.extensions?.code, message: e.message }))) };
    const errors = (r.data?.[field]?.userErrors ?? []) as { code: string; message: string }[];
    return errors.length ? { got: errors[0]?.code ?? '', detail: JSON.stringify(errors) } : { got: 'success', detail: 'no errors' };
  };

  async function run(kind: Kind, states: readonly State[]) {
    const wrong: string[] = [];
    const rows: string[] = [];
    const names = Object.keys(kind.actions);
    const built = async (state: State, viewer: Role) => {
      tally.builds++;
      const ref = await state.build(viewer);
      const record = await kind.read(ref, tokens.ADMIN);
      const off = Object.entries(state.is ?? {}).filter(([k, v]) => record?.[k] !== v);
      if (off.length) throw new Error(`${kind.name} ${state.name}: the builder made ${JSON.stringify(record)}, not ${JSON.stringify(state.is)}`);
      return { ref, record };
    };
    type Built = Awaited<ReturnType<typeof built>>;

    /** Refused: the call answers the permission's code and writes nothing (refusals share one built state). */
    const refused = async (where: string, role: Role, action: Action, p: Permission, shared: Built): Promise<boolean> => {
      const call = await action.call(shared.record, shared.ref);
      const want = p.code === 'FORBIDDEN' ? 'top-level FORBIDDEN' : (action.refusedWith?.(p, shared.record) ?? p.code);
      const before = await current();
      const r = await app.gql(call.op, call.vars, { token: tokens[role] });
      tally.calls++;
      const { got, detail } = answer(r, call.field);
      let agrees = true;
      if (got !== want) {
        agrees = false;
        wrong.push(`${where}: permission ${JSON.stringify(p)}; ${call.field}(${JSON.stringify(call.vars)}) answered ${detail}`);
      }
      const after = await current();
      const written = [...after].filter(([name, state]) => before.get(name) !== state).map(([name]) => name);
      if (written.length) {
        agrees = false;
        wrong.push(`${where}: refused (${got}), yet ${written.join(', ')} changed`);
      }
      return agrees;
    };

    /** Allowed: the call with the default input succeeds, on a copy of the state built for it. */
    const allowed = async (where: string, role: Role, state: State, name: string): Promise<boolean> => {
      const copy = await built(state, role);
      const again = role === 'ADMIN' ? copy.record.can[name] : (await kind.read(copy.ref, tokens[role])).can[name];
      if (!again?.allowed) wrong.push(`${where}: allowed on one copy of the state, not on another (${JSON.stringify(again)}): the builder is not deterministic`);
      const call = await kind.actions[name]!.call(copy.record, copy.ref);
      const r = await app.gql(call.op, call.vars, { token: tokens[role] });
      tally.calls++;
      const { got, detail } = answer(r, call.field);
      if (got === 'success') return true;
      wrong.push(`${where}: permission allowed; ${call.field}(${JSON.stringify(call.vars)}) answered ${detail}`);
      return false;
    };

    for (const state of states) {
      tally.states++;
      const cells = new Map(names.map((n) => [n, ROLES.map(() => '')]));
      const copies: (() => Promise<void>)[] = [];
      let shared: Built | null = null;
      for (const [i, role] of ROLES.entries()) {
        if (!shared || state.perViewer) shared = await built(state, role);
        const seen = role === 'ADMIN' ? shared.record : await kind.read(shared.ref, tokens[role]);
        for (const name of names) {
          const p = seen.can[name] as Permission;
          const where = `${kind.name} ${state.name}, ${name} as ${role}`;
          const cell = (agrees: boolean) => (cells.get(name)![i] = `${p.allowed ? '✓' : (SHORT[p.code ?? ''] ?? p.code)}${agrees ? '' : '✗'}`);
          tally.permissions++;
          for (const problem of permissionProblems(p)) wrong.push(`${where}: ${problem} — ${JSON.stringify(p)}`);
          if (p.allowed)
            copies.push(async () => {
              cell(await allowed(where, role, state, name));
            });
          else cell(await refused(where, role, kind.actions[name]!, p, shared));
        }
      }
      // The copies share nothing with each other nor with the refused calls above: a few at a time.
      await inParallel(copies, COPIES_AT_ONCE);
      for (const name of names) rows.push(`${`${state.name} · ${name}`.padEnd(56)} ${cells.get(name)!.map((c) => c.padEnd(4)).join('')}`);
    }
    const header = `${kind.name.padEnd(56)} ${ROLES.map((r) => r.slice(0, 3).padEnd(4)).join('')}`;
    return { wrong, table: [header, ...rows].join('\n') };
  }

  return { run, tally, requests: () => requests, close: () => db.end() };
}
