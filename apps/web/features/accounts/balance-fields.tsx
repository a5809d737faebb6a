'use client';

import { NativeSelect, TextInput } from '@mantine/core';

/** The side of a balance: debit (Dr) or credit (Cr). */
export type Side = 'debit' | 'credit';

const SIDES: { value: Side; label: string }[] = [
  { value: 'debit', label: 'Dr' },
  { value: 'credit', label: 'Cr' },
];

/** An amount, quantity or rate typed as a decimal (the opening balances page and the new-ledger form). */
export function DecimalInput({
  label,
  value,
  error,
  required,
  onChange,
}: {
  label: string;
  value: string;
  error?: string;
  required?: boolean;
  onChange: (v: string) => void;
}) {
  return (
    <TextInput
      label={label}
      required={required}
      inputMode="decimal"
      value={value}
      error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

/** Which side an opening balance is on, shown Dr / Cr. */
export function DrCrSelect({ value, error, onChange }: { value: Side; error?: string; onChange: (side: Side) => void }) {
  return (
    <NativeSelect label="Dr / Cr" data={SIDES} value={value} error={error} onChange={(e) => onChange(e.currentTarget.value as Side)} />
  );
}
