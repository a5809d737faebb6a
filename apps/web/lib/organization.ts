'use client';

import type { organizationProfileSchema, organizationSettingsSchema } from '@tritiq/contracts';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { DEFAULT_DATE_FORMAT, type DateFormat } from '@/lib/dates';
import { apiJson } from '@/lib/api-client';

export type OrganizationProfile = z.output<typeof organizationProfileSchema>;
export type OrganizationSettings = z.output<typeof organizationSettingsSchema>;

export interface OrganizationContext {
  profile: OrganizationProfile | null;
  settings: OrganizationSettings | null;
  dateFormat: DateFormat;
  loading: boolean;
  error: string | null;
}

/** The organisation's profile (its GST state) and settings (date format), read once per page. */
export function useOrganization(): OrganizationContext {
  const [state, setState] = useState<OrganizationContext>({
    profile: null,
    settings: null,
    dateFormat: DEFAULT_DATE_FORMAT,
    loading: true,
    error: null,
  });
  useEffect(() => {
    let live = true;
    Promise.all([apiJson<OrganizationProfile>('/organization/profile'), apiJson<OrganizationSettings>('/organization/settings')])
      .then(([profile, settings]) => {
        if (live) setState({ profile, settings, dateFormat: settings.date_format, loading: false, error: null });
      })
      .catch((err: unknown) => {
        if (live) setState((s) => ({ ...s, loading: false, error: err instanceof Error ? err.message : String(err) }));
      });
    return () => {
      live = false;
    };
  }, []);
  return state;
}
