'use client';
import { camelizeKeys, type VoucherTypeDefinition, type voucherTypeListSchema } from '@tritiq/contracts';
import type { z } from 'zod';
import { createContext, useContext, type ReactNode } from 'react';
import { apiJson } from './api-client';
import { useApi, type Loadable } from './use-api';

/**
 * The voucher types the API serves (`GET /api/v1/voucher-types`): the navigation, the access table
 * and the `vouchers/[type]` pages are built from them, so a type the API registers appears here
 * with no change to the web app. Loaded once per signed-in organisation user.
 */

export async function loadVoucherTypes(signal?: AbortSignal): Promise<VoucherTypeDefinition[]> {
  const list = await apiJson<z.output<typeof voucherTypeListSchema>>('/voucher-types', { signal });
  // The pages trust a definition's parts to fit together: the API registers a type only after
  // `voucherTypeDefinitionSchema` accepts it (registry.ts) and serves it through the wire schema.
  return list.items.map((item) => camelizeKeys(item) as unknown as VoucherTypeDefinition);
}

const VoucherTypesContext = createContext<(Loadable<VoucherTypeDefinition[]> & { reload: () => void }) | null>(null);

export function VoucherTypesProvider({ children }: { children: ReactNode }) {
  const types = useApi((signal) => loadVoucherTypes(signal), []);
  return <VoucherTypesContext.Provider value={types}>{children}</VoucherTypesContext.Provider>;
}

/** The types as loaded by the provider (the (app) layout waits for them before rendering a page). */
export function useVoucherTypes(): readonly VoucherTypeDefinition[] {
  const types = useContext(VoucherTypesContext);
  return types?.status === 'ready' ? types.data : [];
}

export function useVoucherTypesState() {
  return useContext(VoucherTypesContext);
}

/** The type a route segment names, or null (the page answers "not found"). */
export function useVoucherType(segment: string): VoucherTypeDefinition | null {
  return useVoucherTypes().find((d) => d.type === segment) ?? null;
}
