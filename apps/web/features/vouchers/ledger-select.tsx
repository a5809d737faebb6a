'use client';

import { ledgerPageSchema } from '@tritiq/contracts';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { amount } from '@/lib/format';
import { RemoteSelect, type RemoteSelectProps } from './remote-select';

export type Ledger = z.output<typeof ledgerPageSchema>['items'][number];

/** A signed balance (Dr +, Cr −) as the books show it: "1,180.00 Dr". */
export function drCr(signed: string): string {
  if (/^-?0(\.0+)?$/.test(signed)) return '0.00';
  return signed.startsWith('-') ? `${amount(signed.slice(1))} Cr` : `${amount(signed)} Dr`;
}

/**
 * A ledger picker over `GET /accounts/ledgers` (the API searches by name): `kind` narrows it to
 * cash and bank ledgers, or to every ledger but a party's; `under` to default groups. Each option
 * shows the ledger's group and balance.
 */
export function LedgerSelect({
  kind = 'all',
  under,
  ...rest
}: Omit<RemoteSelectProps<Ledger>, 'load' | 'idOf' | 'labelOf' | 'describe'> & {
  kind?: 'all' | 'party' | 'other' | 'cash_bank';
  under?: readonly string[];
}) {
  return (
    <RemoteSelect<Ledger>
      {...rest}
      load={(search) =>
        api
          .get('/accounts/ledgers', ledgerPageSchema, {
            search: search || undefined,
            kind,
            under: under && under.length > 0 ? under.join(',') : undefined,
            limit: 30,
          })
          .then((p) => p.items)
      }
      idOf={(l) => l.id}
      labelOf={(l) => l.name}
      describe={(l) => `${l.group_name} · ${drCr(l.balance)}`}
    />
  );
}
