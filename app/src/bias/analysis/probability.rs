//! The few distributions the detectors test against, written out so the
//! analysis needs no statistics crate: the normal tail, the binomial tail
//! and the chi-squared lower tail.

/// P(Z ≥ z) for a standard normal Z.
pub fn normal_sf(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// Two-sided p-value of a z statistic.
pub fn two_sided(z: f64) -> f64 {
    (2.0 * normal_sf(z.abs())).min(1.0)
}

/// erfc by Numerical Recipes' Chebyshev fit (fractional error < 1.2e-7),
/// plenty for significance levels of 1e-4 and up.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

fn ln_gamma(x: f64) -> f64 {
    // Lanczos approximation (g = 7, n = 9).
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + 7.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// P(X ≥ k) for X ~ Binomial(n, p).
pub fn binomial_sf(k: usize, n: usize, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let ln_choose = |i: usize| ln_gamma(n as f64 + 1.0) - ln_gamma(i as f64 + 1.0) - ln_gamma((n - i) as f64 + 1.0);
    let total: f64 = (k..=n)
        .map(|i| (ln_choose(i) + i as f64 * p.ln() + (n - i) as f64 * (1.0 - p).ln()).exp())
        .sum();
    total.min(1.0)
}

/// P(X ≤ x) for X ~ chi-squared with `df` degrees of freedom: the
/// regularised lower incomplete gamma P(df/2, x/2), by its series (which
/// converges for every x, quickly for the small x the detectors ask about)
/// or its continued fraction for large x.
pub fn chi2_cdf(x: f64, df: usize) -> f64 {
    if x <= 0.0 || df == 0 {
        return 0.0;
    }
    let a = df as f64 / 2.0;
    let x = x / 2.0;
    let front = (a * x.ln() - x - ln_gamma(a)).exp();
    if x < a + 1.0 {
        let (mut term, mut sum, mut ap) = (1.0 / a, 1.0 / a, a);
        for _ in 0..500 {
            ap += 1.0;
            term *= x / ap;
            sum += term;
            if term.abs() < sum.abs() * 1e-14 {
                break;
            }
        }
        (sum * front).min(1.0)
    } else {
        // Lentz's continued fraction for the upper tail.
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..500 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < 1e-14 {
                break;
            }
        }
        (1.0 - front * h).clamp(0.0, 1.0)
    }
}

pub fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}

/// Sample variance (n − 1); 0 for fewer than two values.
pub fn variance(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let m = mean(xs);
    xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (xs.len() - 1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn tails_match_published_tables() {
        assert!(close(normal_sf(0.0), 0.5, 1e-7));
        assert!(close(normal_sf(1.959_964), 0.025, 1e-6));
        assert!(close(two_sided(-2.575_829), 0.01, 1e-6));
        assert!(close(normal_sf(-1.0), 0.841_344_7, 1e-6));
        // Binomial(10, 0.5): P(X ≥ 8) = 56/1024.
        assert!(close(binomial_sf(8, 10, 0.5), 56.0 / 1024.0, 1e-9));
        assert_eq!(binomial_sf(0, 10, 0.3), 1.0);
        assert_eq!(binomial_sf(11, 10, 0.3), 0.0);
        assert!(close(binomial_sf(10, 10, 0.1), 1e-10, 1e-15));
        // Chi-squared: the 5% points of 1, 9 and 30 degrees of freedom,
        // the 1% point of 9 (lower tail).
        assert!(close(chi2_cdf(3.841_459, 1), 0.95, 1e-6));
        assert!(close(chi2_cdf(16.918_98, 9), 0.95, 1e-6));
        assert!(close(chi2_cdf(43.772_97, 30), 0.95, 1e-6));
        assert!(close(chi2_cdf(2.087_901, 9), 0.01, 1e-6));
        assert_eq!(chi2_cdf(0.0, 4), 0.0);
    }

    #[test]
    fn mean_and_variance_of_short_lists() {
        assert_eq!(mean(&[]), 0.0);
        assert_eq!(variance(&[4.0]), 0.0);
        assert!(close(variance(&[1.0, 2.0, 3.0, 4.0]), 5.0 / 3.0, 1e-12));
    }
}
