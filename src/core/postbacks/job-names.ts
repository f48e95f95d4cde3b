/** The postbacks' job names, apart from their definitions so enqueuing code need not load them. */
export const DELIVER_JOB = 'postbacks.deliver';
export const SWEEP_JOB = 'postbacks.sweep';
export const CLEANUP_JOB = 'postbacks.cleanup';
/** The most deliveries one job may carry (and one sweep round claims). */
export const MAX_IDS_PER_JOB = 2000;
/**
 * Deliveries per job as they are enqueued: a batch's deliveries are shared by several workers at
 * once, each claiming, sending and recording its own part.
 */
export const IDS_PER_JOB = 250;
