import { GST_STATE_CODES } from '@tritiq/contracts';

/** The GST state codes as picker options: "27 - Maharashtra". */
export const STATE_OPTIONS = Object.entries(GST_STATE_CODES).map(([code, name]) => ({ value: code, label: `${code} - ${name}` }));

export function stateLabel(code: string | null | undefined): string {
  if (!code) return '';
  const name = (GST_STATE_CODES as Record<string, string>)[code];
  return name ? `${name} (${code})` : code;
}
