'use client';
import { DataExportPage } from '@/features/data-export/data-export-page';
import { PageHeader } from '@/features/shell/page-header';

export default function YourDataPage() {
  return (
    <>
      <PageHeader title="Your data" description="Download the organisation's data: everything as CSV files, or the books as Tally XML." />
      <DataExportPage />
    </>
  );
}
