export * from './gstin';
export * from './pan';
export * from './pin-code';
export * from './state-codes';
export * from './password';
export * from './schemas';
export * from './hsn';
export * from './messages';
