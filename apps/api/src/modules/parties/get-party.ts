import type { PartyKind } from '@tritiq/contracts';
import type { Actor } from '../../lib/actor';
import { notFound } from '../../lib/app-error';
import type { PartyDeps } from './parties.deps';
import { LABEL, presentParty, type PartyView } from './parties.rules';
import * as repo from './parties.repo';

export async function getParty(deps: Pick<PartyDeps, 'sessions'>, actor: Actor, kind: PartyKind, id: string): Promise<PartyView> {
  const { sessions } = deps;
  const row = await sessions.transaction((tx) => repo.findParty(tx, actor.organizationId, kind, id), {
    organizationId: actor.organizationId,
    readOnly: true,
    label: `${kind}.get`,
  });
  if (!row) throw notFound(LABEL[kind]);
  return presentParty(row);
}
