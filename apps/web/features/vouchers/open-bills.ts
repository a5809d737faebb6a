import { partyBillsSchema, partyStatementSchema } from '@tritiq/contracts';
import { api, ApiError } from '@/lib/api-client';

/** A party's open bill as the allocation grid needs it. */
export interface OpenBill {
  id: string;
  ref: string;
  date: string;
  dueDate: string;
  amount: string;
  outstanding: string;
  overdue: boolean;
}

/**
 * The party's open bills, oldest first (the order they are usually settled in):
 * `GET /parties/{id}/bills?status=open`, else (an API without that route) the open bills of the
 * party's statement of account, which lists the same bills the allocation API accepts.
 */
export async function loadOpenBills(partyId: string, signal?: AbortSignal): Promise<OpenBill[]> {
  let bills: OpenBill[];
  try {
    const page = await api.get(`/parties/${partyId}/bills`, partyBillsSchema, { status: 'open', limit: 200 }, signal);
    bills = page.items.map((b) => ({
      id: b.id,
      ref: b.voucher_number ?? b.ref,
      date: b.date,
      dueDate: b.due_date,
      amount: b.amount,
      outstanding: b.outstanding,
      overdue: b.overdue,
    }));
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 404)) throw err;
    const statement = await api.get(`/parties/${partyId}/statement`, partyStatementSchema, {}, signal);
    bills = statement.open_bills.map((b) => ({
      id: b.id,
      ref: b.ref,
      date: b.bill_date,
      dueDate: b.due_date,
      amount: b.amount,
      outstanding: b.outstanding,
      overdue: b.days_overdue > 0,
    }));
  }
  return bills
    .filter((b) => Number(b.outstanding) > 0)
    .sort((a, b) => a.date.localeCompare(b.date) || a.ref.localeCompare(b.ref, 'en', { numeric: true }));
}
