import type { ReactNode } from 'react';

/**
 * Printing shows only the print area (an invoice, a statement): the app's frame is hidden by
 * visibility so that a page needs nothing from the shell's styles; `tritiq-no-print` hides a
 * page's own buttons and filters inside the area.
 */
const PRINT_CSS = `@media print {
  @page { size: A4; margin: 12mm; }
  body * { visibility: hidden !important; }
  .tritiq-print-area, .tritiq-print-area * { visibility: visible !important; }
  .tritiq-print-area { position: absolute; left: 0; top: 0; width: 100%; }
  .tritiq-print-area .tritiq-no-print { display: none !important; }
  .tritiq-print-area a { color: inherit !important; text-decoration: none !important; }
}`;

export function PrintStyle() {
  return <style>{PRINT_CSS}</style>;
}

export function PrintArea({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className="tritiq-print-area" data-testid={testId}>
      {children}
    </div>
  );
}
