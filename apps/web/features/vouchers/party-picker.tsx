'use client';

import { partyPageSchema, type VoucherTypeDefinition } from '@tritiq/contracts';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { partyNoun } from './paths';
import { RemoteSelect } from './remote-select';

export type VoucherParty = z.output<typeof partyPageSchema>['items'][number];

/**
 * A voucher's customer or vendor (as its type says), searched by name as you type; `onCreate`
 * offers "Create '…'" when nothing matches.
 */
export function PartyPicker({
  def,
  value,
  onChange,
  error,
  autoFocus,
  onCreate,
}: {
  def: VoucherTypeDefinition;
  value: VoucherParty | null;
  onChange: (party: VoucherParty | null) => void;
  error?: string;
  autoFocus?: boolean;
  onCreate?: (text: string) => void;
}) {
  const noun = partyNoun(def);
  return (
    <RemoteSelect<VoucherParty>
      label={noun}
      required
      placeholder={`Search ${noun.toLowerCase()}s`}
      autoFocus={autoFocus}
      onCreate={onCreate}
      load={(search) =>
        api.get(`/${def.party?.kind ?? 'customer'}s`, partyPageSchema, { search: search || undefined, limit: 30 }).then((p) => p.items)
      }
      idOf={(p) => p.id}
      labelOf={(p) => p.name}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
