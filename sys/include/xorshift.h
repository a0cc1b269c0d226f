/*
 * The random numbers of the tests and fuzzers: xorshift64 (Marsaglia,
 * "Xorshift RNGs", 2003), small and the same from the same seed on
 * every run and every machine, so that a failure found with a seed
 * comes back with it. *state must start non-zero; it never becomes 0.
 */
static inline u64int
xorshift(u64int *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}
