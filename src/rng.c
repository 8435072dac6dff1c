/* rng.c - the Mersenne Twister (MT19937) with NumPy's legacy seeding and
 * draws, so np.random.seed(s) followed by rand/randn gives NumPy's numbers
 * (see ops.h). One global generator, like NumPy's module-level functions. */
#include "ops.h"

#include <math.h>
#include <time.h>
#include <unistd.h>

#define MT_N 624
#define MT_M 397

static uint32_t mt[MT_N];
static int mt_pos = MT_N + 1; /* > MT_N: not seeded yet */
static bool gauss_cached;     /* randn produces values in pairs */
static double gauss_next;

void rng_seed(uint32_t seed) {
    /* the reference initialisation of MT19937 from one 32-bit word */
    mt[0] = seed;
    for (int i = 1; i < MT_N; i++)
        mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    mt_pos = MT_N;
    gauss_cached = false;
}

/* Refill the whole state: the twist step of MT19937. */
static void twist(void) {
    for (int i = 0; i < MT_N; i++) {
        uint32_t y = (mt[i] & 0x80000000u) | (mt[(i + 1) % MT_N] & 0x7fffffffu);
        uint32_t v = mt[(i + MT_M) % MT_N] ^ (y >> 1);
        if (y & 1u) v ^= 0x9908b0dfu;
        mt[i] = v;
    }
    mt_pos = 0;
}

static uint32_t next_u32(void) {
    if (mt_pos > MT_N) /* never seeded: start from the clock, as NumPy uses OS entropy */
        rng_seed((uint32_t)time(NULL) ^ ((uint32_t)getpid() << 16));
    if (mt_pos >= MT_N) twist();
    uint32_t y = mt[mt_pos++];
    /* tempering */
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

double rng_uniform(void) {
    /* 53 random bits: 27 from the first word, 26 from the second */
    uint32_t hi = next_u32() >> 5, lo = next_u32() >> 6;
    return ((double)hi * 67108864.0 + (double)lo) / 9007199254740992.0;
}

double rng_normal(void) {
    if (gauss_cached) {
        gauss_cached = false;
        return gauss_next;
    }
    /* polar Box-Muller: a point uniform in the unit disc gives two normals;
     * the first is kept for the next call */
    double x1, x2, r2;
    do {
        x1 = 2.0 * rng_uniform() - 1.0;
        x2 = 2.0 * rng_uniform() - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = sqrt(-2.0 * log(r2) / r2);
    gauss_next = f * x1;
    gauss_cached = true;
    return f * x2;
}
