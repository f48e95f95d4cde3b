/**
 * Password hashes at argon2id's least cost: a hash or check costs about a millisecond instead of
 * the default's hundred-odd (four threads on these two cores), hundreds of times per suite. The
 * rules around passwords are the same; only the work factor of new hashes differs.
 */
export const CHEAP_HASHES = {
  PASSWORD_HASH_MEMORY_KIB: '1024',
  PASSWORD_HASH_TIME_COST: '1',
  PASSWORD_HASH_PARALLELISM: '1',
};
