'use client';

import { upiPaymentSchema, type VoucherTypeDefinition } from '@tritiq/contracts';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { amount } from '@/lib/format';

type UpiPayment = z.output<typeof upiPaymentSchema>;

/** The UPI QR the invoice's PDF carries (same link, drawn by the API), when there is something to pay. */
export function UpiPaymentQr({ def, voucherId, status }: { def: VoucherTypeDefinition; voucherId: string; status: string }) {
  const [payment, setPayment] = useState<UpiPayment | null>(null);
  useEffect(() => {
    if (!def.document?.upiQr) return;
    let live = true;
    api
      .get(`/vouchers/${def.type}/${voucherId}/upi-payment`, upiPaymentSchema)
      .then((p) => live && setPayment(p))
      .catch(() => live && setPayment(null));
    return () => {
      live = false;
    };
  }, [def, voucherId, status]);
  if (!payment?.qr_svg || !payment.amount) return null;
  return (
    <div data-testid="invoice-upi-qr" data-upi-uri={payment.uri ?? ''} style={{ textAlign: 'center', width: 120 }}>
      <div style={{ fontSize: 11, fontWeight: 600 }}>Scan to pay (UPI)</div>
      {/* SVG made by the API's qrcode library from the UPI link: markup of ours, not user input. */}
      <div style={{ width: 120, height: 120 }} dangerouslySetInnerHTML={{ __html: payment.qr_svg }} />
      <div style={{ fontSize: 11 }}>₹{amount(payment.amount)}</div>
    </div>
  );
}
