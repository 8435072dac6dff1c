/* rng.h - NumPy's legacy random generator: the Mersenne Twister (MT19937)
 * seeded and drawn from as NumPy 1.24 does, so np.random.seed(0) followed by
 * np.random.rand(3) gives NumPy's numbers.
 *
 * Each session has its own generator (rng_session), kept in an extension
 * slot of the session and freed with it: seeding in one session never
 * changes the numbers of another.
 */
#ifndef NNSH_RNG_H
#define NNSH_RNG_H

#include <stdbool.h>
#include <stdint.h>

#include "interp.h"

#define RNG_N 624 /* words of MT19937 state */

typedef struct Rng {
    uint32_t mt[RNG_N];
    int pos;           /* next word of mt to temper; > RNG_N: never seeded */
    bool gauss_cached; /* rng_normal makes values in pairs ... */
    double gauss_next; /* ... and keeps the second one here */
} Rng;

/* rng_init: a generator that has not been seeded: its first draw seeds it
 * from the clock and the process id (NumPy uses the system's entropy). */
void rng_init(Rng *r);

/* rng_is_seeded: has r been seeded, by rng_seed or by a first draw? */
bool rng_is_seeded(const Rng *r);

/* rng_seed: np.random.seed(seed): MT19937's reference initialisation from
 * one 32-bit word; forgets a cached normal value. */
void rng_seed(Rng *r, uint32_t seed);

/* rng_uniform: np.random.random_sample(): a double in [0, 1) made from 53
 * random bits (two 32-bit draws). */
double rng_uniform(Rng *r);

/* rng_normal: NumPy's legacy gauss: a standard normal value by the polar
 * Box-Muller method, which makes two values per accepted point. */
double rng_normal(Rng *r);

/* rng_session: the generator of session `in`, made unseeded on first use
 * and owned by the session. NULL only when out of memory. */
Rng *rng_session(Interp *in);

#endif
