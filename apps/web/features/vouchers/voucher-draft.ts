import type { LineDraft } from './voucher-math';

/** A voucher in progress, kept in this browser (per user and type) until it is saved or discarded. */
export interface StoredDraft {
  savedAt: string;
  party: { id: string; name: string; state_code: string | null } | null;
  header: { date: string; notes: string; sendEmail: boolean; fields: Record<string, string> };
  lines: LineDraft[];
}

const keyOf = (userId: string, type: string) => `tritiq:voucher-draft:${userId}:${type}`;

export function readDraft(userId: string, type: string): StoredDraft | null {
  try {
    const text = window.localStorage.getItem(keyOf(userId, type));
    if (!text) return null;
    const draft = JSON.parse(text) as StoredDraft;
    return Array.isArray(draft.lines) && draft.header ? draft : null;
  } catch {
    return null;
  }
}

export function writeDraft(userId: string, type: string, draft: StoredDraft): void {
  try {
    window.localStorage.setItem(keyOf(userId, type), JSON.stringify(draft));
  } catch {
    // Storage full or refused (private mode): the leave prompt still guards the work.
  }
}

export function clearDraft(userId: string, type: string): void {
  try {
    window.localStorage.removeItem(keyOf(userId, type));
  } catch {
    // As above.
  }
}
