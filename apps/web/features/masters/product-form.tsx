'use client';

import { Autocomplete, Checkbox, Modal, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { PRODUCT_UNITS, productCreateSchema, productSchema, productUpdateSchema } from '@tritiq/contracts';
import { useState } from 'react';
import type { z } from 'zod';
import { validateWith, type FieldErrors } from '@/features/common/form-errors';
import { useSubmit } from '@/features/common/use-form-submit';
import { api } from '@/lib/api-client';
import { GST_RATE_OPTIONS, rateOption } from '@/lib/gst';
import { FormActions, FormAlert } from '@/features/common/form-alert';
import { CodeSelect } from '@/features/common/code-select';
import { confirmDiscard } from '@/features/common/use-leave-guard';

export type Product = z.output<typeof productSchema>;

interface Values {
  name: string;
  part_number: string;
  hsn_code: string;
  unit: string;
  purchase_price: string;
  sale_price: string;
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
    purchase_price: p?.purchase_price ?? '',
    sale_price: p?.sale_price ?? '',
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
  const { run, busy, error: refusal } = useSubmit(setErrors, (field) => field in values);

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field]: _drop, ...rest }) => rest);
  };
  const text = (field: Exclude<keyof Values, 'is_gst_inclusive'>) => ({
    value: values[field],
    error: errors[field],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(field, e.currentTarget.value),
  });

  const initial = useState(() => JSON.stringify(valuesOf(product)))[0];
  const close = () => {
    if (confirmDiscard(JSON.stringify(values) !== initial)) onClose();
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    // An empty purchase price on a new product takes the sale price (the API's rule); on an edit it stays as it was.
    const body = { ...values, purchase_price: values.purchase_price.trim() === '' ? undefined : values.purchase_price };
    const checked = validateWith(product ? productUpdateSchema : productCreateSchema, body);
    void run(
      async () => {
        const saved = product
          ? await api.put(`/products/${product.id}`, body, productSchema)
          : await api.post('/products', body, productSchema);
        onSaved(saved);
      },
      checked.ok ? null : { errors: checked.errors },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={product ? `Edit product: ${product.name}` : 'New product'} size="lg">
      <form onSubmit={submit} noValidate aria-label="product form">
        <Stack gap="sm">
          <FormAlert error={refusal} title="Not saved" />
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
            <TextInput label="Sale price (₹)" required inputMode="decimal" {...text('sale_price')} />
            <TextInput label="Purchase price (₹)" inputMode="decimal" placeholder="Same as the sale price" {...text('purchase_price')} />
            <CodeSelect
              label="GST rate"
              noun="GST rate"
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
          <FormActions submitLabel={product ? 'Save changes' : 'Add product'} busy={busy} onCancel={close} />
        </Stack>
      </form>
    </Modal>
  );
}
