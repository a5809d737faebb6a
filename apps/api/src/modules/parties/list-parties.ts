import type { PartyKind } from '@tritiq/contracts';
import { z } from 'zod';
import type { Actor } from '../../lib/actor';
import { decodeCursor, pageOf } from '../../lib/cursor';
import type { PartyDeps } from './parties.deps';
import { presentParty } from './parties.rules';
import * as repo from './parties.repo';

export async function listParties(
  deps: Pick<PartyDeps, 'sessions'>,
  actor: Actor,
  kind: PartyKind,
  query: { search?: string; activeOnly: boolean; limit: number; cursor?: string },
) {
  const { sessions } = deps;
  const after = decodeCursor(query.cursor, z.tuple([z.string()]));
  const rows = await sessions.transaction(
    (tx) =>
      repo.findParties(tx, actor.organizationId, kind, {
        search: query.search || undefined,
        activeOnly: query.activeOnly,
        limit: query.limit + 1,
        after: after?.[0],
      }),
    { organizationId: actor.organizationId, readOnly: true, label: `${kind}.list` },
  );
  return pageOf(rows, query.limit, presentParty, (r) => [r.name.toLowerCase()]);
}
