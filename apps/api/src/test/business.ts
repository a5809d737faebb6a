import { randomBytes } from 'node:crypto';
import { gstinCheckCharacter } from '@tritiq/contracts';
import type { TestApp } from './harness';
import { bearer } from './factories';

/** Masters and vouchers made through the real API, for tests of the business routes. */

export function uniqueName(prefix: string): string {
  return `${prefix} ${randomBytes(4).toString('hex')}`;
}

/** A valid GSTIN for a state and PAN (the check character computed by the validator under test elsewhere). */
export function gstinFor(stateCode: string, pan = 'AAPFU0939F', entity = '1'): string {
  const first14 = `${stateCode}${pan}${entity}Z`;
  return `${first14}${gstinCheckCharacter(first14)}`;
}

type Json = Record<string, unknown>;

async function post(t: TestApp, token: string, url: string, payload: Json, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'POST', url, headers: { ...bearer(token), ...headers }, payload });
  if (res.statusCode >= 300) throw new Error(`POST ${url} answered ${res.statusCode}: ${res.body}`);
  return res.json() as Json & { id: string };
}

export function createCustomer(t: TestApp, token: string, overrides: Json = {}) {
  return post(t, token, '/api/v1/customers', { name: uniqueName('Customer'), state_code: '27', email: 'buyer@example.test', ...overrides });
}

export function createVendor(t: TestApp, token: string, overrides: Json = {}) {
  return post(t, token, '/api/v1/vendors', { name: uniqueName('Vendor'), state_code: '27', ...overrides });
}

export function createProduct(t: TestApp, token: string, overrides: Json = {}) {
  return post(t, token, '/api/v1/products', {
    name: uniqueName('Product'),
    unit: 'PCS',
    unit_price: '100.00',
    gst_rate: '18',
    ...overrides,
  });
}

export function adjustStock(t: TestApp, adminToken: string, productId: string, quantityChange: string, reason = 'Opening stock') {
  return post(t, adminToken, '/api/v1/stock/adjustments', { product_id: productId, quantity_change: quantityChange, reason });
}

export function postVoucher(t: TestApp, token: string, type: string, payload: Json, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: `/api/v1/vouchers/${type}`, headers: { ...bearer(token), ...headers }, payload });
}

export async function stockOf(t: TestApp, token: string, productId: string): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/products/${productId}`, headers: bearer(token) });
  return (res.json() as { quantity_on_hand: string }).quantity_on_hand;
}

/** `call('PUT', '/vendors/…', token, body)` against /api/v1. */
export function apiCaller(t: TestApp) {
  return (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });
}
