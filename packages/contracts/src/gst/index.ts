export * from './compute';
export * from './numbering';
export * from './place-of-supply';
export * from './rates';
export * from './filed-periods';
