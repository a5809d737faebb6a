'use client';

import { Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { stockAdjustmentResultSchema, stockAdjustmentSchema } from '@tritiq/contracts';
import { useState } from 'react';
import type { z } from 'zod';
import { validateWith, type FieldErrors } from '@/features/common/form-errors';
import { useSubmit } from '@/features/common/use-form-submit';
import { api } from '@/lib/api-client';
import { quantity } from '@/lib/format';
import { FormActions, FormAlert } from '@/features/common/form-alert';

export type StockAdjustment = z.output<typeof stockAdjustmentResultSchema>;

export interface AdjustTarget {
  productId: string;
  productName: string;
  unit: string;
  quantity: string;
}

/** A manual stock change with its reason (admins); the API's refusal of negative stock is shown. */
export function AdjustStockDialog({
  target,
  onClose,
  onDone,
}: {
  target: AdjustTarget;
  onClose: () => void;
  onDone: (r: StockAdjustment) => void;
}) {
  const [change, setChange] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const { run, busy, error: refusal } = useSubmit(setErrors);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body = { product_id: target.productId, quantity_change: change.trim(), reason };
    const checked = validateWith(stockAdjustmentSchema, body);
    void run(
      async () => {
        onDone(await api.post('/stock/adjustments', body, stockAdjustmentResultSchema));
      },
      checked.ok ? null : { errors: checked.errors },
    );
  };

  return (
    <Modal opened onClose={onClose} title={`Adjust stock: ${target.productName}`}>
      <form onSubmit={submit} noValidate aria-label="stock adjustment">
        <Stack gap="sm">
          <Text size="sm">
            On hand now:{' '}
            <strong>
              {quantity(target.quantity)} {target.unit}
            </strong>
          </Text>
          <FormAlert error={refusal} title="Refused" testId="adjust-refusal" />
          <TextInput
            label={`Quantity change (${target.unit})`}
            description="Positive adds stock, negative removes it, e.g. 5 or -2.5"
            inputMode="decimal"
            required
            data-autofocus
            value={change}
            error={errors.quantity_change}
            onChange={(e) => {
              setChange(e.currentTarget.value);
              setErrors(({ quantity_change: _d, ...rest }) => rest);
            }}
          />
          <Textarea
            label="Reason"
            required
            autosize
            minRows={2}
            value={reason}
            error={errors.reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setErrors(({ reason: _d, ...rest }) => rest);
            }}
          />
          <FormActions submitLabel="Adjust stock" busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
