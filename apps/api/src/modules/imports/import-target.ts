import { ORG_ADMIN_ROLES, type Role } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import type { SessionManager } from '../../db/session';
import type { Actor } from '../../lib/actor';

export class ImportTargetError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who a command-line import acts as: an active admin of the organisation named by id or by name
 * (case apart), the one given by `asEmail` or else the earliest created. The rows it writes and
 * its audit event carry that user, as if they had uploaded the file (README "Import").
 */
export async function findImportActor(
  sessions: SessionManager,
  target: { organization: string; asEmail?: string },
  meta: Actor['meta'],
): Promise<{ actor: Actor; organizationName: string }> {
  return sessions.run(
    async (db) => {
      const orgs = await queryRows<{ id: string; name: string }>(
        db,
        UUID.test(target.organization)
          ? sql`SELECT id, name FROM organizations WHERE id = ${target.organization}`
          : sql`SELECT id, name FROM organizations WHERE lower(name) = lower(${target.organization}) ORDER BY created_at`,
      );
      if (orgs.length === 0) throw new ImportTargetError(`No organisation is named "${target.organization}" or has that id`);
      if (orgs.length > 1)
        throw new ImportTargetError(
          `${orgs.length} organisations are named "${target.organization}": name one by its id (${orgs.map((o) => o.id).join(', ')})`,
        );
      const org = orgs[0]!;
      const admins = await queryRows<{ id: string; email: string; role: Role }>(
        db,
        sql`SELECT id, email, role FROM users
            WHERE organization_id = ${org.id} AND is_active AND role IN (${sql.join(
              ORG_ADMIN_ROLES.map((r) => sql`${r}`),
              sql`, `,
            )})
              AND (${target.asEmail ?? null}::text IS NULL OR lower(email) = lower(${target.asEmail ?? null}::text))
            ORDER BY created_at, id LIMIT 1`,
      );
      const admin = admins[0];
      if (!admin)
        throw new ImportTargetError(
          target.asEmail ? `${target.asEmail} is not an active admin of ${org.name}` : `${org.name} has no active admin to import as`,
        );
      return {
        actor: { userId: admin.id, email: admin.email, role: admin.role, organizationId: org.id, meta },
        organizationName: org.name,
      };
    },
    { platform: true, label: 'import.target' },
  );
}
