export * from './accounts';
export * from './audit';
export * from './email';
export * from './masters';
export * from './stock';
export * from './vouchers';
