import { JobRegistry } from './registry.ts';

/** Every job type of the platform. A feature adds its types here (email.send is the next one). */
export function platformJobTypes(): JobRegistry {
  return new JobRegistry();
}
