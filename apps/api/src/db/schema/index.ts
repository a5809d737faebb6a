export * from './accounts';
export * from './audit';
export * from './masters';
export * from './stock';
export * from './vouchers';
