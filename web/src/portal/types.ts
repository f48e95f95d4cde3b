import type { components, paths } from '../api/schema.d.ts';
import type { Json } from '../api/types.ts';

/** Names for the partner API's generated types. */
export type TeamMember = components['schemas']['TeamMember'];
export type PartnerSession = components['schemas']['PartnerSession'];
export type PartnerMe = Json<paths['/api/partner/v1/auth/me']['get']['responses'][200]>;
export type PartnerProfile = Json<paths['/api/partner/v1/profile']['get']['responses'][200]>;
