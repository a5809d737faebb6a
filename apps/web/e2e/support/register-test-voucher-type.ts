/**
 * Loaded into the browser tests' API process with `--import` (support/global-setup.ts), before the
 * API is built: it registers a voucher type that exists only in tests, so the browser tests can
 * show that the web app learns its voucher types from the API (navigation, list and form pages)
 * with no code of its own for it. Nothing in the product imports this file.
 */
import { registerVoucherType } from '@tritiq/contracts';
import { TEST_SALES_ORDER } from '../../../../packages/contracts/test/test-voucher-type';

registerVoucherType(TEST_SALES_ORDER);
