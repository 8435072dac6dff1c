/* rng.c - the Mersenne Twister (MT19937) with NumPy's legacy seeding and
 * draws (see rng.h). The state is a plain struct; each session owns one. */
#include "rng.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define MT_M 397

void rng_init(Rng *r) {
    r->pos = RNG_N + 1;
    r->gauss_cached = false;
    r->gauss_next = 0;
}

bool rng_is_seeded(const Rng *r) {
    return r->pos <= RNG_N;
}

void rng_seed(Rng *r, uint32_t seed) {
    /* the reference initialisation of MT19937 from one 32-bit word */
    uint32_t *mt = r->mt;
    mt[0] = seed;
    for (int i = 1; i < RNG_N; i++)
        mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    r->pos = RNG_N;
    r->gauss_cached = false;
}

/* Refill the whole state: the twist step of MT19937. */
static void twist(Rng *r) {
    uint32_t *mt = r->mt;
    for (int i = 0; i < RNG_N; i++) {
        uint32_t y = (mt[i] & 0x80000000u) | (mt[(i + 1) % RNG_N] & 0x7fffffffu);
        uint32_t v = mt[(i + MT_M) % RNG_N] ^ (y >> 1);
        if (y & 1u) v ^= 0x9908b0dfu;
        mt[i] = v;
    }
    r->pos = 0;
}

static uint32_t next_u32(Rng *r) {
    if (!rng_is_seeded(r)) /* start from the clock, as NumPy uses OS entropy */
        rng_seed(r, (uint32_t)time(NULL) ^ ((uint32_t)getpid() << 16));
    if (r->pos >= RNG_N) twist(r);
    uint32_t y = r->mt[r->pos++];
    /* tempering */
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

double rng_uniform(Rng *r) {
    /* 53 random bits: 27 from the first word, 26 from the second */
    uint32_t hi = next_u32(r) >> 5, lo = next_u32(r) >> 6;
    return ((double)hi * 67108864.0 + (double)lo) / 9007199254740992.0;
}

double rng_normal(Rng *r) {
    if (r->gauss_cached) {
        r->gauss_cached = false;
        return r->gauss_next;
    }
    /* polar Box-Muller: a point uniform in the unit disc gives two normals;
     * the first is kept for the next call */
    double x1, x2, r2;
    do {
        x1 = 2.0 * rng_uniform(r) - 1.0;
        x2 = 2.0 * rng_uniform(r) - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = sqrt(-2.0 * log(r2) / r2);
    r->gauss_next = f * x1;
    r->gauss_cached = true;
    return f * x2;
}

/* --- the session's generator ----------------------------------------------- */

static const InterpSlotKey kRngKey = {"rng", NULL}; /* a plain free() */

Rng *rng_session(Interp *in) {
    Rng *r = interp_slot(in, &kRngKey);
    if (r) return r;
    if (!(r = malloc(sizeof *r))) return NULL;
    rng_init(r);
    return interp_set_slot(in, &kRngKey, r) ? r : NULL;
}
