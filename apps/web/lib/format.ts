'use client';
import { formatIndianAmount, formatRupees, organizationSettingsSchema, type DATE_FORMATS } from '@tritiq/contracts';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { apiRequest } from './api-client';

export type DateFormat = (typeof DATE_FORMATS)[number];
export const DEFAULT_DATE_FORMAT: DateFormat = 'DD/MM/YYYY';

/** ₹1,23,456.78 from the API's decimal strings (Indian grouping, from packages/contracts). */
export function rupees(amount: string | null | undefined): string {
  return amount == null || amount === '' ? '—' : formatRupees(amount);
}

export function quantity(value: string | null | undefined): string {
  return value == null || value === '' ? '—' : formatIndianAmount(value, { decimals: 3 }).replace(/\.?0+$/, '');
}

/** A calendar date (YYYY-MM-DD) or a timestamp, in the organisation's date format. */
export function formatDate(value: string | Date | null | undefined, format: DateFormat = DEFAULT_DATE_FORMAT): string {
  if (!value) return '—';
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayjs(value, 'YYYY-MM-DD') : dayjs(value);
  return d.isValid() ? d.format(format) : '—';
}

export function formatDateTime(value: string | Date | null | undefined, format: DateFormat = DEFAULT_DATE_FORMAT): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format(`${format} HH:mm`) : '—';
}

let cached: { orgId: string; format: DateFormat } | null = null;
const subscribers = new Set<(f: DateFormat) => void>();

/** Called by the preferences page after a change so every mounted page re-renders its dates. */
export function setCachedDateFormat(orgId: string, format: DateFormat): void {
  cached = { orgId, format };
  for (const s of subscribers) s(format);
}

/**
 * The organisation's date format (Settings → Preferences), read once per organisation and shared.
 * The super admin (no organisation) gets the default.
 */
export function useDateFormat(organizationId: string | null): DateFormat {
  const [format, setFormat] = useState<DateFormat>(cached && cached.orgId === organizationId ? cached.format : DEFAULT_DATE_FORMAT);
  useEffect(() => {
    subscribers.add(setFormat);
    if (organizationId && cached?.orgId !== organizationId) {
      apiRequest('/organization/settings', { schema: organizationSettingsSchema })
        .then((s) => setCachedDateFormat(organizationId, s.date_format))
        .catch(() => undefined);
    }
    return () => {
      subscribers.delete(setFormat);
    };
  }, [organizationId]);
  return format;
}
