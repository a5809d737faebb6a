export * from './accounts';
export * from './audit';
export * from './email';
export * from './limits';
export * from './masters';
export * from './stock';
export * from './two-factor';
export * from './vouchers';
