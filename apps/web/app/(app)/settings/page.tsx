'use client';
import { CompanyProfile } from '@/features/settings/company-profile-form';
import { PageHeader } from '@/features/shell/page-header';
import { useCurrentUser } from '@/lib/session';

export default function CompanyProfilePage() {
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title="Company profile" description="Printed on your tax invoices; GSTIN and state decide CGST/SGST or IGST." />
      <CompanyProfile user={user} />
    </>
  );
}
