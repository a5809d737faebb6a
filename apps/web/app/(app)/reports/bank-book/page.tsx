import { BankBooksPage } from '@/features/reports/bank-books';

export default function Page() {
  return <BankBooksPage />;
}
