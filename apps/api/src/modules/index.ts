import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps';
import { registerAuthModule } from './auth';
import { registerSystemRoutes } from './system/system.routes';

export type ApiModule = (api: FastifyInstance, deps: AppDeps) => void | Promise<void>;

/** Every business module, mounted under /api/v1 in this order. */
export const apiModules: ApiModule[] = [registerSystemRoutes, registerAuthModule];
