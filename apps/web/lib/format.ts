'use client';
import { formatIndianAmount, formatRupees, type organizationSettingsSchema } from '@tritiq/contracts';
import type { z } from 'zod';
import { useEffect, useState } from 'react';
import { apiJson } from './api-client';
import { DEFAULT_DATE_FORMAT, type DateFormat } from './dates';

export { DEFAULT_DATE_FORMAT, formatDate, formatDateTime, type DateFormat } from './dates';

/** ₹1,23,456.78 from the API's decimal strings (Indian grouping, from packages/contracts). */
export function rupees(amount: string | null | undefined): string {
  return amount == null || amount === '' ? '—' : formatRupees(amount);
}

/** 1,23,456.78 (no symbol), for table columns. */
export function amount(value: string | null | undefined): string {
  return value == null || value === '' ? '—' : formatIndianAmount(value);
}

/** A quantity in Indian grouping without needless trailing zeros: "2.500" -> "2.5", "1500.000" -> "1,500". */
export function quantity(value: string | null | undefined): string {
  return value == null || value === '' ? '—' : formatIndianAmount(value, { decimals: 3 }).replace(/\.?0+$/, '');
}

/** A rate or cost per unit (four decimals on the wire) in Indian grouping, at least two decimals: "150.3333", "150.50". */
export function unitRate(value: string | null | undefined): string {
  return value == null || value === '' ? '—' : formatIndianAmount(value, { decimals: 4 }).replace(/(\.\d\d\d*?)0+$/, '$1');
}

/** "1 voucher", "2 vouchers": a count with its noun (the plural is the noun plus "s" unless given). */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-IN')} ${n === 1 ? singular : plural}`;
}

/**
 * Rupees in the compact Indian form a chart axis has room for: ₹950, ₹12.5 K, ₹2.1 L (lakh),
 * ₹1.4 Cr (crore). Rounded to one decimal, trailing ".0" dropped.
 */
export function compactRupees(value: number): string {
  const sign = value < 0 ? '-' : '';
  const v = Math.abs(value);
  const [unit, size] = v >= 1e7 ? [' Cr', 1e7] : v >= 1e5 ? [' L', 1e5] : v >= 1e3 ? [' K', 1e3] : ['', 1];
  const shown = (Math.round((v / size) * 10) / 10).toFixed(1).replace(/\.0$/, '');
  return `${sign}₹${shown}${unit}`;
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
      apiJson<z.output<typeof organizationSettingsSchema>>('/organization/settings')
        .then((s) => setCachedDateFormat(organizationId, s.date_format))
        .catch(() => undefined);
    }
    return () => {
      subscribers.delete(setFormat);
    };
  }, [organizationId]);
  return format;
}
