import type pg from 'pg';

/**
 * The least-privilege database setup (README "Database roles and row-level security"): the API
 * logs in as a role that owns nothing and is a member of tritiq_app only (row-level security
 * confines it to the organisation in `app.org_id`; `RESET ROLE` returns to itself), and reaches the
 * platform context through a second login that is a member of tritiq_platform. Both NOSUPERUSER,
 * NOBYPASSRLS, NOCREATEROLE, NOCREATEDB. The NOLOGIN roles tritiq_app and tritiq_platform are made
 * by the migrations, so this runs after them, as a role that may create roles (the owner with
 * CREATEROLE, or a superuser).
 */
export interface LoginRole {
  name: string;
  password: string | null;
}

export interface LoginRoles {
  /** DATABASE_URL's user: tenant transactions. */
  api: LoginRole;
  /** DATABASE_PLATFORM_URL's user: the platform context. */
  platform: LoginRole;
}

/** The user and password of a postgres:// URL. */
export function loginOf(url: string): LoginRole {
  const u = new URL(url);
  const name = decodeURIComponent(u.username);
  if (!name) throw new Error('The URL names no user');
  return { name, password: u.password ? decodeURIComponent(u.password) : null };
}

const ATTRIBUTES = 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB NOREPLICATION INHERIT';

async function ensureLogin(client: pg.ClientBase, role: LoginRole, memberOf: string): Promise<void> {
  const ident = (await client.query<{ q: string }>('SELECT quote_ident($1) AS q', [role.name])).rows[0]!.q;
  const password =
    role.password === null ? 'NULL' : (await client.query<{ q: string }>('SELECT quote_literal($1) AS q', [role.password])).rows[0]!.q;
  // Roles are shared by the whole cluster: another session may create the same one at the same moment.
  await client.query(`DO $$
BEGIN
  CREATE ROLE ${ident} ${ATTRIBUTES};
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$`);
  await client.query(`ALTER ROLE ${ident} ${ATTRIBUTES} PASSWORD ${password}`);
  await client.query(`DO $$
BEGIN
  GRANT ${memberOf} TO ${ident};
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$`);
}

/** Creates (or brings back into line) the two login roles. */
export async function ensureLoginRoles(client: pg.ClientBase, roles: LoginRoles): Promise<void> {
  if (roles.api.name === roles.platform.name) throw new Error('The API login and the platform login must be different roles');
  await ensureLogin(client, roles.api, 'tritiq_app');
  await ensureLogin(client, roles.platform, 'tritiq_platform');
  // The API login must never be able to reach the platform: a membership granted by hand is refused.
  const { rows } = await client.query<{ member: boolean; owns: number }>(
    `SELECT pg_has_role($1, 'tritiq_platform', 'MEMBER') AS member,
            (SELECT count(*)::int FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1) AS owns`,
    [roles.api.name],
  );
  if (rows[0]!.member)
    throw new Error(`${roles.api.name} is a member of tritiq_platform: revoke it (REVOKE tritiq_platform FROM ${roles.api.name})`);
  if (rows[0]!.owns > 0) throw new Error(`${roles.api.name} owns tables: the API login must own nothing`);
}

/** The same server and database, logged in as another role. */
export function withLogin(url: string, role: LoginRole): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role.name);
  u.password = role.password ? encodeURIComponent(role.password) : '';
  return u.toString();
}
