import { asc, eq, gt, and } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { auditChainHeads, auditEvents } from '../../db/schema';
import { canonicalPayload, chainHash, GENESIS_HASH } from './audit.chain';

export interface ChainProblem {
  chainKey: string;
  seq: number | null;
  problem: string;
}

export interface AuditVerification {
  ok: boolean;
  chains: number;
  events: number;
  problems: ChainProblem[];
}

const PAGE = 5_000;

/**
 * Walks every chain in order and recomputes each hash. Detects an edited row (hash mismatch),
 * a removed row (sequence gap or broken link) and a removed tail (head ahead of the last row).
 */
export async function verifyAuditChains(db: Executor, options: { maxProblems?: number } = {}): Promise<AuditVerification> {
  const maxProblems = options.maxProblems ?? 100;
  const heads = await db.select().from(auditChainHeads).orderBy(asc(auditChainHeads.chainKey));
  const problems: ChainProblem[] = [];
  let events = 0;
  const push = (p: ChainProblem) => {
    if (problems.length < maxProblems) problems.push(p);
  };

  const headKeys = new Set(heads.map((h) => h.chainKey));
  const orphanChains = await db.selectDistinct({ chainKey: auditEvents.chainKey }).from(auditEvents);
  for (const { chainKey } of orphanChains) {
    if (!headKeys.has(chainKey)) push({ chainKey, seq: null, problem: 'events exist for a chain with no head row' });
  }

  for (const head of heads) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let lastSeq = 0;
    for (;;) {
      const rows = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.chainKey, head.chainKey), gt(auditEvents.seq, lastSeq)))
        .orderBy(asc(auditEvents.seq))
        .limit(PAGE);
      for (const row of rows) {
        events++;
        if (row.seq !== expectedSeq) {
          push({ chainKey: head.chainKey, seq: row.seq, problem: `expected seq ${expectedSeq}: rows are missing` });
        }
        if (row.prevHash !== prevHash) {
          push({ chainKey: head.chainKey, seq: row.seq, problem: 'prev_hash does not match the previous row' });
        }
        const recomputed = chainHash(row.prevHash, canonicalPayload(row));
        if (recomputed !== row.hash) {
          push({ chainKey: head.chainKey, seq: row.seq, problem: 'content does not match its hash (row was edited)' });
        }
        prevHash = row.hash;
        expectedSeq = row.seq + 1;
        lastSeq = row.seq;
      }
      if (rows.length < PAGE) break;
    }
    if (head.seq !== lastSeq) {
      push({ chainKey: head.chainKey, seq: head.seq, problem: `head is at seq ${head.seq} but the last row is ${lastSeq}` });
    } else if (head.lastHash !== prevHash) {
      push({ chainKey: head.chainKey, seq: head.seq, problem: 'head hash does not match the last row' });
    }
  }
  return { ok: problems.length === 0, chains: heads.length, events, problems };
}

export function formatVerification(result: AuditVerification): string {
  const lines = [
    `Audit chains: ${result.chains}, events: ${result.events}`,
    result.ok ? 'OK: every chain verifies.' : `FAILED: ${result.problems.length} problem(s):`,
  ];
  for (const p of result.problems) lines.push(`  - chain ${p.chainKey}${p.seq === null ? '' : ` seq ${p.seq}`}: ${p.problem}`);
  return lines.join('\n');
}
