export * from './errors';
export * from './health';
export * from './case';
export * from './roles';
export * from './auth';
export * from './email';
export * from './validation';
