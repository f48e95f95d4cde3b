/** The postbacks' job names, apart from their definitions so enqueuing code need not load them. */
export const DELIVER_JOB = 'postbacks.deliver';
export const SWEEP_JOB = 'postbacks.sweep';
export const CLEANUP_JOB = 'postbacks.cleanup';
export const MAX_IDS_PER_JOB = 2000;
