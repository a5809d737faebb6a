import { GstReturnsPage } from '@/features/gst-returns/gst-returns-page';

export default function GstReturns() {
  return <GstReturnsPage />;
}
