'use client';

import { Alert, Autocomplete, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { GST_RATES, PRODUCT_UNITS, productCreateSchema, productSchema, productUpdateSchema } from '@tritiq/contracts';
import { useState } from 'react';
import type { z } from 'zod';
import { ApiError, apiSend, errorMessage } from './api';
import { apiFieldErrors, validateWith, type FieldErrors } from './form-errors';

export type Product = z.output<typeof productSchema>;

export const GST_RATE_OPTIONS = GST_RATES.map((r) => ({ value: r, label: `${r} %` }));

/** "18.00" -> "18" so it matches a GST_RATES option. */
export function rateOption(rate: string): string {
  return rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
}

interface Values {
  name: string;
  part_number: string;
  hsn_code: string;
  unit: string;
  unit_price: string;
  gst_rate: string;
  is_gst_inclusive: boolean;
  reorder_level: string;
  description: string;
}

function valuesOf(p: Product | null): Values {
  return {
    name: p?.name ?? '',
    part_number: p?.part_number ?? '',
    hsn_code: p?.hsn_code ?? '',
    unit: p?.unit ?? 'PCS',
    unit_price: p?.unit_price ?? '',
    gst_rate: p ? rateOption(p.gst_rate) : '18',
    is_gst_inclusive: p?.is_gst_inclusive ?? false,
    reorder_level: p ? p.reorder_level.replace(/\.?0+$/, '') || '0' : '0',
    description: p?.description ?? '',
  };
}

export function ProductForm({
  product,
  opened,
  onClose,
  onSaved,
}: {
  product: Product | null;
  opened: boolean;
  onClose: () => void;
  onSaved: (p: Product) => void;
}) {
  const [values, setValues] = useState<Values>(() => valuesOf(product));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field]: _drop, ...rest }) => rest);
  };
  const text = (field: Exclude<keyof Values, 'is_gst_inclusive'>) => ({
    value: values[field],
    error: errors[field],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(field, e.currentTarget.value),
  });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setRefusal(null);
    const checked = validateWith(product ? productUpdateSchema : productCreateSchema, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      const saved = product
        ? await apiSend('PUT', `/products/${product.id}`, productSchema, values)
        : await apiSend('POST', '/products', productSchema, values);
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError) setErrors(apiFieldErrors(err.fieldErrors));
      setRefusal(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={product ? `Edit product: ${product.name}` : 'New product'} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="product form">
        <Stack gap="sm">
          {refusal && (
            <Alert color="red" title="Not saved" role="alert" data-testid="form-refusal">
              {refusal}
            </Alert>
          )}
          <TextInput label="Name" required data-autofocus {...text('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Part number / SKU" {...text('part_number')} />
            <TextInput label="HSN/SAC code" inputMode="numeric" maxLength={8} {...text('hsn_code')} />
            <Autocomplete
              label="Unit"
              required
              data={[...PRODUCT_UNITS]}
              value={values.unit}
              error={errors.unit}
              onChange={(v) => set('unit', v)}
            />
            <TextInput label="Unit price (₹)" required inputMode="decimal" {...text('unit_price')} />
            <Select
              label="GST rate"
              data={GST_RATE_OPTIONS}
              value={values.gst_rate}
              error={errors.gst_rate}
              onChange={(v) => set('gst_rate', v ?? '0')}
              allowDeselect={false}
            />
            <TextInput label="Reorder level" inputMode="decimal" {...text('reorder_level')} />
          </SimpleGrid>
          <Checkbox
            label="Price includes GST"
            checked={values.is_gst_inclusive}
            onChange={(e) => set('is_gst_inclusive', e.currentTarget.checked)}
          />
          <Textarea label="Description" autosize minRows={2} {...text('description')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {product ? 'Save changes' : 'Add product'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
