'use client';

import { Alert, Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { stockAdjustmentResultSchema, stockAdjustmentSchema } from '@tritiq/contracts';
import { useState } from 'react';
import type { z } from 'zod';
import { ApiError, apiSend, errorMessage } from '../masters/api';
import { apiFieldErrors, validateWith, type FieldErrors } from '../masters/form-errors';
import { quantity } from '../vouchers/format';

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
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setRefusal(null);
    const body = { product_id: target.productId, quantity_change: change.trim(), reason };
    const checked = validateWith(stockAdjustmentSchema, body);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      onDone(await apiSend('POST', '/stock/adjustments', stockAdjustmentResultSchema, body));
    } catch (err) {
      if (err instanceof ApiError) setErrors(apiFieldErrors(err.fieldErrors));
      setRefusal(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`Adjust stock: ${target.productName}`}>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="stock adjustment">
        <Stack gap="sm">
          <Text size="sm">
            On hand now:{' '}
            <strong>
              {quantity(target.quantity)} {target.unit}
            </strong>
          </Text>
          {refusal && (
            <Alert color="red" title="Refused" role="alert" data-testid="adjust-refusal">
              {refusal}
            </Alert>
          )}
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Adjust stock
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
