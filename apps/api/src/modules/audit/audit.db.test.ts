import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema';
import { createOrganization } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { verifyAuditChains } from './audit.verify';
import { ownerDb } from '../../test/test-db';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** An organisation's events are written in its tenant context, the platform's in the platform context. */
const contextOf = (organizationId: string | null) => (organizationId ? { organizationId } : { platform: true });

async function writeEvents(organizationId: string | null, count: number) {
  for (let i = 0; i < count; i++) {
    await t.deps.sessions.transaction(
      (tx) =>
        t.deps.audit.record(tx, {
          organizationId,
          actor: { userId: null, email: 'actor@example.test' },
          action: 'test.event',
          targetType: 'thing',
          targetId: String(i),
          details: { n: i, nested: { z: 1, a: [1, 'two'] } },
          meta: { ip: '10.0.0.1', userAgent: 'vitest' },
        }),
      contextOf(organizationId),
    );
  }
}

/** Tampering needs the append-only trigger out of the way, as an attacker with DDL rights would. */
async function tamper(statement: ReturnType<typeof sql>) {
  await ownerDb(t.deps.handle).transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER USER`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER USER`);
  });
}

describe('audit trail', () => {
  it('chains events per organisation and verifies', async () => {
    const org = await createOrganization(t.deps);
    await writeEvents(org.id, 3);
    await writeEvents(null, 2);
    const rows = await ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.organizationId, org.id));
    expect(rows.map((r) => r.seq).sort()).toEqual([1, 2, 3]);
    const result = await verifyAuditChains(ownerDb(t.deps.handle));
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(result.events).toBeGreaterThanOrEqual(5);
  });

  it('an event written in a rolled-back transaction leaves no row and no gap', async () => {
    const org = await createOrganization(t.deps);
    await writeEvents(org.id, 1);
    await expect(
      t.deps.sessions.transaction(async (tx) => {
        await t.deps.audit.record(tx, { organizationId: org.id, actor: null, action: 'doomed' });
        throw new Error('roll back');
      }, contextOf(org.id)),
    ).rejects.toThrow('roll back');
    await writeEvents(org.id, 1);
    const rows = await ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.organizationId, org.id));
    expect(rows.map((r) => r.action)).not.toContain('doomed');
    expect(rows.map((r) => r.seq).sort()).toEqual([1, 2]);
    expect((await verifyAuditChains(ownerDb(t.deps.handle))).ok).toBe(true);
  });

  it('redacts secrets in details before storing them', async () => {
    const org = await createOrganization(t.deps);
    await t.deps.sessions.transaction(
      (tx) =>
        t.deps.audit.record(tx, {
          organizationId: org.id,
          actor: null,
          action: 'secretive',
          details: { new_password: 'Sup3r$ecret!', user_email: 'x@y.in' },
        }),
      contextOf(org.id),
    );
    const [row] = await ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.organizationId, org.id));
    expect(row!.details).toEqual({ new_password: '[REDACTED]', user_email: 'x@y.in' });
  });

  it('refuses updates and deletes', async () => {
    await writeEvents(null, 1);
    await expect(ownerDb(t.deps.handle).execute(sql`UPDATE audit_events SET action = 'x'`)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/append-only/) },
    });
    await expect(ownerDb(t.deps.handle).execute(sql`DELETE FROM audit_events`)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/append-only/) },
    });
  });

  it('detects an edited row, a deleted row and a deleted tail', async () => {
    const edited = await createOrganization(t.deps);
    const gapped = await createOrganization(t.deps);
    const cut = await createOrganization(t.deps);
    await writeEvents(edited.id, 3);
    await writeEvents(gapped.id, 3);
    await writeEvents(cut.id, 3);
    await tamper(sql`UPDATE audit_events SET details = '{"n": 99}' WHERE organization_id = ${edited.id} AND seq = 2`);
    await tamper(sql`DELETE FROM audit_events WHERE organization_id = ${gapped.id} AND seq = 2`);
    await tamper(sql`DELETE FROM audit_events WHERE organization_id = ${cut.id} AND seq = 3`);
    const result = await verifyAuditChains(ownerDb(t.deps.handle));
    expect(result.ok).toBe(false);
    const about = (id: string) => result.problems.filter((p) => p.chainKey === id).map((p) => p.problem);
    expect(about(edited.id)).toEqual(expect.arrayContaining([expect.stringMatching(/was edited/)]));
    expect(about(gapped.id)).toEqual(expect.arrayContaining([expect.stringMatching(/rows are missing/)]));
    expect(about(cut.id)).toEqual([expect.stringMatching(/head is at seq 3 but the last row is 2/)]);
  });
});
