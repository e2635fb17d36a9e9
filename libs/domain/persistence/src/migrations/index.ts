// Every migration class, oldest first. An explicit list instead of a glob so
// the apps' webpack bundles carry them. Written by `npm run db:migration:generate`.
import { CreateInitialSchema1796360696886 } from './1796360696886-CreateInitialSchema.js';

export const MIGRATIONS = [CreateInitialSchema1796360696886];
