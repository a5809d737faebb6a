import { z } from 'zod';
import { dateField } from './fields';

/** The Tally export's period (README "Tally export"): vouchers dated from `from` to `to`, both included. */
export const tallyExportQuery = z
  .object({
    from: dateField.meta({ description: 'First voucher date (yyyy-mm-dd)' }),
    to: dateField.meta({ description: 'Last voucher date (yyyy-mm-dd), on or after from' }),
  })
  .refine((q) => q.to >= q.from, { path: ['to'], message: 'must be on or after from' });
